Profile: SRHSupportPlan
Parent: CarePlan
Id: srh-support-plan
Title: "SRH support plan"
Description: "A support plan organised by the four core actions. Each activity names its core action; activities can be done by network members (RelatedPerson), the client or professionals, so the plan shows how professional care complements what the network does."
* obeys srh-plan-1
* identifier MS
* status MS
* intent MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains supportPlan 1..1 MS
* category[supportPlan] = $SRHCategory#support-plan
* title MS
* description MS
* subject MS
* subject only Reference(Patient)
* period MS
* created MS
* author MS
* contributor MS
* contributor ^short = "Who contributed to the plan: the client, network members, professionals"
* careTeam MS
* careTeam only Reference(SRHSocialSystem)
* goal MS
* goal only Reference(SRHGoal)
* activity MS
* activity.extension contains SRHAgreedAtExtension named agreedAt 0..1 MS
* activity.extension[agreedAt] ^short = "The network meeting at which this activity was agreed"
* activity.detail MS
* activity.detail.code MS
* activity.detail.code from SRHCoreActionVS (required)
* activity.detail.code ^short = "The core action this activity belongs to"
* activity.detail.reasonCode MS
* activity.detail.reasonCode from SRHBasicNeedVS (preferred)
* activity.detail.reasonCode ^short = "The basic need this activity serves, if any"
* activity.detail.goal MS
* activity.detail.goal only Reference(SRHGoal)
* activity.detail.status MS
* activity.detail.scheduled[x] MS
* activity.detail.performer MS
* activity.detail.performer only Reference(Practitioner or PractitionerRole or Patient or SRHNetworkMember or CareTeam or Organization)
* activity.detail.performer ^short = "Who does it: a professional, the client or a network member"
* activity.detail.description MS
* note MS
