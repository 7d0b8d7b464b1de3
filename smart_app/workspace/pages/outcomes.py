"""Outcome over time (Uitkomsten): the total scores of the instruments the team uses, each as a trend on the same time
axis as the network's size and the number of basic needs met, so a team sees whether versterken works; and the form
that records a score (only the instrument and its total, never its items). The page loads the picture with the needs
gradings and the scores.

The view model is ``smart_app.workspace.outcomes`` (pure), the series ``srh_fhir.outcomes``; the routes render
``outcomes.html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, g
from flask_babel import gettext as _

from smart_app.views.errors import problem_page
from smart_app.workspace.outcome_forms import OutcomeForm
from smart_app.workspace.outcomes import outcomes_view
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.people import language_of
from srh_fhir.client_repository import ClientRepository, OutcomeHistory
from srh_fhir.model import FhirDate, OutcomeScore, reference_to
from srh_fhir.outcomes import network_over_time, outcome_series, series_days
from srh_fhir.repository import DomainPicture
from srh_fhir.terminology import Instrument


@dataclass(frozen=True)
class Loaded:
    picture: DomainPicture
    outcomes: OutcomeHistory


def offered_instruments() -> tuple[Instrument, ...]:
    """The instruments the team records (``SRH_APP_INSTRUMENTS``)."""
    instruments: tuple[Instrument, ...] = current_app.extensions["srh_settings"].instruments
    return instruments


def load(repository: ClientRepository) -> Loaded:
    return Loaded(repository.picture(needs=True), repository.outcomes())


@blueprint.get("/outcomes")
def outcomes() -> Page:
    loaded = frame.with_repository(load)
    return render_outcomes(loaded) if isinstance(loaded, Loaded) else loaded


def render_outcomes(loaded: Loaded, form: OutcomeForm | None = None) -> tuple[str, int]:
    language = language_of(frame.language())
    today = frame.today()
    form = form or OutcomeForm(formdata=kept.draft("workspace.add_outcome"), patient=g.launch.patient)
    form.set_choices(language, offered_instruments())
    if form.measured_on.data is None and not form.errors:
        form.measured_on.data = today
    picture, scores = loaded.picture, loaded.outcomes.scores
    members = [m for m in picture.members if not m.entered_in_error]
    days = series_days(scores, members, picture.need_assessments, today)
    view = outcomes_view(
        outcome_series(scores),
        network_over_time(members, picture.need_assessments, days),
        {i: i.label(language) for i in Instrument},
        _("People in the network"),
        _("Basic needs met"),
    )
    return render("outcomes.html", None, view=view, form=form, banner_patient=loaded.outcomes.patient)


@blueprint.post("/outcomes")
def add_outcome() -> Page:
    form = OutcomeForm()
    form.set_choices(language_of(frame.language()), offered_instruments())
    refused = frame.refuse_write(form, "Observation")
    if refused:
        return refused
    if not form.validate_on_submit():
        return _again(form, None)
    assert form.score.data is not None and form.measured_on.data is not None  # validated
    patient = reference_to("Patient", g.launch.patient)
    score = OutcomeScore(
        patient=patient,
        instrument=Instrument(form.instrument.data),
        score=form.score.data,
        date=FhirDate(form.measured_on.data.isoformat()),
        performers=(g.launch.fhir_user,) if g.launch.fhir_user else (),
    )
    failed = writes.save([score], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return _again(form, failed)
    return failed or writes.saved(_("The score was saved."), "workspace.outcomes", "workspace.add_outcome")


def _again(form: OutcomeForm, failure: SaveFailure | None) -> Page:
    return writes.again_loading(form, failure, load, lambda loaded: render_outcomes(loaded, form))
