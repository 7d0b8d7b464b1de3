"""The workspace's view models, built from domain objects alone (no server): the network map, the map at two dates,
basic needs, consent, the plan board, the social system, the rating trend, and the objects the forms build."""

from __future__ import annotations

import dataclasses
import json
import math
from datetime import date
from pathlib import Path

import pytest
from example_workspace import example_workspace

from smart_app.workspace import builders
from smart_app.workspace.consent import ConsentStatus, consent_by_member
from smart_app.workspace.context import Labels, Workspace
from smart_app.workspace.ehr_style import css_of, same_origin
from smart_app.workspace.map_change import compare_maps
from smart_app.workspace.map_layout import RING_BANDS, SLICE_DEGREES
from smart_app.workspace.network_map import build_map
from smart_app.workspace.pages.posted import hidden_fields
from smart_app.workspace.people import Directory, PersonKind
from smart_app.workspace.plan_board import current_plan
from smart_app.workspace.ratings import rating_trend
from srh_fhir.analysis import analyse
from srh_fhir.client_repository import resource_to_write
from srh_fhir.mapping import from_fhir, to_fhir
from srh_fhir.model import (
    FhirDate,
    FhirDateTime,
    HumanName,
    NetworkMember,
    PatientDetails,
    Period,
    RelationshipRating,
    TieAssessment,
)
from srh_fhir.terminology import (
    BasicNeed,
    Closeness,
    CoreAction,
    InvolvementAction,
    NetworkSector,
    ObservationStatus,
    Reciprocity,
    RequestStatus,
    SupportType,
    Valence,
)
from srh_fhir.validation import Validator, has_errors

DAY = date(2026, 11, 28)
SUGGESTIONS = {need: f"suggestion for {need.value}" for need in BasicNeed}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ingrid() -> Workspace:
    """The example client's workspace built in memory (here instead of the tier's copy of her on HAPI)."""
    return example_workspace(DAY, Labels(no_sector="none", suggestions=SUGGESTIONS))


def member(ident: str, sector: NetworkSector | None = NetworkSector.FAMILY, **changes: object) -> NetworkMember:
    values: dict[str, object] = {"id": ident, "patient": "Patient/p", "sector": sector, **changes}
    return NetworkMember(**values)  # type: ignore[arg-type]


def tie(ident: str, day: str = "2026-10-01", **changes: object) -> TieAssessment:
    values: dict[str, object] = {
        "patient": "Patient/p",
        "member": f"RelatedPerson/{ident}",
        "date": FhirDateTime(day),
        **changes,
    }
    return TieAssessment(**values)  # type: ignore[arg-type]


def angle_of(x: float, y: float) -> float:
    return (math.degrees(math.atan2(y, x)) + 90) % 360


def test_each_sector_keeps_its_slice_and_each_closeness_its_ring() -> None:
    members = [member(f"m{i}", sector) for i, sector in enumerate([*NetworkSector, *NetworkSector, None])]
    closeness = list(Closeness)
    ties = [tie(f"m{i}", closeness=closeness[i % 3]) for i in range(len(members) - 1)]
    network = build_map(analyse(members, ties, DAY), members, "Client", "en", no_sector_label="none")
    assert len(network.nodes) == len(members)
    for node in network.nodes:
        slice_index = list(NetworkSector).index(node.sector) if node.sector else len(NetworkSector)
        assert slice_index * SLICE_DEGREES < angle_of(node.x, node.y) < (slice_index + 1) * SLICE_DEGREES
        inner, outer = RING_BANDS[node.closeness.ring if node.closeness else 3]  # not assessed: the outer band
        distance = math.hypot(node.x, node.y)
        assert inner - 0.2 <= distance - node.radius and distance + node.radius <= outer + 0.2  # coordinates: 0.1 px
    assert [s.code for s in network.sectors][-1] == "none"  # the slice for members without a sector is shown


def test_line_style_follows_valence_and_arrows_point_at_who_receives() -> None:
    members = [member("a"), member("b"), member("c"), member("d")]
    ties = [
        tie("a", valence=Valence.SUPPORTIVE, reciprocity=Reciprocity.MEMBER_GIVES),
        tie("b", valence=Valence.AMBIVALENT, reciprocity=Reciprocity.CLIENT_GIVES),
        tie("c", valence=Valence.STRAINING, reciprocity=Reciprocity.MUTUAL),
    ]
    nodes = {n.member_id: n for n in build_map(analyse(members, ties, DAY), members, "C", "nl").nodes}
    styles = {(n.stroke, n.dasharray, n.width) for n in nodes.values()}
    assert len(styles) == 4  # supportive, ambivalent, straining and not assessed all look different
    assert len({n.dasharray for n in nodes.values()}) == 4  # ... even without colour
    assert (nodes["a"].marker_start, nodes["a"].marker_end) == ("arrow-to-client", None)
    assert (nodes["b"].marker_start, nodes["b"].marker_end) == (None, "arrow-to-member")
    assert (nodes["c"].marker_start, nodes["c"].marker_end) == ("arrow-to-client", "arrow-to-member")
    assert nodes["d"].valence is None and nodes["d"].marker_start is None


def test_support_types_become_letters_in_the_label_in_the_map_language() -> None:
    members = [member("a")]
    ties = [tie("a", support_given=(SupportType.EMOTIONAL, SupportType.COMPANIONSHIP))]
    dutch = build_map(analyse(members, ties, DAY), members, "C", "nl").nodes[0]
    english = build_map(analyse(members, ties, DAY), members, "C", "en").nodes[0]
    assert dutch.support_letters == "E G" and english.support_letters == "E C"
    assert english.support_labels[1] == "Companionship"


def test_an_ended_tie_leaves_the_map_and_stays_in_the_history() -> None:
    ended = member("gone", active=False, period=Period(start=FhirDate("2025-01-01"), end=FhirDate("2026-05-01")))
    members = [member("here"), ended]
    ties = [tie("here"), tie("gone", day="2026-03-01", closeness=Closeness.CLOSE)]
    now = build_map(analyse(members, ties, DAY), members, "C", "en")
    assert [n.member_id for n in now.nodes] == ["here"]
    assert [(e.member_id, e.ended_on) for e in now.ended] == [("gone", "2026-05-01")]
    then = build_map(analyse(members, ties, date(2026, 4, 1)), members, "C", "en")
    assert {n.member_id for n in then.nodes} == {"here", "gone"} and not then.ended


def test_the_map_at_two_dates_and_what_changed() -> None:
    members = [member("a"), member("b", period=Period(start=FhirDate("2026-06-01"), end=None))]
    ties = [
        tie("a", day="2026-01-10", closeness=Closeness.DISTANT, basic_needs_met=(BasicNeed.BELONGING,)),
        tie("a", day="2026-09-10", closeness=Closeness.VERY_CLOSE, basic_needs_met=(BasicNeed.ATTACHMENT,)),
        tie("b", day="2026-06-02", valence=Valence.SUPPORTIVE),
    ]
    comparison = compare_maps(members, ties, date(2026, 2, 1), DAY, "C", "en")
    assert {n.member_id: n.highlight for n in comparison.map.nodes} == {"a": "closer", "b": "added"}
    assert comparison.joined == ("b",) and comparison.closer == ("a",)  # no name: the id stands in
    (row,) = comparison.changed
    assert row.what == (("closeness", "Distant", "Very close"),)
    assert row.needs_gained == ("Attachment",) and row.needs_lost == ("Belonging",)
    assert comparison.needs_now_met == ("Attachment",) and comparison.needs_now_unmet == ("Belonging",)


def test_needs_nobody_meets_are_flagged_with_a_strengthen_suggestion(ingrid: Workspace) -> None:
    members = [member("a", names=())]
    ties = [tie("a", basic_needs_met=(BasicNeed.ATTACHMENT,), valence=Valence.STRAINING)]
    lonely = dataclasses.replace(
        ingrid, picture=dataclasses.replace(ingrid.picture, members=tuple(members), tie_assessments=tuple(ties))
    )
    table = lonely.needs
    assert [row.need for row in table.unmet] == [n for n in BasicNeed if n is not BasicNeed.ATTACHMENT]
    assert all(row.suggestion == SUGGESTIONS[row.need] for row in table.unmet)
    (attachment,) = [row for row in table.rows if row.met]
    assert attachment.suggestion is None and attachment.providers[0].straining
    assert not ingrid.needs.weak  # the example client's network meets every need


def test_the_newest_consent_in_force_decides() -> None:
    anja = "RelatedPerson/anja"
    permit = builders.involvement_consent("Patient/p", anja, True, (InvolvementAction.VIEW_PLAN,), date(2026, 1, 1))
    later_deny = builders.involvement_consent("Patient/p", anja, False, (), date(2026, 6, 1))
    take_part = builders.involvement_consent(
        "Patient/p", "RelatedPerson/b", True, (InvolvementAction.TAKE_PART,), date(2026, 1, 1), until=date(2026, 3, 1)
    )
    assert consent_by_member([permit], DAY)[anja].status is ConsentStatus.GIVEN
    assert not consent_by_member([permit], DAY)[anja].may_take_part  # may see the plan, not take part
    assert consent_by_member([later_deny, permit], DAY)[anja].status is ConsentStatus.WITHDRAWN
    assert consent_by_member([later_deny, permit], date(2026, 2, 1))[anja].status is ConsentStatus.GIVEN
    assert consent_by_member([take_part], date(2026, 2, 1))["RelatedPerson/b"].may_take_part
    assert "RelatedPerson/b" not in consent_by_member([take_part], DAY)  # expired


def test_only_members_with_consent_to_take_part_are_offered_as_performers(ingrid: Workspace) -> None:
    offered = {c.reference: c.kind for c in ingrid.performer_choices()}
    assert offered["Patient/ingrid-de-vries-m"] is PersonKind.CLIENT
    assert offered["Practitioner/practitioner-sanne-bakker"] is PersonKind.PROFESSIONAL
    assert "RelatedPerson/ingrid-sister-anja-m" in offered
    without = {m.reference for m in ingrid.members_without_consent()}
    assert without == {"RelatedPerson/ingrid-church-els-m", "RelatedPerson/ingrid-former-colleague-marloes-m"}
    assert not without & set(offered)


def test_the_plan_board_puts_goals_and_activities_under_their_core_action(ingrid: Workspace) -> None:
    board = ingrid.board
    assert [c.core_action for c in board.columns] == list(CoreAction)
    assert board.goal_count == 4 and board.plan_version == "" and not board.unsorted_goals
    strengthen = board.columns[3]
    assert [len(c.activities) for c in board.columns] == [1, 2, 2, 3]
    walk = strengthen.activities[-1]
    assert [(p.name, p.kind) for p in walk.performers] == [("Wim Verhoeven", PersonKind.NETWORK)]
    assert walk.by_network and not walk.by_professional
    assert (board.share.activities, board.share.network, board.share.client, board.share.professional) == (8, 5, 4, 3)
    assert board.share.network_percent == 62


def test_the_current_plan_is_the_newest_open_one(ingrid: Workspace) -> None:
    plan = ingrid.picture.plans[0]
    older = dataclasses.replace(plan, id="older", created=FhirDateTime("2025-01-01"))
    done = dataclasses.replace(plan, id="done", created=FhirDateTime("2027-01-01"), status=RequestStatus.COMPLETED)
    assert current_plan([older, plan, done]) is plan
    assert current_plan([done]) is None


def test_the_social_system_lists_people_with_roles(ingrid: Workspace) -> None:
    (team,) = ingrid.teams
    first = team.rows[0]
    assert (first.name, first.kind, first.roles) == ("Ingrid de Vries", PersonKind.CLIENT, ("Client",))
    assert team.rows[-1].name == "Ria Mulder" and not team.rows[-1].current  # past participants last
    assert team.count(PersonKind.PROFESSIONAL) == 2


def test_the_directory_names_people_and_never_shows_a_reference() -> None:
    directory = Directory.of(
        PatientDetails(id="p", names=(HumanName(given=("Ingrid",), family="de Vries"),)),
        [],
        "https://ehr.example/fhir/Practitioner/lotte",
        "Lotte Hendriks",
        {"Practitioner/sanne": "Sanne Bakker", "Organization/wijkteam": "Wijkteam"},
        unknown="onbekende persoon",
        unknown_professional="onbekende zorgverlener",
    )
    assert directory.name("Practitioner/lotte") == "Lotte Hendriks"  # relative and absolute are the same person
    assert directory.user == "Lotte Hendriks"
    assert directory.name("https://ehr.example/fhir/Practitioner/sanne") == "Sanne Bakker"
    assert directory.name("Organization/wijkteam") == "Wijkteam"
    assert directory.name("Practitioner/practitioner-jeroen-willems") == "onbekende zorgverlener"
    assert directory.name("RelatedPerson/not-in-the-network") == "onbekende persoon"
    assert directory.name("Patient/p") == "Ingrid de Vries" and directory.kind("Patient/p") is PersonKind.CLIENT


def test_the_signed_in_user_is_named_by_the_picture_before_the_id_token() -> None:
    directory = Directory.of(
        PatientDetails(id="p"), [], "Practitioner/sanne", None, {"Practitioner/sanne": "Sanne Bakker"}
    )
    assert directory.user == "Sanne Bakker"
    assert Directory.of(PatientDetails(id="p"), [], None, "Lotte Hendriks").user == "Lotte Hendriks"


def test_the_rating_trend() -> None:
    def rating(day: str, grade: int | None, status: str = "final") -> RelationshipRating:
        return RelationshipRating(
            patient="Patient/p", date=FhirDateTime(day), overall_grade=grade, status=ObservationStatus(status)
        )

    trend = rating_trend(
        [
            rating("2026-05-01", 8),
            rating("2026-01-01", 6),
            rating("2026-03-01", None),
            rating("2026-06-01", 2, "entered-in-error"),
        ]
    )
    assert [p.overall for p in trend.points] == [6, None, 8]
    assert trend.change == 2 and trend.direction == "up"
    assert len(trend.polyline.split()) == 2
    assert rating_trend([rating("2026-01-01", 5)]).direction == "unknown"


def test_what_the_forms_build_is_valid_against_our_profiles() -> None:
    validator = Validator()
    patient, day = "Patient/p", date(2026, 11, 28)
    person = builders.new_member(patient, builders.MemberInput("Kees", "Bakker", "buurman", "neighbourhood"), day)
    assessed = builders.tie_assessment(
        patient,
        person.reference,
        builders.AssessmentInput(
            closeness=Closeness.CLOSE,
            support=(SupportType.PRACTICAL,),
            needs=(BasicNeed.BELONGING,),
            reciprocity=Reciprocity.MUTUAL,
            valence=Valence.SUPPORTIVE,
            note="fijn",
        ),
        FhirDateTime("2026-11-28"),
        None,
    )
    goal = builders.new_goal(
        patient,
        builders.GoalInput("Ik wil weer zingen", CoreAction.STRENGTHEN, (BasicNeed.BELONGING,), date(2027, 3, 1)),
        day,
    )
    plan = builders.plan_with_activity(
        builders.plan_with_goal(builders.new_plan(patient, "Plan", "Practitioner/x", day), goal.reference),
        builders.ActivityInput(
            CoreAction.STRENGTHEN,
            "Samen naar het koor",
            (person.reference, patient),
            goals=(goal.reference,),
            scheduled="donderdag",
        ),
    )
    objects = [
        person,
        assessed,
        goal,
        plan,
        builders.ended_member(person, day),
        builders.involvement_consent(patient, person.reference, True, (InvolvementAction.TAKE_PART,), day),
        builders.involvement_consent(patient, person.reference, False, (), day),
        builders.relationship_rating(
            patient,
            builders.RatingInput(presence=4, overall_grade=7, note="goed"),
            FhirDateTime("2026-11-28"),
            ("Practitioner/x",),
        ),
    ]
    for obj in objects:
        outcome = validator.validate(resource_to_write(obj))
        assert not has_errors(outcome), (type(obj).__name__, outcome)
    assert builders.AssessmentInput().empty and not builders.AssessmentInput(note="x").empty


def test_editing_and_ending_a_member_keeps_what_the_form_does_not_show() -> None:
    stored = json.loads((ROOT / "profiles/package/example/RelatedPerson-ingrid-sister-anja.json").read_text())
    anja = from_fhir({**stored, "meta": {**stored["meta"], "versionId": "7"}})
    edited = builders.edited_member(anja, builders.MemberInput("Anja", "Hoekstra", "zus", "family"))
    resource = resource_to_write(edited)
    assert resource["meta"]["versionId"] == "7" and resource.get("telecom") == stored.get("telecom")
    assert resource["name"][0]["family"] == "Hoekstra"
    ended = to_fhir(builders.ended_member(anja, date(2026, 11, 1)))
    assert ended["active"] is False and ended["period"]["end"] == "2026-11-01"
    assert ended["period"] == {"end": "2026-11-01"}  # no start was known: none is invented


def test_the_ehr_style_becomes_checked_css_custom_properties() -> None:
    css = css_of(
        {
            "color_highlight": "#005ea5",
            "dim_font_size": "16px",
            "font_family_body": "system-ui, sans-serif",
            "color_text": "red; } body { display:none",
            "color_error": 5,
        }
    )
    assert "--ehr-highlight: #005ea5;" in css and "--ehr-font-size: 16px;" in css and "--ehr-font-body" in css
    assert "display" not in css and "--ehr-text" not in css and "--ehr-error" not in css
    assert css_of({}) == ""
    assert same_origin("http://localhost:8081/auth/smart-style.json", "http://localhost:8081/fhir")
    assert not same_origin("http://evil.example/style.json", "http://localhost:8081/fhir")
    assert not same_origin("file:///etc/passwd", "http://localhost:8081/fhir")


def test_the_conflict_page_posts_the_input_again_with_the_current_version() -> None:
    values = {"edit-version": "3", "edit-given": "Willem", "edit-support": ["emotional", "practical"]}
    again = list(hidden_fields(values, {"version": "5"}))
    assert ("edit-version", "5") in again and ("edit-version", "3") not in again
    assert ("edit-support", "emotional") in again and ("edit-support", "practical") in again
    assert list(hidden_fields({"description": "x"}, {"plan_version": "2"})) == [
        ("description", "x"),
        ("plan_version", "2"),
    ]
