"""The app's configuration, read from environment variables (``SRH_APP_*``); see the README for the full table.

Required: ``SRH_APP_SECRET_KEY``, ``SRH_APP_CLIENT_ID`` and ``SRH_APP_ALLOWED_ISSUERS``; a confidential client also
needs its secret or its private key(s). Everything else has a safe default. A missing or malformed value stops the app
at start-up with a ``ConfigError`` naming the variable, never at the first launch.

=================================  ===========================================================================
variable                           meaning (default)
=================================  ===========================================================================
SRH_APP_SECRET_KEY                 signs the session cookie; at least 32 characters (required)
SRH_APP_CLIENT_ID                  the client_id the EHR registered for the app (required)
SRH_APP_CLIENT_TYPE                public | confidential-symmetric | confidential-asymmetric (public)
SRH_APP_CLIENT_SECRET              the shared secret of a confidential-symmetric client (HTTP Basic)
SRH_APP_PRIVATE_KEYS               confidential-asymmetric: comma-separated files, each a private key as PEM or
                                   JWK JSON; give an RSA key (RS384) and an EC P-384 key (ES384)
SRH_APP_KEY_IDS                    the ``kid`` of each key, comma-separated in the same order (the JWK's own
                                   ``kid``, else its RFC 7638 thumbprint)
SRH_APP_ALLOWED_ISSUERS            FHIR base URLs (``iss``) the app may launch from, comma-separated (required)
SRH_APP_DEFAULT_ISSUER             the issuer of a standalone launch opened without ``iss`` (none)
SRH_APP_ACCESS                     online | offline | none: asks for online_access, offline_access or no
                                   refresh token (online)
SRH_APP_PUBLIC_URL                 the app's external base URL, e.g. https://srh.example.org; the redirect URI
                                   is ``<public url>/callback`` (taken from the request when unset)
SRH_APP_SESSION_DIR                folder of the file-system session store (``<instance folder>/sessions``)
SRH_APP_REDIS_URL                  redis://host:port/db: keep sessions in Redis instead, shared by every app
                                   instance (none)
SRH_APP_FRAME_ANCESTORS            origins allowed to show the app in a frame, space-separated (the origins of
                                   the allowed issuers)
SRH_APP_SECURE_COOKIES             1 | 0: mark the session cookie Secure (1; browsers need it for SameSite=None)
SRH_APP_SESSION_HOURS              how long a launch stays usable without a new launch (8)
SRH_APP_HTTP_TIMEOUT               seconds to wait for the EHR's servers (15)
SRH_APP_TRUSTED_PROXIES            how many reverse proxies set X-Forwarded-* headers in front of the app (0)
SRH_APP_CONTACT_GAP_DAYS           the fewest days without contact that count as a gap in contact (28); a client
                                   seen often gets twice their usual interval, up to twice this
SRH_APP_INSTRUMENTS                the outcome instruments the team records, comma-separated codes: djg-6,
                                   djg-11, ucla-3, who-5 (all four); scores of others already recorded still show
=================================  ===========================================================================
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from smart_app.errors import ConfigError
from srh_fhir.contact import DEFAULT_GAP_FLOOR_DAYS
from srh_fhir.errors import AuthError
from srh_fhir.smart import SIGNING_ALGORITHMS, PrivateKey, load_private_key
from srh_fhir.terminology import Instrument

CLIENT_TYPES = ("public", "confidential-symmetric", "confidential-asymmetric")
ACCESS_MODES = ("online", "offline", "none")
MIN_SECRET_KEY_LENGTH = 32


@dataclass(frozen=True)
class SigningKey:
    """One of the app's private keys for ``private_key_jwt`` with its ``kid`` and algorithm."""

    key: PrivateKey
    kid: str

    @property
    def algorithm(self) -> str:
        return SIGNING_ALGORITHMS[self.key.key_type]

    def public_jwk(self) -> dict[str, Any]:
        public = self.key.as_dict(private=False)
        return {**public, "kid": self.kid, "alg": self.algorithm, "use": "sig"}


@dataclass(frozen=True)
class AppSettings:
    """Everything the app needs to know about its registration and environment."""

    secret_key: str
    client_id: str
    allowed_issuers: tuple[str, ...]
    client_type: str = "public"
    client_secret: str | None = None
    signing_keys: tuple[SigningKey, ...] = ()
    default_issuer: str | None = None
    access: str = "online"
    public_url: str | None = None
    session_dir: str | None = None
    redis_url: str | None = None
    frame_ancestors: tuple[str, ...] = ()
    secure_cookies: bool = True
    session_seconds: int = 8 * 3600
    http_timeout: float = 15.0
    trusted_proxies: int = 0
    contact_gap_days: int = DEFAULT_GAP_FLOOR_DAYS
    instruments: tuple[Instrument, ...] = tuple(Instrument)
    extra: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if len(self.secret_key) < MIN_SECRET_KEY_LENGTH:
            raise ConfigError(f"SRH_APP_SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters long")
        if not self.client_id:
            raise ConfigError("SRH_APP_CLIENT_ID is required: the client_id the EHR registered for this app")
        if not self.allowed_issuers:
            raise ConfigError("SRH_APP_ALLOWED_ISSUERS is required: the FHIR base URLs the app may launch from")
        for issuer in self.allowed_issuers:
            _check_url("SRH_APP_ALLOWED_ISSUERS", issuer)
        if self.client_type not in CLIENT_TYPES:
            raise ConfigError(f"SRH_APP_CLIENT_TYPE must be one of {', '.join(CLIENT_TYPES)}, not {self.client_type!r}")
        if self.client_type == "confidential-symmetric" and not self.client_secret:
            raise ConfigError("SRH_APP_CLIENT_SECRET is required for a confidential-symmetric client")
        if self.client_type == "confidential-asymmetric" and not self.signing_keys:
            raise ConfigError("SRH_APP_PRIVATE_KEYS is required for a confidential-asymmetric client")
        if self.access not in ACCESS_MODES:
            raise ConfigError(f"SRH_APP_ACCESS must be one of {', '.join(ACCESS_MODES)}, not {self.access!r}")
        if self.default_issuer is not None and normalise_issuer(self.default_issuer) not in self.allowed_issuers:
            raise ConfigError("SRH_APP_DEFAULT_ISSUER must be one of SRH_APP_ALLOWED_ISSUERS")
        if self.public_url is not None:
            _check_url("SRH_APP_PUBLIC_URL", self.public_url)
        if self.redis_url is not None and urlsplit(self.redis_url).scheme not in ("redis", "rediss", "unix"):
            raise ConfigError("SRH_APP_REDIS_URL must be a redis://, rediss:// or unix:// URL")

    def is_allowed_issuer(self, issuer: str) -> bool:
        return normalise_issuer(issuer) in self.allowed_issuers

    def frame_ancestor_sources(self) -> tuple[str, ...]:
        """The CSP frame-ancestors sources: the configured list, else the allowed issuers' origins."""
        if self.frame_ancestors:
            return self.frame_ancestors
        return tuple(dict.fromkeys(origin_of(issuer) for issuer in self.allowed_issuers))

    def signing_key_for(self, algorithms: tuple[str, ...]) -> SigningKey:
        """The key whose algorithm the server accepts (any key when the server does not say)."""
        for key in self.signing_keys:
            if not algorithms or key.algorithm in algorithms:
                return key
        offered = ", ".join(algorithms)
        raise ConfigError(f"none of the app's keys signs with an algorithm the server accepts ({offered})")


def normalise_issuer(issuer: str) -> str:
    """An issuer URL without a trailing slash (EHRs are not consistent about it)."""
    return issuer.strip().rstrip("/")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _check_url(name: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{name}: {url!r} is not an http(s) URL")


def _split(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(part.strip() for part in value.replace("\n", ",").split(",") if part.strip())


def load_signing_key(source: str | bytes | Mapping[str, Any], kid: str | None = None) -> SigningKey:
    """A private RSA or EC P-384 key from PEM text, JWK JSON text or a JWK dict (``srh_fhir.load_private_key``)."""
    try:
        if isinstance(source, str) and source.lstrip().startswith("{"):
            source = json.loads(source)
            if not isinstance(source, dict):
                raise ValueError("a JWK is a JSON object")
        if isinstance(source, Mapping):
            kid = kid or source.get("kid")
        key = load_private_key(source)
    except (ValueError, AuthError) as error:
        raise ConfigError(f"a private key cannot be used: {error}") from error
    return SigningKey(key=key, kid=kid or key.thumbprint())


def settings_from_env(environ: Mapping[str, str] | None = None) -> AppSettings:
    """Read ``SRH_APP_*`` variables into settings; raises ConfigError naming what is wrong."""
    env = os.environ if environ is None else environ

    def get(name: str) -> str | None:
        value = env.get(f"SRH_APP_{name}")
        return value.strip() if value and value.strip() else None

    def number(name: str, default: float) -> float:
        value = get(name)
        if value is None:
            return default
        try:
            parsed = float(value)
        except ValueError as error:
            raise ConfigError(f"SRH_APP_{name} must be a number, not {value!r}") from error
        if parsed < 0:
            raise ConfigError(f"SRH_APP_{name} must not be negative")
        return parsed

    key_files = _split(get("PRIVATE_KEYS"))
    kids = _split(get("KEY_IDS"))
    if kids and len(kids) != len(key_files):
        raise ConfigError("SRH_APP_KEY_IDS must name one kid per file in SRH_APP_PRIVATE_KEYS")
    keys = []
    for index, path in enumerate(key_files):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise ConfigError(f"SRH_APP_PRIVATE_KEYS: cannot read {path}: {error.strerror}") from error
        keys.append(load_signing_key(text, kids[index] if kids else None))
    secure = get("SECURE_COOKIES") or "1"
    if secure not in ("0", "1"):
        raise ConfigError("SRH_APP_SECURE_COOKIES must be 1 or 0")
    default_issuer = get("DEFAULT_ISSUER")
    return AppSettings(
        secret_key=get("SECRET_KEY") or "",
        client_id=get("CLIENT_ID") or "",
        allowed_issuers=tuple(normalise_issuer(i) for i in _split(get("ALLOWED_ISSUERS"))),
        client_type=get("CLIENT_TYPE") or "public",
        client_secret=get("CLIENT_SECRET"),
        signing_keys=tuple(keys),
        default_issuer=normalise_issuer(default_issuer) if default_issuer else None,
        access=get("ACCESS") or "online",
        public_url=(get("PUBLIC_URL") or "").rstrip("/") or None,
        session_dir=get("SESSION_DIR"),
        redis_url=get("REDIS_URL"),
        frame_ancestors=tuple((get("FRAME_ANCESTORS") or "").split()),
        secure_cookies=secure == "1",
        session_seconds=int(number("SESSION_HOURS", 8) * 3600),
        http_timeout=number("HTTP_TIMEOUT", 15.0),
        trusted_proxies=int(number("TRUSTED_PROXIES", 0)),
        contact_gap_days=max(1, int(number("CONTACT_GAP_DAYS", DEFAULT_GAP_FLOOR_DAYS))),
        instruments=_instruments(get("INSTRUMENTS")),
    )


def _instruments(value: str | None) -> tuple[Instrument, ...]:
    """The instruments named in ``SRH_APP_INSTRUMENTS``, in the order given (all of them when unset)."""
    if value is None:
        return tuple(Instrument)
    known = {instrument.value: instrument for instrument in Instrument}
    codes = _split(value)
    unknown = [code for code in codes if code not in known]
    if unknown or not codes:
        named = f"{', '.join(unknown)} is not an instrument" if unknown else "names no instrument"
        raise ConfigError(f"SRH_APP_INSTRUMENTS {named}; choose from {', '.join(known)}")
    return tuple(dict.fromkeys(known[code] for code in codes))
