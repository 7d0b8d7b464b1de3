"""How every change a workspace page posts is saved and how its failures are told.

Every write is checked first: the form must carry a valid CSRF token (Flask-WTF), name the launch's patient, and
the launch must have write scopes (``frame.refuse_write``); what the URL names must be in the launch patient's
picture (each page checks its own). Each change is saved as one transaction. A change to something that was changed
meanwhile (its version differs from the one the form was made from, or the server refuses the version) shows the
conflict page: both versions, and the user's input kept, ready to apply to the current version or to drop.

Any other failure never loses what was typed: invalid input (422), the FHIR server down or refusing (503, 502) and
an ended session (401) show the form again as it was posted, with an error summary at the top saying why nothing was
saved; when even the page around the form cannot be loaded, the input is shown alone, ready to post again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from flask import flash, redirect, request, url_for

from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import frame, kept
from smart_app.workspace.pages.frame import Page, SaveFailure, render
from smart_app.workspace.pages.posted import hidden_fields, shown_input, submitted
from srh_fhir.client_repository import ClientRepository
from srh_fhir.errors import PlanConflict
from srh_fhir.model import DomainObject, FhirDateTime

Rows = list[list[tuple[str, str]]]
"""A version as the conflict page shows it: one list of (label, value) per thing it holds."""
PageOf = Callable[[Workspace], tuple[str, int]]
"""A page of the workspace with the posted form in it."""
T = TypeVar("T")
F = TypeVar("F")


def now() -> FhirDateTime:
    """This moment, to the millisecond: two assessments of one tie saved in the same second keep their order."""
    moment = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")
    return FhirDateTime(moment.replace("+00:00", "Z"))


def saved(message: str, endpoint: str, draft_endpoint: str, **values: Any) -> Page:
    """After a change was saved: the draft of its form is dropped and the page it belongs to says so."""
    kept.forget_draft(draft_endpoint)
    flash(message)
    return redirect(url_for(endpoint, **values), 303)


def save(
    objects: Sequence[DomainObject], conflict: Callable[[PlanConflict], Page | SaveFailure]
) -> Page | SaveFailure | None:
    """Save the objects of one change in one transaction (objects as loaded are checked against their version);
    None when saved, the conflict page (or, from ``conflict``, a failure to tell above the form), or why it failed."""

    def write(repository: ClientRepository) -> Page | SaveFailure | None:
        try:
            repository.save(*objects)
        except PlanConflict as error:
            return conflict(error)
        return None

    return frame.attempt(write, unsaved=submitted())


def workspace(load: frame.Loader = frame.workspace_of_repository) -> Workspace | SaveFailure:
    """The launch patient's workspace for a change being posted (as ``load`` makes it)."""
    return frame.attempt(load, unsaved=submitted())


def again(form: Any, failure: SaveFailure | None, page: PageOf, ws: Workspace | None = None) -> Page:
    """The form's page again with what was typed, its errors and why nothing was saved (a 422 for invalid input);
    the input alone when the page cannot be loaded."""
    if ws is None:
        return again_loading(form, failure, frame.workspace_of_repository, page)
    frame.show_errors(form, failure)
    html, _ = page(ws)
    return html, failure.status if failure else 422


def again_loading(
    form: Any, failure: SaveFailure | None, load: Callable[[ClientRepository], T], page: Callable[[T], tuple[str, int]]
) -> Page:
    """As ``again``, for a page made from what ``load`` reads (e.g. the ratings, not the whole workspace)."""
    frame.show_errors(form, failure)
    loaded = frame.attempt(load, unsaved=submitted())
    if isinstance(loaded, SaveFailure):
        return frame.form_again(failure or loaded)
    html, _ = page(loaded)
    return html, failure.status if failure else 422


@dataclass(frozen=True)
class Posted(Generic[F]):
    """A change posted with a form that passed the checks every change starts with."""

    ws: Workspace
    form: F


def posted_form(
    make_form: Callable[[Workspace], F], *resource_types: str, load: frame.Loader = frame.workspace_of_repository
) -> Posted[F] | Page:
    """The first steps of a change posted with a form made from the client's workspace: the launch's workspace as
    ``load`` makes it (the input alone when it cannot be loaded), the form as posted, and the checks that it names
    the launch's patient and that the launch may write ``resource_types``; otherwise the page to show."""
    ws = workspace(load)
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    form = make_form(ws)
    refused = frame.refuse_write(form, *resource_types)
    return refused or Posted(ws, form)


def finish(failed: Page | SaveFailure | None, form: Any, page: PageOf, ws: Workspace | None) -> Page | None:
    """None when saved; otherwise the conflict page, or the form again with why it failed."""
    if isinstance(failed, SaveFailure):
        return again(form, failed, page, ws)
    return failed


def conflict_page(
    ws: Workspace | None,
    kind: str,
    theirs: Rows,
    current_versions: dict[str, str],
    ours: dict[str, str] | None = None,
) -> Page:
    """Both versions: the user's input (``ours``, or the posted form as typed) and the version saved meanwhile, with
    the input ready to post again against ``current_versions``."""
    values = submitted()
    return render(
        "conflict.html",
        ws,
        409,
        kind=kind,
        theirs=theirs,
        ours=ours if ours is not None else shown_input(values, ws.words_for if ws is not None else None),
        action=request.path,
        hidden=list(hidden_fields(values, current_versions)),
    )
