"""Who did and who changed what, on the pages: a performer entered by mistake, or anyone the picture cannot name, is
"onbekende persoon", never a reference and never left out; a recorded change names its author and day."""

from __future__ import annotations

import dataclasses
from datetime import date

from example_workspace import SANNE, example_workspace

from smart_app.workspace.context import Labels, LastChange, Workspace
from smart_app.workspace.people import PersonKind
from srh_fhir.model import ChangeRecord, FhirDateTime
from srh_fhir.terminology import DataOperation

DAY = date(2026, 12, 6)
LABELS = Labels(unknown_person="onbekende persoon", unknown_professional="onbekende zorgverlener")


def performers_of(ws: Workspace) -> list[tuple[str, str, PersonKind]]:
    return [
        (p.reference, p.name, p.kind)
        for column in ws.board.columns
        for activity in column.activities
        for p in activity.performers
    ]


def test_a_member_entered_by_mistake_who_does_an_activity_is_an_unknown_person() -> None:
    ws = example_workspace(DAY, LABELS)
    performer = next(ref for ref, _, kind in performers_of(ws) if kind is PersonKind.NETWORK)
    members = tuple(
        dataclasses.replace(m, active=False, entered_in_error=True) if m.reference == performer else m
        for m in ws.picture.members
    )
    removed = Workspace(dataclasses.replace(ws.picture, members=members), DAY, "nl", LABELS, ws.user_reference)
    shown = [(name, kind) for ref, name, kind in performers_of(removed) if ref == performer]
    assert shown and set(shown) == {("onbekende persoon", PersonKind.NETWORK)}


def test_a_performer_the_picture_cannot_resolve_is_an_unknown_person_not_a_reference() -> None:
    ws = example_workspace(DAY, LABELS)
    plan = ws.board.plan
    assert plan is not None and plan.activities
    first = dataclasses.replace(plan.activities[0], performers=("RelatedPerson/gone", "Practitioner/gone"))
    changed = dataclasses.replace(plan, activities=(first, *plan.activities[1:]))
    plans = tuple(changed if p is plan else p for p in ws.picture.plans)
    odd = Workspace(dataclasses.replace(ws.picture, plans=plans), DAY, "nl", LABELS, ws.user_reference)
    names = {ref: name for ref, name, _ in performers_of(odd)}
    assert (names["RelatedPerson/gone"], names["Practitioner/gone"]) == ("onbekende persoon", "onbekende zorgverlener")


def test_the_last_change_of_a_resource_names_its_author_and_day() -> None:
    ws = example_workspace(DAY, LABELS)
    goal = ws.picture.goals[0].reference
    made = ChangeRecord(
        targets=(goal,), recorded=FhirDateTime("2026-12-06T10:00:00Z"), activity=DataOperation.UPDATE, author=SANNE
    )
    older = dataclasses.replace(made, recorded=FhirDateTime("2026-12-01T10:00:00Z"), author="Practitioner/gone")
    changed = Workspace(
        dataclasses.replace(ws.picture, changes=(made, older)), DAY, "nl", LABELS, SANNE, "Sanne Bakker"
    )
    assert changed.last_change(goal) == LastChange("Sanne Bakker", FhirDateTime("2026-12-06T10:00:00Z"))
    assert changed.last_change(ws.picture.members[0].reference) is None
