"""Launch (EHR and standalone), the redirect URI (callback) and the app's public keys."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from smart_app.config import AppSettings
from smart_app.launch import Discovery, begin, complete
from smart_app.sessions import bound_to, end_session, session_binding, signed_in, store_for
from smart_app.views.errors import problem_page

blueprint = Blueprint("launch", __name__)


def settings() -> AppSettings:
    configured: AppSettings = current_app.extensions["srh_settings"]
    return configured


def redirect_uri() -> str:
    """The registered redirect URI: ``<public url>/callback``, else from this request's host."""
    public_url = settings().public_url
    if public_url:
        return f"{public_url}/callback"
    return url_for("launch.callback", _external=True)


@blueprint.get("/")
def index() -> str:
    return render_template("index.html", standalone=settings().default_issuer is not None)


@blueprint.get("/launch")
def start() -> Response:
    """SMART launch: ``iss`` and ``launch`` from the EHR, or ``iss`` alone (standalone; default issuer if none)."""
    return _begin(for_client=False)


@blueprint.get("/portal/launch")
def start_for_client() -> Response:
    """The launch URL of a patient portal: as ``/launch``, asking the scopes of the client's own view."""
    return _begin(for_client=True)


def _begin(for_client: bool) -> Response:
    discovery: Discovery = current_app.extensions["srh_discovery"]
    session_id = session_binding(session)
    url = begin(
        settings(),
        store_for(current_app),
        discovery,
        session_id,
        iss=request.args.get("iss"),
        launch=request.args.get("launch"),
        redirect_uri=redirect_uri(),
        for_client=for_client,
    )
    return redirect(url, 302)


@blueprint.get("/callback")
def callback() -> Response:
    """The redirect URI: checks ``state``, exchanges the code and opens the launch's workspace at its overview, or
    the client's own view when the client signed in (``smart_app.audience``)."""
    session_id = bound_to(session)  # "" when no cookie came back: the state cannot be ours
    launch = complete(settings(), store_for(current_app), current_app.extensions["srh_jwks"], session_id, request.args)
    signed_in(session, launch.key)
    start_page = "client.home" if launch.for_client else "workspace.overview"
    return redirect(url_for(start_page, launch_key=launch.key), 303)


@blueprint.post("/logout")
def logout() -> Response:
    """Sign out (the button in the app's frame; CSRF-checked as every post): the session ends and its launches'
    tokens are deleted from the store, so the launch's pages answer "launch again" from now on."""
    end_session(session, store_for(current_app))
    return redirect(url_for("launch.signed_out"), 303)


@blueprint.get("/signed-out")
def signed_out() -> tuple[str, int]:
    return problem_page("signed_out", 200)


@blueprint.get("/.well-known/jwks.json")
def jwks() -> dict[str, Any]:
    """The public keys of a confidential-asymmetric client (empty for other client types)."""
    return {"keys": [key.public_jwk() for key in settings().signing_keys]}
