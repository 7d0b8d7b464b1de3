// Example client 2: Mohamed El Amrani (fictional).
// 24, released from detention on 30 January 2026 and under probation supervision (reclasseringstoezicht); lives
// with his mother and younger brother in Rotterdam-Zuid. Between the first network map (23 February 2026) and
// the evaluation (21 September 2026) his uncle comes closer, the ex-friend from the street fades into the
// distance but stays straining, the boxing mentor becomes central, and a study coach joins when his work-and-learn
// training (BBL) starts (a new member). All people, organisations, numbers and identifiers are invented.

// --- The client, the professional, the organisation -----------------------------------------------------------

Instance: mohamed-el-amrani
InstanceOf: Patient
Usage: #example
Title: "Mohamed El Amrani"
Description: "Fictional client, 24, recently released from detention and on probation."
* identifier[0].system = "https://example.org/fhir/NamingSystem/client-id"
* identifier[0].value = "C-2026-0317"
* active = true
* name[0].use = #official
* name[0].family = "El Amrani"
* name[0].given[0] = "Mohamed"
* telecom[0].system = #phone
* telecom[0].value = "06-98765432"
* telecom[0].use = #mobile
* gender = #male
* birthDate = "2002-05-17"
* address[0].use = #home
* address[0].city = "Rotterdam"
* address[0].country = "NL"
* communication[0].language = urn:ietf:bcp:47#nl "Dutch"
* communication[0].preferred = true
* managingOrganization = Reference(nieuwe-start-rotterdam)

Instance: nieuwe-start-rotterdam
InstanceOf: Organization
Usage: #example
Title: "Stichting Nieuwe Start Rotterdam"
Description: "Fictional organisation for probation supervision and reintegration after detention."
* identifier[0].system = "https://example.org/fhir/NamingSystem/organization-id"
* identifier[0].value = "ORG-0031"
* active = true
* name = "Stichting Nieuwe Start Rotterdam"
* telecom[0].system = #phone
* telecom[0].value = "010-2345678"
* address[0].city = "Rotterdam"
* address[0].country = "NL"

Instance: practitioner-lotte-hendriks
InstanceOf: Practitioner
Usage: #example
Title: "Lotte Hendriks, probation officer"
Description: "Fictional probation officer (reclasseringswerker); Mohamed's lead professional."
* identifier[0].system = "https://example.org/fhir/NamingSystem/employee-id"
* identifier[0].value = "E-8120"
* active = true
* name[0].family = "Hendriks"
* name[0].given[0] = "Lotte"
* telecom[0].system = #phone
* telecom[0].value = "06-12398745"
* telecom[0].use = #work
* telecom[1].system = #email
* telecom[1].value = "l.hendriks@example.com"
* gender = #female
* qualification[0].code.text = "Reclasseringswerker (HBO Maatschappelijk Werk en Dienstverlening)"

// --- Network members (RelatedPerson) --------------------------------------------------------------------------

Instance: mohamed-mother-fatima
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Fatima Bouzid, Mohamed's mother"
Description: "Mohamed lives with her. Very close; since her knee operation in spring 2026 Mohamed helps her more."
* insert Sector(family, Familie)
* active = true
* patient = Reference(mohamed-el-amrani)
* relationship.coding[roleCode] = $RoleCode#MTH "mother"
* relationship.text = "moeder"
* name[0].family = "Bouzid"
* name[0].given[0] = "Fatima"
* telecom[0].system = #phone
* telecom[0].value = "06-23456789"
* telecom[0].use = #mobile
* gender = #female

Instance: mohamed-brother-youssef
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Youssef El Amrani, Mohamed's older brother"
Description: "Older brother, works in logistics; helps with paperwork, money and finding work."
* insert Sector(family, Familie)
* active = true
* patient = Reference(mohamed-el-amrani)
* relationship.coding[roleCode] = $RoleCode#BRO "brother"
* relationship.text = "oudere broer"
* name[0].family = "El Amrani"
* name[0].given[0] = "Youssef"
* telecom[0].system = #phone
* telecom[0].value = "06-34567891"
* telecom[0].use = #mobile
* telecom[1].system = #email
* telecom[1].value = "youssef.elamrani@example.com"
* gender = #male

Instance: mohamed-brother-bilal
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Bilal El Amrani, Mohamed's younger brother"
Description: "Younger brother (19), lives at home; first ambivalent (same group on the street), later Mohamed is an example for him."
* insert Sector(family, Familie)
* active = true
* patient = Reference(mohamed-el-amrani)
* relationship.coding[roleCode] = $RoleCode#BRO "brother"
* relationship.text = "jongere broer"
* name[0].family = "El Amrani"
* name[0].given[0] = "Bilal"
* telecom[0].system = #phone
* telecom[0].value = "06-45678912"
* telecom[0].use = #mobile
* gender = #male

Instance: mohamed-uncle-hassan
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Hassan El Amrani, Mohamed's uncle"
Description: "Father's brother. Disappointed at first; from spring 2026 invites Mohamed for the Friday evening meal."
* insert Sector(family, Familie)
* active = true
* patient = Reference(mohamed-el-amrani)
* relationship.coding[roleCode] = $RoleCode#UNCLE "uncle"
* relationship.text = "oom (broer van vader)"
* name[0].family = "El Amrani"
* name[0].given[0] = "Hassan"
* telecom[0].system = #phone
* telecom[0].value = "010-4789123"
* telecom[0].use = #home
* gender = #male

Instance: mohamed-boxing-mentor-dennis
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Dennis Kramer, mentor at the boxing club"
Description: "Trainer who coached Mohamed as a teenager; his mentor again since February 2026."
* insert Sector(leisure, [[Vrije tijd]])
* active = true
* patient = Reference(mohamed-el-amrani)
* relationship.text = "mentor bij de boksschool"
* name[0].family = "Kramer"
* name[0].given[0] = "Dennis"
* telecom[0].system = #phone
* telecom[0].value = "06-56789123"
* telecom[0].use = #mobile
* gender = #male
* period.start = "2026-02-09"

Instance: mohamed-ex-friend-jordy
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Jordy Vermeulen, former friend from the neighbourhood"
Description: "Friend from the street, involved in the events that led to the detention. A straining tie that Mohamed keeps at a distance."
* insert Sector(neighbourhood, Buurt)
* active = true
* patient = Reference(mohamed-el-amrani)
* relationship.coding[roleCode] = $RoleCode#FRND "unrelated friend"
* relationship.text = "vroegere vriend uit de wijk"
* name[0].family = "Vermeulen"
* name[0].given[0] = "Jordy"
* telecom[0].system = #phone
* telecom[0].value = "06-67891234"
* telecom[0].use = #mobile
* gender = #male

Instance: mohamed-employer-kees
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Kees van Leeuwen, employer at the work placement"
Description: "Owner of a bicycle repair shop; Mohamed's employer and workplace trainer in the work-and-learn route since February 2026."
* insert Sector(work, Werk)
* identifier[0].system = "https://example.org/fhir/NamingSystem/network-member-id"
* identifier[0].value = "NM-0317-07"
* active = true
* patient = Reference(mohamed-el-amrani)
* relationship.text = "werkgever leerwerkplek (fietsenmakerij)"
* name[0].family = "van Leeuwen"
* name[0].given[0] = "Kees"
* telecom[0].system = #phone
* telecom[0].value = "010-4123456"
* telecom[0].use = #work
* telecom[1].system = #email
* telecom[1].value = "kees@example.com"
* gender = #male
* period.start = "2026-02-16"

// A new member, only at the second assessment: the study coach of the vocational school.
Instance: mohamed-study-coach-esther
InstanceOf: SRHNetworkMember
Usage: #example
Title: "Esther Kok, study coach at the vocational school"
Description: "Study coach (studieloopbaanbegeleider) of Mohamed's work-and-learn training as a bicycle technician (MBO level 2), since September 2026."
* insert Sector(school, [[School en opleiding]])
* active = true
* patient = Reference(mohamed-el-amrani)
* relationship.text = "studieloopbaanbegeleider mbo-opleiding fietstechnicus"
* name[0].family = "Kok"
* name[0].given[0] = "Esther"
* telecom[0].system = #email
* telecom[0].value = "e.kok@example.org"
* telecom[0].use = #work
* gender = #female
* period.start = "2026-09-01"

// --- Tie assessments: first network map, 23 February 2026 -----------------------------------------------------

Instance: mohamed-tie-fatima-2026-02-23
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Fatima, 23 February 2026"
Description: "Mother: very close, gives a lot, worries a lot."
* insert TieHeader(mohamed-el-amrani, mohamed-mother-fatima, 2026-02-23, practitioner-lotte-hendriks)
* insert Closeness(very-close, [[Zeer dichtbij]])
* insert Frequency(daily, Dagelijks)
* insert Support(emotional, [[Emotionele steun]])
* insert Support(practical, [[Praktische steun]])
* insert Need(attachment, Hechting)
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)
* note[0].text = "Moeder heeft hem elke week bezocht in de gevangenis. Mohamed: 'Ik wil haar niet nog een keer teleurstellen.'"

Instance: mohamed-tie-youssef-2026-02-23
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Youssef, 23 February 2026"
Description: "Older brother: practical help and advice."
* insert TieHeader(mohamed-el-amrani, mohamed-brother-youssef, 2026-02-23, practitioner-lotte-hendriks)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(informational, [[Informatie en advies]])
* insert Support(practical, [[Praktische steun]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

Instance: mohamed-tie-bilal-2026-02-23
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Bilal, 23 February 2026"
Description: "Younger brother: close, but hangs out with the same group on the street."
* insert TieHeader(mohamed-el-amrani, mohamed-brother-bilal, 2026-02-23, practitioner-lotte-hendriks)
* insert Closeness(close, Dichtbij)
* insert Frequency(daily, Dagelijks)
* insert Support(companionship, Gezelschap)
* insert Need(belonging, [[Erbij horen]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(ambivalent, Wisselend)

Instance: mohamed-tie-hassan-2026-02-23
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Hassan, 23 February 2026"
Description: "Uncle: hardly any contact since the detention."
* insert TieHeader(mohamed-el-amrani, mohamed-uncle-hassan, 2026-02-23, practitioner-lotte-hendriks)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(rarely, [[Zelden of nooit]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(ambivalent, Wisselend)
* note[0].text = "Oom was erg teleurgesteld. Mohamed schaamt zich, maar zou het contact graag herstellen."

Instance: mohamed-tie-dennis-2026-02-23
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Dennis, 23 February 2026"
Description: "Boxing mentor: training twice a week, somewhere Mohamed belongs."
* insert TieHeader(mohamed-el-amrani, mohamed-boxing-mentor-dennis, 2026-02-23, practitioner-lotte-hendriks)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(companionship, Gezelschap)
* insert Support(informational, [[Informatie en advies]])
* insert Need(belonging, [[Erbij horen]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

Instance: mohamed-tie-jordy-2026-02-23
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Jordy, 23 February 2026"
Description: "Former friend: still weekly contact, company and a sense of belonging, but straining."
* insert TieHeader(mohamed-el-amrani, mohamed-ex-friend-jordy, 2026-02-23, practitioner-lotte-hendriks)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(companionship, Gezelschap)
* insert Need(belonging, [[Erbij horen]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(straining, Belastend)
* note[0].text = "Jordy belt vaak 's avonds en wil dat Mohamed meegaat naar het plein. Risico op terugval in oude patronen."

Instance: mohamed-tie-kees-2026-02-23
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Kees, 23 February 2026"
Description: "Employer, one week into the work placement."
* insert TieHeader(mohamed-el-amrani, mohamed-employer-kees, 2026-02-23, practitioner-lotte-hendriks)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(weekly, Wekelijks)
* insert Support(informational, [[Informatie en advies]])
* insert Support(practical, [[Praktische steun]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

// --- Tie assessments: evaluation, 21 September 2026 (Mohamed and Lotte together) ------------------------------

Instance: mohamed-tie-fatima-2026-09-21
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Fatima, 21 September 2026"
Description: "Mother: now mutual; Mohamed helps her since her knee operation."
* insert TieHeader(mohamed-el-amrani, mohamed-mother-fatima, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert Closeness(very-close, [[Zeer dichtbij]])
* insert Frequency(daily, Dagelijks)
* insert Support(emotional, [[Emotionele steun]])
* insert Support(practical, [[Praktische steun]])
* insert Need(attachment, Hechting)
* insert Need(care-exchange, [[Zorg geven en ontvangen]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(supportive, Steunend)

Instance: mohamed-tie-youssef-2026-09-21
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Youssef, 21 September 2026"
Description: "Older brother: still practical help; they now also go to football matches together."
* insert TieHeader(mohamed-el-amrani, mohamed-brother-youssef, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(informational, [[Informatie en advies]])
* insert Support(practical, [[Praktische steun]])
* insert Support(companionship, Gezelschap)
* insert Need(recognition, [[Erkenning en waardering]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

Instance: mohamed-tie-bilal-2026-09-21
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Bilal, 21 September 2026"
Description: "Younger brother: Mohamed now looks out for him; the tie has become supportive."
* insert TieHeader(mohamed-el-amrani, mohamed-brother-bilal, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert Closeness(close, Dichtbij)
* insert Frequency(daily, Dagelijks)
* insert Support(companionship, Gezelschap)
* insert Need(belonging, [[Erbij horen]])
* insert Need(care-exchange, [[Zorg geven en ontvangen]])
* insert Reciprocity(client-gives, [[Cliënt geeft]])
* insert Valence(supportive, Steunend)

Instance: mohamed-tie-hassan-2026-09-21
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Hassan, 21 September 2026"
Description: "Uncle: much closer; Friday evening meal every week."
* insert TieHeader(mohamed-el-amrani, mohamed-uncle-hassan, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(informational, [[Informatie en advies]])
* insert Support(companionship, Gezelschap)
* insert Need(recognition, [[Erkenning en waardering]])
* insert Need(belonging, [[Erbij horen]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)
* note[0].text = "Oom zei tegen de familie dat hij trots is op de leerwerkplek. Dat deed Mohamed veel."

Instance: mohamed-tie-dennis-2026-09-21
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Dennis, 21 September 2026"
Description: "Boxing mentor: now very close; Mohamed assists with the youth group."
* insert TieHeader(mohamed-el-amrani, mohamed-boxing-mentor-dennis, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert Closeness(very-close, [[Zeer dichtbij]])
* insert Frequency(weekly, Wekelijks)
* insert Support(companionship, Gezelschap)
* insert Support(emotional, [[Emotionele steun]])
* insert Support(informational, [[Informatie en advies]])
* insert Need(belonging, [[Erbij horen]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Need(emotional-support, [[Emotionele steun]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(supportive, Steunend)

Instance: mohamed-tie-jordy-2026-09-21
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Jordy, 21 September 2026"
Description: "Former friend: Mohamed has blocked his number; still straining when Jordy seeks contact through others."
* insert TieHeader(mohamed-el-amrani, mohamed-ex-friend-jordy, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(rarely, [[Zelden of nooit]])
* insert Valence(straining, Belastend)
* note[0].text = "Nummer geblokkeerd sinds mei. Jordy zoekt soms contact via Bilal; Mohamed bespreekt dat met Lotte."

Instance: mohamed-tie-kees-2026-09-21
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Kees, 21 September 2026"
Description: "Employer: closer; Mohamed now trains the new intern."
* insert TieHeader(mohamed-el-amrani, mohamed-employer-kees, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert Closeness(close, Dichtbij)
* insert Frequency(weekly, Wekelijks)
* insert Support(informational, [[Informatie en advies]])
* insert Support(practical, [[Praktische steun]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Need(belonging, [[Erbij horen]])
* insert Reciprocity(mutual, Wederzijds)
* insert Valence(supportive, Steunend)

Instance: mohamed-tie-esther-2026-09-21
InstanceOf: SRHTieAssessment
Usage: #example
Title: "Tie Mohamed - Esther (study coach), 21 September 2026"
Description: "New member since the start of the school year."
* insert TieHeader(mohamed-el-amrani, mohamed-study-coach-esther, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert Closeness(distant, [[Op afstand]])
* insert Frequency(monthly, Maandelijks)
* insert Support(informational, [[Informatie en advies]])
* insert Need(recognition, [[Erkenning en waardering]])
* insert Reciprocity(member-gives, [[Netwerklid geeft]])
* insert Valence(supportive, Steunend)

// --- Goals, in Mohamed's own words ----------------------------------------------------------------------------
// The basic needs go in category[1], category[2], ... (they match the basicNeed slice by pattern). Written as
// category[basicNeed][+], SUSHI 3.21 gives every basicNeed entry of an instance the value of the last one.

Instance: mohamed-goal-diploma
InstanceOf: SRHGoal
Usage: #example
Title: "Mohamed: diploma and a permanent job"
Description: "Goal in the client's own words: finish the bicycle technician training and get a permanent contract."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0317-1"
* lifecycleStatus = #active
* insert GoalAchievement(in-progress, [[In Progress]])
* category[coreAction] = $SRHCoreAction#strengthen "Versterken"
* category[1] = $SRHNeed#recognition "Erkenning en waardering"
* category[2] = $SRHNeed#belonging "Erbij horen"
* description.text = "Ik wil mijn diploma fietstechnicus halen en daarna een vast contract."
* addresses[0] = Reference(mohamed-understanding-matters-work)
* subject = Reference(mohamed-el-amrani)
* startDate = "2026-02-23"
* target[0].dueDate = "2027-07-01"
* expressedBy = Reference(mohamed-el-amrani)

Instance: mohamed-goal-help-mother
InstanceOf: SRHGoal
Usage: #example
Title: "Mohamed: helping his mother"
Description: "Goal in the client's own words: to help his mother instead of making her worry."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0317-2"
* lifecycleStatus = #active
* insert GoalAchievement(improving, Improving)
* category[coreAction] = $SRHCoreAction#strengthen "Versterken"
* category[1] = $SRHNeed#care-exchange "Zorg geven en ontvangen"
* category[2] = $SRHNeed#attachment "Hechting"
* description.text = "Ik wil mijn moeder helpen, in plaats van dat zij zich steeds zorgen om mij maakt."
* subject = Reference(mohamed-el-amrani)
* startDate = "2026-02-23"
* target[0].dueDate = "2026-12-31"
* expressedBy = Reference(mohamed-el-amrani)
* note[0].text = "Na de knieoperatie van zijn moeder (april) doet Mohamed de boodschappen en rijdt hij haar naar de fysiotherapeut."

Instance: mohamed-goal-own-choice
InstanceOf: SRHGoal
Usage: #example
Title: "Mohamed: choosing his own company"
Description: "Goal in the client's own words: no more hanging out with the old group."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0317-3"
* lifecycleStatus = #active
* insert GoalAchievement(improving, Improving)
* category[coreAction] = $SRHCoreAction#secure "Verzekeren"
* category[1] = $SRHNeed#belonging "Erbij horen"
* description.text = "Ik wil niet meer met de jongens van vroeger op het plein hangen. Ik bepaal zelf met wie ik omga."
* subject = Reference(mohamed-el-amrani)
* startDate = "2026-02-23"
* target[0].dueDate = "2026-12-31"
* expressedBy = Reference(mohamed-el-amrani)

Instance: mohamed-goal-debts
InstanceOf: SRHGoal
Usage: #example
Title: "Mohamed: a grip on his debts"
Description: "Goal in the client's own words: know his debts and have a plan to pay them off."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0317-4"
* lifecycleStatus = #active
* insert GoalAchievement(in-progress, [[In Progress]])
* category[coreAction] = $SRHCoreAction#secure "Verzekeren"
* description.text = "Ik wil weten hoeveel schulden ik heb en een plan om ze af te betalen."
* subject = Reference(mohamed-el-amrani)
* startDate = "2026-03-09"
* target[0].dueDate = "2026-11-30"
* expressedBy = Reference(mohamed-el-amrani)

Instance: mohamed-goal-honest-contact
InstanceOf: SRHGoal
Usage: #example
Title: "Mohamed: an honest working relationship"
Description: "Goal in the client's own words: a probation officer who is honest and sees more than an offender."
* identifier[0].system = "https://example.org/fhir/NamingSystem/goal-id"
* identifier[0].value = "G-0317-5"
* lifecycleStatus = #active
* insert GoalAchievement(sustaining, Sustaining)
* category[coreAction] = $SRHCoreAction#connect "Verbinden"
* category[1] = $SRHNeed#recognition "Erkenning en waardering"
* description.text = "Ik wil dat Lotte eerlijk zegt wat ze over mij opschrijft, en dat ze mij niet alleen als dader ziet."
* subject = Reference(mohamed-el-amrani)
* startDate = "2026-02-23"
* target[0].dueDate = "2026-06-30"
* expressedBy = Reference(mohamed-el-amrani)
* note[0].text = "Lotte leest haar rapportages voor aan Mohamed voordat ze ze verstuurt."

// --- The social system (CareTeam) -----------------------------------------------------------------------------

Instance: mohamed-social-system
InstanceOf: SRHSocialSystem
Usage: #example
Title: "Mohamed's social system"
Description: "Mohamed, the network members he involves and his probation officer."
* identifier[0].system = "https://example.org/fhir/NamingSystem/care-team-id"
* identifier[0].value = "CT-0317"
* status = #active
* category[socialSystem] = $SRHCategory#social-system "Sociaal systeem"
* name = "Sociaal systeem van Mohamed El Amrani"
* subject = Reference(mohamed-el-amrani)
* period.start = "2026-02-23"
* insert Participant(mohamed-el-amrani, client, [[Cliënt]])
* insert Participant(mohamed-mother-fatima, key-figure, Sleutelfiguur)
* insert Participant(mohamed-brother-youssef, network-member, Netwerklid)
* insert Participant(mohamed-uncle-hassan, network-member, Netwerklid)
* participant[=].period.start = "2026-05-01"
* insert Participant(mohamed-boxing-mentor-dennis, network-member, Netwerklid)
* insert Participant(mohamed-employer-kees, network-member, Netwerklid)
* participant[=].period.start = "2026-02-23"
* insert Participant(mohamed-study-coach-esther, network-member, Netwerklid)
* participant[=].period.start = "2026-09-01"
* insert Participant(practitioner-lotte-hendriks, primary-professional, Regiehouder)
* participant[=].period.start = "2026-01-30"
* participant[=].period.end = "2027-07-29"
* managingOrganization = Reference(nieuwe-start-rotterdam)

// --- The support plan -----------------------------------------------------------------------------------------

Instance: mohamed-support-plan
InstanceOf: SRHSupportPlan
Usage: #example
Title: "Mohamed's support plan"
Description: "Support plan during probation, organised by the four core actions; family, boxing club and work placement carry much of it."
* identifier[0].system = "https://example.org/fhir/NamingSystem/care-plan-id"
* identifier[0].value = "SP-0317-2026"
* status = #active
* intent = #plan
* category[supportPlan] = $SRHCategory#support-plan "Steunplan"
* title = "Steunplan Mohamed El Amrani 2026-2027"
* description = "Mohamed wil een nieuwe start: werk, een diploma en andere vrienden. Moeder, Youssef, oom Hassan, Dennis van de boksschool en Kees van de leerwerkplek steunen hem; de reclassering houdt toezicht en vult aan."
* subject = Reference(mohamed-el-amrani)
* period.start = "2026-03-09"
* period.end = "2027-07-29"
* created = "2026-03-09"
* author = Reference(practitioner-lotte-hendriks)
* contributor[+] = Reference(mohamed-el-amrani)
* contributor[+] = Reference(mohamed-mother-fatima)
* contributor[+] = Reference(mohamed-brother-youssef)
* contributor[+] = Reference(practitioner-lotte-hendriks)
* careTeam = Reference(mohamed-social-system)
* goal[+] = Reference(mohamed-goal-diploma)
* goal[+] = Reference(mohamed-goal-help-mother)
* goal[+] = Reference(mohamed-goal-own-choice)
* goal[+] = Reference(mohamed-goal-debts)
* goal[+] = Reference(mohamed-goal-honest-contact)
// Verbinden
* activity[+].detail.code = $SRHCoreAction#connect "Verbinden"
* activity[=].detail.reasonCode = $SRHNeed#recognition "Erkenning en waardering"
* activity[=].detail.goal = Reference(mohamed-goal-honest-contact)
* activity[=].detail.status = #in-progress
* activity[=].detail.scheduledTiming.repeat.frequency = 1
* activity[=].detail.scheduledTiming.repeat.period = 1
* activity[=].detail.scheduledTiming.repeat.periodUnit = #wk
* activity[=].detail.performer = Reference(practitioner-lotte-hendriks)
* activity[=].detail.description = "Wekelijks gesprek met Lotte; om de week op een plek die Mohamed kiest (boksschool, leerwerkplek of thuis). Lotte leest haar rapportages eerst met Mohamed door."
// Verstaan
* activity[+].detail.code = $SRHCoreAction#understand "Verstaan"
* activity[=].detail.status = #completed
* activity[=].detail.scheduledPeriod.start = "2026-02-23"
* activity[=].detail.scheduledPeriod.end = "2026-03-09"
* activity[=].detail.performer[+] = Reference(practitioner-lotte-hendriks)
* activity[=].detail.performer[+] = Reference(mohamed-el-amrani)
* activity[=].detail.performer[+] = Reference(mohamed-mother-fatima)
* activity[=].detail.description = "Netwerkkaart maken met Mohamed; in een gezamenlijk gesprek vertellen moeder en Youssef hoe zij het zien en wat zij kunnen doen."
// Verzekeren
* activity[+].detail.code = $SRHCoreAction#secure "Verzekeren"
* activity[=].detail.goal = Reference(mohamed-goal-debts)
* activity[=].detail.status = #in-progress
* activity[=].detail.scheduledString = "Eerste gesprek schuldhulpverlening op 7 oktober 2026"
* activity[=].detail.performer[+] = Reference(mohamed-brother-youssef)
* activity[=].detail.performer[+] = Reference(mohamed-el-amrani)
* activity[=].detail.description = "Youssef zet samen met Mohamed alle schulden op een rij en gaat mee naar het eerste gesprek bij de gemeentelijke schuldhulpverlening."
* activity[+].detail.code = $SRHCoreAction#secure "Verzekeren"
* activity[=].detail.reasonCode = $SRHNeed#belonging "Erbij horen"
* activity[=].detail.goal = Reference(mohamed-goal-own-choice)
* activity[=].detail.status = #in-progress
* activity[=].detail.performer[+] = Reference(mohamed-el-amrani)
* activity[=].detail.performer[+] = Reference(mohamed-boxing-mentor-dennis)
* activity[=].detail.description = "Mohamed blokkeert het nummer van Jordy en gaat op doordeweekse avonden naar de boksschool in plaats van naar het plein; Dennis weet ervan en belt als hij niet komt."
// Versterken
* activity[+].detail.code = $SRHCoreAction#strengthen "Versterken"
* activity[=].detail.reasonCode = $SRHNeed#recognition "Erkenning en waardering"
* activity[=].detail.goal = Reference(mohamed-goal-diploma)
* activity[=].detail.status = #in-progress
* activity[=].detail.scheduledPeriod.start = "2026-02-16"
* activity[=].detail.performer = Reference(mohamed-employer-kees)
* activity[=].detail.description = "Leerwerkplek bij de fietsenmakerij van Kees, drie dagen per week; Kees is praktijkopleider voor de BBL-opleiding."
* activity[+].detail.code = $SRHCoreAction#strengthen "Versterken"
* activity[=].detail.reasonCode = $SRHNeed#recognition "Erkenning en waardering"
* activity[=].detail.status = #in-progress
* activity[=].detail.scheduledTiming.repeat.frequency = 1
* activity[=].detail.scheduledTiming.repeat.period = 1
* activity[=].detail.scheduledTiming.repeat.periodUnit = #wk
* activity[=].detail.scheduledTiming.repeat.dayOfWeek = #wed
* activity[=].detail.performer = Reference(mohamed-boxing-mentor-dennis)
* activity[=].detail.description = "Dennis neemt Mohamed mee als hulptrainer bij de jeugdgroep op woensdagmiddag."
* activity[+].detail.code = $SRHCoreAction#strengthen "Versterken"
* activity[=].detail.reasonCode = $SRHNeed#care-exchange "Zorg geven en ontvangen"
* activity[=].detail.goal = Reference(mohamed-goal-help-mother)
* activity[=].detail.status = #in-progress
* activity[=].detail.performer = Reference(mohamed-el-amrani)
* activity[=].detail.description = "Mohamed doet de boodschappen voor zijn moeder en brengt haar naar de fysiotherapeut."
* activity[+].detail.code = $SRHCoreAction#strengthen "Versterken"
* activity[=].detail.reasonCode = $SRHNeed#attachment "Hechting"
* activity[=].detail.status = #not-started
* activity[=].detail.performer[+] = Reference(mohamed-uncle-hassan)
* activity[=].detail.performer[+] = Reference(practitioner-lotte-hendriks)
* activity[=].extension[agreedAt].valueReference = Reference(mohamed-network-meeting-2026-09-21-held)
* activity[=].detail.description = "Oom Hassan en Lotte bespreken of Hassan na de proeftijd het aanspreekpunt in de familie wordt."
* note[0].text = "Plan opgesteld met Mohamed, zijn moeder en Youssef op 9 maart 2026. Evaluatie 21 september 2026: oom Hassan is dichterbij gekomen, Jordy staat op afstand, Esther (school) is erbij gekomen."

// --- Involvement consents -------------------------------------------------------------------------------------

Instance: mohamed-consent-fatima
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Mohamed agrees that his mother is involved"
Description: "Permit: his mother may see the plan, be contacted, take part and receive information."
* insert ConsentBasics(mohamed-el-amrani, nieuwe-start-rotterdam, 2026-02-23)
* provision.type = #permit
* provision.period.start = "2026-02-23"
* provision.period.end = "2027-07-29"
* insert InvolvedActor(mohamed-mother-fatima)
* insert Involvement(view-plan, [[Plan inzien]])
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(take-part, Meedoen)
* insert Involvement(receive-information, [[Informatie ontvangen]])

Instance: mohamed-consent-youssef-dennis
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Mohamed agrees that Youssef and Dennis take part"
Description: "Permit for two network members at once: his brother and his boxing mentor may be contacted and take part in the plan."
* insert ConsentBasics(mohamed-el-amrani, nieuwe-start-rotterdam, 2026-02-23)
* provision.type = #permit
* provision.period.start = "2026-02-23"
* provision.period.end = "2027-07-29"
* insert InvolvedActor(mohamed-brother-youssef)
* insert InvolvedActor(mohamed-boxing-mentor-dennis)
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(take-part, Meedoen)

Instance: mohamed-consent-kees
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Mohamed agrees that his employer is involved"
Description: "Permit: Kees takes part in the plan (the work placement) and the probation officer may contact him about it, for one year."
* insert ConsentBasics(mohamed-el-amrani, nieuwe-start-rotterdam, 2026-03-09)
* policyRule.text = "WGBO art. 7:457 BW: gegevens over de cliënt alleen met diens toestemming aan anderen verstrekken"
* provision.type = #permit
* provision.period.start = "2026-03-09"
* provision.period.end = "2027-03-08"
* insert InvolvedActor(mohamed-employer-kees)
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(take-part, Meedoen)

Instance: mohamed-consent-hassan
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Mohamed agrees that his uncle is involved"
Description: "Permit, given at the evaluation: uncle Hassan may be contacted and take part in the plan."
* insert ConsentBasics(mohamed-el-amrani, nieuwe-start-rotterdam, 2026-09-21)
* provision.type = #permit
* provision.period.start = "2026-09-21"
* provision.period.end = "2027-07-29"
* insert InvolvedActor(mohamed-uncle-hassan)
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(take-part, Meedoen)

Instance: mohamed-consent-jordy
InstanceOf: SRHInvolvementConsent
Usage: #example
Title: "Mohamed does not want Jordy involved"
Description: "Deny: the former friend may not be contacted and receives no information."
* insert ConsentBasics(mohamed-el-amrani, nieuwe-start-rotterdam, 2026-03-09)
* provision.type = #deny
* provision.period.start = "2026-03-09"
* insert InvolvedActor(mohamed-ex-friend-jordy)
* insert Involvement(be-contacted, [[Benaderd worden]])
* insert Involvement(receive-information, [[Informatie ontvangen]])
* insert Involvement(view-plan, [[Plan inzien]])

// --- Relationship ratings at two contacts ---------------------------------------------------------------------

Instance: mohamed-encounter-2026-03-05
InstanceOf: SRHContactMoment
Usage: #example
Title: "Appointment at the probation office, 5 March 2026"
Description: "Supervision appointment with Lotte Hendriks at the office."
* status = #finished
* class = $ActCode#AMB "ambulatory"
* type = $SRHContactKind#face-to-face
* subject = Reference(mohamed-el-amrani)
* participant[0].individual = Reference(practitioner-lotte-hendriks)
* period.start = "2026-03-05T14:00:00+01:00"
* period.end = "2026-03-05T14:45:00+01:00"
* serviceProvider = Reference(nieuwe-start-rotterdam)

Instance: mohamed-encounter-2026-09-24
InstanceOf: SRHContactMoment
Usage: #example
Title: "Meeting at the boxing club, 24 September 2026"
Description: "Supervision appointment with Lotte Hendriks at the boxing club, a place Mohamed chose."
* status = #finished
* class = $ActCode#FLD "field"
* type = $SRHContactKind#face-to-face
* subject = Reference(mohamed-el-amrani)
* participant[0].individual = Reference(practitioner-lotte-hendriks)
* period.start = "2026-09-24T16:00:00+02:00"
* period.end = "2026-09-24T17:00:00+02:00"
* serviceProvider = Reference(nieuwe-start-rotterdam)

Instance: mohamed-rating-2026-03-05
InstanceOf: SRHRelationshipRating
Usage: #example
Title: "Mohamed rates the working relationship, 5 March 2026"
Description: "Early in the supervision: wary, feels checked on rather than supported."
* insert RatingHeader(mohamed-el-amrani, practitioner-lotte-hendriks, mohamed-encounter-2026-03-05, 2026-03-05T14:40:00+01:00)
* insert RatingScores(2, 2, 3, 1, 5)

Instance: mohamed-rating-2026-09-24
InstanceOf: SRHRelationshipRating
Usage: #example
Title: "Mohamed rates the working relationship, 24 September 2026"
Description: "Half a year on: trust has grown; Lotte knows his people and meets him where he chooses."
* insert RatingHeader(mohamed-el-amrani, practitioner-lotte-hendriks, mohamed-encounter-2026-09-24, 2026-09-24T16:50:00+02:00)
* insert RatingScores(4, 4, 4, 4, 8)

// Who added Dennis to Mohamed's network, and when (written in the same transaction as the new member).
Instance: mohamed-change-boxing-mentor-dennis-added
InstanceOf: SRHProvenance
Usage: #example
Title: "Lotte Hendriks added Dennis to Mohamed's network"
Description: "The change record of the transaction that created the network member Dennis, the boxing mentor."
* target[0] = Reference(mohamed-boxing-mentor-dennis)
* target[1] = Reference(mohamed-el-amrani)
* recorded = "2026-02-09T11:05:00+01:00"
* activity = $DataOperation#CREATE "create"
* agent[0].type = $ProvenanceParticipantType#author "Author"
* agent[0].who = Reference(practitioner-lotte-hendriks)

Instance: mohamed-plan-agreed
InstanceOf: SRHPlanAgreement
Usage: #example
Title: "Mohamed and Lotte Hendriks agreed the support plan"
Description: "Mohamed discussed the second version of his support plan with Lotte Hendriks and agreed with it."
* target[0].reference = "CarePlan/mohamed-support-plan/_history/2"
* target[1].reference = "Goal/mohamed-goal-diploma/_history/1"
* target[2].reference = "Goal/mohamed-goal-help-mother/_history/1"
* target[3].reference = "Goal/mohamed-goal-own-choice/_history/1"
* target[4].reference = "Goal/mohamed-goal-debts/_history/1"
* target[5].reference = "Goal/mohamed-goal-honest-contact/_history/1"
* target[6] = Reference(mohamed-el-amrani)
* recorded = "2026-09-21T10:15:00+02:00"
* activity = $SRHProvenanceActivity#plan-agreed "Plan besproken en afgesproken met de cliënt"
* agent[0].type = $ProvenanceParticipantType#performer "Performer"
* agent[0].who = Reference(mohamed-el-amrani)
* agent[1].type = $ProvenanceParticipantType#author "Author"
* agent[1].who = Reference(practitioner-lotte-hendriks)
// --- Verstaan: what matters to Mohamed, his strengths, what stands in the way, life events ---------------------

Instance: mohamed-understanding-matters-mother
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Mohamed: what matters, his mother"
Description: "What matters to Mohamed, in his own words."
* insert Understanding(mohamed-el-amrani, what-matters, Wat belangrijk is, practitioner-lotte-hendriks, 2026-02-23T15:00:00+01:00, true, [[Mijn moeder moet trots op me kunnen zijn.]])
* effectiveDateTime = "2026-02-23T14:00:00+01:00"

Instance: mohamed-understanding-matters-work
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Mohamed: what matters, his own money"
Description: "What matters to Mohamed, in the professional's words."
* insert Understanding(mohamed-el-amrani, what-matters, Wat belangrijk is, practitioner-lotte-hendriks, 2026-03-09T15:00:00+01:00, false, [[Mohamed wil een vak leren en zijn eigen geld verdienen.]])
* effectiveDateTime = "2026-03-09T14:00:00+01:00"

Instance: mohamed-understanding-strength-boxing
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Mohamed: strength, boxing"
Description: "A strength of Mohamed, in his own words."
* insert Understanding(mohamed-el-amrani, strength, Kracht, practitioner-lotte-hendriks, 2026-02-23T15:00:00+01:00, true, [[Bij het boksen leer ik mezelf in de hand te houden.]])
* effectiveDateTime = "2026-02-23T14:00:00+01:00"

Instance: mohamed-understanding-strength-uncle
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Mohamed: strength, his uncle"
Description: "A strength in Mohamed's surroundings, in the professional's words."
* insert Understanding(mohamed-el-amrani, strength, Kracht, practitioner-lotte-hendriks, 2026-03-09T15:00:00+01:00, false, [[Oom Hassan gelooft in hem en belt hem elke week even op.]])
* effectiveDateTime = "2026-03-09T14:00:00+01:00"

Instance: mohamed-understanding-barrier-old-friends
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Mohamed: what stands in the way, old friends"
Description: "What stands in Mohamed's way, in his own words."
* insert Understanding(mohamed-el-amrani, barrier, Wat in de weg staat, practitioner-lotte-hendriks, 2026-02-23T15:00:00+01:00, true, [[Op straat kom ik Jordy steeds tegen, en dan wil hij weer van alles.]])
* effectiveDateTime = "2026-02-23T14:00:00+01:00"

Instance: mohamed-understanding-barrier-record
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Mohamed: what stands in the way, his record"
Description: "What stands in Mohamed's way, in the professional's words."
* insert Understanding(mohamed-el-amrani, barrier, Wat in de weg staat, practitioner-lotte-hendriks, 2026-03-09T15:00:00+01:00, false, [[Zonder VOG is het moeilijk om een werkplek te vinden.]])
* effectiveDateTime = "2026-03-09T14:00:00+01:00"

Instance: mohamed-understanding-event-detention
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Mohamed: life event, the detention"
Description: "An important life event dated with a period, in the professional's words."
* insert Understanding(mohamed-el-amrani, life-event, Levensgebeurtenis, practitioner-lotte-hendriks, 2026-02-23T15:00:00+01:00, false, [[Achttien maanden gedetineerd; vrij op 30 januari 2026, onder toezicht van de reclassering.]])
* effectivePeriod.start = "2024-07-30"
* effectivePeriod.end = "2026-01-30"

Instance: mohamed-understanding-event-school
InstanceOf: SRHUnderstanding
Usage: #example
Title: "Mohamed: life event, leaving school"
Description: "An important life event, in Mohamed's own words."
* insert Understanding(mohamed-el-amrani, life-event, Levensgebeurtenis, practitioner-lotte-hendriks, 2026-03-09T15:00:00+01:00, true, [[Op mijn zestiende ben ik van school gegaan. Daarna ging het mis.]])
* effectiveDateTime = "2018"
// How well Mohamed's basic needs are met, graded with him in September.
Instance: mohamed-needs-2026-09-21
InstanceOf: SRHNeedAssessment
Usage: #example
Title: "Mohamed's basic needs, 21 September 2026"
Description: "Attachment rests on his mother alone; emotional support comes only from his probation officer."
* insert NeedHeader(mohamed-el-amrani, 2026-09-21, practitioner-lotte-hendriks)
* performer[+] = Reference(mohamed-el-amrani)
* insert NeedGrade(attachment, Hechting, mostly, [[Grotendeels vervuld]])
* insert MetBy(mohamed-mother-fatima)
* insert NeedGrade(belonging, [[Erbij horen]], partly, [[Deels vervuld]])
* insert MetBy(mohamed-brother-bilal)
* insert MetBy(mohamed-boxing-mentor-dennis)
* insert MetBy(mohamed-employer-kees)
* insert NeedGrade(recognition, [[Erkenning en waardering]], partly, [[Deels vervuld]])
* insert MetBy(mohamed-brother-youssef)
* insert MetBy(mohamed-employer-kees)
* insert MetBy(mohamed-study-coach-esther)
* insert NeedGrade(care-exchange, [[Zorg geven en ontvangen]], barely, [[Nauwelijks vervuld]])
* insert MetBy(mohamed-mother-fatima)
* insert NeedGrade(emotional-support, [[Emotionele steun]], barely, [[Nauwelijks vervuld]])
* insert MetBy(practitioner-lotte-hendriks)

// --- Verbinden: contact moments recorded in the app, the professional's ratings and reflections ---------------

Instance: mohamed-contact-2026-03-19
InstanceOf: SRHContactMoment
Usage: #example
Title: "Meeting with Mohamed, 19 March 2026"
Description: "A contact moment recorded in the app (no Encounter in the EHR for it)."
* insert ContactMoment(mohamed-el-amrani, practitioner-lotte-hendriks, face-to-face, AMB, 2026-03-19T15:00:00+01:00)

Instance: mohamed-contact-2026-04-02
InstanceOf: SRHContactMoment
Usage: #example
Title: "Home visit to Mohamed, 2 April 2026"
Description: "A home visit recorded in the app."
* insert ContactMoment(mohamed-el-amrani, practitioner-lotte-hendriks, home-visit, HH, 2026-04-02T16:00:00+02:00)

Instance: mohamed-professional-rating-2026-09-24
InstanceOf: SRHRelationshipRating
Usage: #example
Title: "Lotte rates the working relationship with Mohamed, 24 September 2026"
Description: "The professional's own rating, beside Mohamed's of the same day."
* insert ProfessionalRatingHeader(mohamed-el-amrani, practitioner-lotte-hendriks, 2026-09-24T16:00:00+02:00)
* insert RatingScores(3, 3, 3, 3, 6)

Instance: mohamed-reflection-2026-q1
InstanceOf: SRHRelationshipReflection
Usage: #example
Title: "Lotte's reflection on the first months with Mohamed"
Description: "Professional-only: not shown to the client."
* insert Reflection(mohamed-el-amrani, practitioner-lotte-hendriks, 2026-03-01, 2026-04-30, 2026-05-01T09:00:00+02:00)
* valueString = "Mohamed komt afspraken na; vertrouwen groeit langzaam. Zijn oom is een ingang."

// --- Outcome over time: total scores of the instruments the team uses -----------------------------------------

Instance: mohamed-outcome-ucla3-2026-03-05
InstanceOf: SRHOutcomeScore
Usage: #example
Title: "Mohamed's loneliness score (UCLA, 3 items), 5 March 2026"
Description: "Scored with Lotte at the start of supervision."
* insert OutcomeScore(mohamed-el-amrani, practitioner-lotte-hendriks, ucla-3, 2026-03-05, 7)

Instance: mohamed-outcome-who5-2026-09-24
InstanceOf: SRHOutcomeScore
Usage: #example
Title: "Mohamed's well-being score (WHO-5), 24 September 2026"
Description: "Scored with Lotte at the boxing club."
* insert OutcomeScore(mohamed-el-amrani, practitioner-lotte-hendriks, who-5, 2026-09-24, 14)

// --- Network meeting (netwerkberaad) at the evaluation --------------------------------------------------------

Instance: mohamed-network-meeting-2026-09-21
InstanceOf: SRHNetworkMeeting
Usage: #example
Title: "Mohamed's network meeting of 21 September 2026, as planned"
Description: "Prepared with Mohamed: his mother and Youssef invited (both with his consent), the goal of his own choice and attachment on the agenda. Held, so fulfilled."
* status = #fulfilled
* serviceType[networkMeeting] = $SRHCategory#network-meeting "Netwerkberaad"
* reasonCode = $SRHNeed#attachment "Hechting"
* supportingInformation = Reference(mohamed-goal-own-choice)
* description = "Hoe gaat het na de detentie\nWie in de familie is het aanspreekpunt"
* start = "2026-09-21T16:00:00+02:00"
* end = "2026-09-21T17:00:00+02:00"
* created = "2026-09-07"
* comment = "In het buurthuis aan de Mathenesserweg."
* participant[+].actor = Reference(mohamed-el-amrani)
* participant[=].status = #accepted
* participant[+].actor = Reference(mohamed-mother-fatima)
* participant[=].status = #accepted
* participant[+].actor = Reference(mohamed-brother-youssef)
* participant[=].status = #tentative
* participant[+].actor = Reference(practitioner-lotte-hendriks)
* participant[=].status = #accepted

Instance: mohamed-network-meeting-2026-09-21-held
InstanceOf: SRHNetworkMeetingRecord
Usage: #example
Title: "Mohamed's network meeting of 21 September 2026, as held"
Description: "His mother and Lotte came, and uncle Hassan, whom Mohamed agreed there to involve; it was agreed that Hassan and Lotte talk about Hassan becoming the family's point of contact."
* status = #finished
* class = $ActCode#AMB "ambulatory"
* type[networkMeeting] = $SRHCategory#network-meeting "Netwerkberaad"
* subject = Reference(mohamed-el-amrani)
* appointment = Reference(mohamed-network-meeting-2026-09-21)
* participant[+].individual = Reference(mohamed-mother-fatima)
* participant[+].individual = Reference(mohamed-uncle-hassan)
* participant[+].individual = Reference(practitioner-lotte-hendriks)
* period.start = "2026-09-21T16:00:00+02:00"
* period.end = "2026-09-21T17:10:00+02:00"
