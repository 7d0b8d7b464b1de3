// What the srh-fhir library and SMART app need from a FHIR server (kind = requirements, mode = client).

RuleSet: ClientResource(type, profile)
* rest[0].resource[+].type = #{type}
* rest[0].resource[=].supportedProfile[0] = Canonical({profile})
* rest[0].resource[=].interaction[0].code = #read
* rest[0].resource[=].interaction[+].code = #vread
* rest[0].resource[=].interaction[+].code = #search-type
* rest[0].resource[=].interaction[+].code = #create
* rest[0].resource[=].interaction[+].code = #update
* rest[0].resource[=].interaction[+].code = #history-instance
* rest[0].resource[=].versioning = #versioned-update
* rest[0].resource[=].conditionalCreate = true
* rest[0].resource[=].searchParam[0].name = "patient"
* rest[0].resource[=].searchParam[0].type = #reference
* rest[0].resource[=].searchParam[0].documentation = "All resources of one client."

Instance: srh-client
InstanceOf: CapabilityStatement
Usage: #definition
Title: "SRH client requirements"
Description: "What the srh-fhir library and the SMART app need from a FHIR R4 server: read and write the SRH resources of one client with version-aware updates, load a client's whole picture in one or two round trips (batch or _revinclude), and save a plan as one transaction."
* url = "https://srh-fhir.github.io/fhir/CapabilityStatement/srh-client"
* name = "SRHClientRequirements"
* title = "SRH client requirements"
* status = #active
* experimental = false
* date = "2026-11-28"
* publisher = "srh-fhir project"
* kind = #requirements
* fhirVersion = #4.0.1
* format[0] = #json
* implementationGuide = "https://srh-fhir.github.io/fhir/ImplementationGuide/srh.fhir.r4"
* rest[0].mode = #client
* rest[0].documentation = "Writes of a support plan with its goals and new network members are sent as one transaction Bundle; updates carry If-Match so a plan changed by someone else is a conflict, not an overwrite."
* rest[0].security.service = http://terminology.hl7.org/CodeSystem/restful-security-service#SMART-on-FHIR
* rest[0].security.description = "SMART App Launch 2.x (EHR and standalone launch, PKCE S256) for the app; SMART Backend Services for batch integrations."
* rest[0].interaction[0].code = #transaction
* rest[0].interaction[+].code = #batch
* rest[0].resource[0].type = #Patient
* rest[0].resource[0].interaction[0].code = #read
* insert ClientResource(RelatedPerson, SRHNetworkMember)
* rest[0].resource[=].searchInclude[0] = "RelatedPerson:patient"
* rest[0].resource[=].searchRevInclude[0] = "Observation:focus"
* rest[0].resource[=].searchRevInclude[+] = "Consent:actor"
* rest[0].resource[=].searchParam[+].name = "active"
* rest[0].resource[=].searchParam[=].type = #token
* insert ClientResource(Observation, SRHTieAssessment)
* rest[0].resource[=].supportedProfile[+] = Canonical(SRHRelationshipRating)
* rest[0].resource[=].supportedProfile[+] = Canonical(SRHUnderstanding)
* rest[0].resource[=].supportedProfile[+] = Canonical(SRHNeedAssessment)
* rest[0].resource[=].supportedProfile[+] = Canonical(SRHRelationshipReflection)
* rest[0].resource[=].supportedProfile[+] = Canonical(SRHOutcomeScore)
* rest[0].resource[=].searchParam[+].name = "code"
* rest[0].resource[=].searchParam[=].type = #token
* rest[0].resource[=].searchParam[+].name = "focus"
* rest[0].resource[=].searchParam[=].type = #reference
* rest[0].resource[=].searchParam[+].name = "date"
* rest[0].resource[=].searchParam[=].type = #date
* insert ClientResource(CarePlan, SRHSupportPlan)
* rest[0].resource[=].searchInclude[0] = "CarePlan:goal"
* rest[0].resource[=].searchInclude[+] = "CarePlan:care-team"
* rest[0].resource[=].searchParam[+].name = "category"
* rest[0].resource[=].searchParam[=].type = #token
* rest[0].resource[=].searchParam[+].name = "status"
* rest[0].resource[=].searchParam[=].type = #token
* insert ClientResource(Goal, SRHGoal)
* insert ClientResource(CareTeam, SRHSocialSystem)
* insert ClientResource(Consent, SRHInvolvementConsent)
* rest[0].resource[=].searchParam[+].name = "actor"
* rest[0].resource[=].searchParam[=].type = #reference
* insert ClientResource(Encounter, SRHContactMoment)
* rest[0].resource[=].documentation = "Contact moments: every Encounter of the client is read as one, whatever its profile (a launch that may not read Encounter is told it cannot see them); the app creates an srh-contact-moment where the EHR holds none."
* rest[0].resource[=].searchParam[+].name = "date"
* rest[0].resource[=].searchParam[=].type = #date
* insert ClientResource(Appointment, SRHNetworkMeeting)
* rest[0].resource[=].documentation = "A network meeting as planned: created with its change record in one transaction; once held, updated to fulfilled in the transaction that records it."
* rest[0].resource[=].searchParam[+].name = "service-type"
* rest[0].resource[=].searchParam[=].type = #token
* insert ClientResource(Encounter, SRHNetworkMeetingRecord)
* rest[0].resource[=].documentation = "A network meeting as held: created in one transaction with the support plan's new activities (which point at it) and the fulfilled Appointment."
* rest[0].resource[=].searchParam[+].name = "type"
* rest[0].resource[=].searchParam[=].type = #token
* rest[0].resource[+].type = #Provenance
* rest[0].resource[=].supportedProfile[0] = Canonical(SRHProvenance)
* rest[0].resource[=].supportedProfile[1] = Canonical(SRHPlanAgreement)
* rest[0].resource[=].documentation = "One change record per change, created in the change's transaction; a plan agreement when the client agreed a version of the plan (created on its own). Both found from the Patient with _revinclude=Provenance:target (or by target in a batch)."
* rest[0].resource[=].interaction[0].code = #read
* rest[0].resource[=].interaction[+].code = #search-type
* rest[0].resource[=].interaction[+].code = #create
* rest[0].resource[=].searchParam[0].name = "target"
* rest[0].resource[=].searchParam[0].type = #reference
* rest[0].resource[=].searchParam[0].documentation = "The change records of one client (their Patient is a target)."
* rest[0].resource[+].type = #Practitioner
* rest[0].resource[=].interaction[0].code = #read
