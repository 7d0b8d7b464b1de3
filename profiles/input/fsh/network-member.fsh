Profile: SRHNetworkMember
Parent: RelatedPerson
Id: srh-network-member
Title: "SRH network member"
Description: "A member of the client's own social network: who they are, how they relate to the client, the sector of life they belong to, and since when (and until when) the tie exists. How the tie is experienced changes over time and is recorded in SRH tie assessments."
* obeys srh-nm-1 and srh-nm-2
* extension contains SRHNetworkSectorExtension named sector 0..1 MS
* extension[sector] ^short = "Network sector (family, work, leisure, ...)"
* identifier MS
* active 1..1 MS
* active ^short = "Whether the tie is current; false when it has ended (keep the resource for history)"
* patient MS
* patient ^short = "The client whose network this person belongs to"
* relationship MS
* relationship ^short = "How the person relates to the client, e.g. mother, friend, neighbour"
* relationship.coding ^slicing.discriminator.type = #value
* relationship.coding ^slicing.discriminator.path = "system"
* relationship.coding ^slicing.rules = #open
* relationship.coding ^slicing.description = "Codings by code system; other codings (SNOMED CT, v2-0131, local) remain allowed."
* relationship.coding contains roleCode 0..1 MS
* relationship.coding[roleCode] ^short = "Personal relationship as an HL7 v3 RoleCode"
* relationship.coding[roleCode].system 1..1
* relationship.coding[roleCode].system = $RoleCode (exactly)
* relationship.coding[roleCode].code 1..1
* relationship.coding[roleCode] from http://terminology.hl7.org/ValueSet/v3-PersonalRelationshipRoleType (required)
* relationship.text MS
* name MS
* telecom MS
* period MS
* period ^short = "When the tie began and, if it ended, when"
