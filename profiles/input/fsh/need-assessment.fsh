Profile: SRHNeedAssessment
Parent: Observation
Id: srh-need-assessment
Title: "SRH basic needs grading"
Description: "How well each basic need of the client is met at one date, and by whom: one component per basic need, its code the need, its value a grade from srh-need-fulfilment, and srh-met-by naming the network members and professionals who meet it. A new grading is a new Observation, so the series shows how the needs change over time."
* obeys srh-need-1 and srh-need-2 and srh-need-3
* status MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains socialHistory 1..1 MS
* category[socialHistory] = $ObsCategory#social-history
* code MS
* code = $SRHObservation#need-assessment
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "The client"
* effective[x] 1..1 MS
* effective[x] only dateTime
* performer MS
* performer ^short = "Who made the grading: the professional, with the client"
* value[x] 0..0
* note MS
* component 1..* MS
* component ^short = "One component per basic need graded"
* component.code from SRHBasicNeedVS (required)
* component.code ^short = "The basic need"
* component.value[x] MS
* component.value[x] only CodeableConcept
* component.valueCodeableConcept from SRHNeedFulfilmentVS (required)
* component.value[x] ^short = "How well the need is met (0 not met - 4 fully met)"
* component.extension contains SRHMetByExtension named metBy 0..* MS
* component.extension[metBy] ^short = "Who meets the need: network members and professionals"
