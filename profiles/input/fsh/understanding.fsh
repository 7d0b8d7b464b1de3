Profile: SRHUnderstanding
Parent: Observation
Id: srh-understanding
Title: "SRH understanding (verstaan)"
Description: "One entry of verstaan, understanding the person in context: what matters to the client, a strength, what stands in the way, or an important life event, in the client's own words or the professional's, with who wrote it down and when. Entries are kept over time: a correction is a new entry, an entry that no longer holds is marked so (srh-no-longer-current) and one entered by mistake gets status entered-in-error; none is overwritten or deleted."
* obeys srh-und-1
* extension contains
    SRHOwnWordsExtension named ownWords 1..1 MS and
    SRHNoLongerCurrentExtension named noLongerCurrent 0..1 MS
* extension[ownWords] ^short = "true: in the client's own words; false: in the professional's words"
* extension[noLongerCurrent] ^short = "Since when the entry no longer holds (it stays in the history)"
* status MS
* status ^short = "final; entered-in-error for an entry made by mistake"
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains socialHistory 1..1 MS and understanding 1..1 MS
* category[socialHistory] = $ObsCategory#social-history
* category[understanding] = $SRHCategory#understanding
* code MS
* code from SRHUnderstandingKindVS (required)
* code ^short = "What matters, strength, what stands in the way, life event"
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "The client"
* effective[x] 1..1 MS
* effective[x] only dateTime or Period
* effective[x] ^short = "When it was said; for a life event, when it happened (a date or a period)"
* issued 1..1 MS
* issued ^short = "When it was written down"
* performer MS
* performer only Reference(Practitioner or PractitionerRole or Patient or RelatedPerson)
* performer ^short = "Who wrote it down (the signed-in user, when the app knows who that is)"
* value[x] 1..1 MS
* value[x] only string
* value[x] ^short = "The words"
* component 0..0
* note MS
