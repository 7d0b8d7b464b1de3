"""How the work with their professional goes, in the client's own rating (``srh-relationship-rating`` with the
client as performer): their earlier ratings and the form for a new one. Ratings given by others are not shown.

The view model is ``smart_app.workspace.ratings`` on the client's own ratings (``own_ratings``, pure); the routes
render ``templates/client/rating.html``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from flask import g
from flask_babel import gettext as _

from smart_app.client_view.forms import ClientRatingForm
from smart_app.client_view.frame import blueprint
from smart_app.views.errors import problem_page
from smart_app.workspace import builders, texts
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, render
from smart_app.workspace.ratings import rating_trend
from srh_fhir.client_repository import ClientRepository, RatingHistory
from srh_fhir.model import RelationshipRating, reference_to


def own_ratings(ratings: Iterable[RelationshipRating], client: str) -> tuple[RelationshipRating, ...]:
    """The ratings the client gave themselves (performer: only the client)."""
    return tuple(r for r in ratings if r.performers == (client,))


@blueprint.get("/working-relationship")
def rating() -> Page:
    loaded = frame.with_repository(ClientRepository.ratings)
    return render_rating(loaded) if isinstance(loaded, RatingHistory) else loaded


def render_rating(loaded: RatingHistory, form: ClientRatingForm | None = None) -> tuple[str, int]:
    form = form or ClientRatingForm(formdata=kept.draft("client.add_rating"), patient=g.launch.patient)
    own = own_ratings(loaded.ratings, reference_to("Patient", g.launch.patient))
    return render(
        "rating.html", None, trend=rating_trend(own), form=form, items=texts.RATING_ITEMS, banner_patient=loaded.patient
    )


@blueprint.post("/working-relationship")
def add_rating() -> Page:
    form = ClientRatingForm()
    refused = frame.refuse_write(form, "Observation")
    if refused:
        return refused
    if not form.validate_on_submit():
        return _again(form, None)
    client = reference_to("Patient", g.launch.patient)
    rating_ = builders.relationship_rating(client, form.rating_input(), writes.now(), ())
    failed = writes.save([rating_], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return _again(form, failed)
    return failed or writes.saved(_("Thank you: your rating was saved."), "client.rating", "client.add_rating")


def _again(form: ClientRatingForm, failure: SaveFailure | None) -> Page:
    return writes.again_loading(form, failure, ClientRepository.ratings, partial(render_rating, form=form))
