"""The form being posted, for people and for posting again: what was typed as a dict, shown with field and code
labels (never codes or versions), and as hidden fields with the versions replaced by the current ones (the
conflict page, the confirmation step and the "input kept" page post it again)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flask import g, request

from smart_app.views import current_launch
from smart_app.workspace import texts
from smart_app.workspace.dates import long_date
from smart_app.workspace.people import PROFESSIONAL_TYPES, language_of
from srh_fhir.model import reference_to
from srh_fhir.terminology import (
    BasicNeed,
    Closeness,
    ContactFrequency,
    CoreAction,
    InvolvementAction,
    NetworkSector,
    Reciprocity,
    SupportType,
    TeamRole,
    Valence,
)


def submitted() -> dict[str, Any]:
    """The posted form as a dict (lists for repeated names), without the CSRF token."""
    return {k: (vs if len(vs) > 1 else vs[0]) for k, vs in request.form.lists() if k != "csrf_token"}


CODED_FIELDS = {
    "sector": NetworkSector,
    "closeness": Closeness,
    "contact_frequency": ContactFrequency,
    "support": SupportType,
    "needs": BasicNeed,
    "reciprocity": Reciprocity,
    "valence": Valence,
    "core_action": CoreAction,
    "actions": InvolvementAction,
    "need": BasicNeed,
    "role": TeamRole,
}
# Fields whose values are references: shown in words (people by name, goals and understanding entries by their words).
REFERENCE_FIELDS = ("performers", "expressed_by", "goals", "answers")
NOT_SHOWN = ("patient", "version", "plan_version", "goal_version", "team_version", "member", "csrf_token", "confirmed")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")  # what a date field posts


def shown_input(unsaved: Mapping[str, Any] | None, name_of: Callable[[str], str] | None = None) -> dict[str, str]:
    """The user's input for people to read: field labels as keys, code labels for codes, and the words of what
    references point at (an activity's performers and goals, a goal's author and what it answers): by ``name_of``
    (``Workspace.words_for``), or, when the page could not load the picture, by what kind of thing each is."""
    name_of = name_of or unnamed
    shown: dict[str, str] = {}
    for prefixed, value in (unsaved or {}).items():
        name = _bare(prefixed)
        if name in NOT_SHOWN or value in ("", None, []):
            continue
        values = value if isinstance(value, list) else [value]
        enum = CODED_FIELDS.get(name)
        if enum is not None:
            values = [_code_label(enum, v) for v in values]
        elif name == "status":
            values = [texts.status_label(v) for v in values]
        elif name in REFERENCE_FIELDS:
            values = [name_of(v) for v in values]
        else:
            values = [_day(v) for v in values]
        shown[str(texts.FIELD_LABELS.get(name, name))] = ", ".join(str(v) for v in values)
    return shown


def unnamed(reference: str) -> str:
    """A reference in words without its name (never the reference itself): the client, a network member, ..."""
    resource_type = reference.rsplit("/", 2)[-2] if reference.count("/") >= 1 else ""
    launch = getattr(g, "launch", None)
    if launch is not None and reference == reference_to("Patient", launch.patient):
        return str(texts.UNNAMED["client"])
    if resource_type in PROFESSIONAL_TYPES:
        return str(texts.UNNAMED["professional"])
    return str(texts.UNNAMED.get(resource_type, texts.UNNAMED["other"]))


def _day(value: Any) -> Any:
    """A date as people write it ("30 november 2026"); anything else, or a date that does not exist, as posted."""
    if isinstance(value, str) and ISO_DAY.fullmatch(value):
        try:
            return long_date(value, language_of(current_launch.language()))
        except ValueError:
            return value
    return value


def _code_label(enum: Any, value: str) -> str:
    try:
        return str(enum(value).label(language_of(current_launch.language())))
    except ValueError:
        return value


def _bare(name: str) -> str:
    """A field name without its form prefix (``edit-version`` -> ``version``)."""
    return name.rsplit("-", 1)[-1]


def hidden_fields(values: Mapping[str, Any], replace: Mapping[str, str]) -> Iterable[tuple[str, str]]:
    """The user's input as (name, value) pairs to post again, with versions replaced by the current ones
    (``replace`` names fields without their form prefix)."""
    replaced = set()
    for name, value in values.items():
        if _bare(name) in replace:
            replaced.add(_bare(name))
            yield name, replace[_bare(name)]
            continue
        for one in value if isinstance(value, list) else [value]:
            yield name, str(one)
    for name, value in replace.items():
        if name not in replaced:
            yield name, value
