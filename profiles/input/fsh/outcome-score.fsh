Profile: SRHOutcomeScore
Parent: Observation
Id: srh-outcome-score
Title: "SRH outcome score"
Description: "The total score of a validated instrument the team uses to follow the client's outcome over time (for example a loneliness scale), so a team can see whether versterken works. Only the instrument's identity and the total score are stored, never its items or texts. Each instrument's range is checked (srh-out-1)."
* obeys srh-out-1
* status MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains survey 1..1 MS
* category[survey] = $ObsCategory#survey
* code MS
* code from SRHInstrumentVS (required)
* code ^short = "The instrument (srh-instrument)"
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "The client"
* effective[x] 1..1 MS
* effective[x] only dateTime
* effective[x] ^short = "When the instrument was filled in"
* performer MS
* performer ^short = "Who filled it in or scored it"
* value[x] 1..1 MS
* value[x] only integer
* value[x] ^short = "The total score, within the instrument's range (srh-out-1)"
* component 0..0
