"""The client's landing page: their network map and, per person, whether they may take part, with the form that
gives or withdraws that consent. A withdrawal is a new Consent (deny) from today; the earlier ones stay as history.

The view model is ``picture.members`` (pure); the routes render ``templates/client/network.html``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from flask import g, request
from flask_babel import gettext as _

from smart_app.client_view import picture
from smart_app.client_view.forms import ClientConsentForm
from smart_app.client_view.frame import blueprint
from smart_app.views.errors import problem_page
from smart_app.workspace import builders
from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, render

log = logging.getLogger(__name__)


DRAFT_ENDPOINT = "client.record_consent"


def consent_prefix(member_id: str) -> str:
    return f"consent-{member_id}"


@blueprint.get("/")
def home() -> Page:
    ws = frame.load_workspace()
    return render_home(ws) if isinstance(ws, Workspace) else ws


def render_home(ws: Workspace, posted: ClientConsentForm | None = None, posted_for: str = "") -> tuple[str, int]:
    """The page, with one consent form per member (``posted``: the form of ``posted_for`` as posted; a draft, the
    answer about one member that a launch ended before it was saved, fills that member's form)."""
    members = picture.members(ws)
    draft = kept.draft(DRAFT_ENDPOINT)
    forms = {
        member.member_id: posted
        if posted is not None and member.member_id == posted_for
        else ClientConsentForm(
            formdata=draft if _about(draft, member.member_id) else None,
            prefix=consent_prefix(member.member_id),
            patient=g.launch.patient,
        )
        for member in members
    }
    return render("network.html", ws, map=ws.network_map, members=members, forms=forms)


def _about(draft: Mapping[str, Any] | None, member_id: str) -> bool:
    return draft is not None and any(name.startswith(consent_prefix(member_id) + "-") for name in draft)


@blueprint.post("/people/<member_id>/consent")
def record_consent(member_id: str) -> Page:
    posted = writes.posted_form(
        lambda ws: ClientConsentForm(formdata=request.form, prefix=consent_prefix(member_id)), "Consent"
    )
    if not isinstance(posted, writes.Posted):
        return posted
    ws, form = posted.ws, posted.form
    member = ws.member(member_id)
    if member is None or not member.active:
        log.warning("refused a consent about someone outside the client's network")
        return problem_page("patient_mismatch", 400)
    again = partial(render_home, posted=form, posted_for=member_id)
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    consent = builders.involvement_consent(
        ws.patient_reference, member.reference, form.permits, form.action_codes(), ws.day
    )
    failed = writes.finish(writes.save([consent], lambda error: problem_page("conflict", 409)), form, again, ws)
    message = (
        _("You said %(name)s may take part.", name=member.display_name)
        if form.permits
        else _("You said %(name)s may no longer take part.", name=member.display_name)
    )
    return failed or writes.saved(message, "client.home", DRAFT_ENDPOINT, _anchor=f"member-{member_id}")
