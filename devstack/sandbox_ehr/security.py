"""The Content-Security-Policy of the sandbox's own pages (launcher, EHR page, login and consent, errors).

The pages load only the sandbox's stylesheet and run no script. The EHR page frames the registered apps, so their
launch URLs' origins may be framed, and the sandbox itself: the app in that frame sends it to the sandbox's
authorization page (its login and consent page then shows inside the EHR page's frame, so the sandbox may frame its
own pages, and no one else may). The consent form's answer redirects to an app's redirect URI, so those origins are
allowed form targets too (browsers check ``form-action`` on the redirect after a submit). FHIR and OAuth JSON answers
carry no policy (they are not documents).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response

from devstack.sandbox_ehr.config import SandboxConfig
from devstack.sandbox_ehr.runtime import current_sandbox


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def _origins(urls: list[str]) -> str:
    return " ".join(sorted({o for o in map(_origin, urls) if o}))


def content_security_policy(config: SandboxConfig) -> str:
    apps = _origins([url for c in config.clients for url in (c.launch_url, c.portal_launch_url)])
    redirects = _origins([uri for c in config.clients for uri in c.redirect_uris])
    return "; ".join(
        [
            "default-src 'none'",
            "style-src 'self'",
            "img-src 'self'",
            f"frame-src 'self' {apps}".strip(),
            f"form-action 'self' {redirects}".strip(),
            "frame-ancestors 'self'",
            "base-uri 'none'",
        ]
    )


def register(app: Flask) -> None:
    @app.after_request
    def add_policy(response: Response) -> Response:
        if response.mimetype == "text/html":
            response.headers["Content-Security-Policy"] = content_security_policy(current_sandbox().config)
            response.headers["X-Content-Type-Options"] = "nosniff"
        return response
