// Rule sets shared by the example clients (client-*.fsh). Each one fills one coded element with a code and its
// Dutch display, so the examples stay short and read like the network map they describe. The displays are the
// Dutch displays of our own code systems (codesystems.fsh).

// --- Network member -------------------------------------------------------------------------------------------
RuleSet: Sector(code, display)
* extension[sector].valueCoding = $SRHSector#{code} "{display}"

// --- Tie assessment -------------------------------------------------------------------------------------------
// The header of a tie assessment: the client, the network member, the date and who assessed the tie.
RuleSet: TieHeader(client, member, date, assessor)
* status = #final
* category[socialHistory] = $ObsCategory#social-history "Social History"
* code = $SRHObservation#tie-assessment "Beoordeling netwerkrelatie"
* subject = Reference({client})
* focus = Reference({member})
* effectiveDateTime = "{date}"
* performer[+] = Reference({assessor})

RuleSet: Closeness(code, display)
* component[closeness].valueCodeableConcept = $SRHCloseness#{code} "{display}"

RuleSet: Frequency(code, display)
* component[contactFrequency].valueCodeableConcept = $SRHFrequency#{code} "{display}"

// One component per kind of support the member gives.
RuleSet: Support(code, display)
* component[supportGiven][+].valueCodeableConcept = $SRHSupport#{code} "{display}"

// One component per basic need the member meets.
RuleSet: Need(code, display)
* component[basicNeedMet][+].valueCodeableConcept = $SRHNeed#{code} "{display}"

RuleSet: Reciprocity(code, display)
* component[reciprocity].valueCodeableConcept = $SRHReciprocity#{code} "{display}"

RuleSet: Valence(code, display)
* component[valence].valueCodeableConcept = $SRHValence#{code} "{display}"

// --- Goal -----------------------------------------------------------------------------------------------------
RuleSet: GoalAchievement(code, display)
* achievementStatus = http://terminology.hl7.org/CodeSystem/goal-achievement#{code} "{display}"

// --- Social system (CareTeam) ---------------------------------------------------------------------------------
RuleSet: Participant(member, role, display)
* participant[+].member = Reference({member})
* participant[=].role = $SRHTeamRole#{role} "{display}"

// --- Involvement consent --------------------------------------------------------------------------------------
// What the consent rests on: the WGBO (Dutch Medical Treatment Contracts Act), book 7, title 7, section 5,
// whose article 7:457 requires the client's consent before information goes to anyone else (R4 invariant ppc-1).
RuleSet: ConsentBasics(client, organization, date)
* status = #active
* scope = $ConsentScope#patient-privacy "Privacy Consent"
* category[patientConsent] = $LOINC#59284-0 "Patient Consent"
* category[networkInvolvement] = $SRHCategory#network-involvement "Betrekken van netwerk"
* patient = Reference({client})
* dateTime = "{date}"
* performer[+] = Reference({client})
* organization[+] = Reference({organization})
* policy[0].uri = "https://wetten.overheid.nl/BWBR0005290/2026-01-01#Boek7_Titeldeel7_Afdeling5"
* provision.purpose[+] = $ActReason#TREAT "treatment"

RuleSet: InvolvedActor(member)
* provision.actor[+].role = $ParticipationType#IRCP "information recipient"
* provision.actor[=].reference = Reference({member})

RuleSet: Involvement(code, display)
* provision.action[+] = $SRHInvolvement#{code} "{display}"

// --- Relationship rating --------------------------------------------------------------------------------------
RuleSet: RatingHeader(client, professional, encounter, date)
* status = #final
* category[survey] = $ObsCategory#survey "Survey"
* code = $SRHObservation#relationship-rating "Waardering werkrelatie"
* subject = Reference({client})
* focus[+] = Reference({professional})
* encounter = Reference({encounter})
* effectiveDateTime = "{date}"
* performer[+] = Reference({client})

RuleSet: RatingScores(presence, understood, reliance, network, overall)
* component[presence].valueInteger = {presence}
* component[understood].valueInteger = {understood}
* component[reliance].valueInteger = {reliance}
* component[network].valueInteger = {network}
* component[overall].valueInteger = {overall}

// --- Understanding (verstaan) ---------------------------------------------------------------------------------
// One entry of verstaan: the client, its kind (code and Dutch display), who wrote it down, when it was written
// down, whether the words are the client's own, and the words. The date it was said (or the life event happened)
// follows the rule set.
RuleSet: Understanding(client, kind, display, recorder, issued, ownWords, words)
* extension[ownWords].valueBoolean = {ownWords}
* status = #final
* category[socialHistory] = $ObsCategory#social-history "Social History"
* category[understanding] = $SRHCategory#understanding "Verstaan"
* code = $SRHUnderstandingKind#{kind} "{display}"
* subject = Reference({client})
* performer[+] = Reference({recorder})
* issued = "{issued}"
* valueString = "{words}"
// A grading of the basic needs: the header, then per need NeedGrade and a MetBy for each person who meets it.
RuleSet: NeedHeader(client, date, professional)
* status = #final
* category[socialHistory] = $ObsCategory#social-history "Social History"
* code = $SRHObservation#need-assessment "Beoordeling basisbehoeften"
* subject = Reference({client})
* effectiveDateTime = "{date}"
* performer[+] = Reference({professional})

RuleSet: NeedGrade(need, needDisplay, grade, gradeDisplay)
* component[+].code = $SRHNeed#{need} "{needDisplay}"
* component[=].valueCodeableConcept = $SRHNeedFulfilment#{grade} "{gradeDisplay}"

RuleSet: MetBy(person)
* component[=].extension[metBy][+].valueReference = Reference({person})

RuleSet: ProfessionalRatingHeader(client, professional, date)
* status = #final
* category[survey] = $ObsCategory#survey "Survey"
* code = $SRHObservation#relationship-rating "Waardering werkrelatie"
* subject = Reference({client})
* focus[+] = Reference({professional})
* effectiveDateTime = "{date}"
* performer[+] = Reference({professional})

RuleSet: ContactMoment(client, professional, kind, class, start)
* status = #finished
* class = $ActCode#{class}
* type = $SRHContactKind#{kind}
* subject = Reference({client})
* participant[0].individual = Reference({professional})
* period.start = "{start}"

RuleSet: Reflection(client, professional, start, end, issued)
* status = #final
* code = $SRHObservation#relationship-reflection "Reflectie werkrelatie"
* subject = Reference({client})
* effectivePeriod.start = "{start}"
* effectivePeriod.end = "{end}"
* issued = "{issued}"
* performer[+] = Reference({professional})

RuleSet: OutcomeScore(client, performer, instrument, date, score)
* status = #final
* category[survey] = $ObsCategory#survey "Survey"
* code = $SRHInstrument#{instrument}
* subject = Reference({client})
* effectiveDateTime = "{date}"
* performer[+] = Reference({performer})
* valueInteger = {score}
