// Example client 1: Ingrid de Vries (fictional).
// 52, lives alone in Amersfoort since her divorce in 2025, depressed, little contact with her family. She gets
// support from a wijk-GGZ team (a community mental-health team). Between the first network map (2 March 2026)
// and the evaluation (14 September 2026) her sister comes closer, a former colleague becomes straining, the
// GP practice nurse hands over to the team (an ended tie) and a volunteer buddy joins (a new member).
// All people, organisations, numbers and identifiers are invented.

// --- The client, the professionals, the organisation ---------------------------------------------------------

Instance: ingrid-de-vries
InstanceOf: Patient
Usage: #example
Title: "Ingrid de Vries"
Description: "Fictional client, 52, lives alone after her divorce, depression, little contact with family."
* identifier[0].system = "https://example.org/fhir/NamingSystem/client-id"
* identifier[0].value = "C-2026-0142"
* active = true
* name[0].use = #official
* name[0].family = "de Vries"
* name[0].family.extension[0].url = "http://hl7.org/fhir/StructureDefinition/humanname-own-prefix"
* name[0].family.extension[0].valueString = "de"
* name[0].family.extension[1].url = "http://hl7.org/fhir/StructureDefinition/humanname-own-name"
* name[0].family.extension[1].valueString = "Vries"
* name[0].given[0] = "Ingrid"
* telecom[0].system = #phone
* telecom[0].value = "06-11223344"
* telecom[0].use = #mobile
* telecom[1].system = #email
* telecom[1].value = "ingrid.devries@example.org"
* gender = #female
* birthDate = "1973-11-08"
* address[0].use = #home
* address[0].city = "Amersfoort"
* address[0].country = "NL"
* maritalStatus = http://terminology.hl7.org/CodeSystem/v3-MaritalStatus#D "Divorced"
* communication[0].language = urn:ietf:bcp:47#nl "Dutch"
* communication[0].preferred = true
* managingOrganization = Reference(wijkteam-ggz-eemland)

Instance: wijkteam-ggz-eemland
InstanceOf: Organization
Usage: #example
Title: "Wijkteam GGZ Eemland"
Description: "Fictional community mental-health team (wijk-GGZ) that supports Ingrid de Vries."
* identifier[0].system = "https://example.org/fhir/NamingSystem/organization-id"
* identifier[0].value = "ORG-0007"
* active = true
* name = "Wijkteam GGZ Eemland"
* telecom[0].system = #phone
* telecom[0].value = "033-7654321"
* address[0].city = "Amersfoort"
* address[0].country = "NL"

Instance: practitioner-sanne-bakker
InstanceOf: Practitioner
Usage: #example
Title: "Sanne Bakker, SPV"
Description: "Fictional social psychiatric nurse (sociaal psychiatrisch verpleegkundige) of the wijk-GGZ team; Ingrid's lead professional."
* identifier[0].system = "https://example.org/fhir/NamingSystem/employee-id"
* identifier[0].value = "E-4471"
* active = true
* name[0].family = "Bakker"
* name[0].given[0] = "Sanne"
* telecom[0].system = #phone
* telecom[0].value = "06-55667788"
* telecom[0].use = #work
* telecom[1].system = #email
* telecom[1].value = "s.bakker@example.org"
* gender = #female
* qualification[0].code.text = "Sociaal psychiatrisch verpleegkundige"

Instance: practitioner-jeroen-willems
InstanceOf: Practitioner
Usage: #example
Title: "Jeroen Willems, GZ-psycholoog"
Description: "Fictional health-care psychologist (GZ-psycholoog) of the wijk-GGZ team."
* identifier[0].system = "https://example.org/fhir/NamingSystem/employee-id"
* identifier[0].value = "E-3902"
* active = true
* name[0].family = "Willems"
* name[0].given[0] = "Jeroen"
* telecom[0].system = #email
* telecom[0].value = "j.willems@example.org"
* gender = #male
* qualification[0].code.text = "GZ-psycholoog"

// --- Network members (RelatedPerson) --------------------------------------------------------------------------

Instance: ingrid-sister-anja
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Anja Hoekstra-de Vries, Ingrid's sister"
Description: "Ingrid's older sister in Leusden. Distant after a quarrel about their mother's care; comes much closer during 2026."
* insert Sector(family, Familie)
* active = true
* patient = Reference(ingrid-de-vries)
* relationship.coding[roleCode] = $RoleCode#SIS "sister"
* relationship.text = "zus"
* name[0].family = "Hoekstra-de Vries"
* name[0].given[0] = "Anja"
* telecom[0].system = #phone
* telecom[0].value = "06-22334455"
* telecom[0].use = #mobile
* gender = #female

Instance: ingrid-neighbour-gerrit
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Gerrit Jansen, Ingrid's neighbour"
Description: "Widower next door. Has a spare key and does groceries on bad days; Ingrid helps him with forms and his tablet."
* insert Sector(neighbourhood, Buurt)
* active = true
* patient = Reference(ingrid-de-vries)
* relationship.coding[roleCode] = $RoleCode#NBOR "neighbor"
* relationship.text = "buurman"
* name[0].family = "Jansen"
* name[0].given[0] = "Gerrit"
* telecom[0].system = #phone
* telecom[0].value = "033-4455667"
* telecom[0].use = #home
* gender = #male

Instance: ingrid-former-colleague-marloes
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Marloes Visser, Ingrid's former colleague"
Description: "Former colleague from the administration department where Ingrid worked until 2025. The tie becomes straining: Marloes keeps bringing up the divorce."
* insert Sector(work, Werk)
* active = true
* patient = Reference(ingrid-de-vries)
* relationship.text = "oud-collega"
* name[0].family = "Visser"
* name[0].given[0] = "Marloes"
* telecom[0].system = #phone
* telecom[0].value = "06-33445566"
* telecom[0].use = #mobile
* gender = #female

Instance: ingrid-choir-friend-hennie
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Hennie Smit, Ingrid's friend from the choir"
Description: "Friend from the choir Ingrid left in 2025. Picks her up for rehearsals again from September 2026."
* insert Sector(leisure, [[Vrije tijd]])
* active = true
* patient = Reference(ingrid-de-vries)
* relationship.coding[roleCode] = $RoleCode#FRND "unrelated friend"
* relationship.text = "vriendin van het koor"
* name[0].family = "Smit"
* name[0].given[0] = "Henriëtte"
* name[0].given[1] = "Hennie"
* telecom[0].system = #phone
* telecom[0].value = "06-44556677"
* telecom[0].use = #mobile
* telecom[1].system = #email
* telecom[1].value = "hennie.smit@example.com"
* gender = #female

Instance: ingrid-church-els
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Els van Dijk, from Ingrid's church"
Description: "Member of Ingrid's Protestant congregation who visits her once a month (bezoekwerk)."
* insert Sector(faith, [[Geloof en levensbeschouwing]])
* active = true
* patient = Reference(ingrid-de-vries)
* relationship.text = "gemeentelid van de kerk, doet bezoekwerk"
* name[0].family = "van Dijk"
* name[0].given[0] = "Els"
* telecom[0].system = #phone
* telecom[0].value = "033-4123987"
* telecom[0].use = #home
* gender = #female

// An ended tie: the GP practice nurse handed Ingrid over to the wijk-GGZ team. Kept for the history (srh-nm-2).
Instance: ingrid-practice-nurse-ria
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Ria Mulder, GP practice nurse (ended)"
Description: "Mental-health practice nurse (POH-GGZ) at Ingrid's GP practice, from October 2025 until the hand-over to the wijk-GGZ team at the end of April 2026."
* insert Sector(care-volunteers, [[Zorg en vrijwilligers]])
* identifier[0].system = "https://example.org/fhir/NamingSystem/network-member-id"
* identifier[0].value = "NM-0142-05"
* active = false
* patient = Reference(ingrid-de-vries)
* relationship.text = "praktijkondersteuner GGZ van de huisarts"
* name[0].family = "Mulder"
* name[0].given[0] = "Ria"
* telecom[0].system = #phone
* telecom[0].value = "033-4567890"
* telecom[0].use = #work
* gender = #female
* period.start = "2025-10-06"
* period.end = "2026-04-30"

// A new member, only at the second assessment.
Instance: ingrid-buddy-wim
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Wim Verhoeven, volunteer buddy"
Description: "Volunteer buddy (maatje) from a local buddy project, since May 2026; a weekly walk."
* insert Sector(care-volunteers, [[Zorg en vrijwilligers]])
* identifier[0].system = "https://example.org/fhir/NamingSystem/network-member-id"
* identifier[0].value = "NM-0142-07"
* active = true
* patient = Reference(ingrid-de-vries)
* relationship.text = "vrijwillig maatje (maatjesproject)"
* name[0].family = "Verhoeven"
* name[0].given[0] = "Wim"
* telecom[0].system = #phone
* telecom[0].value = "06-77889900"
* telecom[0].use = #mobile
* gender = #male
* period.start = "2026-05-12"

// --- Tie assessments: first network map, 2 March 2026 ---------------------------------------------------------

Instance: ingrid-tie-anja-2026-03-02
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Anja, 2 March 2026"
Description: "Sister at a distance; occasional advice by phone; ambivalent since the quarrel about their mother's care."
* insert TieHeader(ingrid-de-vries, ingrid-sister-anja, 2026-03-02, practitioner-sanne-bakker)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(few-times-a-year, [[Enkele keren per jaar]])
* insert Support(informational, [[Informatie en advies]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(ambivalent, Wisselend)
* note[0].text = "Ingrid mist haar zus, maar durft haar niet te bellen sinds de ruzie over de zorg voor hun moeder."

Instance: ingrid-tie-gerrit-2026-03-02
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Gerrit, 2 March 2026"
Description: "Neighbour: practical help and company, mutual."
* insert TieHeader(ingrid-de-vries, ingrid-neighbour-gerrit, 2026-03-02, practitioner-sanne-bakker)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(practical, [[Praktische steun]])
* insert Support(companionship, Gezelschap)
* insert Need(care-exchange, [[Zorg geven en ontvangen]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(supportive, Steunend)

Instance: ingrid-tie-marloes-2026-03-02
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Marloes, 2 March 2026"
Description: "Former colleague: monthly lunch, some recognition, but the conversations cost energy."
* insert TieHeader(ingrid-de-vries, ingrid-former-colleague-marloes, 2026-03-02, practitioner-sanne-bakker)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(monthly, Maandelijks)
* insert Support(companionship, Gezelschap)
* insert Need(recognition, [[Erkenning en waardering]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(ambivalent, Wisselend)

Instance: ingrid-tie-hennie-2026-03-02
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Hennie, 2 March 2026"
Description: "Choir friend, seen rarely since Ingrid stopped singing; Hennie sends cards."
* insert TieHeader(ingrid-de-vries, ingrid-choir-friend-hennie, 2026-03-02, practitioner-sanne-bakker)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(few-times-a-year, [[Enkele keren per jaar]])
* insert Support(emotional, [[Emotionele steun]])
* insert Need(belonging, [[Erbij horen]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

Instance: ingrid-tie-els-2026-03-02
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Els, 2 March 2026"
Description: "Monthly visit from the church."
* insert TieHeader(ingrid-de-vries, ingrid-church-els, 2026-03-02, practitioner-sanne-bakker)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(monthly, Maandelijks)
* insert Support(emotional, [[Emotionele steun]])
* insert Need(belonging, [[Erbij horen]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

Instance: ingrid-tie-ria-2026-03-02
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Ria (practice nurse), 2 March 2026"
Description: "GP practice nurse, monthly consultations until the hand-over."
* insert TieHeader(ingrid-de-vries, ingrid-practice-nurse-ria, 2026-03-02, practitioner-sanne-bakker)
* insert Closeness(close, Dichtbij)
* insert Frequency(monthly, Maandelijks)
* insert Support(emotional, [[Emotionele steun]])
* insert Support(informational, [[Informatie en advies]])
* insert Need(emotional-support, [[Emotionele steun]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

// --- Tie assessments: evaluation, 14 September 2026 (Ingrid and Sanne together) -------------------------------

Instance: ingrid-tie-anja-2026-09-14
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Anja, 14 September 2026"
Description: "Sister now very close: coffee every Saturday, and Ingrid helps Anja with the care for their mother."
* insert TieHeader(ingrid-de-vries, ingrid-sister-anja, 2026-09-14, practitioner-sanne-bakker)
* performer[+] = Reference(ingrid-de-vries)
* insert Closeness(very-close, [[Zeer dichtbij]])
* insert Frequency(weekly, Wekelijks)
* insert Support(emotional, [[Emotionele steun]])
* insert Support(practical, [[Praktische steun]])
* insert Support(companionship, Gezelschap)
* insert Need(attachment, Hechting)
* insert Need(emotional-support, [[Emotionele steun]])
* insert Need(care-exchange, [[Zorg geven en ontvangen]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(supportive, Steunend)
* note[0].text = "Sinds juni elke zaterdagochtend koffie in Leusden. Ingrid gaat nu ook om de week mee naar hun moeder."

Instance: ingrid-tie-gerrit-2026-09-14
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Gerrit, 14 September 2026"
Description: "Neighbour: unchanged, still mutual and supportive."
* insert TieHeader(ingrid-de-vries, ingrid-neighbour-gerrit, 2026-09-14, practitioner-sanne-bakker)
* performer[+] = Reference(ingrid-de-vries)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(practical, [[Praktische steun]])
* insert Support(companionship, Gezelschap)
* insert Need(care-exchange, [[Zorg geven en ontvangen]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(supportive, Steunend)

Instance: ingrid-tie-marloes-2026-09-14
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Marloes, 14 September 2026"
Description: "Former colleague: the tie has become straining; Ingrid listens, Marloes asks about the divorce."
* insert TieHeader(ingrid-de-vries, ingrid-former-colleague-marloes, 2026-09-14, practitioner-sanne-bakker)
* performer[+] = Reference(ingrid-de-vries)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(monthly, Maandelijks)
* insert Reciprocity(client-gives, [[Cliënt geeft]])
* insert Valence(straining, Belastend)
* note[0].text = "Na de lunches is Ingrid dagen van slag. Ze wil Marloes niet meer betrekken bij haar hulp (zie toestemming)."

Instance: ingrid-tie-hennie-2026-09-14
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Hennie, 14 September 2026"
Description: "Choir friend now close: weekly rehearsals together from September."
* insert TieHeader(ingrid-de-vries, ingrid-choir-friend-hennie, 2026-09-14, practitioner-sanne-bakker)
* performer[+] = Reference(ingrid-de-vries)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(companionship, Gezelschap)
* insert Support(emotional, [[Emotionele steun]])
* insert Need(belonging, [[Erbij horen]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Need(emotional-support, [[Emotionele steun]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(supportive, Steunend)

Instance: ingrid-tie-els-2026-09-14
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Els, 14 September 2026"
Description: "Monthly visit from the church, unchanged."
* insert TieHeader(ingrid-de-vries, ingrid-church-els, 2026-09-14, practitioner-sanne-bakker)
* performer[+] = Reference(ingrid-de-vries)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(monthly, Maandelijks)
* insert Support(emotional, [[Emotionele steun]])
* insert Need(belonging, [[Erbij horen]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

Instance: ingrid-tie-wim-2026-09-14
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Ingrid - Wim (buddy), 14 September 2026"
Description: "New member since May: a weekly walk with the volunteer buddy."
* insert TieHeader(ingrid-de-vries, ingrid-buddy-wim, 2026-09-14, practitioner-sanne-bakker)
* performer[+] = Reference(ingrid-de-vries)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(companionship, Gezelschap)
* insert Support(practical, [[Praktische steun]])
* insert Need(belonging, [[Erbij horen]])
* insert Need(emotional-support, [[Emotionele steun]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

// --- Goals, in Ingrid's own words -----------------------------------------------------------------------------
// The basic needs go in category[1], category[2], ... (they match the basicNeed slice by pattern). Written as
// category[basicNeed][+], SUSHI 3.21 gives every basicNeed entry of an instance the value of the last one.

Instance: ingrid-goal-coffee-with-anja
InstanceOf: SRHGoal
Usage: #example
Title: "Ingrid: weekly coffee with her sister"
Description: "Goal in the client's own words: coffee with her sister once a week."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0142-1"
* lifecycleStatus = #active
* insert GoalAchievement(sustaining, Sustaining)
* category[coreAction] = $SRHCoreAction#strengthen "Versterken"
* category[1] = $SRHNeed#attachment "Hechting"
* category[2] = $SRHNeed#emotional-support "Emotionele steun"
* description.text = "Ik wil weer eens per week met mijn zus koffie drinken."
* addresses[0] = Reference(ingrid-understanding-matters-sister)
* subject = Reference(ingrid-de-vries)
* startDate = "2026-03-16"
* target[0].dueDate = "2026-07-01"
* expressedBy = Reference(ingrid-de-vries)
* note[0].text = "Sinds juni lukt het elke zaterdag. Ingrid wil dit vasthouden."

Instance: ingrid-goal-choir
InstanceOf: SRHGoal
Usage: #example
Title: "Ingrid: singing in the choir again"
Description: "Goal in the client's own words: back to the choir after the summer."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0142-2"
* lifecycleStatus = #active
* insert GoalAchievement(improving, Improving)
* category[coreAction] = $SRHCoreAction#strengthen "Versterken"
* category[1] = $SRHNeed#belonging "Erbij horen"
* category[2] = $SRHNeed#recognition "Erkenning en waardering"
* description.text = "Ik wil na de zomer weer meezingen met het koor, want daar hoorde ik erbij."
* addresses[0] = Reference(ingrid-understanding-strength-choir)
* subject = Reference(ingrid-de-vries)
* startDate = "2026-03-16"
* target[0].dueDate = "2026-10-31"
* expressedBy = Reference(ingrid-de-vries)

Instance: ingrid-goal-evenings
InstanceOf: SRHGoal
Usage: #example
Title: "Ingrid: someone to call in the evening"
Description: "Goal in the client's own words: people to call when the evenings are hard."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0142-3"
* lifecycleStatus = #active
* insert GoalAchievement(in-progress, [[In Progress]])
* category[coreAction] = $SRHCoreAction#secure "Verzekeren"
* category[1] = $SRHNeed#emotional-support "Emotionele steun"
* description.text = "Ik wil iemand kunnen bellen als het 's avonds niet gaat, zonder meteen de crisisdienst te bellen."
* subject = Reference(ingrid-de-vries)
* startDate = "2026-03-16"
* target[0].dueDate = "2026-12-31"
* expressedBy = Reference(ingrid-de-vries)

Instance: ingrid-goal-know-my-people
InstanceOf: SRHGoal
Usage: #example
Title: "Ingrid: her carer knows her people"
Description: "Goal in the client's own words: the professional gets to know the people around her."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0142-4"
* lifecycleStatus = #completed
* insert GoalAchievement(achieved, Achieved)
* category[coreAction] = $SRHCoreAction#connect "Verbinden"
* category[1] = $SRHNeed#recognition "Erkenning en waardering"
* description.text = "Ik wil dat Sanne mijn mensen kent, zodat ik niet steeds alles opnieuw hoef te vertellen."
* subject = Reference(ingrid-de-vries)
* startDate = "2026-03-02"
* target[0].dueDate = "2026-05-31"
* expressedBy = Reference(ingrid-de-vries)
* note[0].text = "Sanne heeft Anja, Gerrit en Hennie ontmoet; de netwerkkaart is af."

// --- The social system (CareTeam) -----------------------------------------------------------------------------

Instance: ingrid-social-system
InstanceOf: SRHSocialSystem
Usage: #example
Title: "Ingrid's social system"
Description: "Ingrid, the network members she involves and the professionals of the wijk-GGZ team."
* identifier[0].system = "https://example.org/fhir/NamingSystem/care-team-id"
* identifier[0].value = "CT-0142"
* status = #active
* category[socialSystem] = $SRHCategory#social-system "Sociaal systeem"
* name = "Sociaal systeem van Ingrid de Vries"
* subject = Reference(ingrid-de-vries)
* period.start = "2026-03-02"
* insert Participant(ingrid-de-vries, client, [[Cliënt]])
* insert Participant(ingrid-sister-anja, key-figure, Sleutelfiguur)
* participant[=].period.start = "2026-03-16"
* insert Participant(ingrid-neighbour-gerrit, network-member, Netwerklid)
* insert Participant(ingrid-choir-friend-hennie, network-member, Netwerklid)
* insert Participant(ingrid-church-els, network-member, Netwerklid)
* insert Participant(ingrid-buddy-wim, volunteer, Vrijwilliger)
* participant[=].period.start = "2026-05-12"
* insert Participant(ingrid-practice-nurse-ria, professional, Professional)
* participant[=].period.start = "2025-10-06"
* participant[=].period.end = "2026-04-30"
* insert Participant(practitioner-sanne-bakker, primary-professional, Regiehouder)
* participant[=].period.start = "2026-03-02"
* insert Participant(practitioner-jeroen-willems, professional, Professional)
* participant[=].period.start = "2026-04-07"
* managingOrganization = Reference(wijkteam-ggz-eemland)

// --- The support plan -----------------------------------------------------------------------------------------

Instance: ingrid-support-plan
InstanceOf: SRHSupportPlan
Usage: #example
Title: "Ingrid's support plan"
Description: "Support plan organised by the four core actions; much of the work is done by Ingrid and her network, the team complements."
* identifier[0].system = "https://example.org/fhir/NamingSystem/care-plan-id"
* identifier[0].value = "SP-0142-2026"
* status = #active
* intent = #plan
* category[supportPlan] = $SRHCategory#support-plan "Steunplan"
* title = "Steunplan Ingrid de Vries 2026"
* description = "Ingrid wil minder alleen zijn en weer ergens bij horen. Zus Anja, buurman Gerrit, Hennie van het koor en maatje Wim doen een groot deel; het wijkteam vult aan en houdt de depressie in het oog."
* subject = Reference(ingrid-de-vries)
* period.start = "2026-03-16"
* period.end = "2027-03-15"
* created = "2026-03-16"
* author = Reference(practitioner-sanne-bakker)
* contributor[+] = Reference(ingrid-de-vries)
* contributor[+] = Reference(ingrid-sister-anja)
* contributor[+] = Reference(practitioner-sanne-bakker)
* careTeam = Reference(ingrid-social-system)
* goal[+] = Reference(ingrid-goal-coffee-with-anja)
* goal[+] = Reference(ingrid-goal-choir)
* goal[+] = Reference(ingrid-goal-evenings)
* goal[+] = Reference(ingrid-goal-know-my-people)
// Verbinden
* activity[+].detail.code = $SRHCoreAction#connect "Verbinden"
* activity[=].detail.reasonCode = $SRHNeed#recognition "Erkenning en waardering"
* activity[=].detail.goal = Reference(ingrid-goal-know-my-people)
* activity[=].detail.status = #in-progress
* activity[=].detail.scheduledTiming.repeat.frequency = 1
* activity[=].detail.scheduledTiming.repeat.period = 1
* activity[=].detail.scheduledTiming.repeat.periodUnit = #wk
* activity[=].detail.scheduledTiming.repeat.dayOfWeek = #tue
* activity[=].detail.performer = Reference(practitioner-sanne-bakker)
* activity[=].detail.description = "Vast huisbezoek van Sanne op dinsdagochtend; Sanne gaat een keer mee naar Anja en maakt kennis met Gerrit en Hennie."
// Verstaan
* activity[+].detail.code = $SRHCoreAction#understand "Verstaan"
* activity[=].detail.goal = Reference(ingrid-goal-know-my-people)
* activity[=].detail.status = #completed
* activity[=].detail.scheduledPeriod.start = "2026-03-02"
* activity[=].detail.scheduledPeriod.end = "2026-03-24"
* activity[=].detail.performer[+] = Reference(practitioner-sanne-bakker)
* activity[=].detail.performer[+] = Reference(ingrid-de-vries)
* activity[=].detail.description = "Samen de netwerkkaart maken en per basisbehoefte bespreken wie daarin voorziet en wat nog ontbreekt."
* activity[+].detail.code = $SRHCoreAction#understand "Verstaan"
* activity[=].detail.status = #in-progress
* activity[=].detail.scheduledPeriod.start = "2026-04-07"
* activity[=].detail.performer = Reference(practitioner-jeroen-willems)
* activity[=].detail.description = "Gesprekken met Jeroen over de depressie: wat geeft energie, wat kost energie, en wat Ingrid zelf al doet dat helpt."
// Verzekeren
* activity[+].detail.code = $SRHCoreAction#secure "Verzekeren"
* activity[=].detail.status = #in-progress
* activity[=].detail.performer = Reference(ingrid-neighbour-gerrit)
* activity[=].detail.description = "Gerrit heeft een reservesleutel, kijkt 's ochtends of de gordijnen open zijn en doet op slechte dagen boodschappen."
* activity[+].detail.code = $SRHCoreAction#secure "Verzekeren"
* activity[=].detail.reasonCode = $SRHNeed#emotional-support "Emotionele steun"
* activity[=].detail.goal = Reference(ingrid-goal-evenings)
* activity[=].detail.status = #in-progress
* activity[=].detail.performer[+] = Reference(ingrid-de-vries)
* activity[=].detail.performer[+] = Reference(ingrid-sister-anja)
* activity[=].detail.description = "Avondplan bij de telefoon: eerst Anja of Wim bellen, dan de huisartsenpost. Ingrid en Anja hebben het samen opgeschreven."
// Versterken
* activity[+].detail.code = $SRHCoreAction#strengthen "Versterken"
* activity[=].detail.reasonCode = $SRHNeed#attachment "Hechting"
* activity[=].detail.goal = Reference(ingrid-goal-coffee-with-anja)
* activity[=].detail.status = #in-progress
* activity[=].detail.scheduledTiming.repeat.frequency = 1
* activity[=].detail.scheduledTiming.repeat.period = 1
* activity[=].detail.scheduledTiming.repeat.periodUnit = #wk
* activity[=].detail.scheduledTiming.repeat.dayOfWeek = #sat
* activity[=].detail.performer[+] = Reference(ingrid-de-vries)
* activity[=].detail.performer[+] = Reference(ingrid-sister-anja)
* activity[=].detail.description = "Elke zaterdagochtend koffie bij Anja in Leusden; Ingrid fietst er zelf heen."
* activity[+].detail.code = $SRHCoreAction#strengthen "Versterken"
* activity[=].detail.reasonCode = $SRHNeed#belonging "Erbij horen"
* activity[=].detail.goal = Reference(ingrid-goal-choir)
* activity[=].detail.status = #scheduled
* activity[=].detail.scheduledPeriod.start = "2026-09-17"
* activity[=].detail.performer[+] = Reference(ingrid-choir-friend-hennie)
* activity[=].detail.performer[+] = Reference(ingrid-de-vries)
* activity[=].extension[agreedAt].valueReference = Reference(ingrid-network-meeting-2026-09-14-held)
* activity[=].detail.description = "Hennie haalt Ingrid op donderdagavond op voor de repetitie van het koor, vanaf de eerste repetitie na de zomer."
* activity[+].detail.code = $SRHCoreAction#strengthen "Versterken"
* activity[=].detail.reasonCode = $SRHNeed#belonging "Erbij horen"
* activity[=].detail.status = #in-progress
* activity[=].detail.scheduledString = "Elke woensdagmiddag, sinds 13 mei 2026"
* activity[=].detail.performer = Reference(ingrid-buddy-wim)
* activity[=].detail.description = "Wekelijkse wandeling met maatje Wim door het park en langs de buurttuin."
* note[0].text = "Plan opgesteld met Ingrid en Anja op 16 maart 2026. Evaluatie 14 september 2026: Anja is dichterbij gekomen, de band met Marloes is belastend geworden; Ingrid wil Marloes niet betrekken."

// --- Involvement consents -------------------------------------------------------------------------------------

Instance: ingrid-consent-anja
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Ingrid agrees that Anja is involved"
Description: "Permit: sister Anja may see the plan, be contacted, take part and receive information."
* insert ConsentBasics(ingrid-de-vries, wijkteam-ggz-eemland, 2026-03-16)
* provision.type = #permit
* provision.period.start = "2026-03-16"
* provision.period.end = "2027-03-15"
* insert InvolvedActor(ingrid-sister-anja)
* insert Involvement(view-plan, [[Plan inzien]])
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(take-part, Meedoen)
* insert Involvement(receive-information, [[Informatie ontvangen]])

Instance: ingrid-consent-gerrit
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Ingrid agrees that Gerrit is involved"
Description: "Permit: neighbour Gerrit takes part in the plan (spare key, groceries) and may be contacted, for instance when Ingrid cannot be reached."
* insert ConsentBasics(ingrid-de-vries, wijkteam-ggz-eemland, 2026-03-16)
* policyRule.text = "WGBO art. 7:457 BW: gegevens over de cliënt alleen met diens toestemming aan anderen verstrekken"
* provision.type = #permit
* provision.period.start = "2026-03-16"
* provision.period.end = "2027-03-15"
* insert InvolvedActor(ingrid-neighbour-gerrit)
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(take-part, Meedoen)

Instance: ingrid-consent-wim
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Ingrid agrees that Wim is involved"
Description: "Permit: buddy Wim may be contacted and takes part in the plan."
* insert ConsentBasics(ingrid-de-vries, wijkteam-ggz-eemland, 2026-05-12)
* provision.type = #permit
* provision.period.start = "2026-05-12"
* provision.period.end = "2027-03-15"
* insert InvolvedActor(ingrid-buddy-wim)
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(take-part, Meedoen)

Instance: ingrid-consent-hennie
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Ingrid agrees that Hennie is involved"
Description: "Permit: choir friend Hennie takes part in the plan (picking Ingrid up for rehearsals) and may be contacted."
* insert ConsentBasics(ingrid-de-vries, wijkteam-ggz-eemland, 2026-06-09)
* provision.type = #permit
* provision.period.start = "2026-06-09"
* provision.period.end = "2027-03-15"
* insert InvolvedActor(ingrid-choir-friend-hennie)
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(take-part, Meedoen)

Instance: ingrid-consent-marloes
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Ingrid does not want Marloes involved"
Description: "Deny: former colleague Marloes may not be contacted and receives no information about Ingrid's support."
* insert ConsentBasics(ingrid-de-vries, wijkteam-ggz-eemland, 2026-09-14)
* provision.type = #deny
* provision.period.start = "2026-09-14"
* insert InvolvedActor(ingrid-former-colleague-marloes)
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(receive-information, [[Informatie ontvangen]])

// --- Relationship ratings at two contacts ---------------------------------------------------------------------

Instance: ingrid-encounter-2026-03-24
InstanceOf: SRHContactMoment
Usage: #example
Title: "Home visit to Ingrid, 24 March 2026"
Description: "Home visit by Sanne Bakker."
* status = #finished
* class = $ActCode#HH "home health"
* type = $SRHContactKind#home-visit
* subject = Reference(ingrid-de-vries)
* participant[0].individual = Reference(practitioner-sanne-bakker)
* period.start = "2026-03-24T10:00:00+01:00"
* period.end = "2026-03-24T11:00:00+01:00"
* serviceProvider = Reference(wijkteam-ggz-eemland)

Instance: ingrid-encounter-2026-09-15
InstanceOf: SRHContactMoment
Usage: #example
Title: "Home visit to Ingrid, 15 September 2026"
Description: "Home visit by Sanne Bakker after the evaluation."
* status = #finished
* class = $ActCode#HH "home health"
* type = $SRHContactKind#home-visit
* subject = Reference(ingrid-de-vries)
* participant[0].individual = Reference(practitioner-sanne-bakker)
* period.start = "2026-09-15T10:00:00+02:00"
* period.end = "2026-09-15T11:00:00+02:00"
* serviceProvider = Reference(wijkteam-ggz-eemland)

Instance: ingrid-rating-2026-03-24
InstanceOf: SRHRelationshipRating
Usage: #example
Title: "Ingrid rates the working relationship, 24 March 2026"
Description: "Early in the support: reliable, but Sanne does not yet know her people."
* insert RatingHeader(ingrid-de-vries, practitioner-sanne-bakker, ingrid-encounter-2026-03-24, 2026-03-24T10:45:00+01:00)
* insert RatingScores(3, 2, 4, 2, 6)

Instance: ingrid-rating-2026-09-15
InstanceOf: SRHRelationshipRating
Usage: #example
Title: "Ingrid rates the working relationship, 15 September 2026"
Description: "Six months on: Sanne knows her people and involves them as Ingrid wants."
* insert RatingHeader(ingrid-de-vries, practitioner-sanne-bakker, ingrid-encounter-2026-09-15, 2026-09-15T10:45:00+02:00)
* insert RatingScores(4, 4, 5, 5, 8)

// Who recorded the end of Ria's tie, and when (written in the same transaction as the change).
Instance: ingrid-change-practice-nurse-ria-ended
InstanceOf: SRHProvenance
Usage: #example
Title: "Sanne Bakker recorded the end of Ria Mulder's tie"
Description: "The change record of the update that ended Ingrid's tie with the GP practice nurse: what was written, when, by whom and why."
* target[0] = Reference(ingrid-practice-nurse-ria)
* target[1] = Reference(ingrid-de-vries)
* recorded = "2026-04-30T15:12:00+02:00"
* reason[0].text = "Overgedragen aan het wijk-GGZ-team"
* activity = $DataOperation#UPDATE "revise"
* agent[0].type = $ProvenanceParticipantType#author "Author"
* agent[0].who = Reference(practitioner-sanne-bakker)

Instance: ingrid-plan-agreed
InstanceOf: SRHPlanAgreement
Usage: #example
Title: "Ingrid and Sanne Bakker agreed the support plan"
Description: "Ingrid discussed the first version of her support plan with Sanne Bakker and agreed with it; the agreement names that version of the plan and of each of its goals."
* target[0].reference = "CarePlan/ingrid-support-plan/_history/1"
* target[1].reference = "Goal/ingrid-goal-coffee-with-anja/_history/1"
* target[2].reference = "Goal/ingrid-goal-choir/_history/1"
* target[3].reference = "Goal/ingrid-goal-evenings/_history/1"
* target[4].reference = "Goal/ingrid-goal-know-my-people/_history/1"
* target[5] = Reference(ingrid-de-vries)
* recorded = "2026-03-23T14:30:00+01:00"
* activity = $SRHProvenanceActivity#plan-agreed "Plan besproken en afgesproken met de cliënt"
* agent[0].type = $ProvenanceParticipantType#performer "Performer"
* agent[0].who = Reference(ingrid-de-vries)
* agent[1].type = $ProvenanceParticipantType#author "Author"
* agent[1].who = Reference(practitioner-sanne-bakker)
// --- Verstaan: what matters to Ingrid, her strengths, what stands in the way, life events ----------------------

Instance: ingrid-understanding-matters-sister
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Ingrid: what matters, her sister"
Description: "What matters to Ingrid, in her own words."
* insert Understanding(ingrid-de-vries, what-matters, Wat belangrijk is, practitioner-sanne-bakker, 2026-03-02T11:30:00+01:00, true, [[Dat ik mijn zus weer zie. Zij kent me van vroeger.]])
* effectiveDateTime = "2026-03-02T10:00:00+01:00"

Instance: ingrid-understanding-matters-useful
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Ingrid: what matters, being of use"
Description: "What matters to Ingrid, in the professional's words."
* insert Understanding(ingrid-de-vries, what-matters, Wat belangrijk is, practitioner-sanne-bakker, 2026-03-24T11:00:00+01:00, false, [[Ingrid wil ergens nuttig zijn, zoals vroeger op haar werk.]])
* effectiveDateTime = "2026-03-24T10:00:00+01:00"

Instance: ingrid-understanding-strength-choir
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Ingrid: strength, singing"
Description: "A strength of Ingrid, in her own words."
* insert Understanding(ingrid-de-vries, strength, Kracht, practitioner-sanne-bakker, 2026-03-02T11:30:00+01:00, true, [[Als ik zing, ben ik even niet somber.]])
* effectiveDateTime = "2026-03-02T10:00:00+01:00"

Instance: ingrid-understanding-strength-neighbour
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Ingrid: strength, a neighbour who looks out for her"
Description: "A strength in Ingrid's surroundings, in the professional's words."
* insert Understanding(ingrid-de-vries, strength, Kracht, practitioner-sanne-bakker, 2026-03-24T11:00:00+01:00, false, [[Buurman Gerrit let op haar en doet boodschappen als het slecht gaat.]])
* effectiveDateTime = "2026-03-24T10:00:00+01:00"

Instance: ingrid-understanding-barrier-shame
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Ingrid: what stands in the way, shame"
Description: "What stands in Ingrid's way, in her own words."
* insert Understanding(ingrid-de-vries, barrier, Wat in de weg staat, practitioner-sanne-bakker, 2026-03-02T11:30:00+01:00, true, [[Ik schaam me dat ik zo weinig heb laten horen.]])
* effectiveDateTime = "2026-03-02T10:00:00+01:00"

Instance: ingrid-understanding-barrier-evenings
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Ingrid: what stood in the way, the long evenings (no longer current)"
Description: "A barrier in the professional's words that no longer holds since the buddy came: kept in the history."
* insert Understanding(ingrid-de-vries, barrier, Wat in de weg staat, practitioner-sanne-bakker, 2026-03-24T11:00:00+01:00, false, [[De avonden alleen thuis zijn lang; dan piekert ze.]])
* effectiveDateTime = "2026-03-24T10:00:00+01:00"
* extension[noLongerCurrent].valueDate = "2026-09-14"
* note[0].text = "Sinds Wim haar maatje is, gaat ze op dinsdagavond mee naar de inloop."

Instance: ingrid-understanding-event-divorce
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Ingrid: life event, the divorce"
Description: "An important life event, dated with the year it happened, in Ingrid's own words."
* insert Understanding(ingrid-de-vries, life-event, Levensgebeurtenis, practitioner-sanne-bakker, 2026-03-02T11:30:00+01:00, true, [[Na de scheiding ben ik iedereen een beetje kwijtgeraakt.]])
* effectiveDateTime = "2025"

Instance: ingrid-understanding-event-job
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Ingrid: life event, losing her job"
Description: "A life event dated with a period, in the professional's words."
* insert Understanding(ingrid-de-vries, life-event, Levensgebeurtenis, practitioner-sanne-bakker, 2026-03-24T11:00:00+01:00, false, [[Ziek uit dienst na de reorganisatie; daarna weinig contact met collega's.]])
* effectivePeriod.start = "2024-09-01"
* effectivePeriod.end = "2025-02-28"
// How well Ingrid's basic needs are met, graded with her in March and again in September.
Instance: ingrid-needs-2026-03-02
InstanceOf: SRHNeedAssessment
Usage: #example
Title: "Ingrid's basic needs, 2 March 2026"
Description: "At the start: emotional support rests on the psychologist alone, nobody gives recognition."
* insert NeedHeader(ingrid-de-vries, 2026-03-02, practitioner-sanne-bakker)
* insert NeedGrade(attachment, Hechting, partly, [[Deels vervuld]])
* insert MetBy(ingrid-sister-anja)
* insert NeedGrade(belonging, [[Erbij horen]], barely, [[Nauwelijks vervuld]])
* insert MetBy(ingrid-church-els)
* insert NeedGrade(recognition, [[Erkenning en waardering]], not-met, [[Niet vervuld]])
* insert NeedGrade(care-exchange, [[Zorg geven en ontvangen]], partly, [[Deels vervuld]])
* insert MetBy(ingrid-neighbour-gerrit)
* insert NeedGrade(emotional-support, [[Emotionele steun]], barely, [[Nauwelijks vervuld]])
* insert MetBy(practitioner-jeroen-willems)

Instance: ingrid-needs-2026-09-14
InstanceOf: SRHNeedAssessment
Usage: #example
Title: "Ingrid's basic needs, 14 September 2026"
Description: "Six months on: the choir and the buddy carry belonging and emotional support with her sister and the psychologist."
* insert NeedHeader(ingrid-de-vries, 2026-09-14, practitioner-sanne-bakker)
* performer[+] = Reference(ingrid-de-vries)
* insert NeedGrade(attachment, Hechting, mostly, [[Grotendeels vervuld]])
* insert MetBy(ingrid-sister-anja)
* insert NeedGrade(belonging, [[Erbij horen]], mostly, [[Grotendeels vervuld]])
* insert MetBy(ingrid-choir-friend-hennie)
* insert MetBy(ingrid-church-els)
* insert MetBy(ingrid-buddy-wim)
* insert NeedGrade(recognition, [[Erkenning en waardering]], partly, [[Deels vervuld]])
* insert MetBy(ingrid-choir-friend-hennie)
* insert MetBy(ingrid-church-els)
* insert NeedGrade(care-exchange, [[Zorg geven en ontvangen]], mostly, [[Grotendeels vervuld]])
* insert MetBy(ingrid-sister-anja)
* insert MetBy(ingrid-neighbour-gerrit)
* insert NeedGrade(emotional-support, [[Emotionele steun]], partly, [[Deels vervuld]])
* insert MetBy(ingrid-sister-anja)
* insert MetBy(ingrid-buddy-wim)
* insert MetBy(practitioner-jeroen-willems)
* note[0].text = "Ingrid: 'Bij het koor hoor ik er weer bij. Over mijn somberheid praat ik alleen met Anja en Jeroen.'"

// --- Verbinden: contact moments recorded in the app, the professional's ratings and reflections ---------------

Instance: ingrid-contact-2026-04-07
InstanceOf: SRHContactMoment
Usage: #example
Title: "Phone call with Ingrid, 7 April 2026"
Description: "A contact moment recorded in the app (no Encounter in the EHR for it)."
* insert ContactMoment(ingrid-de-vries, practitioner-sanne-bakker, phone, VR, 2026-04-07T09:30:00+02:00)

Instance: ingrid-contact-2026-05-12
InstanceOf: SRHContactMoment
Usage: #example
Title: "Video call with Ingrid, 12 May 2026"
Description: "The last contact before a long gap, until the home visit in September."
* insert ContactMoment(ingrid-de-vries, practitioner-sanne-bakker, video, VR, 2026-05-12T14:00:00+02:00)

Instance: ingrid-professional-rating-2026-03-24
InstanceOf: SRHRelationshipRating
Usage: #example
Title: "Sanne rates the working relationship with Ingrid, 24 March 2026"
Description: "The professional's own rating, beside Ingrid's of the same day."
* insert ProfessionalRatingHeader(ingrid-de-vries, practitioner-sanne-bakker, 2026-03-24T11:30:00+01:00)
* insert RatingScores(3, 3, 4, 2, 6)

Instance: ingrid-reflection-2026-h1
InstanceOf: SRHRelationshipReflection
Usage: #example
Title: "Sanne's reflection on the first half of 2026"
Description: "Professional-only: not shown to the client."
* insert Reflection(ingrid-de-vries, practitioner-sanne-bakker, 2026-03-01, 2026-06-30, 2026-07-01T09:00:00+02:00)
* valueString = "Contact kwam traag op gang; na mei te lang geen contact gehad. Ingrid wil dat haar zus meer betrokken wordt."

// --- Outcome over time: total scores of the instruments the team uses -----------------------------------------

Instance: ingrid-outcome-djg6-2026-03-02
InstanceOf: SRHOutcomeScore
Usage: #example
Title: "Ingrid's loneliness score (De Jong Gierveld, 6 items), 2 March 2026"
Description: "At the start: very lonely."
* insert OutcomeScore(ingrid-de-vries, ingrid-de-vries, djg-6, 2026-03-02, 5)

Instance: ingrid-outcome-djg6-2026-09-14
InstanceOf: SRHOutcomeScore
Usage: #example
Title: "Ingrid's loneliness score (De Jong Gierveld, 6 items), 14 September 2026"
Description: "Six months on, with her sister and the choir back: less lonely."
* insert OutcomeScore(ingrid-de-vries, ingrid-de-vries, djg-6, 2026-09-14, 3)

// --- Network meeting (netwerkberaad) at the evaluation --------------------------------------------------------

Instance: ingrid-network-meeting-2026-09-14
InstanceOf: SRHNetworkMeeting
Usage: #example
Title: "Ingrid's network meeting of 14 September 2026, as planned"
Description: "Prepared with Ingrid: Anja and Hennie invited (both with her consent), the open goals and the unmet need of belonging on the agenda. Held, so fulfilled."
* status = #fulfilled
* serviceType[networkMeeting] = $SRHCategory#network-meeting "Netwerkberaad"
* reasonCode = $SRHNeed#belonging "Erbij horen"
* supportingInformation[+] = Reference(ingrid-goal-choir)
* supportingInformation[+] = Reference(ingrid-goal-evenings)
* description = "Terugkijken op een half jaar steunplan\nWeer naar het koor\nDe avonden"
* start = "2026-09-14T14:00:00+02:00"
* end = "2026-09-14T15:30:00+02:00"
* created = "2026-08-31"
* comment = "We drinken koffie bij Ingrid thuis."
* participant[+].actor = Reference(ingrid-de-vries)
* participant[=].status = #accepted
* participant[+].actor = Reference(ingrid-sister-anja)
* participant[=].status = #accepted
* participant[+].actor = Reference(ingrid-choir-friend-hennie)
* participant[=].status = #accepted
* participant[+].actor = Reference(practitioner-sanne-bakker)
* participant[=].status = #accepted

Instance: ingrid-network-meeting-2026-09-14-held
InstanceOf: SRHNetworkMeetingRecord
Usage: #example
Title: "Ingrid's network meeting of 14 September 2026, as held"
Description: "Anja, Hennie and Sanne came; it was agreed that Hennie takes Ingrid to the choir (an activity of the support plan)."
* status = #finished
* class = $ActCode#HH "home health"
* type[networkMeeting] = $SRHCategory#network-meeting "Netwerkberaad"
* subject = Reference(ingrid-de-vries)
* appointment = Reference(ingrid-network-meeting-2026-09-14)
* participant[+].individual = Reference(ingrid-sister-anja)
* participant[+].individual = Reference(ingrid-choir-friend-hennie)
* participant[+].individual = Reference(practitioner-sanne-bakker)
* period.start = "2026-09-14T14:00:00+02:00"
* period.end = "2026-09-14T15:45:00+02:00"
