"""Verstaan — understanding the person in context: what matters to the client, their strengths, what stands in the
way and their life events, in the client's own words or the professional's, with who wrote it down and when; the
form that adds an entry and the act that marks one as no longer current (confirmed first; the entry stays).
This page loads the entries only (one batch), not the client's whole picture.

The view model is ``smart_app.workspace.understanding`` (pure); the routes render ``understanding.html``.
"""

from __future__ import annotations

from functools import partial

from flask import g
from flask_babel import gettext as _

from smart_app.views.errors import problem_page
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.pages.posted import submitted
from smart_app.workspace.people import language_of
from smart_app.workspace.understanding import EntryView, find, new_entry, no_longer_current, sections
from smart_app.workspace.understanding_forms import NoLongerCurrentForm, UnderstandingForm
from srh_fhir.client_repository import ClientRepository, UnderstandingRecord
from srh_fhir.model import reference_to

RESOURCE = "Observation"


@blueprint.get("/understanding")
def understanding() -> Page:
    loaded = frame.with_repository(ClientRepository.understanding)
    return render_understanding(loaded) if isinstance(loaded, UnderstandingRecord) else loaded


def render_understanding(
    loaded: UnderstandingRecord, form: UnderstandingForm | None = None, confirming: EntryView | None = None
) -> tuple[str, int]:
    language = language_of(frame.language())
    form = form or UnderstandingForm(formdata=kept.draft("workspace.add_understanding"), patient=g.launch.patient)
    form.set_choices(language)
    if form.said_on.data is None and not form.errors:
        form.said_on.data = frame.today()
    return render(
        "understanding.html",
        None,
        sections=sections(loaded, language),
        form=form,
        confirming=confirming,
        today=frame.today(),
        banner_patient=loaded.patient,
    )


@blueprint.post("/understanding")
def add_understanding() -> Page:
    form = UnderstandingForm()
    form.set_choices(language_of(frame.language()))
    refused = frame.refuse_write(form, RESOURCE)
    if refused:
        return refused
    if not form.validate_on_submit():
        return _again(form, None)
    patient = reference_to("Patient", g.launch.patient)
    entry = new_entry(patient, form.understanding_input(), writes.now(), g.launch.fhir_user)
    failed = writes.save([entry], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return _again(form, failed)
    return failed or writes.saved(_("The entry was saved."), "workspace.understanding", "workspace.add_understanding")


@blueprint.post("/understanding/<entry_id>/no-longer-current")
def end_understanding(entry_id: str) -> Page:
    form = NoLongerCurrentForm()
    refused = frame.refuse_write(form, RESOURCE)
    if refused:
        return refused
    if not form.validate_on_submit():
        return problem_page("bad_request", 400)
    loaded = frame.attempt(ClientRepository.understanding, unsaved=submitted())
    if isinstance(loaded, SaveFailure):
        return frame.form_again(loaded)
    entry = find(loaded, entry_id)
    if entry is None:
        return problem_page("not_found", 404)
    if loaded.versions.get(entry.reference) != form.version.data:
        return problem_page("conflict", 409)
    if not form.confirmed.data:
        shown = next(v for s in sections(loaded, language_of(frame.language())) for v in s.entries if v.id == entry_id)
        return render_understanding(loaded, confirming=shown)
    failed = writes.save([no_longer_current(entry, frame.today())], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return frame.form_again(failed)
    return failed or writes.saved(
        _("The entry was marked as no longer current; it stays in the history."),
        "workspace.understanding",
        "workspace.end_understanding",
    )


def _again(form: UnderstandingForm, failure: SaveFailure | None) -> Page:
    """The page again with the entry as typed, its errors and why nothing was saved."""
    return writes.again_loading(form, failure, ClientRepository.understanding, partial(render_understanding, form=form))
