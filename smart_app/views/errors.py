"""Error pages: every failure becomes a page that says what happened and what to do, never a stack trace or the
framework's bare error page, and carries the request's reference (``request_id``, also sent as ``X-Request-ID`` and
logged), so support can find it in the log.

Text that came from a server (an OAuth ``error_description``) is shown escaped, as a detail, never as markup.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from flask import Flask, Response, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from smart_app.errors import LaunchError, StoreUnavailable
from smart_app.views.messages import PROBLEMS

log = logging.getLogger(__name__)


def problem_page(reason: str, status: int, detail: str | None = None, **context: Any) -> tuple[str, int]:
    problem = PROBLEMS.get(reason, PROBLEMS["bad_request"])
    page = render_template("problem.html", problem=problem, reason=reason, detail=detail, **context)
    return page, status


# What the framework answers itself (a wrong method, too large a form, ...) as the app's reasons.
HTTP_REASONS = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 413: "too_large"}


def request_id() -> str:
    """The reference of the request being answered (made on first use)."""
    if "request_id" not in g:
        g.request_id = secrets.token_hex(8)
    return str(g.request_id)


def dot_segment(path: str) -> bool:
    """Whether a path as sent has a ``.`` or ``..`` segment (also percent-encoded), which no page of the app has."""
    segments = path.split("?", 1)[0].replace("%2e", ".").replace("%2E", ".").split("/")
    return any(segment in (".", "..") for segment in segments)


def register(app: Flask) -> None:
    app.jinja_env.globals["request_id"] = request_id

    @app.before_request
    def refuse_dot_segments() -> tuple[str, int] | None:
        sent = request.environ.get("RAW_URI") or request.environ.get("REQUEST_URI") or request.path
        if dot_segment(str(sent)):
            log.warning("refused a path with a dot segment")
            return problem_page("bad_request", 400)
        return None

    @app.after_request
    def tell_request_id(response: Response) -> Response:
        response.headers["X-Request-ID"] = request_id()
        return response

    @app.errorhandler(LaunchError)
    def launch_failed(error: LaunchError) -> tuple[str, int]:
        log.warning("launch stopped: %s", error.reason)
        shown = error.detail if error.reason in ("authorization_denied", "authorization_error") else None
        return problem_page(error.reason, error.status, shown)

    @app.errorhandler(CSRFError)
    def csrf_failed(error: CSRFError) -> tuple[str, int]:
        log.warning("refused a write without a valid CSRF token")
        return problem_page("csrf", 400)

    @app.errorhandler(StoreUnavailable)
    def store_failed(error: StoreUnavailable) -> tuple[str, int]:
        log.error("session store unavailable: %s", error)
        return problem_page("store_unavailable", 503)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        status = error.code or 500
        if status >= 500:
            log.error("request %s failed: HTTP %s", request_id(), status)
        return problem_page(HTTP_REASONS.get(status, "internal" if status >= 500 else "bad_request"), status)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> tuple[str, int]:
        # the type only: an exception's text may hold client data or a token (the log redaction is a second line)
        log.error("request %s failed: %s", request_id(), type(error).__name__)
        return problem_page("internal", 500)
