Profile: SRHContactMoment
Parent: Encounter
Id: srh-contact-moment
Title: "SRH contact moment"
Description: "A contact between the client and a professional recorded in the app (verbinden), where the EHR holds no Encounter for it: when it took place, what kind of contact it was (face to face, phone, video, home visit) and with whom. The app reads every Encounter of the client as a contact moment, whatever its profile; this profile is for the ones it writes itself."
* obeys srh-cm-1
* status MS
* status ^short = "finished: a contact moment is recorded after it took place (srh-cm-1)"
* class MS
* class ^short = "AMB for face to face, HH for a home visit, VR for phone and video"
* type 1..1 MS
* type from SRHContactKindVS (required)
* type ^short = "Face to face, phone, video or home visit"
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "The client"
* participant MS
* participant.individual MS
* participant.individual ^short = "The professional who had the contact"
* period 1..1 MS
* period.start 1..1 MS
* period ^short = "When the contact took place"

Profile: SRHRelationshipReflection
Parent: Observation
Id: srh-relationship-reflection
Title: "SRH relationship reflection"
Description: "The professional's short reflection on the working relationship with the client over a period (verbinden). Professional-only: the code relationship-reflection marks it, so views for the client leave it out. Reflections are kept over time: a new period gets a new reflection, none is overwritten."
* status MS
* code MS
* code = $SRHObservation#relationship-reflection
* subject 1..1 MS
* subject only Reference(Patient)
* subject ^short = "The client"
* effective[x] 1..1 MS
* effective[x] only Period
* effective[x] ^short = "The period reflected on (start and end, srh-rfl-1)"
* obeys srh-rfl-1
* issued MS
* issued ^short = "When it was written down"
* performer MS
* performer only Reference(Practitioner or PractitionerRole)
* performer ^short = "The professional who reflects (the signed-in user, when the app knows who that is)"
* value[x] 1..1 MS
* value[x] only string
* value[x] ^short = "The reflection, in the professional's words"
* component 0..0
