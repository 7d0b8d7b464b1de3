// Code systems of our own. Every concept carries a Dutch display (what clinicians say), a Dutch and an English
// designation, and a definition in English for implementers. ValueSets with the same id include each whole system.

RuleSet: Concept(code, nl, en, definition)
* #{code} "{nl}" "{definition}"
* #{code} ^designation[0].language = #nl
* #{code} ^designation[0].value = "{nl}"
* #{code} ^designation[1].language = #en
* #{code} ^designation[1].value = "{en}"

RuleSet: OwnCodeSystem(id)
* ^url = "https://srh-fhir.github.io/fhir/CodeSystem/{id}"
* ^status = #active
* ^experimental = false
* ^caseSensitive = true
* ^content = #complete
* ^language = #nl

CodeSystem: SRHCoreAction
Id: srh-core-action
Title: "SRH core action (kernhandeling)"
Description: "The four inseparable core actions of supportive relational action: verbinden, verstaan, verzekeren, versterken."
* insert OwnCodeSystem(srh-core-action)
* ^hierarchyMeaning = #is-a
* insert Concept(connect, Verbinden, Connect, [[Build a personal-professional relationship with the client and join their life-world and social network (presence approach).]])
* insert Concept(understand, Verstaan, Understand, [[Get as complete a picture as possible of what matters to the client, their strengths, their barriers and where they need support.]])
* insert Concept(secure, Verzekeren, Secure, [[Meet the basic needs and be someone the client can rely on; act on vulnerability by reducing stress, protecting and arranging fitting treatment.]])
* insert Concept(strengthen, Versterken, Strengthen, [[Strengths- and recovery-oriented work on hope, self-confidence, identity, skills and social participation, strengthening the person and their physical and social environment.]])

CodeSystem: SRHBasicNeed
Id: srh-basic-need
Title: "SRH basic need (basisbehoefte)"
Description: "The basic needs that a social network meets, after Wilken's 'De herontdekking van de relatie'. Practical support is a kind of support (srh-support-type#practical), not a basic need."
* insert OwnCodeSystem(srh-basic-need)
* insert Concept(attachment, Hechting, Attachment, [[Secure attachment to trusted people.]])
* insert Concept(belonging, Erbij horen, Belonging, [[Being part of a group; belonging somewhere.]])
* insert Concept(recognition, Erkenning en waardering, Recognition and appreciation, [[Being recognised and appreciated by others.]])
* insert Concept(care-exchange, Zorg geven en ontvangen, Giving and receiving care, [[Both giving and receiving care: reciprocity in relationships.]])
* insert Concept(emotional-support, Emotionele steun, Emotional support, [[Comfort, encouragement and a listening ear from others.]])

CodeSystem: SRHNeedFulfilment
Id: srh-need-fulfilment
Title: "SRH need fulfilment (mate van vervulling)"
Description: "How well a basic need is met, on a five-point ordinal scale from not met (0) to fully met (4); the property ordinal gives the rank."
* insert OwnCodeSystem(srh-need-fulfilment)
* ^property[0].code = #ordinal
* ^property[0].description = "Rank on the scale, 0 (not met) to 4 (fully met)."
* ^property[0].type = #integer
* insert Concept(not-met, Niet vervuld, Not met, [[Nobody meets this need at present.]])
* #not-met ^property[0].code = #ordinal
* #not-met ^property[0].valueInteger = 0
* insert Concept(barely, Nauwelijks vervuld, Barely met, [[The need is met now and then, far less than the client needs.]])
* #barely ^property[0].code = #ordinal
* #barely ^property[0].valueInteger = 1
* insert Concept(partly, Deels vervuld, Partly met, [[The need is met in part; there are clear gaps.]])
* #partly ^property[0].code = #ordinal
* #partly ^property[0].valueInteger = 2
* insert Concept(mostly, Grotendeels vervuld, Mostly met, [[The need is met for the most part; small gaps remain.]])
* #mostly ^property[0].code = #ordinal
* #mostly ^property[0].valueInteger = 3
* insert Concept(fully, Volledig vervuld, Fully met, [[The need is met as much as the client wants it.]])
* #fully ^property[0].code = #ordinal
* #fully ^property[0].valueInteger = 4

CodeSystem: SRHNetworkSector
Id: srh-network-sector
Title: "SRH network sector (netwerksector)"
Description: "The areas of life in which a client's social network forms; the sectors of the network map."
* insert OwnCodeSystem(srh-network-sector)
* insert Concept(family, Familie, Family, [[Family and household: the primary network.]])
* insert Concept(work, Werk, Work, [[Colleagues and other people met through paid or unpaid work.]])
* insert Concept(leisure, Vrije tijd, Leisure, [[Friends and people met through hobbies, sports clubs and other leisure activities.]])
* insert Concept(school, School en opleiding, School, [[Fellow students, teachers and others met through school or training.]])
* insert Concept(faith, Geloof en levensbeschouwing, Faith, [[People met through a religious or philosophical community.]])
* insert Concept(neighbourhood, Buurt, Neighbourhood, [[Neighbours and people met in shared environments such as the street, the neighbourhood garden or the community centre.]])
* insert Concept(care-volunteers, Zorg en vrijwilligers, Care and volunteers, [[Professional carers and volunteers involved with the client.]])

CodeSystem: SRHSupportType
Id: srh-support-type
Title: "SRH support type (steunvorm)"
Description: "Kinds of support that a network member gives the client."
* insert OwnCodeSystem(srh-support-type)
* insert Concept(emotional, Emotionele steun, Emotional support, [[Listening, comforting, encouraging, being there when things are hard.]])
* insert Concept(practical, Praktische steun, Practical support, [[Hands-on help: errands, transport, household tasks, money matters, childcare.]])
* insert Concept(informational, Informatie en advies, Information and advice, [[Information, advice and help with decisions.]])
* insert Concept(companionship, Gezelschap, Companionship, [[Spending time together and doing things together.]])

CodeSystem: SRHCloseness
Id: srh-closeness
Title: "SRH closeness (nabijheid)"
Description: "How close the client feels to a network member: the ring of the network map, from the centre outwards."
* insert OwnCodeSystem(srh-closeness)
* ^property[0].code = #ring
* ^property[0].description = "Ring of the network map, 1 is nearest the client."
* ^property[0].type = #integer
* insert Concept(very-close, Zeer dichtbij, Very close, [[Among the people the client feels closest to; the inner ring.]])
* #very-close ^property[0].code = #ring
* #very-close ^property[0].valueInteger = 1
* insert Concept(close, Dichtbij, Close, [[Important to the client, but not among the closest; the middle ring.]])
* #close ^property[0].code = #ring
* #close ^property[0].valueInteger = 2
* insert Concept(distant, Op afstand, Distant, [[Known to the client and of some importance, at a distance; the outer ring.]])
* #distant ^property[0].code = #ring
* #distant ^property[0].valueInteger = 3

CodeSystem: SRHContactFrequency
Id: srh-contact-frequency
Title: "SRH contact frequency (contactfrequentie)"
Description: "How often the client and a network member are in contact, in person or otherwise."
* insert OwnCodeSystem(srh-contact-frequency)
* insert Concept(daily, Dagelijks, Daily, [[Contact (almost) every day.]])
* insert Concept(weekly, Wekelijks, Weekly, [[Contact at least once a week, not daily.]])
* insert Concept(monthly, Maandelijks, Monthly, [[Contact at least once a month, not weekly.]])
* insert Concept(few-times-a-year, Enkele keren per jaar, A few times a year, [[Contact a few times a year.]])
* insert Concept(rarely, Zelden of nooit, Rarely or never, [[Contact once a year or less.]])

CodeSystem: SRHReciprocity
Id: srh-reciprocity
Title: "SRH reciprocity (wederkerigheid)"
Description: "Who gives and who receives in a tie between the client and a network member."
* insert OwnCodeSystem(srh-reciprocity)
* insert Concept(member-gives, Netwerklid geeft, Member gives, [[Mostly the network member supports the client.]])
* insert Concept(client-gives, Cliënt geeft, Client gives, [[Mostly the client supports the network member.]])
* insert Concept(mutual, Wederzijds, Mutual, [[Client and network member give and receive in balance.]])

CodeSystem: SRHValence
Id: srh-valence
Title: "SRH valence (lading van de relatie)"
Description: "Whether a tie is experienced as supportive, ambivalent or straining."
* insert OwnCodeSystem(srh-valence)
* insert Concept(supportive, Steunend, Supportive, [[The tie gives the client support and energy.]])
* insert Concept(ambivalent, Wisselend, Ambivalent, [[The tie is both supportive and straining.]])
* insert Concept(straining, Belastend, Straining, [[The tie costs the client more than it gives, or is harmful.]])

CodeSystem: SRHObservation
Id: srh-observation
Title: "SRH observation codes"
Description: "Codes for the tie assessment and the relationship rating and their components. The rating items are our own; no licensed scale is copied."
* insert OwnCodeSystem(srh-observation)
* insert Concept(tie-assessment, Beoordeling netwerkrelatie, Tie assessment, [[An assessment, at one date, of the tie between the client and one network member.]])
* insert Concept(closeness, Nabijheid, Closeness, [[How close the client feels to the network member.]])
* insert Concept(contact-frequency, Contactfrequentie, Contact frequency, [[How often the client and the network member are in contact.]])
* insert Concept(support-given, Gegeven steun, Support given, [[A kind of support that the network member gives the client.]])
* insert Concept(basic-need-met, Vervulde basisbehoefte, Basic need met, [[A basic need of the client that the network member meets.]])
* insert Concept(reciprocity, Wederkerigheid, Reciprocity, [[Who gives and who receives in the tie.]])
* insert Concept(valence, Lading, Valence, [[Whether the tie is supportive, ambivalent or straining.]])
* insert Concept(relationship-rating, Waardering werkrelatie, Relationship rating, [[The client's rating of the working relationship with a professional at a contact.]])
* insert Concept(rating-presence, Er zijn, Presence, [[Item scored 1-5: the professional is there for me when it matters.]])
* insert Concept(rating-understood, Begrepen worden, Being understood, [[Item scored 1-5: the professional knows what matters to me.]])
* insert Concept(rating-reliance, Kunnen rekenen op, Reliance, [[Item scored 1-5: I can rely on the professional to do what we agreed.]])
* insert Concept(rating-network, Mijn mensen erbij, My people involved, [[Item scored 1-5: the professional involves the people around me in the way I want.]])
* insert Concept(rating-overall, Rapportcijfer, Overall grade, [[The client's overall grade for the working relationship, 1 (very poor) to 10 (excellent), as in Dutch school grades.]])
* insert Concept(need-assessment, Beoordeling basisbehoeften, Basic needs grading, [[How well each basic need of the client is met, and by whom, at one date.]])
* insert Concept(relationship-reflection, Reflectie werkrelatie, Relationship reflection, [[The professional's short reflection on the working relationship with the client over a period. Professional-only.]])

CodeSystem: SRHCategory
Id: srh-category
Title: "SRH resource category"
Description: "Categories that mark resources as part of supportive relational action."
* insert OwnCodeSystem(srh-category)
* insert Concept(support-plan, Steunplan, Support plan, [[A care plan organised by the four core actions of supportive relational action.]])
* insert Concept(social-system, Sociaal systeem, Social system, [[The client's network members and professionals who together support the client.]])
* insert Concept(network-involvement, Betrekken van netwerk, Network involvement, [[The client's consent to involve a network member in their care.]])
* insert Concept(understanding, Verstaan, Understanding, [[An entry of verstaan: what matters to the client, a strength, what stands in the way or a life event.]])
* insert Concept(network-meeting, Netwerkberaad, Network meeting, [[A meeting of the client with the network members they chose to involve and the professional(s), to agree who does what in the support plan.]])

CodeSystem: SRHTeamRole
Id: srh-team-role
Title: "SRH social system role"
Description: "Roles of the people in a client's social system (care team)."
* insert OwnCodeSystem(srh-team-role)
* insert Concept(client, Cliënt, Client, [[The client, the person the support is for.]])
* insert Concept(network-member, Netwerklid, Network member, [[A member of the client's own social network.]])
* insert Concept(key-figure, Sleutelfiguur, Key figure, [[A network member who keeps the network together and is the first contact within it.]])
* insert Concept(primary-professional, Regiehouder, Lead professional, [[The professional who holds the lead in the professional support.]])
* insert Concept(professional, Professional, Professional, [[A professional carer involved with the client.]])
* insert Concept(volunteer, Vrijwilliger, Volunteer, [[A volunteer involved with the client.]])

CodeSystem: SRHInvolvementAction
Id: srh-involvement-action
Title: "SRH involvement action"
Description: "What the client agrees that an involved network member may do."
* insert OwnCodeSystem(srh-involvement-action)
* insert Concept(view-plan, Plan inzien, View the plan, [[The network member may see the support plan.]])
* insert Concept(be-contacted, Benaderd worden, Be contacted, [[Professionals may contact the network member about the client.]])
* insert Concept(take-part, Meedoen, Take part, [[The network member takes part in meetings and activities of the plan.]])
* insert Concept(receive-information, Informatie ontvangen, Receive information, [[The network member may receive information about the client's support.]])

CodeSystem: SRHProvenanceActivity
Id: srh-provenance-activity
Title: "SRH recorded activity"
Description: "What an SRH record of an act (a Provenance) says was done, where no HL7 code says it: the client and the professional discussed a version of the support plan and agreed on it."
* insert OwnCodeSystem(srh-provenance-activity)
* insert Concept(plan-agreed, [[Plan besproken en afgesproken met de cliënt]], [[Plan discussed and agreed with the client]], [[The client and the professional discussed this version of the support plan (with its goals) and the client agreed with it. The plan is the client's own: an agreement, not a signature or a consent to treatment.]])

CodeSystem: SRHUnderstandingKind
Id: srh-understanding-kind
Title: "SRH understanding kind (soort verstaan)"
Description: "What an entry of verstaan, understanding the person in context, is about."
* insert OwnCodeSystem(srh-understanding-kind)
* insert Concept(what-matters, Wat belangrijk is, What matters, [[What matters to the client: what they value, want and care about.]])
* insert Concept(strength, Kracht, Strength, [[A strength of the client or of their surroundings: what they are good at, what helps them.]])
* insert Concept(barrier, Wat in de weg staat, What stands in the way, [[What stands in the way of the client: a barrier in themselves, their network or their circumstances.]])
* insert Concept(life-event, Levensgebeurtenis, Life event, [[An important event in the client's life, such as a loss, a move, a divorce or a detention.]])

CodeSystem: SRHContactKind
Id: srh-contact-kind
Title: "SRH contact kind (soort contact)"
Description: "What kind of contact a contact moment between the client and a professional was."
* insert OwnCodeSystem(srh-contact-kind)
* insert Concept(face-to-face, Gesprek op locatie, Face to face, [[The client and the professional met in person, at the professional's place or elsewhere outside the client's home.]])
* insert Concept(home-visit, Huisbezoek, Home visit, [[The professional visited the client at home.]])
* insert Concept(phone, Telefonisch, Phone, [[The client and the professional spoke on the phone.]])
* insert Concept(video, Beeldbellen, Video call, [[The client and the professional spoke in a video call.]])

CodeSystem: SRHInstrument
Id: srh-instrument
Title: "SRH outcome instrument"
Description: "Validated instruments whose total score the team records to follow the client's outcome over time. Only the instrument's identity is here: no item or text of an instrument is copied."
* insert OwnCodeSystem(srh-instrument)
* insert Concept(djg-6, [[Eenzaamheidsschaal De Jong Gierveld (6 items)]], [[De Jong Gierveld loneliness scale (6 items)]], [[Total score 0-6 of the short De Jong Gierveld loneliness scale; higher is lonelier.]])
* insert Concept(djg-11, [[Eenzaamheidsschaal De Jong Gierveld (11 items)]], [[De Jong Gierveld loneliness scale (11 items)]], [[Total score 0-11 of the De Jong Gierveld loneliness scale; higher is lonelier.]])
* insert Concept(ucla-3, [[Eenzaamheidsschaal UCLA (3 items)]], [[UCLA loneliness scale (3 items)]], [[Total score 3-9 of the three-item loneliness scale (Hughes et al.); higher is lonelier.]])
* insert Concept(who-5, [[WHO-5 Welzijnsindex]], [[WHO-5 Well-being Index]], [[Raw total score 0-25 of the WHO-5 Well-being Index; higher is better.]])
