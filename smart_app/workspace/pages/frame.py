"""What every page of the clinician's workspace shares: the blueprint, the launch patient's repository and the
client's picture (one FHIR round trip, two at most), the page frame (banner, read-only notice, navigation, EHR
style, the undo offer) and how a failed write is told. The writes themselves are in ``writes``; what is kept between
requests in ``kept``; the posted form in ``posted``.

The launch itself is loaded by ``current_launch`` (``load_launch``), so these pages are confined to the launch's
patient and browser session.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import Blueprint, Response, g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from smart_app.views import current_launch
from smart_app.views.errors import problem_page
from smart_app.workspace import texts
from smart_app.workspace.context import Labels, Workspace
from smart_app.workspace.ehr_style import fetch_css
from smart_app.workspace.error_summary import summary_of
from smart_app.workspace.forms import UndoForm
from smart_app.workspace.pages import kept
from smart_app.workspace.pages.posted import hidden_fields, shown_input, submitted
from smart_app.workspace.people import PersonKind, language_of
from srh_fhir.client_repository import ClientRepository
from srh_fhir.errors import (
    AuthError,
    CapabilityMissing,
    FHIRConnectionError,
    FHIRHTTPError,
    FHIRProtocolError,
    TokenExpired,
)
from srh_fhir.model import PatientDetails
from srh_fhir.repository import DomainPicture

log = logging.getLogger(__name__)
Page = current_launch.Page
T = TypeVar("T")

NAVIGATION = (
    ("workspace.overview", _l("Overview")),
    ("workspace.understanding", _l("Understanding")),
    ("workspace.network", _l("Network")),
    ("workspace.needs", _l("Basic needs")),
    ("workspace.plan", _l("Plan")),
    ("workspace.meetings", _l("Network meeting")),
    ("workspace.social", _l("Social system")),
    ("workspace.rating", _l("Working relationship")),
    ("workspace.outcomes", _l("Outcomes")),
    ("workspace.changes", _l("Changes")),
    ("workspace.print_copy", _l("Client copy")),
)


# Every workspace page and the changes it posts, under ``/l/<launch_key>``.
blueprint = Blueprint("workspace", __name__, url_prefix="/l/<launch_key>")
blueprint.url_value_preprocessor(current_launch.load_launch)
blueprint.url_defaults(current_launch.add_launch_key)


@dataclass(frozen=True)
class Banner:
    """The patient banner, shown only when the EHR asks for it (``need_patient_banner``): the client by name and
    birth date, and who is signed in by name (never the patient's id, the user's reference or the app's client id)."""

    name: str
    birth_date: str | None
    gender: str | None
    user: str | None = None


def banner_of(patient: PatientDetails, user: str | None = None) -> Banner:
    return Banner(name=patient.display_name, birth_date=patient.birth_date, gender=patient.gender, user=user)


def today() -> datetime.date:
    return datetime.date.today()


def language() -> str:
    return language_of(current_launch.language())


def labels() -> Labels:
    return Labels(
        no_sector=str(texts.NO_SECTOR),
        suggestions={need: str(text) for need, text in texts.SUGGESTION.items()},
        statuses={code: str(text) for code, text in texts.STATUS.items()},
        unknown_person=str(texts.UNKNOWN_PERSON),
        unknown_professional=str(texts.UNKNOWN_PROFESSIONAL),
    )


def can_write(*resource_types: str) -> bool:
    """Whether the launch may write ``resource_types``; a clinician's launch that may not change network members
    writes nothing (read-only), a client's launch writes what its scopes allow (the client view offers no more)."""
    permissions = g.permissions
    if permissions.read_only and not g.launch.for_client:
        return False
    return all(permissions.can_create(t) or permissions.can_update(t) for t in resource_types)


def workspace_of(picture: DomainPicture) -> Workspace:
    launch = g.launch
    changes_known = g.permissions.can_read("Provenance")
    return Workspace(
        picture, today(), language_of(language()), labels(), launch.fhir_user, launch.user_name, changes_known
    )


def _run(action: Callable[[ClientRepository], T]) -> T:
    """``action`` with the launch patient's repository, counting the FHIR round trips; failures are raised."""
    with current_launch.client_repository() as repository:
        try:
            return action(repository)
        finally:
            g.fhir_round_trips = getattr(g, "fhir_round_trips", 0) + repository.round_trips


def with_repository(
    action: Callable[[ClientRepository], T], unsaved: Mapping[str, Any] | None = None
) -> T | tuple[str, int]:
    """Run ``action`` with the launch patient's repository; failures become the app's pages (relaunch keeps
    ``unsaved``)."""
    try:
        return _run(action)
    except TokenExpired:
        if unsaved:
            kept.keep_draft(request.endpoint or "", unsaved)
        return problem_page("relaunch", 401, unsaved=shown_input(unsaved))
    except FHIRHTTPError as error:
        return current_launch.fhir_problem(error)
    except (AuthError, FHIRConnectionError) as error:
        return current_launch.auth_problem(error)
    except FHIRProtocolError:
        log.warning("the FHIR server answered with something that is not FHIR")
        return problem_page("fhir_unreadable", 502, unsaved=shown_input(unsaved) if unsaved else None)


# Bad gateway, unavailable, gateway timeout: what a proxy in front of the FHIR server says when it cannot reach it.
GATEWAY_FAILURES = (502, 503, 504)


@dataclass(frozen=True)
class SaveFailure:
    """Why a change could not be saved, said to the user above the form they filled in."""

    reason: str  # unreachable, refused, expired
    status: int
    message: str


def attempt(action: Callable[[ClientRepository], T], unsaved: Mapping[str, Any]) -> T | SaveFailure:
    """Run ``action`` with the launch patient's repository; a failure is returned, for the form to show it with the
    user's input (kept as a draft for the next launch when the session ended)."""
    try:
        return _run(action)
    except (TokenExpired, AuthError):
        kept.keep_draft(request.endpoint or "", unsaved)
        return SaveFailure("expired", 401, str(texts.FAILURE["expired"]))
    except CapabilityMissing as error:
        log.warning("the FHIR server lacks %s: %s", error.capability, error)
        return SaveFailure("unsupported", 502, str(texts.FAILURE["unsupported"]) % {"capability": error.capability})
    except FHIRHTTPError as error:
        if error.status in GATEWAY_FAILURES:
            log.warning("a gateway answered for the FHIR server: HTTP %s", error.status)
            return SaveFailure("unreachable", 503, str(texts.FAILURE["unreachable"]))
        log.warning("the FHIR server refused a change: HTTP %s", error.status)
        return SaveFailure("refused", 502, str(texts.FAILURE["refused"]) % {"status": error.status})
    except FHIRConnectionError as error:
        log.warning("the FHIR server could not be reached: %s", error)
        return SaveFailure("unreachable", 503, str(texts.FAILURE["unreachable"]))
    except FHIRProtocolError:
        log.warning("the FHIR server answered a change with something that is not FHIR")
        return SaveFailure("unreadable", 502, str(texts.FAILURE["unreadable"]))


def show_errors(form: FlaskForm, failure: SaveFailure | None = None) -> None:
    """Mark ``form`` as the one the page shows again, with its errors and the failure in the error summary."""
    g.failed_form = form
    g.save_failure = failure


def form_again(failure: SaveFailure) -> tuple[str, int]:
    """What was typed, shown and ready to post again, when even the page around the form cannot be loaded."""
    values = submitted()
    g.save_failure = failure
    return render(
        "form_again.html",
        None,
        failure.status,
        entered=shown_input(values),
        action=request.path,
        hidden=list(hidden_fields(values, {})),
    )


def workspace_of_repository(
    repository: ClientRepository, needs: bool = False, understanding: bool = False
) -> Workspace:
    """The picture with the names of the professionals it points at, when the token may read them; ``needs`` also
    loads the gradings of the basic needs, ``understanding`` the understanding entries (Verstaan)."""
    permissions = g.permissions
    return workspace_of(
        repository.picture(
            professionals=permissions.reads_professionals,
            changes=permissions.can_read("Provenance"),
            needs=needs,
            understanding=understanding,
        )
    )


def workspace_with_needs(repository: ClientRepository) -> Workspace:
    return workspace_of_repository(repository, needs=True)


def workspace_with_understanding(repository: ClientRepository) -> Workspace:
    """The workspace with the client's understanding entries (Verstaan), which the plan's goals can answer."""
    return workspace_of_repository(repository, understanding=True)


Loader = Callable[[ClientRepository], Workspace]


def load_workspace(load: Loader | None = None) -> Workspace | tuple[str, int]:
    """The launch patient's picture as a workspace (one FHIR round trip; two when the server needs a batch), or as
    ``load`` makes it (with the gradings of the basic needs, or the understanding entries)."""
    # A form being posted is kept when the launch has ended, for the next launch.
    return with_repository(load or workspace_of_repository, unsaved=submitted() if request.method == "POST" else None)


def frame_context(workspace: Workspace | None, **context: Any) -> dict[str, Any]:
    """What the page frame needs: banner (only when the EHR asks), read-only flag, navigation, EHR style, and the
    error summary of a form shown again."""
    launch = g.launch
    patient = workspace.picture.patient_details if workspace else context.pop("banner_patient", None)
    user = workspace.directory.user if workspace else launch.user_name
    failed = g.get("failed_form")
    failure = g.get("save_failure")
    return {
        "summary": summary_of([failed] if failed else [], failure.message if failure else None),
        "launch": launch,
        "banner": banner_of(patient, user) if launch.need_patient_banner and patient else None,
        "read_only": g.permissions.read_only,
        "smart_style_url": launch.smart_style_url,
        "ws": workspace,
        "texts": texts,
        "kinds": PersonKind,
        **context,
    }


def render(template: str, workspace: Workspace | None, status: int = 200, **context: Any) -> tuple[str, int]:
    """``template`` of the workspace (``templates/workspace/``), or of the client view (``templates/client/``) for a
    client's launch: the writes shared by both (``writes``) show their pages in the frame of whoever posted."""
    folder = "client" if g.launch.for_client else "workspace"
    return render_template(f"{folder}/{template}", **frame_context(workspace, **context)), status


def refuse_write(form: FlaskForm, *resource_types: str) -> tuple[str, int] | None:
    """The page for a write that must not happen: another patient's form, or a read-only launch."""
    if getattr(form, "patient", None) is None or form.patient.data != g.launch.patient:
        log.warning("refused a form for another patient than the launch's")
        return problem_page("patient_mismatch", 400)
    if not can_write(*resource_types):
        return problem_page("read_only", 403)
    return None


@blueprint.get("/ehr-style.css")
def ehr_style() -> Response:
    """The EHR's style (``smart_style_url``) as CSS custom properties; empty when the EHR gave none."""
    launch = g.launch
    css = ""
    if launch.smart_style_url:
        css = fetch_css(launch.smart_style_url, launch.server.issuer, timeout=5.0)
    return Response(css, mimetype="text/css")


@blueprint.app_context_processor
def undo_context() -> dict[str, Any]:
    """The change every workspace page offers to undo, if any (``templates/workspace/_undo.html``)."""
    if request.blueprint != blueprint.name or getattr(g, "launch", None) is None:
        return {}
    return {"undo_offer": kept.undo_offer(), "undo_form": UndoForm(formdata=None, patient=g.launch.patient)}
