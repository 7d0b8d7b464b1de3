"""The working relationship (verbinden): contact moments over time with the gaps in contact flagged, the client's
and the professional's ratings of the working relationship side by side, and the professional's reflections per
period, in one chronological view; the forms that add a rating (the client's or the professional's own), a contact
moment (when the EHR holds no Encounter for it) and a reflection. This page loads these records only (one batch),
not the client's whole picture; a launch that may not read Encounter is told it cannot see the contact moments.

The view models are ``smart_app.workspace.timeline`` and ``smart_app.workspace.ratings`` (pure), the gaps
``srh_fhir.contact``; the routes render ``relationship.html``. A gap is a stretch without contact longer than the
client's threshold (``srh_fhir.contact``; its floor is ``SRH_APP_CONTACT_GAP_DAYS``, four weeks unless configured).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import current_app, g
from flask_babel import gettext as _

from smart_app.views.errors import problem_page
from smart_app.workspace import builders, contact_records, texts
from smart_app.workspace.forms import RatingForm
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.people import language_of
from smart_app.workspace.ratings import rating_trend
from smart_app.workspace.relationship_forms import ContactForm, ReflectionForm
from smart_app.workspace.timeline import timeline
from srh_fhir.client_repository import ClientRepository, RelationshipHistory
from srh_fhir.contact import contact_gaps
from srh_fhir.model import DomainObject, reference_to
from srh_fhir.terminology import ContactKind

OBSERVATION, ENCOUNTER = "Observation", "Encounter"


def load(repository: ClientRepository) -> RelationshipHistory:
    return repository.relationship(contacts=g.permissions.can_read(ENCOUNTER))


@blueprint.get("/working-relationship")
def rating() -> Page:
    loaded = frame.with_repository(load)
    return render_rating(loaded) if isinstance(loaded, RelationshipHistory) else loaded


def render_rating(loaded: RelationshipHistory, **forms: Any) -> tuple[str, int]:
    language = language_of(frame.language())
    today = frame.today()
    form = forms.get("form") or RatingForm(formdata=kept.draft("workspace.add_rating"), patient=g.launch.patient)
    contact_form = forms.get("contact_form") or ContactForm(
        formdata=kept.draft("workspace.add_contact"), patient=g.launch.patient
    )
    contact_form.set_choices(language)
    reflection_form = forms.get("reflection_form") or ReflectionForm(
        formdata=kept.draft("workspace.add_reflection"), patient=g.launch.patient
    )
    if contact_form.contact_on.data is None and not contact_form.errors:
        contact_form.contact_on.data = today
    gaps = contact_gaps(loaded.contacts or (), today, current_app.extensions["srh_settings"].contact_gap_days)
    kinds = {kind: kind.label(language) for kind in ContactKind}
    return render(
        "relationship.html",
        None,
        patient=loaded.patient,
        trend=rating_trend(r for r in loaded.ratings if not r.by_professional),
        timeline=timeline(loaded.contacts or (), gaps, loaded.ratings, loaded.reflections, today, kinds, loaded.names),
        gaps=gaps,
        contacts_known=loaded.contacts is not None,
        professional_known=contact_records.professional(g.launch.fhir_user) is not None,
        form=form,
        contact_form=contact_form,
        reflection_form=reflection_form,
        items=texts.RATING_ITEMS,
        banner_patient=loaded.patient,
    )


@blueprint.post("/working-relationship")
def add_rating() -> Page:
    form = RatingForm()
    refused = frame.refuse_write(form, OBSERVATION)
    if refused:
        return refused
    if not form.validate_on_submit():
        return _again(form=form)
    professional = contact_records.professional(g.launch.fhir_user)
    if form.by_professional and professional is None:
        form.rater.errors = [_("Your own rating can only be saved when the app knows who you are (a practitioner).")]
        return _again(form=form)
    rated = (g.launch.fhir_user,) if g.launch.fhir_user else ()
    patient = reference_to("Patient", g.launch.patient)
    rating_ = builders.relationship_rating(
        patient, form.rating_input(), writes.now(), rated, professional=professional if form.by_professional else None
    )
    return _save(rating_, _("The rating was saved."), "workspace.add_rating", form=form)


@blueprint.post("/working-relationship/contact")
def add_contact() -> Page:
    form = ContactForm()
    form.set_choices(language_of(frame.language()))
    refused = frame.refuse_write(form, ENCOUNTER)
    if refused:
        return refused
    if not form.validate_on_submit():
        return _again(contact_form=form)
    assert form.contact_on.data is not None  # validated
    patient = reference_to("Patient", g.launch.patient)
    by = contact_records.professional(g.launch.fhir_user)
    moment = contact_records.contact_moment(patient, form.contact_on.data, form.kind, by)
    return _save(moment, _("The contact moment was saved."), "workspace.add_contact", contact_form=form)


@blueprint.post("/working-relationship/reflection")
def add_reflection() -> Page:
    form = ReflectionForm()
    refused = frame.refuse_write(form, OBSERVATION)
    if refused:
        return refused
    if not form.validate_on_submit():
        return _again(reflection_form=form)
    start, end = form.reflection_from.data, form.reflection_to.data
    assert start is not None and end is not None  # validated
    patient = reference_to("Patient", g.launch.patient)
    by = contact_records.professional(g.launch.fhir_user)
    made = contact_records.reflection(patient, start, end, form.reflection.data or "", writes.now(), by)
    return _save(made, _("The reflection was saved."), "workspace.add_reflection", reflection_form=form)


def _save(made: DomainObject, message: str, endpoint: str, **forms: Any) -> Page:
    failed = writes.save([made], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return _again(failed, **forms)
    return failed or writes.saved(message, "workspace.rating", endpoint)


def _again(failure: SaveFailure | None = None, **forms: Any) -> Page:
    """The page again with the form as posted (the page shows these records, not the workspace)."""
    (form,) = forms.values()
    return writes.again_loading(form, failure, load, partial(render_rating, **forms))
