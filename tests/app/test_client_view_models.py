"""The client's own view, without a server: the scopes it asks and accepts, whom a launch opens for (fhirUser), and
the pure view model that takes from the client's picture only what is theirs to see."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from example_workspace import example_workspace

from smart_app.audience import Audience, audience_of, user_type
from smart_app.client_view import picture
from smart_app.client_view.rating import own_ratings
from smart_app.errors import LaunchError
from smart_app.scopes import Permissions, requested_scopes
from smart_app.workspace.consent import ConsentStatus
from smart_app.workspace.context import Labels, Workspace
from smart_app.workspace.people import PersonKind
from srh_fhir.model import FhirDateTime, Goal, PlanComment, RelationshipRating
from srh_fhir.terminology import GoalLifecycleStatus

DAY = date(2026, 12, 6)
PROPOSED = GoalLifecycleStatus.PROPOSED
CLIENT_SCOPE = requested_scopes(v2=True, ehr_launch=True, access="online", client=True)
CLINICIAN_SCOPE = requested_scopes(v2=True, ehr_launch=True, access="online")


def test_the_client_view_asks_to_read_the_picture_and_write_only_goals_plan_consents_ratings() -> None:
    scopes = set(CLIENT_SCOPE.split())
    assert {"launch", "openid", "fhirUser", "patient/RelatedPerson.rs", "patient/Goal.crs"} <= scopes
    assert {"patient/Consent.crs", "patient/Observation.crs", "patient/CarePlan.crus"} <= scopes
    assert not any(s.startswith("patient/RelatedPerson.c") or s.endswith(".cruds") for s in scopes)
    v1 = requested_scopes(v2=False, ehr_launch=False, access="none", client=True).split()
    assert "launch/patient" in v1 and "patient/RelatedPerson.read" in v1 and "patient/RelatedPerson.write" not in v1


@pytest.mark.parametrize(
    ("scope", "misfit"),
    [
        (CLIENT_SCOPE, None),
        (CLIENT_SCOPE.replace("patient/Goal.crs", "patient/Goal.rs"), None),  # fewer writes: the form is refused
        (CLIENT_SCOPE.replace("patient/Consent.crs", ""), "client_scopes_missing"),
        (CLINICIAN_SCOPE, "client_scopes_too_wide"),
        (CLIENT_SCOPE + " patient/*.cruds", "client_scopes_too_wide"),
        (CLIENT_SCOPE + " patient/Goal.d", "client_scopes_too_wide"),
    ],
)
def test_which_grants_fit_the_client_view(scope: str, misfit: str | None) -> None:
    assert Permissions(scope).client_view_misfit() == misfit


@pytest.mark.parametrize(
    ("fhir_user", "kind"),
    [("Patient/p1", "Patient"), ("https://ehr.example.org/fhir/PractitionerRole/r1", "PractitionerRole"), ("x", "")],
)
def test_the_type_of_the_signed_in_user(fhir_user: str, kind: str) -> None:
    assert user_type(fhir_user) == kind


def test_a_patient_who_is_the_launch_patient_opens_the_client_view() -> None:
    assert audience_of("Patient/p1", "p1", CLIENT_SCOPE, asked_for_client=True) is Audience.CLIENT
    assert audience_of("Patient/p1", "p1", CLIENT_SCOPE, asked_for_client=False) is Audience.CLIENT


@pytest.mark.parametrize("user", ["Practitioner/s1", "PractitionerRole/r1", None])
def test_a_professional_or_an_unnamed_user_of_the_ehr_opens_the_workspace(user: str | None) -> None:
    assert audience_of(user, "p1", CLINICIAN_SCOPE, asked_for_client=False) is Audience.CLINICIAN


@pytest.mark.parametrize(
    ("user", "scope", "for_client", "reason"),
    [
        ("Patient/p2", CLIENT_SCOPE, True, "client_other_patient"),
        ("https://other.example.org/fhir/Patient/p1", CLIENT_SCOPE, True, "client_other_patient"),
        ("RelatedPerson/r1", CLIENT_SCOPE, True, "user_type_unsupported"),
        ("Patient/p1", CLINICIAN_SCOPE, False, "client_scopes_too_wide"),
        ("Patient/p1", "launch openid fhirUser patient/Patient.rs", True, "client_scopes_missing"),
        (None, CLIENT_SCOPE, True, "client_unknown"),
    ],
)
def test_what_does_not_fit_is_refused(user: str | None, scope: str, for_client: bool, reason: str) -> None:
    with pytest.raises(LaunchError, match=reason) as refused:
        audience_of(user, "p1", scope, asked_for_client=for_client)
    assert refused.value.status == 403


def workspace() -> Workspace:
    return example_workspace(DAY, Labels(unknown_person="?"), "nl")


def test_the_members_by_name_with_their_consent() -> None:
    ws = workspace()
    lines = picture.members(ws)
    assert [line.name for line in lines] == [m.display_name for m in ws.analysis.members]
    assert all(not line.name.startswith(("RelatedPerson/", "http")) for line in lines)
    consents = {line.member_id: line.consent for line in lines}
    for member in ws.analysis.members:
        expected = ws.consents[member.reference].status if member.reference in ws.consents else ConsentStatus.NONE
        assert consents[member.id or ""] is expected


def test_the_plan_by_core_action_with_names_and_the_client_as_you() -> None:
    ws = workspace()
    plan = picture.plan(ws, "jij")
    assert plan.exists and len(plan.parts) == 4
    activities = [a for part in plan.parts for a in part.activities]
    assert activities
    assert all(not who.startswith(("Practitioner/", "RelatedPerson/")) for a in activities for who in a.who)
    pairs = [
        (line, card)
        for part, column in zip(plan.parts, ws.board.columns, strict=True)
        for line, card in zip(part.activities, column.activities, strict=True)
    ]
    by_client = [line for line, card in pairs if any(p.kind is PersonKind.CLIENT for p in card.performers)]
    assert by_client and all("jij" in line.who for line in by_client)


def test_a_goal_in_the_clients_words_says_so_and_one_by_someone_else_names_them() -> None:
    ws = workspace()
    client, sanne = ws.patient_reference, "Practitioner/practitioner-sanne-bakker"
    goals = (
        Goal(id="own", lifecycle_status=PROPOSED, description="Zus vaker zien", patient=client, expressed_by=client),
        Goal(id="pro", lifecycle_status=PROPOSED, description="Netwerkberaad", patient=client, expressed_by=sanne),
    )
    ws.picture = dataclasses.replace(ws.picture, goals=goals, plans=())
    plan = picture.plan(ws, "jij")
    assert not plan.exists
    lines = {g.description: g for g in plan.unsorted}
    assert lines["Zus vaker zien"].own_words and lines["Zus vaker zien"].author is None
    assert not lines["Netwerkberaad"].own_words and lines["Netwerkberaad"].author == "Sanne Bakker"


def test_the_needs_say_what_the_network_and_professionals_give_and_carry_no_notes() -> None:
    ws = workspace()
    needs = picture.needs(ws)
    assert len(needs) == len(ws.graded_needs.rows) == 5
    for line, row in zip(needs, ws.graded_needs.rows, strict=True):
        assert (line.label, line.network, line.professionals) == (row.label, row.network, row.professionals)
    shown = {field.name for field in dataclasses.fields(picture.NeedLine)}
    assert shown == {"label", "grade", "network", "professionals"}  # no note, no suggestion for the professional


def test_only_the_clients_own_ratings_are_shown_to_them() -> None:
    moment = FhirDateTime("2026-12-01T10:00:00Z")
    mine = RelationshipRating(patient="Patient/p1", date=moment, performers=("Patient/p1",), overall_grade=7)
    theirs = dataclasses.replace(mine, performers=("Practitioner/s1",))
    together = dataclasses.replace(mine, performers=("Patient/p1", "Practitioner/s1"))
    assert own_ratings((mine, theirs, together), "Patient/p1") == (mine,)


def test_the_client_view_shows_the_clients_own_comments_the_workspace_all_by_name() -> None:
    ws = workspace()
    plan = ws.board.plan
    assert plan is not None
    said = (
        PlanComment(text="Eerst Anja bellen", author=ws.patient_reference),
        PlanComment(text="Besproken", author="Practitioner/practitioner-sanne-bakker"),
    )
    commented = dataclasses.replace(plan, comments=said)
    ws = dataclasses.replace(ws, picture=dataclasses.replace(ws.picture, plans=(commented,)))
    everyone = picture.comments(ws)
    assert [(c.text, c.author, c.by_client) for c in everyone] == [
        ("Eerst Anja bellen", "Ingrid de Vries", True),
        ("Besproken", "Sanne Bakker", False),
    ]
    assert picture.comments(ws, only_the_clients=True) == everyone[:1]
