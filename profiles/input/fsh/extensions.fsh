Extension: SRHNetworkSectorExtension
Id: srh-network-sector
Title: "SRH network sector"
Description: "The sector of the client's life in which this network member belongs (family, work, leisure, school, faith, neighbourhood, care and volunteers): where the member is drawn on the network map. See the ConceptMap to ICF chapter e3."
* ^context[0].type = #element
* ^context[0].expression = "RelatedPerson"
* value[x] only Coding
* valueCoding 1..1
* valueCoding from SRHNetworkSectorVS (required)

Extension: SRHOwnWordsExtension
Id: srh-own-words
Title: "SRH in the client's own words"
Description: "Whether the words of an understanding entry are the client's own (true: shown as a quote) or the professional's (false)."
* ^context[0].type = #element
* ^context[0].expression = "Observation"
* value[x] only boolean
* valueBoolean 1..1

Extension: SRHNoLongerCurrentExtension
Id: srh-no-longer-current
Title: "SRH no longer current"
Description: "The date from which an understanding entry no longer holds (what mattered then matters no longer, a barrier is gone). The entry stays in the client's history; only a mistake is entered-in-error."
* ^context[0].type = #element
* ^context[0].expression = "Observation"
* value[x] only date
* valueDate 1..1

Extension: SRHMetByExtension
Id: srh-met-by
Title: "SRH met by"
Description: "Someone who meets this basic need of the client: a network member (the network's part) or a professional (the complementary part). Repeat it for each person."
* ^context[0].type = #element
* ^context[0].expression = "Observation.component"
* value[x] only Reference(SRHNetworkMember or Practitioner or PractitionerRole)
* valueReference 1..1

Extension: SRHAgreedAtExtension
Id: srh-agreed-at
Title: "SRH agreed at"
Description: "The network meeting (netwerkberaad) at which this activity of the support plan was agreed. R4 CarePlan.activity has no encounter of its own, and detail.reasonReference may not point at an Encounter."
* ^context[0].type = #element
* ^context[0].expression = "CarePlan.activity"
* value[x] only Reference(SRHNetworkMeetingRecord)
* valueReference 1..1
