RuleSet: RatingItem(slice, code)
* component[{slice}].code = $SRHObservation#{code}
* component[{slice}].value[x] only integer

Profile: SRHRelationshipRating
Parent: Observation
Id: srh-relationship-rating
Title: "SRH relationship rating"
Description: "The client's rating of the working relationship with a professional at a contact (verbinden): four items scored 1-5 and an overall grade 1-10. The items are the project's own; no licensed scale is copied."
* obeys srh-rr-1 and srh-rr-2
* status MS
* category 1..* MS
* category ^slicing.discriminator.type = #pattern
* category ^slicing.discriminator.path = "$this"
* category ^slicing.rules = #open
* category contains survey 1..1 MS
* category[survey] = $ObsCategory#survey
* code MS
* code = $SRHObservation#relationship-rating
* subject 1..1 MS
* subject only Reference(Patient)
* focus MS
* focus only Reference(Practitioner or PractitionerRole or CareTeam)
* focus ^short = "The professional(s) whose working relationship with the client is rated"
* encounter MS
* effective[x] 1..1 MS
* effective[x] only dateTime
* performer MS
* performer ^short = "Who gave the rating, usually the client"
* value[x] 0..0
* component 1..* MS
* component ^slicing.discriminator.type = #pattern
* component ^slicing.discriminator.path = "code"
* component ^slicing.rules = #open
* component contains
    presence 0..1 MS and
    understood 0..1 MS and
    reliance 0..1 MS and
    network 0..1 MS and
    overall 0..1 MS
* insert RatingItem(presence, rating-presence)
* insert RatingItem(understood, rating-understood)
* insert RatingItem(reliance, rating-reliance)
* insert RatingItem(network, rating-network)
* insert RatingItem(overall, rating-overall)
