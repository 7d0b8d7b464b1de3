// One ValueSet per own CodeSystem, with the same id, for every binding.

RuleSet: WholeSystem(id, system)
* ^url = "https://srh-fhir.github.io/fhir/ValueSet/{id}"
* ^status = #active
* ^experimental = false
* include codes from system {system}

ValueSet: SRHCoreActionVS
Id: srh-core-action
Title: "SRH core actions"
Description: "The four core actions: verbinden, verstaan, verzekeren, versterken."
* insert WholeSystem(srh-core-action, $SRHCoreAction)

ValueSet: SRHBasicNeedVS
Id: srh-basic-need
Title: "SRH basic needs"
Description: "The basic needs a social network meets."
* insert WholeSystem(srh-basic-need, $SRHNeed)

ValueSet: SRHNeedFulfilmentVS
Id: srh-need-fulfilment
Title: "SRH need fulfilment"
Description: "How well a basic need is met, from not met to fully met."
* insert WholeSystem(srh-need-fulfilment, $SRHNeedFulfilment)

ValueSet: SRHNetworkSectorVS
Id: srh-network-sector
Title: "SRH network sectors"
Description: "The sectors of the network map."
* insert WholeSystem(srh-network-sector, $SRHSector)

ValueSet: SRHSupportTypeVS
Id: srh-support-type
Title: "SRH support types"
Description: "Kinds of support a network member gives."
* insert WholeSystem(srh-support-type, $SRHSupport)

ValueSet: SRHClosenessVS
Id: srh-closeness
Title: "SRH closeness"
Description: "How close the client feels to a network member."
* insert WholeSystem(srh-closeness, $SRHCloseness)

ValueSet: SRHContactFrequencyVS
Id: srh-contact-frequency
Title: "SRH contact frequency"
Description: "How often client and network member are in contact."
* insert WholeSystem(srh-contact-frequency, $SRHFrequency)

ValueSet: SRHReciprocityVS
Id: srh-reciprocity
Title: "SRH reciprocity"
Description: "Who gives and who receives in a tie."
* insert WholeSystem(srh-reciprocity, $SRHReciprocity)

ValueSet: SRHValenceVS
Id: srh-valence
Title: "SRH valence"
Description: "Whether a tie is supportive, ambivalent or straining."
* insert WholeSystem(srh-valence, $SRHValence)

ValueSet: SRHObservationVS
Id: srh-observation
Title: "SRH observation codes"
Description: "Codes for tie assessments, relationship ratings and their components."
* insert WholeSystem(srh-observation, $SRHObservation)

ValueSet: SRHTeamRoleVS
Id: srh-team-role
Title: "SRH social system roles"
Description: "Roles in a client's social system."
* insert WholeSystem(srh-team-role, $SRHTeamRole)

ValueSet: SRHInvolvementActionVS
Id: srh-involvement-action
Title: "SRH involvement actions"
Description: "What an involved network member may do."
* insert WholeSystem(srh-involvement-action, $SRHInvolvement)

ValueSet: SRHProvenanceActivityVS
Id: srh-provenance-activity
Title: "SRH recorded activities"
Description: "What an SRH record of an act says was done."
* insert WholeSystem(srh-provenance-activity, $SRHProvenanceActivity)

ValueSet: SRHUnderstandingKindVS
Id: srh-understanding-kind
Title: "SRH understanding kinds"
Description: "What an entry of verstaan is about: what matters, a strength, what stands in the way, a life event."
* insert WholeSystem(srh-understanding-kind, $SRHUnderstandingKind)

ValueSet: SRHContactKindVS
Id: srh-contact-kind
Title: "SRH contact kinds"
Description: "What kind of contact a contact moment was: face to face, home visit, phone, video call."
* insert WholeSystem(srh-contact-kind, $SRHContactKind)

ValueSet: SRHInstrumentVS
Id: srh-instrument
Title: "SRH outcome instruments"
Description: "The instruments whose total score is recorded as an outcome score."
* insert WholeSystem(srh-instrument, $SRHInstrument)
