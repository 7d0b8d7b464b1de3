// Canonical URLs used throughout the FSH source.
Alias: $SRHCoreAction = https://srh-fhir.github.io/fhir/CodeSystem/srh-core-action
Alias: $SRHNeed = https://srh-fhir.github.io/fhir/CodeSystem/srh-basic-need
Alias: $SRHNeedFulfilment = https://srh-fhir.github.io/fhir/CodeSystem/srh-need-fulfilment
Alias: $SRHSector = https://srh-fhir.github.io/fhir/CodeSystem/srh-network-sector
Alias: $SRHSupport = https://srh-fhir.github.io/fhir/CodeSystem/srh-support-type
Alias: $SRHCloseness = https://srh-fhir.github.io/fhir/CodeSystem/srh-closeness
Alias: $SRHFrequency = https://srh-fhir.github.io/fhir/CodeSystem/srh-contact-frequency
Alias: $SRHReciprocity = https://srh-fhir.github.io/fhir/CodeSystem/srh-reciprocity
Alias: $SRHValence = https://srh-fhir.github.io/fhir/CodeSystem/srh-valence
Alias: $SRHObservation = https://srh-fhir.github.io/fhir/CodeSystem/srh-observation
Alias: $SRHCategory = https://srh-fhir.github.io/fhir/CodeSystem/srh-category
Alias: $SRHTeamRole = https://srh-fhir.github.io/fhir/CodeSystem/srh-team-role
Alias: $SRHInvolvement = https://srh-fhir.github.io/fhir/CodeSystem/srh-involvement-action
Alias: $SRHProvenanceActivity = https://srh-fhir.github.io/fhir/CodeSystem/srh-provenance-activity
Alias: $SRHUnderstandingKind = https://srh-fhir.github.io/fhir/CodeSystem/srh-understanding-kind

Alias: $ObsCategory = http://terminology.hl7.org/CodeSystem/observation-category
Alias: $RoleCode = http://terminology.hl7.org/CodeSystem/v3-RoleCode
Alias: $ParticipationType = http://terminology.hl7.org/CodeSystem/v3-ParticipationType
Alias: $ActCode = http://terminology.hl7.org/CodeSystem/v3-ActCode
Alias: $ActReason = http://terminology.hl7.org/CodeSystem/v3-ActReason
Alias: $ConsentScope = http://terminology.hl7.org/CodeSystem/consentscope
Alias: $LOINC = http://loinc.org
Alias: $SCT = http://snomed.info/sct
Alias: $UCUM = http://unitsofmeasure.org
Alias: $DataOperation = http://terminology.hl7.org/CodeSystem/v3-DataOperation
Alias: $ProvenanceParticipantType = http://terminology.hl7.org/CodeSystem/provenance-participant-type
