RuleSet: CodedComponent(slice, code, valueSet)
* component[{slice}].code = $SRHObservation#{code}
* component[{slice}].value[x] only CodeableConcept
* component[{slice}].valueCodeableConcept from {valueSet} (required)

Profile: SRHTieAssessment
Parent: Observation
Id: srh-tie-assessment
Title: "SRH tie assessment"
Description: "How the tie between the client and one network member is at one date: closeness, contact frequency, the kinds of support given, the basic needs met, reciprocity and valence. A series of tie assessments shows how the network changes over time."
* obeys srh-tie-1 and srh-tie-2 and srh-tie-3
* status MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains socialHistory 1..1 MS
* category[socialHistory] = $ObsCategory#social-history
* code MS
* code = $SRHObservation#tie-assessment
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "The client"
* focus 1..1 MS
* focus only Reference(SRHNetworkMember)
* focus ^short = "The network member whose tie with the client is assessed"
* effective[x] 1..1 MS
* effective[x] only dateTime
* performer MS
* value[x] 0..0
* note MS
* component MS
* component ^slicing.discriminator.type = #pattern
* component ^slicing.discriminator.path = "code"
* component ^slicing.rules = #open
* component contains
    closeness 0..1 MS and
    contactFrequency 0..1 MS and
    supportGiven 0..* MS and
    basicNeedMet 0..* MS and
    reciprocity 0..1 MS and
    valence 0..1 MS
* insert CodedComponent(closeness, closeness, SRHClosenessVS)
* insert CodedComponent(contactFrequency, contact-frequency, SRHContactFrequencyVS)
* insert CodedComponent(supportGiven, support-given, SRHSupportTypeVS)
* insert CodedComponent(basicNeedMet, basic-need-met, SRHBasicNeedVS)
* insert CodedComponent(reciprocity, reciprocity, SRHReciprocityVS)
* insert CodedComponent(valence, valence, SRHValenceVS)
* component[supportGiven] ^short = "One component per kind of support given"
* component[basicNeedMet] ^short = "One component per basic need this member meets"
