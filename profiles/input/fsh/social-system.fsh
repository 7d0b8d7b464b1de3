Profile: SRHSocialSystem
Parent: CareTeam
Id: srh-social-system
Title: "SRH social system"
Description: "The client's social system: network members and professionals who together support the client, each with a role and a period. There is no cap on any kind of participant."
* obeys srh-team-1
* identifier MS
* status MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains socialSystem 1..1 MS
* category[socialSystem] = $SRHCategory#social-system
* name MS
* subject 1..1 MS
* subject only Reference(Patient)
* period MS
* participant MS
* participant.role MS
* participant.role from SRHTeamRoleVS (extensible)
* participant.member 1..1 MS
* participant.member only Reference(Patient or Practitioner or PractitionerRole or SRHNetworkMember or Organization or CareTeam)
* participant.period MS
* managingOrganization MS
