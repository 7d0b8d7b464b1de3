Profile: SRHGoal
Parent: Goal
Id: srh-goal
Title: "SRH goal"
Description: "A goal of the client, in their own words, with the core action and the basic needs it belongs to."
* obeys srh-goal-1
* identifier MS
* lifecycleStatus MS
* achievementStatus MS
* category MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category ^slicing.description = "By code system: the core action and the basic needs."
* category contains coreAction 0..1 MS and basicNeed 0..* MS
* category[coreAction] ^patternCodeableConcept.coding[0].system = $SRHCoreAction
* category[coreAction] from SRHCoreActionVS (required)
* category[coreAction] ^short = "The core action the goal belongs to"
* category[basicNeed] ^patternCodeableConcept.coding[0].system = $SRHNeed
* category[basicNeed] from SRHBasicNeedVS (required)
* category[basicNeed] ^short = "A basic need the goal serves"
* description MS
* description.text MS
* description.text ^short = "The goal in the client's own words"
* subject MS
* subject only Reference(Patient)
* start[x] MS
* start[x] only date
* target MS
* target.due[x] MS
* target.due[x] only date
* expressedBy MS
* expressedBy only Reference(Patient or Practitioner or PractitionerRole or SRHNetworkMember)
* addresses MS
* addresses ^short = "What the goal answers, e.g. an understanding entry (srh-understanding): what matters to the client, a barrier"
* note MS
