"""The SRH SMART-on-FHIR app: clinicians launch it from their EHR (SMART App Launch 2.2).

``create_app()`` reads its settings from ``SRH_APP_*`` environment variables (see ``smart_app.config``); tests pass
``test_config``, a dict of Flask settings that may hold ``SRH_SETTINGS`` (an ``AppSettings``) instead. Run it with
``flask --app smart_app run`` in development or ``gunicorn 'smart_app:create_app()'`` in production (README).
"""

from __future__ import annotations

import logging
from typing import Any

try:
    from flask import Flask, request, session
    from flask_babel import Babel, get_locale, get_timezone
    from flask_babel import lazy_gettext as _l
    from werkzeug.middleware.proxy_fix import ProxyFix
except ModuleNotFoundError as missing:  # the library was installed without the app's extra
    raise ModuleNotFoundError(
        f"the SRH SMART app needs {missing.name}: pip install 'srh-fhir[app]'", name=missing.name
    ) from missing

from smart_app import ehr_http
from smart_app.config import AppSettings, settings_from_env
from smart_app.errors import ConfigError
from smart_app.id_token import JwksCache
from smart_app.launch import Discovery
from smart_app.security import install_log_redaction, install_security
from smart_app.sessions import ServerSideSessionInterface, Store, cookie_name, default_session_dir
from smart_app.workspace.dates import APP_TIME_ZONE, DateLike, long_date

__all__ = ["ConfigError", "create_app"]

LANGUAGES = ("nl", "en")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The Flask application (the app factory)."""
    app = Flask(__name__, instance_relative_config=False)
    config = dict(test_config or {})
    settings: AppSettings = config.pop("SRH_SETTINGS", None) or settings_from_env()
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_NAME=cookie_name(settings.secure_cookies),
        SESSION_COOKIE_PATH="/",  # a __Host- cookie must have Path=/ (and no Domain: SESSION_COOKIE_DOMAIN stays unset)
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        SESSION_COOKIE_SAMESITE="None" if settings.secure_cookies else "Lax",
        SESSION_COOKIE_PARTITIONED=settings.secure_cookies,
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session; a long consultation must not lose a form
        WTF_CSRF_SSL_STRICT=False,  # the Referer check needs same-origin referrers; we send no-referrer
        BABEL_DEFAULT_LOCALE="nl",
        BABEL_DEFAULT_TIMEZONE=APP_TIME_ZONE,
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.config.update(config)
    app.extensions["srh_settings"] = settings
    app.extensions["srh_store"] = _store(app, settings)
    http = ehr_http.install(app, settings.http_timeout)  # the one session for the app's calls to the EHR
    app.extensions["srh_discovery"] = Discovery(http)
    app.extensions["srh_jwks"] = JwksCache(http)
    app.session_interface = ServerSideSessionInterface(app.extensions["srh_store"], settings.session_seconds)
    if settings.trusted_proxies:
        n = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_prefix=n)  # type: ignore[method-assign]

    Babel(app, locale_selector=_locale)
    app.context_processor(_template_context)
    app.add_template_filter(_day, "day")
    install_security(app, settings.frame_ancestor_sources())
    install_log_redaction()
    logging.getLogger("smart_app").setLevel(logging.INFO)

    from smart_app.client_view import routes as client_view
    from smart_app.views import errors, launch
    from smart_app.workspace.pages import routes as workspace

    app.register_blueprint(launch.blueprint)
    workspace.register(app)  # the overview, network map, basic needs, plan, ... (smart_app.workspace.pages)
    client_view.register(app)  # the client's own view, for a patient launch (smart_app.client_view)
    errors.register(app)
    return app


def _store(app: Flask, settings: AppSettings) -> Store:
    if settings.redis_url:
        return Store.redis(settings.redis_url, settings.session_seconds)
    return Store.file_system(settings.session_dir or default_session_dir(app.instance_path), settings.session_seconds)


def _locale() -> str:
    """The language chosen in the app (``?lang=``, kept in the session), else the browser's, else Dutch."""
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        if session.get("lang") != chosen:
            session["lang"] = chosen
        return chosen
    kept = session.get("lang")
    if kept in LANGUAGES:
        return str(kept)
    return request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]


def _day(value: DateLike | None) -> str:
    """The ``day`` filter: a date (or date-time) in the page's language, e.g. "6 december 2026"."""
    return long_date(value, str(get_locale() or LANGUAGES[0]), get_timezone())


def _template_context() -> dict[str, Any]:
    return {
        "current_language": str(get_locale() or LANGUAGES[0]),
        "field_labels": {
            "given": _l("First name"),
            "family": _l("Last name"),
            "relationship": _l("Relationship (e.g. sister, neighbour)"),
            "sector": _l("Part of life"),
        },
    }
