// Rules that cardinality and bindings cannot say. Each has a passing example and a failing fixture in
// tests/fixtures/invalid/. None needs resolve().

Invariant: srh-nm-1
Description: "A network member has a relationship to the client (coded or as text)."
Expression: "relationship.exists()"
Severity: #error

Invariant: srh-nm-2
Description: "A network member whose tie has ended (active = false) has the end date in period.end, so the history is kept; a member entered by mistake (meta.tag v3-ActStatus nullified) never had a tie and needs none."
Expression: "active.exists() implies (active or period.end.exists() or meta.tag.where(system = 'http://terminology.hl7.org/CodeSystem/v3-ActStatus' and code = 'nullified').exists())"
Severity: #error

Invariant: srh-tie-1
Description: "A tie assessment records at least one aspect of the tie as a component."
Expression: "component.exists()"
Severity: #error

Invariant: srh-tie-2
Description: "Every component of a tie assessment has a value or a reason why it is absent."
Expression: "component.all(value.exists() or dataAbsentReason.exists())"
Severity: #error

Invariant: srh-tie-3
Description: "Practical support is a kind of support, not a basic need: record it as a support-given component (srh-support-type#practical), not as basic-need-met practical-support. `srh-fhir migrate-needs` converts old assessments."
Expression: "component.value.ofType(CodeableConcept).coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-basic-need' and code = 'practical-support').empty()"
Severity: #error

Invariant: srh-need-1
Description: "A grading of the basic needs grades each basic need at most once."
Expression: "component.code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-basic-need').code.isDistinct()"
Severity: #error

Invariant: srh-need-2
Description: "A basic need graded as not met is met by nobody: it names no one in srh-met-by."
Expression: "component.where(value.ofType(CodeableConcept).coding.where(code = 'not-met').exists()).all(extension.where(url = 'https://srh-fhir.github.io/fhir/StructureDefinition/srh-met-by').empty())"
Severity: #error

Invariant: srh-need-3
Description: "Every basic need in a grading has its grade (component.value, from srh-need-fulfilment)."
Expression: "component.all(value.exists())"
Severity: #error

Invariant: srh-plan-1
Description: "Every activity of a support plan names its core action (verbinden, verstaan, verzekeren or versterken) in detail.code."
Expression: "activity.all(detail.code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-core-action').exists())"
Severity: #error

Invariant: srh-goal-1
Description: "A goal is written in the client's own words in description.text; a code alone is not enough."
Expression: "description.text.exists()"
Severity: #error

Invariant: srh-team-1
Description: "Every participant of the social system has a role from the SRH social system roles."
Expression: "participant.all(role.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-team-role').exists())"
Severity: #error

Invariant: srh-consent-1
Description: "An involvement consent names at least one actor, each with a role and a reference to the person involved."
Expression: "provision.actor.exists() and provision.actor.all(role.exists() and reference.exists())"
Severity: #error

Invariant: srh-rr-1
Description: "Each item of a relationship rating is scored as a whole number from 1 to 5 (the overall grade excepted)."
Expression: "component.where(code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-observation' and code = 'rating-overall').empty()).all(value.ofType(integer) >= 1 and value.ofType(integer) <= 5)"
Severity: #error

Invariant: srh-rr-2
Description: "The overall grade of a relationship rating is a whole number from 1 to 10."
Expression: "component.where(code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-observation' and code = 'rating-overall').exists()).all(value.ofType(integer) >= 1 and value.ofType(integer) <= 10)"
Severity: #error

Invariant: srh-prov-1
Description: "A change record targets the client's Patient besides what was written, so it is in the client's compartment."
Expression: "target.where(reference.startsWith('Patient/') or reference.contains('/Patient/')).exists()"
Severity: #error

Invariant: srh-prov-2
Description: "A change record says what the change did as an HL7 v3 DataOperation (CREATE, UPDATE, NULLIFY, DELETE, ...)."
Expression: "activity.coding.where(system = 'http://terminology.hl7.org/CodeSystem/v3-DataOperation').exists()"
Severity: #error

Invariant: srh-agr-1
Description: "A plan agreement names the version of the support plan that was agreed: a version-specific CarePlan reference (CarePlan/id/_history/n)."
Expression: "target.where(reference.contains('CarePlan/') and reference.contains('/_history/')).exists()"
Severity: #error

Invariant: srh-agr-2
Description: "A plan agreement names the client as one who agreed: an agent who is a Patient."
Expression: "agent.where(who.reference.startsWith('Patient/') or who.reference.contains('/Patient/')).exists()"
Severity: #error

Invariant: srh-und-1
Description: "Only a life event is dated with a period (when it happened); other understanding entries are dated with the moment they were said."
Expression: "effective.ofType(Period).exists() implies code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-understanding-kind' and code = 'life-event').exists()"
Severity: #error

Invariant: srh-cm-1
Description: "A contact moment is recorded after it took place: its status is finished."
Expression: "status = 'finished'"
Severity: #error

Invariant: srh-rfl-1
Description: "A reflection covers a period with a start and an end."
Expression: "effective.ofType(Period).all(start.exists() and end.exists())"
Severity: #error

Invariant: srh-out-1
Description: "The total score lies in the instrument's range: De Jong Gierveld 6 items 0-6, 11 items 0-11, the three-item loneliness scale 3-9, WHO-5 (raw) 0-25."
Expression: "value.ofType(integer).all(($this >= 0) and (%resource.code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-instrument' and code = 'djg-6').exists() implies $this <= 6) and (%resource.code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-instrument' and code = 'djg-11').exists() implies $this <= 11) and (%resource.code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-instrument' and code = 'ucla-3').exists() implies ($this >= 3 and $this <= 9)) and (%resource.code.coding.where(system = 'https://srh-fhir.github.io/fhir/CodeSystem/srh-instrument' and code = 'who-5').exists() implies $this <= 25))"
Severity: #error

Invariant: srh-meet-1
Description: "The client takes part in their network meeting: a participant is a Patient."
Expression: "participant.where(actor.reference.startsWith('Patient/') or actor.reference.contains('/Patient/')).exists()"
Severity: #error
