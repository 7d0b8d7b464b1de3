Profile: SRHPlanAgreement
Parent: Provenance
Id: srh-plan-agreement
Title: "SRH plan agreement"
Description: "The client and the professional discussed one version of the support plan and agreed on it: which version (a version-specific CarePlan reference, with the version of each of its goals), when, the client and the professional who records it. Its targets include the client's Patient (the client's compartment, as for the change record). Additive: a later agreement records a later version; none is ever changed."
* obeys srh-prov-1 and srh-agr-1 and srh-agr-2
* target MS
* target ^short = "The agreed version of the plan (CarePlan/id/_history/n), of each of its goals, and the client's Patient"
* recorded MS
* recorded ^short = "When the plan was agreed"
* activity 1..1 MS
* activity = $SRHProvenanceActivity#plan-agreed
* activity ^short = "Plan discussed and agreed with the client"
* agent MS
* agent.type MS
* agent.who MS
* agent.who only Reference(Patient or Practitioner or PractitionerRole)
* agent.who ^short = "The client (type performer: they agreed) and the professional who records it (type author)"
