"""The working relationship: how the client rates the work with the professional over time (a short rating scale
per meeting), and the form that adds a rating. This page loads the ratings only, not the client's whole picture.

The view model is ``smart_app.workspace.ratings`` (pure); the routes render ``relationship.html``.
"""

from __future__ import annotations

from functools import partial

from flask import g
from flask_babel import gettext as _

from smart_app.views.errors import problem_page
from smart_app.workspace import builders, texts
from smart_app.workspace.forms import RatingForm
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.ratings import rating_trend
from srh_fhir.client_repository import ClientRepository, RatingHistory
from srh_fhir.model import reference_to


@blueprint.get("/working-relationship")
def rating() -> Page:
    loaded = frame.with_repository(ClientRepository.ratings)
    return render_rating(loaded) if isinstance(loaded, RatingHistory) else loaded


def render_rating(loaded: RatingHistory, form: RatingForm | None = None) -> tuple[str, int]:
    form = form or RatingForm(formdata=kept.draft("workspace.add_rating"), patient=g.launch.patient)
    return render(
        "relationship.html",
        None,
        patient=loaded.patient,
        trend=rating_trend(loaded.ratings),
        form=form,
        items=texts.RATING_ITEMS,
        banner_patient=loaded.patient,
    )


@blueprint.post("/working-relationship")
def add_rating() -> Page:
    form = RatingForm()
    refused = frame.refuse_write(form, "Observation")
    if refused:
        return refused
    if not form.validate_on_submit():
        return _rating_again(form, None)
    rated = (g.launch.fhir_user,) if g.launch.fhir_user else ()
    patient = reference_to("Patient", g.launch.patient)
    rating_ = builders.relationship_rating(patient, form.rating_input(), writes.now(), rated)
    failed = writes.save([rating_], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return _rating_again(form, failed)
    return failed or writes.saved(_("The rating was saved."), "workspace.rating", "workspace.add_rating")


def _rating_again(form: RatingForm, failure: SaveFailure | None) -> Page:
    """The rating page again with the rating as posted (the page shows the ratings, not the workspace)."""
    return writes.again_loading(form, failure, ClientRepository.ratings, partial(render_rating, form=form))
