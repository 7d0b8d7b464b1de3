Profile: SRHProvenance
Parent: Provenance
Id: srh-provenance
Title: "SRH change record"
Description: "Who changed the client's record, when and how: one per change an SRH application saves, written in the same transaction as the change. Its targets are every resource written and the client's Patient (which puts the record in the client's compartment, so an app with patient scopes may write and read it)."
* obeys srh-prov-1 and srh-prov-2
* target MS
* target ^short = "The resources written by the change, and the client's Patient"
* recorded MS
* reason MS
* reason ^short = "Why, in the user's words (reason.text)"
* activity 1..1 MS
* activity ^short = "What the change did, as an HL7 v3 DataOperation: CREATE, UPDATE, NULLIFY (entered by mistake), DELETE"
* agent MS
* agent.type MS
* agent.who MS
* agent.who only Reference(Practitioner or PractitionerRole or Patient or RelatedPerson)
* agent.who ^short = "The signed-in user who made the change (the launch's fhirUser)"
