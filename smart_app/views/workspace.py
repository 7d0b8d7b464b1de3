"""The workspace of one launch, under ``/l/<launch-key>/``: the client's network and a form to add to it.

Every request loads the launch named in the URL and checks it belongs to this browser session; every FHIR call
goes through ``client_repository()``: the library's repository of the launch's patient, which speaks domain objects
and is confined to that patient. A form that names another patient, or a member of another patient, is refused
before anything is sent. Without a write scope the app is read-only: it says so, shows no forms and refuses writes
without sending them.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Blueprint, current_app, flash, g, redirect, render_template, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from smart_app.config import AppSettings
from smart_app.errors import LaunchError
from smart_app.records import Launch
from smart_app.scopes import Permissions
from smart_app.sessions import ServerSession, fingerprint, store_for
from smart_app.tokens import LaunchTokens
from smart_app.views.errors import problem_page
from smart_app.views.forms import EndTieForm, MemberForm
from smart_app.views.people import banner_of, member_rows
from smart_app.workspace.builders import ended_member
from srh_fhir.client import FHIRClient
from srh_fhir.client_repository import ClientRepository, their_object, their_version
from srh_fhir.datatypes import CodeableConcept, HumanName
from srh_fhir.errors import (
    AuthError,
    FHIRConnectionError,
    FHIRHTTPError,
    InvalidResource,
    ResourceNotFound,
    ServerError,
    TokenExpired,
    VersionConflict,
)
from srh_fhir.model import NetworkMember, reference_to
from srh_fhir.terminology import NetworkSector

blueprint = Blueprint("workspace", __name__, url_prefix="/l/<launch_key>")
log = logging.getLogger(__name__)
Page = str | tuple[str, int] | Response


@blueprint.url_value_preprocessor
def load_launch(endpoint: str | None, values: dict[str, Any] | None) -> None:
    key = (values or {}).pop("launch_key", "")
    record = store_for(current_app).get("launch", key) if key else None
    if record is None:
        raise LaunchError("launch_unknown", 404)
    launch = Launch.from_dict(record)
    assert isinstance(session, ServerSession)
    if session.new or fingerprint(session.sid) != launch.session_hash:
        raise LaunchError("launch_other_session", 403)
    g.launch = launch
    g.permissions = Permissions(launch.scope)


@blueprint.url_defaults
def add_launch_key(endpoint: str, values: dict[str, Any]) -> None:
    if "launch_key" not in values and "launch" in g:
        values["launch_key"] = g.launch.key


def settings() -> AppSettings:
    configured: AppSettings = current_app.extensions["srh_settings"]
    return configured


@contextmanager
def client_repository() -> Iterator[ClientRepository]:
    """The repository of the launch's patient on the launch's server, with the launch's (refreshing) token."""
    tokens = LaunchTokens(settings(), store_for(current_app), g.launch)
    with FHIRClient(g.launch.server.issuer, auth=tokens, timeout=settings().http_timeout) as client:
        yield ClientRepository(client, g.launch.patient)


def language() -> str:
    return str(get_locale() or "nl")


@blueprint.get("/")
def home() -> Page:
    form = MemberForm(patient=g.launch.patient, **_draft())
    form.set_sector_choices(language())
    return _workspace(form)


def _workspace(form: MemberForm, status: int = 200) -> Page:
    launch: Launch = g.launch
    try:
        with client_repository() as repository:
            picture = repository.picture()
    except TokenExpired:
        return _relaunch()
    except FHIRHTTPError as error:
        return _fhir_problem(error)
    except (AuthError, FHIRConnectionError) as error:
        return _auth_problem(error)
    page = render_template(
        "workspace.html",
        launch=launch,
        banner=banner_of(picture.patient_details) if launch.need_patient_banner else None,
        members=member_rows(picture.members, picture.versions, language()),
        read_only=g.permissions.read_only,
        form=form,
        end_form=EndTieForm(patient=launch.patient),
    )
    return page, status


@blueprint.post("/members")
def add_member() -> Page:
    form = MemberForm()
    form.set_sector_choices(language())
    if form.patient.data != g.launch.patient:
        log.warning("refused a form for another patient than the launch's")
        return problem_page("patient_mismatch", 400)
    if g.permissions.read_only or not g.permissions.can_create("RelatedPerson"):
        return problem_page("read_only", 403)
    if not form.validate_on_submit():
        return _workspace(form, 422)
    member = NetworkMember(
        patient=reference_to("Patient", g.launch.patient),
        sector=NetworkSector(form.sector.data),
        names=(HumanName(given=(form.given.data.strip(),), family=(form.family.data or "").strip() or None),),
        relationships=(CodeableConcept(text=form.relationship.data.strip()),),
    )
    try:
        with client_repository() as repository:
            repository.create(member)
    except TokenExpired:
        return _relaunch(unsaved=_unsaved(form))
    except FHIRHTTPError as error:
        return _fhir_problem(error)
    except (AuthError, FHIRConnectionError) as error:
        return _auth_problem(error)
    _forget_draft()
    flash(_("%(name)s was added to the network.", name=form.given.data.strip()))
    return redirect(url_for("workspace.home"), 303)


@blueprint.post("/members/<member_id>/end")
def end_tie(member_id: str) -> Page:
    form = EndTieForm()
    if form.patient.data != g.launch.patient:
        return problem_page("patient_mismatch", 400)
    if g.permissions.read_only or not g.permissions.can_update("RelatedPerson"):
        return problem_page("read_only", 403)
    if not form.validate_on_submit():
        return problem_page("bad_request", 400)
    try:
        with client_repository() as repository:
            member = repository.member(member_id)
            if member is None:
                log.warning("refused to change a network member of another patient")
                return problem_page("patient_mismatch", 400)
            repository.update(ended_member(member, datetime.date.today()), version=form.version.data)
    except VersionConflict as error:
        return _conflict(error)
    except TokenExpired:
        return _relaunch()
    except FHIRHTTPError as error:
        return _fhir_problem(error)
    except (AuthError, FHIRConnectionError) as error:
        return _auth_problem(error)
    flash(_("The tie was marked as ended."))
    return redirect(url_for("workspace.home"), 303)


# -- failures ----------------------------------------------------------------------------------------------------


def _relaunch(unsaved: dict[str, str] | None = None) -> tuple[str, int]:
    """The "launch again from your EHR" page; unsaved input is shown and kept for the next launch."""
    if unsaved:
        drafts = dict(session.get("drafts", {}))
        drafts[fingerprint(g.launch.patient)] = unsaved
        session["drafts"] = drafts
    return problem_page("relaunch", 401, unsaved=unsaved)


def _unsaved(form: MemberForm) -> dict[str, str]:
    return {name: str(form[name].data or "") for name in ("given", "family", "relationship", "sector")}


def _draft() -> dict[str, str]:
    return dict(session.get("drafts", {}).get(fingerprint(g.launch.patient), {}))


def _forget_draft() -> None:
    drafts = dict(session.get("drafts", {}))
    if drafts.pop(fingerprint(g.launch.patient), None) is not None:
        session["drafts"] = drafts


def _conflict(error: VersionConflict) -> tuple[str, int]:
    theirs = their_object(error)
    rows = []
    if isinstance(theirs, NetworkMember) and theirs.id:
        rows = member_rows([theirs], {theirs.reference: their_version(error) or ""}, language())
    return problem_page("conflict", 409, theirs=rows)


def _fhir_problem(error: FHIRHTTPError) -> tuple[str, int]:
    log.warning("the FHIR server answered HTTP %s", error.status)
    if isinstance(error, ResourceNotFound):
        return problem_page("not_found", 404)
    if isinstance(error, InvalidResource):
        return problem_page("fhir_refused", 422)
    if isinstance(error, ServerError):
        return problem_page("fhir_unavailable", 502)
    return problem_page("forbidden" if error.status == 403 else "fhir_refused", 403 if error.status == 403 else 502)


def _auth_problem(error: AuthError | FHIRConnectionError) -> tuple[str, int]:
    if isinstance(error, AuthError) and error.status == 403:
        return problem_page("forbidden", 403)
    log.warning("FHIR request failed: %s", type(error).__name__)
    return problem_page("fhir_unavailable", 502)
