"""The app's one HTTP session for what it asks the EHR outside the FHIR client: discovery, JWKS, tokens, style sheet.

Made once per app by ``srh_fhir.http.build_session``, so it is pooled and has the library's policies:
every request times out after ``SRH_APP_HTTP_TIMEOUT`` seconds unless its caller chose another, and
429/502/503/504 answers to GETs are retried with back-off honouring ``Retry-After`` (a token request, a POST, is
sent once). The session serves every user, so it keeps no cookies. Each launch's FHIR client has a session of its
own (``srh_fhir.client.FHIRClient``).
"""

from __future__ import annotations

from http.cookiejar import DefaultCookiePolicy

import requests
from flask import Flask, current_app

from srh_fhir.http import build_session, retry_policy

EXTENSION_KEY = "srh_http"


def ehr_session(timeout: float) -> requests.Session:
    """A session for the EHR's servers with ``timeout`` seconds per request and the library's retry policy."""
    session = build_session(retry_policy(), timeout=timeout)
    session.cookies.set_policy(DefaultCookiePolicy(allowed_domains=[]))  # shared by every user: no cookies
    return session


def install(app: Flask, timeout: float) -> requests.Session:
    """Give ``app`` its session (``current()`` while it handles a request)."""
    session = ehr_session(timeout)
    app.extensions[EXTENSION_KEY] = session
    return session


def current() -> requests.Session:
    """The current app's session for the EHR's servers."""
    session: requests.Session = current_app.extensions[EXTENSION_KEY]
    return session
