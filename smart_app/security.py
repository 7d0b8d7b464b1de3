"""Security headers, CSRF protection and a log filter that keeps secrets out of the logs.

- CSP: only our own scripts, styles and images; ``frame-ancestors`` limits which EHR pages may frame the app
  (the allow-list from the configuration); forms post only to the app.
- ``Cache-Control: no-store`` on every page (client data must not linger in shared caches or the back button),
  ``Referrer-Policy: no-referrer`` (URLs never travel to other sites), ``X-Content-Type-Options: nosniff``.
- CSRF: Flask-WTF's ``CSRFProtect`` checks every POST, PUT, PATCH and DELETE (the session cookie is SameSite=None,
  so the browser alone would not stop a forged post).
- ``RedactingFilter`` replaces tokens, codes, ``state`` values, secrets and JWTs in every log record: its message,
  its traceback (the exception's text included) and its stack.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from flask import Flask, Response
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

REDACTED = "[redacted]"
_SECRET_PARAMETERS = (
    "code",
    "state",
    "launch",
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "client_assertion",
    "code_verifier",
    "csrf_token",
    "token",
)
_PATTERNS = (
    # name=value in URLs, form bodies and log text
    re.compile(r"(?P<name>(?<![A-Za-z_])(?:" + "|".join(_SECRET_PARAMETERS) + r"))=(?P<value>[^&\s\"']+)"),
    # "name": "value" in JSON, 'name': 'value' in a Python repr
    re.compile(r"(?P<name>[\"'](?:" + "|".join(_SECRET_PARAMETERS) + r")[\"'])\s*:\s*(?P<value>[\"'][^\"']*[\"'])"),
    # Authorization headers
    re.compile(r"(?P<name>Bearer|Basic)\s+(?P<value>[A-Za-z0-9\-._~+/]{8,}=*)"),
)
_JWT = re.compile(r"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*")
_LAUNCH_PATH = re.compile(r"/l/[A-Za-z0-9_\-]+")


def redact(text: str) -> str:
    """``text`` with every secret value replaced."""
    text = _JWT.sub(REDACTED, text)
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: f"{m.group('name')}={REDACTED}" if "=" in m.group(0) else _joined(m), text)
    return _LAUNCH_PATH.sub("/l/" + REDACTED, text)


def _joined(match: re.Match[str]) -> str:
    separator = ": " if match.group(0)[0] in "\"'" else " "
    return f"{match.group('name')}{separator}{REDACTED}"


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (with its arguments filled in), its traceback (with the exception's text) and
    its stack through ``redact``. The traceback is formatted here, once, and the exception itself dropped from the
    record, so no handler formats it again from the unredacted original."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


_installed = False


def install_log_redaction() -> None:
    """Redact every log record of the process when it is created, whichever logger or handler it goes to."""
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()
    redacting = RedactingFilter()

    def redacted_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        redacting.filter(record)
        return record

    logging.setLogRecordFactory(redacted_record)
    _installed = True


def content_security_policy(frame_ancestors: Iterable[str]) -> str:
    ancestors = " ".join(["'self'", *frame_ancestors])
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "object-src 'none'",
            f"frame-ancestors {ancestors}",
        ]
    )


def install_security(app: Flask, frame_ancestors: Iterable[str]) -> None:
    """CSRF on every write and the headers above on every response."""
    csrf.init_app(app)
    policy = content_security_policy(frame_ancestors)

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = policy
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "no-store"
        response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
        return response
