"""What the workspace keeps between requests: one session store per client (``pages.kept``), the undo offer of the
last destructive change (``smart_app.workspace.undo``, pure), and the member page's view model (pure)."""

from __future__ import annotations

import ast
import dataclasses
import datetime
from pathlib import Path

from example_workspace import example_workspace

from smart_app.workspace import builders
from smart_app.workspace.context import Labels
from smart_app.workspace.pages.member import member_view
from smart_app.workspace.undo import UNDO_FOR, UndoOffer
from srh_fhir.model import FhirDate, NetworkMember, Period
from srh_fhir.terminology import TeamRole

ROOT = Path(__file__).resolve().parents[2]
DAY = datetime.date(2026, 11, 28)
AT = datetime.datetime(2026, 11, 28, 10, 0, tzinfo=datetime.UTC)


def _uses_the_session(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.ImportFrom) and node.module == "flask" and any(a.name == "session" for a in node.names)
        for node in ast.walk(tree)
    )


def test_only_the_one_store_touches_the_session_in_the_workspace() -> None:
    users = sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "smart_app" / "workspace").rglob("*.py") if _uses_the_session(p)
    )
    assert users == ["smart_app/workspace/pages/kept.py"]


def _member(**changes: object) -> NetworkMember:
    member = NetworkMember(
        id="m-1",
        patient="Patient/p-1",
        active=True,
        period=Period(start=FhirDate("2020-05-01")),
    )
    return dataclasses.replace(member, **changes)


def test_an_ended_tie_comes_back_as_it_was_and_only_while_nobody_changed_it() -> None:
    before = _member()
    offer = UndoOffer.from_dict(UndoOffer.member_changed("ended", before, AT, "Observation/o-9").as_dict())
    assert offer is not None and offer.assessment == "Observation/o-9" and offer.target == "m-1"
    ended = builders.ended_member(before, DAY)
    assert offer.applies_to(ended)
    back = offer.restored(ended)
    assert back.active and back.period == before.period and not back.entered_in_error
    assert not offer.applies_to(back)  # undone once; a second undo does not apply
    assert not offer.applies_to(builders.removed_member(before))


def test_a_member_removed_by_mistake_comes_back_and_the_offer_closes_after_its_time() -> None:
    before = _member()
    offer = UndoOffer.member_changed("removed", before, AT, None)
    removed = builders.removed_member(before)
    assert offer.applies_to(removed) and not offer.applies_to(before)
    assert offer.restored(removed).active and not offer.restored(removed).entered_in_error
    assert offer.open_at(AT + UNDO_FOR - datetime.timedelta(seconds=1))
    assert not offer.open_at(AT + UNDO_FOR)


def test_an_offer_kept_in_an_older_shape_is_no_offer() -> None:
    assert UndoOffer.from_dict({"kind": "removed", "member_id": "m-1"}) is None


def test_a_participant_who_left_comes_back_only_from_their_own_place() -> None:
    team = builders.team_with_participant(
        builders.new_team("Patient/p-1", "Sociaal systeem", DAY, with_client=True),
        "RelatedPerson/m-1",
        TeamRole.KEY_FIGURE,
        DAY,
    )
    index = next(i for i, p in enumerate(team.participants) if p.member == "RelatedPerson/m-1")
    offer = UndoOffer.participant_left("CareTeam/t-1", index, "RelatedPerson/m-1", "Gerrit", None, AT)
    assert not offer.still_left(team)  # still in it: nothing to undo
    left = builders.team_without_participant(team, index, DAY)
    assert offer.still_left(left) and offer.previous_end is None
    moved = dataclasses.replace(left, participants=tuple(reversed(left.participants)))
    assert not offer.still_left(moved)
    assert not UndoOffer.participant_left("CareTeam/t-1", 7, "RelatedPerson/m-1", "Gerrit", None, AT).still_left(left)


def test_the_member_view_of_the_example_client() -> None:
    ws = example_workspace(DAY, Labels(no_sector="none"))
    assert member_view(ws, "no-such-member") is None
    person = ws.analysis.members[0]
    view = member_view(ws, person.id or "")
    assert view is not None and view.person == person
    assert view.given and view.given in person.display_name
    assert all(a.member == person.reference for a in view.history)
    dates = [a.date.text for a in view.history]
    assert dates == sorted(dates, reverse=True)
    assert view.node is not None and view.node.member_id == person.id
