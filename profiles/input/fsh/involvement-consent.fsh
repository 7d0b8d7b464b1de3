Profile: SRHInvolvementConsent
Parent: Consent
Id: srh-involvement-consent
Title: "SRH involvement consent"
Description: "The client agrees (permit) or no longer agrees (deny) that a named network member is involved in their care: may see the plan, be contacted, take part. The client keeps control (eigen regie)."
* obeys srh-consent-1
* status MS
* scope MS
* scope = $ConsentScope#patient-privacy
* category MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category ^slicing.description = "The standard LOINC Patient Consent code (R4's extensible binding asks for a fitting code from its value set) and our own code that says what the consent is about."
* category contains patientConsent 1..1 MS and networkInvolvement 1..1 MS
* category[patientConsent] = $LOINC#59284-0
* category[networkInvolvement] = $SRHCategory#network-involvement
* patient 1..1 MS
* patient only Reference(Patient)
* dateTime 1..1 MS
* performer MS
* performer ^short = "Who gave the consent: the client or their legal representative"
* organization MS
* policy MS
* policyRule MS
* provision 1..1 MS
* provision.type 1..1 MS
* provision.type ^short = "permit: the member is involved; deny: no longer involved"
* provision.period MS
* provision.actor MS
* provision.actor.role MS
* provision.actor.reference MS
* provision.actor.reference only Reference(SRHNetworkMember)
* provision.action MS
* provision.action from SRHInvolvementActionVS (extensible)
* provision.action ^short = "What the member may do: view the plan, be contacted, take part, receive information"
* provision.purpose MS
