// ConceptMaps from the SRH code systems to standard and Dutch terminologies.
// One ConceptMap per (source code system -> target system) pair. Only codes found in the sources below are used;
// our codes without a defensible target are left out. Some codes also have no target in a given system.
// R4 equivalence is read from source to target: "narrower" = the target means less than our code,
// "wider" = the target means more than our code.
//
// Sources per target system
// - ICF, http://hl7.org/fhir/sid/icf (WHO ICF, OID 2.16.840.1.113883.6.254):
//     system URI: HL7/UTG input/sourceOfTruth/external/hta/codeSystems/cs-ICF.xml (THO CodeSystem "ICF").
//     Chapter e3 "Support and relationships" and its codes e310..e399: politpatrick/icf-api data/e/e3/e3.json and
//     data/e/e3/<code>/<code>.json (German titles). English titles (e310 "Immediate family", e315 "Extended family",
//     e320 "Friends", e325 "Acquaintances, peers, colleagues, neighbours and community members", e340 "Personal care
//     providers and personal assistants", e355 "Health professionals", e360 "Other professionals") as given
//     identically in several public ICF code lists found in the code index. Scope of e325 (acquaintances, peers,
//     colleagues, neighbours and community members in work, school, recreation and other areas of life, sharing
//     e.g. age, religious creed or common interests): http://plaza.umin.ac.jp/~haruna/icf_jpn/e/e325.htm.
//     Note: Nictiz zib2020 uses http://hl7.org/fhir/sid/icf-nl (ICF, Dutch translation, same codes), see
//     Nictiz/Nictiz-R4-zib2020 resources/zib/terminology/CodeSystem-International_Classification_of_Function-icf-nl.xml
//     and HL7/UTG input/sourceOfTruth/external/hta/codeSystems/cs-ICFDut.xml.
// - HL7 v3 RoleCode, http://terminology.hl7.org/CodeSystem/v3-RoleCode:
//     hl7.fhir.r4.core#4.0.1 package/CodeSystem-v3-RoleCode.json (FAMMEMB, FRND, NBOR, ROOM, ONESELF under
//     _PersonalRelationshipRoleType); target value set hl7.fhir.r4.core#4.0.1 ValueSet-relatedperson-relationshiptype.json.
// - SNOMED CT, http://snomed.info/sct:
//     codes and displays from the expansion of the R4 ValueSet participant-role (hl7.fhir.r4.core 4.0.1) in
//     GinoCanessa/FhirTypeScriptOddsAndEnds src/fhirValueSets/ParticipantRoleValueSet.ts (303071001, 303072008,
//     224527006, 303120001, 303121002, 303073003, 303119007, 303118004, 113163005, 427568008, 160772005, 125677006, 407542009,
//     70862002, 116154003, 405623001); cross-checked in vzvznl/Koppeltaal-2.0-FHIR
//     input/pagecontent/autorisaties-rol-code-mapping.md (SNOMED codes reviewed by Nictiz: 303071001, 113163005,
//     125677006, 407542009, 405623001, and 768821004 "Care team coordinator (occupation)", taken from there) and in the
//     HL7 Portugal Terminologias ValueSet cpcbd-person-vs (113163005, 427568008, 160772005, 70862002, 116154003).
//     223366009 "Healthcare professional (occupation)": hl7.fhir.r4.core#4.0.1 ValueSet-participant-role.json.
// - Dutch zib ContactPerson role (RolCodelijst, urn:oid:2.16.840.1.113883.2.4.3.11.60.40.2.3.1.2):
//     Nictiz/Nictiz-R4-zib2020 resources/zib/terminology/ValueSet-RolCodelijst-2.16.840.1.113883.2.4.3.11.60.40.2.3.1.2--20200901000000.xml
//     with its two code systems urn:oid:2.16.840.1.113883.2.4.3.11.22.472 (Vektis COD472 "Soort relatie client")
//     and urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4.23.1 (zib ExtraRolcodes); bound to RelatedPerson.relationship:role
//     in resources/zib/zib-ContactPerson.xml. The zib RelatieCodelijst (2.16.840.1.113883.2.4.3.11.60.40.2.3.1.1)
//     only contains v3-RoleCode family codes, so it is covered by the RoleCode maps.

RuleSet: SRHConceptMap(id, name)
* url = "https://srh-fhir.github.io/fhir/ConceptMap/{id}"
* name = "{name}"
* status = #active
* experimental = false

// ---------------------------------------------------------------------------------------------------------------
// ICF
// ---------------------------------------------------------------------------------------------------------------

Instance: srh-sector-to-icf
InstanceOf: ConceptMap
Usage: #definition
Title: "Network sector to ICF e3"
Description: "Maps the sectors of the SRH network map to ICF chapter e3 'Support and relationships'. ICF classifies the people around a person by type of relationship, not by area of life, so most sectors map to a wider or narrower ICF category."
* insert SRHConceptMap(srh-sector-to-icf, SRHSectorToICF)
* copyright = "ICF codes and titles: World Health Organization."
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-network-sector"
* targetUri = "http://hl7.org/fhir/sid/icf"
* group[0].source = $SRHSector
* group[0].target = "http://hl7.org/fhir/sid/icf"
* group[0].element[+].code = #family
* group[0].element[=].display = "Familie"
* group[0].element[=].target[+].code = #e310
* group[0].element[=].target[=].display = "Immediate family"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "The family sector also holds the extended family (e315) and household members who are not family."
* group[0].element[=].target[+].code = #e315
* group[0].element[=].target[=].display = "Extended family"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "The family sector also holds the immediate family (e310) and household members who are not family."
* group[0].element[+].code = #work
* group[0].element[=].display = "Werk"
* group[0].element[=].target[+].code = #e325
* group[0].element[=].target[=].display = "Acquaintances, peers, colleagues, neighbours and community members"
* group[0].element[=].target[=].equivalence = #wider
* group[0].element[=].target[=].comment = "e325 covers colleagues at work, but also peers and community members from school, recreation and other areas of life."
* group[0].element[+].code = #leisure
* group[0].element[=].display = "Vrije tijd"
* group[0].element[=].target[+].code = #e320
* group[0].element[=].target[=].display = "Friends"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Friends are usually drawn in the leisure sector, but a friend can belong to any sector."
* group[0].element[=].target[+].code = #e325
* group[0].element[=].target[=].display = "Acquaintances, peers, colleagues, neighbours and community members"
* group[0].element[=].target[=].equivalence = #wider
* group[0].element[=].target[=].comment = "Acquaintances and fellow members from hobbies and sports clubs; e325 also covers other areas of life."
* group[0].element[+].code = #school
* group[0].element[=].display = "School en opleiding"
* group[0].element[=].target[+].code = #e325
* group[0].element[=].target[=].display = "Acquaintances, peers, colleagues, neighbours and community members"
* group[0].element[=].target[=].equivalence = #wider
* group[0].element[=].target[=].comment = "Fellow students are peers in e325, which also covers other areas of life. Teachers are not specifically covered by this mapping."
* group[0].element[+].code = #faith
* group[0].element[=].display = "Geloof en levensbeschouwing"
* group[0].element[=].target[+].code = #e325
* group[0].element[=].target[=].display = "Acquaintances, peers, colleagues, neighbours and community members"
* group[0].element[=].target[=].equivalence = #wider
* group[0].element[=].target[=].comment = "Members of a religious or philosophical community are community members sharing a creed (e325); e325 also covers other areas of life."
* group[0].element[+].code = #neighbourhood
* group[0].element[=].display = "Buurt"
* group[0].element[=].target[+].code = #e325
* group[0].element[=].target[=].display = "Acquaintances, peers, colleagues, neighbours and community members"
* group[0].element[=].target[=].equivalence = #wider
* group[0].element[=].target[=].comment = "Neighbours and community members; e325 also covers colleagues and peers from other areas of life."
* group[0].element[+].code = #care-volunteers
* group[0].element[=].display = "Zorg en vrijwilligers"
* group[0].element[=].target[+].code = #e355
* group[0].element[=].target[=].display = "Health professionals"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the health professionals in this sector."
* group[0].element[=].target[+].code = #e360
* group[0].element[=].target[=].display = "Other professionals"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the professionals outside health care in this sector (for example in social care)."
* group[0].element[=].target[+].code = #e340
* group[0].element[=].target[=].display = "Personal care providers and personal assistants"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the personal care providers and personal assistants in this sector, paid or not."

Instance: srh-teamrole-to-icf
InstanceOf: ConceptMap
Usage: #definition
Title: "Social system role to ICF e3"
Description: "Maps the roles in the client's social system to ICF chapter e3 'Support and relationships'. The client, a generic network member and the key figure have no ICF category: ICF e3 describes the people around a person by relationship type, not by their role in the network."
* insert SRHConceptMap(srh-teamrole-to-icf, SRHTeamRoleToICF)
* copyright = "ICF codes and titles: World Health Organization."
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-team-role"
* targetUri = "http://hl7.org/fhir/sid/icf"
* group[0].source = $SRHTeamRole
* group[0].target = "http://hl7.org/fhir/sid/icf"
* group[0].element[+].code = #primary-professional
* group[0].element[=].display = "Regiehouder"
* group[0].element[=].target[+].code = #e355
* group[0].element[=].target[=].display = "Health professionals"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "When the lead professional works in health care. ICF has no concept for holding the lead."
* group[0].element[=].target[+].code = #e360
* group[0].element[=].target[=].display = "Other professionals"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "When the lead professional works outside health care (for example in social care or probation). ICF has no concept for holding the lead."
* group[0].element[+].code = #professional
* group[0].element[=].display = "Professional"
* group[0].element[=].target[+].code = #e355
* group[0].element[=].target[=].display = "Health professionals"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "When the professional works in health care."
* group[0].element[=].target[+].code = #e360
* group[0].element[=].target[=].display = "Other professionals"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "When the professional works outside health care (for example in social care or probation)."
* group[0].element[+].code = #volunteer
* group[0].element[=].display = "Vrijwilliger"
* group[0].element[=].target[+].code = #e340
* group[0].element[=].target[=].display = "Personal care providers and personal assistants"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Only when the volunteer gives personal care or personal assistance; a volunteer who mainly keeps the client company has no specific ICF category."

// ---------------------------------------------------------------------------------------------------------------
// HL7 v3 RoleCode (personal relationship role types, as used in RelatedPerson.relationship)
// ---------------------------------------------------------------------------------------------------------------

Instance: srh-sector-to-rolecode
InstanceOf: ConceptMap
Usage: #definition
Title: "Network sector to HL7 v3 RoleCode"
Description: "Maps the sectors of the SRH network map to personal relationship role types of HL7 v3 RoleCode, the codes of RelatedPerson.relationship. Work, school, faith and care and volunteers have no personal relationship role type in RoleCode."
* insert SRHConceptMap(srh-sector-to-rolecode, SRHSectorToRoleCode)
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-network-sector"
* targetUri = "http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype"
* group[0].source = $SRHSector
* group[0].target = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
* group[0].element[+].code = #family
* group[0].element[=].display = "Familie"
* group[0].element[=].target[+].code = #FAMMEMB
* group[0].element[=].target[=].display = "family member"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Includes all RoleCode specialisations of FAMMEMB (such as CHILD, PRN, SIB, EXT and SIGOTHR/SPS for the partner): a RelatedPerson with any of these belongs in the family sector. This is also how the codes of the zib RelatieCodelijst map. The family sector also holds household members who are not family (ROOM)."
* group[0].element[=].target[+].code = #ROOM
* group[0].element[=].target[=].display = "Roommate"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "A housemate who is not family belongs in the family and household sector."
* group[0].element[+].code = #leisure
* group[0].element[=].display = "Vrije tijd"
* group[0].element[=].target[+].code = #FRND
* group[0].element[=].target[=].display = "unrelated friend"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Friends are usually drawn in the leisure sector, but a friend can belong to any sector; the leisure sector also holds acquaintances from hobbies and clubs."
* group[0].element[+].code = #neighbourhood
* group[0].element[=].display = "Buurt"
* group[0].element[=].target[+].code = #NBOR
* group[0].element[=].target[=].display = "neighbor"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "The neighbourhood sector also holds people met in shared environments (the street, the community centre, the neighbourhood garden) who are not neighbours."

Instance: srh-teamrole-to-rolecode
InstanceOf: ConceptMap
Usage: #definition
Title: "Social system role to HL7 v3 RoleCode"
Description: "Maps the roles in the client's social system to HL7 v3 RoleCode personal relationship role types. Only the client has a counterpart: RoleCode codes the kind of relationship (family member, friend, neighbour), which is recorded per network member, not the role in the social system; professionals and volunteers have no personal relationship role type."
* insert SRHConceptMap(srh-teamrole-to-rolecode, SRHTeamRoleToRoleCode)
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-team-role"
* targetUri = "http://hl7.org/fhir/ValueSet/relatedperson-relationshiptype"
* group[0].source = $SRHTeamRole
* group[0].target = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
* group[0].element[+].code = #client
* group[0].element[=].display = "Cliënt"
* group[0].element[=].target[+].code = #ONESELF
* group[0].element[=].target[=].display = "self"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Only where the client is represented as a RelatedPerson of themselves (relationship to oneself); normally the client is the Patient."

// ---------------------------------------------------------------------------------------------------------------
// SNOMED CT (person concepts, as in the R4 ValueSet participant-role)
// ---------------------------------------------------------------------------------------------------------------

Instance: srh-sector-to-sct
InstanceOf: ConceptMap
Usage: #definition
Title: "Network sector to SNOMED CT"
Description: "Maps the sectors of the SRH network map to SNOMED CT person concepts 'Person in the ... environment' and related person concepts, all in the R4 ValueSet participant-role."
* insert SRHConceptMap(srh-sector-to-sct, SRHSectorToSCT)
* copyright = "This ConceptMap includes content from SNOMED CT, which is copyright © 2002+ International Health Terminology Standards Development Organisation (IHTSDO), and distributed by agreement between IHTSDO and HL7. Implementer use of SNOMED CT is not covered by this agreement."
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-network-sector"
* targetUri = "http://hl7.org/fhir/ValueSet/participant-role"
* group[0].source = $SRHSector
* group[0].target = "http://snomed.info/sct"
* group[0].element[+].code = #family
* group[0].element[=].display = "Familie"
* group[0].element[=].target[+].code = #303071001
* group[0].element[=].target[=].display = "Person in the family"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "The family sector also holds household members who are not family (303072008)."
* group[0].element[=].target[+].code = #303072008
* group[0].element[=].target[=].display = "Person in the home environment"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the members of the client's household; family outside the household is 303071001."
* group[0].element[+].code = #work
* group[0].element[=].display = "Werk"
* group[0].element[=].target[+].code = #224527006
* group[0].element[=].target[=].display = "Person in the work environment"
* group[0].element[=].target[=].equivalence = #equivalent
* group[0].element[+].code = #leisure
* group[0].element[=].display = "Vrije tijd"
* group[0].element[=].target[+].code = #303120001
* group[0].element[=].target[=].display = "Person in the recreational environment"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "The leisure sector also holds friends not met through leisure activities."
* group[0].element[=].target[+].code = #113163005
* group[0].element[=].target[=].display = "Friend"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Friends are usually drawn in the leisure sector, but a friend can belong to any sector."
* group[0].element[+].code = #school
* group[0].element[=].display = "School en opleiding"
* group[0].element[=].target[+].code = #303121002
* group[0].element[=].target[=].display = "Person in the educational environment"
* group[0].element[=].target[=].equivalence = #equivalent
* group[0].element[+].code = #faith
* group[0].element[=].display = "Geloof en levensbeschouwing"
* group[0].element[=].target[+].code = #303073003
* group[0].element[=].target[=].display = "Person in the religious environment"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "The faith sector also holds non-religious philosophical communities (levensbeschouwing)."
* group[0].element[+].code = #neighbourhood
* group[0].element[=].display = "Buurt"
* group[0].element[=].target[+].code = #303119007
* group[0].element[=].target[=].display = "Person in the community environment"
* group[0].element[=].target[=].equivalence = #wider
* group[0].element[=].target[=].comment = "The community environment is not limited to the client's own neighbourhood."
* group[0].element[=].target[+].code = #427568008
* group[0].element[=].target[=].display = "Neighbor"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "The neighbourhood sector also holds people met in shared environments who are not neighbours."
* group[0].element[+].code = #care-volunteers
* group[0].element[=].display = "Zorg en vrijwilligers"
* group[0].element[=].target[+].code = #303118004
* group[0].element[=].target[=].display = "Person in the healthcare environment"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the people from health care; the sector also holds social care professionals and volunteers."
* group[0].element[=].target[+].code = #160772005
* group[0].element[=].target[=].display = "Voluntary worker"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the volunteers in this sector."

Instance: srh-teamrole-to-sct
InstanceOf: ConceptMap
Usage: #definition
Title: "Social system role to SNOMED CT"
Description: "Maps the roles in the client's social system to SNOMED CT person and occupation concepts, for use in CareTeam.participant.role."
* insert SRHConceptMap(srh-teamrole-to-sct, SRHTeamRoleToSCT)
* copyright = "This ConceptMap includes content from SNOMED CT, which is copyright © 2002+ International Health Terminology Standards Development Organisation (IHTSDO), and distributed by agreement between IHTSDO and HL7. Implementer use of SNOMED CT is not covered by this agreement."
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-team-role"
* targetUri = "http://snomed.info/sct?fhir_vs"
* group[0].source = $SRHTeamRole
* group[0].target = "http://snomed.info/sct"
* group[0].element[+].code = #client
* group[0].element[=].display = "Cliënt"
* group[0].element[=].target[+].code = #116154003
* group[0].element[=].target[=].display = "Patient"
* group[0].element[=].target[=].equivalence = #equivalent
* group[0].element[=].target[=].comment = "The client is the person the care or support is for (the FHIR Patient)."
* group[0].element[+].code = #network-member
* group[0].element[=].display = "Netwerklid"
* group[0].element[=].target[+].code = #125677006
* group[0].element[=].target[=].display = "Relative"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Koppeltaal uses Relative for 'naaste' in CareTeam roles; as a SNOMED concept it covers relatives only, not friends, neighbours or colleagues."
* group[0].element[=].target[+].code = #407542009
* group[0].element[=].target[=].display = "Informal carer"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the network members who give informal care (mantelzorgers)."
* group[0].element[+].code = #key-figure
* group[0].element[=].display = "Sleutelfiguur"
* group[0].element[=].target[+].code = #70862002
* group[0].element[=].target[=].display = "Contact person"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "The key figure is the first contact within the network and often, but not necessarily, the contact person for professionals. SNOMED CT has no concept for the coordinating role."
* group[0].element[+].code = #primary-professional
* group[0].element[=].display = "Regiehouder"
* group[0].element[=].target[+].code = #768821004
* group[0].element[=].target[=].display = "Care team coordinator (occupation)"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "The lead professional usually coordinates the professional part of the care team; the client and the network keep their own say."
* group[0].element[=].target[+].code = #405623001
* group[0].element[=].target[=].display = "Assigned practitioner"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Koppeltaal uses this concept for the treating professional (behandelaar); the lead professional need not be the one who treats."
* group[0].element[+].code = #professional
* group[0].element[=].display = "Professional"
* group[0].element[=].target[+].code = #223366009
* group[0].element[=].target[=].display = "Healthcare professional (occupation)"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Only when the professional works in health care; professionals in social care or probation are not covered."
* group[0].element[+].code = #volunteer
* group[0].element[=].display = "Vrijwilliger"
* group[0].element[=].target[+].code = #160772005
* group[0].element[=].target[=].display = "Voluntary worker"
* group[0].element[=].target[=].equivalence = #equivalent

// ---------------------------------------------------------------------------------------------------------------
// Dutch zib ContactPerson role (RolCodelijst): Vektis COD472 and zib ExtraRolcodes
// ---------------------------------------------------------------------------------------------------------------

Instance: srh-sector-to-cod472
InstanceOf: ConceptMap
Usage: #definition
Title: "Network sector to zib contact person role (COD472)"
Description: "Maps the sectors of the SRH network map to the Vektis COD472 codes in the zib ContactPerson RolCodelijst. Family relations are coded with the zib RelatieCodelijst (HL7 v3 RoleCode), see the RoleCode map; work, school and faith have no COD472 code."
* insert SRHConceptMap(srh-sector-to-cod472, SRHSectorToCOD472)
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-network-sector"
* targetUri = "http://decor.nictiz.nl/fhir/ValueSet/2.16.840.1.113883.2.4.3.11.60.40.2.3.1.2--20200901000000"
* group[0].source = $SRHSector
* group[0].target = "urn:oid:2.16.840.1.113883.2.4.3.11.22.472"
* group[0].element[+].code = #family
* group[0].element[=].display = "Familie"
* group[0].element[=].target[+].code = #06
* group[0].element[=].target[=].display = "Leefeenheid"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the members of the client's household (leefeenheid). Family relations themselves are coded with the zib RelatieCodelijst (HL7 v3 RoleCode), see the RoleCode map."
* group[0].element[+].code = #leisure
* group[0].element[=].display = "Vrije tijd"
* group[0].element[=].target[+].code = #20
* group[0].element[=].target[=].display = "Vriend(in)/kennis"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Friends and acquaintances are usually drawn in the leisure sector, but can belong to any sector."
* group[0].element[+].code = #neighbourhood
* group[0].element[=].display = "Buurt"
* group[0].element[=].target[+].code = #19
* group[0].element[=].target[=].display = "Buur"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "The neighbourhood sector also holds people met in shared environments who are not neighbours."
* group[0].element[+].code = #care-volunteers
* group[0].element[=].display = "Zorg en vrijwilligers"
* group[0].element[=].target[+].code = #07
* group[0].element[=].target[=].display = "Hulpverlener"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the professional helpers in this sector, not the volunteers."

Instance: srh-teamrole-to-cod472
InstanceOf: ConceptMap
Usage: #definition
Title: "Social system role to zib contact person role (COD472)"
Description: "Maps the roles in the client's social system to the Vektis COD472 codes in the zib ContactPerson RolCodelijst. The client is not a contact person of themselves; a generic network member and a volunteer have no COD472 code."
* insert SRHConceptMap(srh-teamrole-to-cod472, SRHTeamRoleToCOD472)
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-team-role"
* targetUri = "http://decor.nictiz.nl/fhir/ValueSet/2.16.840.1.113883.2.4.3.11.60.40.2.3.1.2--20200901000000"
* group[0].source = $SRHTeamRole
* group[0].target = "urn:oid:2.16.840.1.113883.2.4.3.11.22.472"
* group[0].element[+].code = #key-figure
* group[0].element[=].display = "Sleutelfiguur"
* group[0].element[=].target[+].code = #01
* group[0].element[=].target[=].display = "Eerste relatie/contactpersoon"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "The key figure is the first contact within the network and often, but not necessarily, the first contact person for the care provider."
* group[0].element[=].target[+].code = #23
* group[0].element[=].target[=].display = "Contactpersoon"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "The key figure is often, but not necessarily, the contact person for the care provider."
* group[0].element[+].code = #primary-professional
* group[0].element[=].display = "Regiehouder"
* group[0].element[=].target[+].code = #07
* group[0].element[=].target[=].display = "Hulpverlener"
* group[0].element[=].target[=].equivalence = #wider
* group[0].element[=].target[=].comment = "Hulpverlener does not say who holds the lead."
* group[0].element[+].code = #professional
* group[0].element[=].display = "Professional"
* group[0].element[=].target[+].code = #07
* group[0].element[=].target[=].display = "Hulpverlener"
* group[0].element[=].target[=].equivalence = #wider
* group[0].element[=].target[=].comment = "Hulpverlener also covers the lead professional."

Instance: srh-sector-to-zib-extrarol
InstanceOf: ConceptMap
Usage: #definition
Title: "Network sector to zib contact person role (ExtraRolcodes)"
Description: "Maps the sectors of the SRH network map to the zib ExtraRolcodes in the zib ContactPerson RolCodelijst."
* insert SRHConceptMap(srh-sector-to-zib-extrarol, SRHSectorToZibExtraRol)
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-network-sector"
* targetUri = "http://decor.nictiz.nl/fhir/ValueSet/2.16.840.1.113883.2.4.3.11.60.40.2.3.1.2--20200901000000"
* group[0].source = $SRHSector
* group[0].target = "urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4.23.1"
* group[0].element[+].code = #faith
* group[0].element[=].display = "Geloof en levensbeschouwing"
* group[0].element[=].target[+].code = #100002
* group[0].element[=].target[=].display = "Geestelijk verzorger"
* group[0].element[=].target[=].equivalence = #relatedto
* group[0].element[=].target[=].comment = "Only for a spiritual caregiver from the client's faith or philosophical community; other members of that community have no zib role code."

Instance: srh-teamrole-to-zib-extrarol
InstanceOf: ConceptMap
Usage: #definition
Title: "Social system role to zib contact person role (ExtraRolcodes)"
Description: "Maps the roles in the client's social system to the zib ExtraRolcodes in the zib ContactPerson RolCodelijst."
* insert SRHConceptMap(srh-teamrole-to-zib-extrarol, SRHTeamRoleToZibExtraRol)
* sourceUri = "https://srh-fhir.github.io/fhir/ValueSet/srh-team-role"
* targetUri = "http://decor.nictiz.nl/fhir/ValueSet/2.16.840.1.113883.2.4.3.11.60.40.2.3.1.2--20200901000000"
* group[0].source = $SRHTeamRole
* group[0].target = "urn:oid:2.16.840.1.113883.2.4.3.11.60.40.4.23.1"
* group[0].element[+].code = #network-member
* group[0].element[=].display = "Netwerklid"
* group[0].element[=].target[+].code = #100001
* group[0].element[=].target[=].display = "Mantelzorger"
* group[0].element[=].target[=].equivalence = #narrower
* group[0].element[=].target[=].comment = "Only the network members who give informal care (mantelzorg)."
