"""Error pages: every failure becomes a page that says what happened and what to do, never a stack trace.

Text that came from a server (an OAuth ``error_description``) is shown escaped, as a detail, never as markup.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from smart_app.errors import LaunchError, StoreUnavailable
from smart_app.views.messages import PROBLEMS

log = logging.getLogger(__name__)


def problem_page(reason: str, status: int, detail: str | None = None, **context: Any) -> tuple[str, int]:
    problem = PROBLEMS.get(reason, PROBLEMS["bad_request"])
    page = render_template("problem.html", problem=problem, reason=reason, detail=detail, **context)
    return page, status


def register(app: Flask) -> None:
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

    @app.errorhandler(404)
    def not_found(error: HTTPException) -> tuple[str, int]:
        return problem_page("not_found", 404)

    @app.errorhandler(400)
    def bad_request(error: HTTPException) -> tuple[str, int]:
        return problem_page("bad_request", 400)
