"""The error summary at the top of a form page (the NL Design System / GOV.UK pattern): why nothing was saved, and
one link per field in error, to the field itself (the first option of a group of radios or checkboxes)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wtforms import Field, Form

GROUPS = ("MultiCheckboxField", "RadioField")
HIDDEN = ("HiddenField", "CSRFTokenField")  # nothing a user can correct


@dataclass(frozen=True)
class ErrorLink:
    target: str  # the id of the element the link moves to
    message: str


@dataclass(frozen=True)
class ErrorSummary:
    failure: str | None  # why a save failed (the server, the session); None for input errors only
    links: tuple[ErrorLink, ...]


def target_of(field: Field) -> str:
    """The id a link to the field points at: the field, or its first option for a group."""
    return f"{field.id}-0" if field.type in GROUPS else str(field.id)


def summary_of(forms: Iterable[Form], failure: str | None = None) -> ErrorSummary | None:
    """The summary of the forms' errors and a failure; None when there is nothing to say."""
    links = tuple(
        ErrorLink(target_of(field), str(message))
        for form in forms
        for field in form
        if field.type not in HIDDEN
        for message in field.errors
    )
    if not links and failure is None:
        return None
    return ErrorSummary(failure, links)
