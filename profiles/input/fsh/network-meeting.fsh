Profile: SRHNetworkMeeting
Parent: Appointment
Id: srh-network-meeting
Title: "SRH network meeting (netwerkberaad), planned"
Description: "A network meeting prepared with the client: the client and the network members they agreed to involve (an involvement consent, srh-involvement-consent, each) meet with the professional(s). The agenda is the description (one item a line) and points at the open goals (supportingInformation) and the unmet basic needs (reasonCode) it discusses. When the meeting was held it is fulfilled and recorded as an Encounter (srh-network-meeting-record) that points back at it."
* obeys srh-meet-1
* status MS
* status ^short = "booked while planned; fulfilled once held; cancelled"
* serviceType 1..* MS
* serviceType ^slicing.discriminator.type = #pattern
* serviceType ^slicing.discriminator.path = "$this"
* serviceType ^slicing.rules = #open
* serviceType contains networkMeeting 1..1 MS
* serviceType[networkMeeting] = $SRHCategory#network-meeting
* reasonCode MS
* reasonCode from SRHBasicNeedVS (preferred)
* reasonCode ^short = "The unmet basic needs on the agenda"
* supportingInformation MS
* supportingInformation only Reference(SRHGoal)
* supportingInformation ^short = "The open goals on the agenda (R4 reasonReference may not point at a Goal)"
* description MS
* description ^short = "The agenda, one item a line"
* start 1..1 MS
* end 1..1 MS
* created MS
* comment MS
* comment ^short = "A word to the invitees (shown on the invitation)"
* participant MS
* participant.actor 1..1 MS
* participant.actor only Reference(Patient or SRHNetworkMember or Practitioner or PractitionerRole)
* participant.actor ^short = "The client, an invited network member (with the client's consent) or a professional"
* participant.status MS

Profile: SRHNetworkMeetingRecord
Parent: Encounter
Id: srh-network-meeting-record
Title: "SRH network meeting (netwerkberaad), held"
Description: "A network meeting as it was held: when, with whom (the network members and professionals who came; the client is the subject) and, through appointment, which planned meeting it was. What was agreed becomes activities of the support plan, each pointing at this record (extension srh-agreed-at on CarePlan.activity)."
* status MS
* status ^short = "finished once held"
* class MS
* type 1..* MS
* type ^slicing.discriminator.type = #pattern
* type ^slicing.discriminator.path = "$this"
* type ^slicing.rules = #open
* type contains networkMeeting 1..1 MS
* type[networkMeeting] = $SRHCategory#network-meeting
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "The client"
* appointment MS
* appointment only Reference(SRHNetworkMeeting)
* appointment ^short = "The meeting as it was planned"
* participant MS
* participant.individual 1..1 MS
* participant.individual only Reference(SRHNetworkMember or Practitioner or PractitionerRole)
* participant.individual ^short = "A network member or professional who came"
* period 1..1 MS
* period.start 1..1 MS
