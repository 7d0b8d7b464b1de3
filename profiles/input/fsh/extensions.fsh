Extension: SRHNetworkSectorExtension
Id: srh-network-sector
Title: "SRH network sector"
Description: "The sector of the client's life in which this network member belongs (family, work, leisure, school, faith, neighbourhood, care and volunteers): where the member is drawn on the network map. See the ConceptMap to ICF chapter e3."
* ^context[0].type = #element
* ^context[0].expression = "RelatedPerson"
* value[x] only Coding
* valueCoding 1..1
* valueCoding from SRHNetworkSectorVS (required)
