"""HTTP plumbing: the one way to make a pooled session with timeouts and retries, and server answers mapped to errors.

``build_session(timeout=..., retries=...)`` is the session factory of everything that talks HTTP: the FHIR client,
SMART discovery and token requests, and the SMART app's calls to the EHR. Its adapters carry both policies, so a
request made through the session without a ``timeout`` still has one.

The retry policy lives in urllib3 (``Retry`` on the session's adapters): 429, 502, 503 and 504 are retried with
exponential back-off, honouring ``Retry-After``, but only for idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS).
A POST (create, transaction, batch, ``$validate``, a token request) is sent once: repeating it could write twice. A
request that never reached the server (connection refused) is retried for every method, since nothing was sent.

The sessions' requests honour the deadline of the call under way (``srh_fhir.deadline``). They follow a redirect only
to the same origin and only for a GET or HEAD, so neither a body nor credentials go to another host (requests would
re-send the body of a 307); any other redirect comes back as the 3xx answer. ``read_body`` reads a streamed answer up
to a cap.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any, TypeAlias
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from srh_fhir.deadline import POOL_CLASSES, DeadlineRetry
from srh_fhir.errors import (
    AuthError,
    FHIRConnectionError,
    FHIRHTTPError,
    FHIRProtocolError,
    InvalidResource,
    OperationOutcome,
    ResourceGone,
    ResourceNotFound,
    ServerError,
    VersionConflict,
    outcome_summary,
)

FHIR_JSON = "application/fhir+json"
RETRY_STATUSES = frozenset({429, 502, 503, 504})
Timeout: TypeAlias = float | tuple[float, float]  # seconds: one for both, or (connect, read)
# (connect, read) seconds: a FHIR server that has not answered in 30 s is not going to.
DEFAULT_TIMEOUT: Timeout = (5.0, 30.0)
USER_AGENT = "srh-fhir"
DEFAULT_MAX_BODY = 50 * 1024 * 1024  # bytes of an answer (after decompression) read at most
CHUNK_SIZE = 64 * 1024


def retry_policy(total: int = 3, backoff_factor: float = 0.5) -> Retry:
    """urllib3 retries for FHIR: transient statuses on idempotent methods, honouring Retry-After within the deadline."""
    return DeadlineRetry(
        total=total,
        connect=total,
        read=total,
        status=total,
        other=0,
        backoff_factor=backoff_factor,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=Retry.DEFAULT_ALLOWED_METHODS,
        respect_retry_after_header=True,
        # Hand the last answer back instead of raising, so it is mapped to a typed error with its OperationOutcome.
        raise_on_status=False,
        raise_on_redirect=False,
    )


class TimeoutAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` that gives every request its ``timeout`` unless the caller chose one."""

    def __init__(self, timeout: Timeout, retries: Retry, pool_size: int) -> None:
        super().__init__(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=retries)
        self.timeout = timeout

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = POOL_CLASSES  # connections the call's deadline watches

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        chosen = self.timeout if timeout is None else timeout
        return super().send(request, stream=stream, timeout=chosen, verify=verify, cert=cert, proxies=proxies)


def build_session(
    retries: Retry | None = None, pool_size: int = 10, *, timeout: Timeout = DEFAULT_TIMEOUT
) -> requests.Session:
    """One pooled session on http and https with a timeout on every request and the retry policy (default: FHIR's)."""
    session = SameOriginSession()
    adapter = TimeoutAdapter(timeout, retries or retry_policy(), pool_size)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({"Accept": FHIR_JSON, "User-Agent": USER_AGENT})
    return session


class SameOriginSession(requests.Session):
    """A session that follows a redirect only for a GET or HEAD and only to the origin it was sent to."""

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        target = super().get_redirect_target(resp)
        if target is None or resp.request.method not in ("GET", "HEAD"):
            return None
        return target if origin(urljoin(resp.url, target)) == origin(resp.url) else None


def origin(url: str) -> str:
    """``scheme://host:port`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def read_body(response: requests.Response, limit: int) -> bytes:
    """The body of a streamed answer, read in chunks; FHIRProtocolError (and the connection closed) past ``limit``
    bytes, so a huge or endless answer never sits in memory. Counted after decompression."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        response.close()
        raise _too_large(response, limit, f"it announces {int(declared):,} bytes")
    body = bytearray()
    for chunk in response.iter_content(CHUNK_SIZE):
        body += chunk
        if len(body) > limit:
            response.close()
            raise _too_large(response, limit, "the server sent more")
    response._content = bytes(body)
    return response._content


def _too_large(response: requests.Response, limit: int, how: str) -> FHIRProtocolError:
    return FHIRProtocolError(
        f"the answer to {describe_request(response)} is larger than the cap of {limit:,} bytes ({how}); not read"
    )


def response_json(response: requests.Response) -> dict[str, Any] | None:
    """The body as a JSON object; None when the body is empty; FHIRProtocolError when it is something else."""
    if not response.content or not response.content.strip():
        return None
    try:
        body = response.json()
    except ValueError as error:
        raise FHIRProtocolError(
            f"{describe_request(response)} answered HTTP {response.status_code} with a body that is not JSON "
            f"({response.headers.get('Content-Type', 'no Content-Type')})"
        ) from error
    if not isinstance(body, dict):
        raise FHIRProtocolError(f"{describe_request(response)} answered with JSON that is not a FHIR resource")
    return body


def describe_request(response: requests.Response) -> str:
    """``GET Patient/123`` — the method and path of the request, without the query (it may hold client data)."""
    request = response.request
    path = (request.path_url if request.url else "").split("?", 1)[0]
    return f"{request.method} {path}"


_TAG = re.compile(r"<[^>]+>")


def outcome_text(outcome: OperationOutcome | None) -> str:
    """A one-line reading of an OperationOutcome: its issues first, else its narrative (some servers fill only that)."""
    summary = outcome_summary(outcome)
    if summary or not outcome:
        return summary
    div = outcome.get("text", {}).get("div", "")
    return " ".join(html.unescape(_TAG.sub(" ", div)).split())


# Some servers refuse a whole transaction with 400 when one of its entries failed and give that entry's status only in
# words (the Helios FHIR Server: "Transaction failed at entry 1: Entry failed with status 412").
_ENTRY_CONFLICT = re.compile(r"\bentry failed with status (409|412)\b", re.IGNORECASE)


def error_for(response: requests.Response, ours: Mapping[str, Any] | None = None) -> Exception:
    """The typed error for an HTTP error answer, carrying the server's OperationOutcome and status. A transaction
    refused with 400 for an entry's 409/412 is a VersionConflict with that entry's status."""
    status = response.status_code
    outcome = _outcome_of(response)
    detail = outcome_text(outcome) or _plain_text(response) or response.reason or "no details from the server"
    message = f"{detail} ({describe_request(response)})"
    entry_conflict = _ENTRY_CONFLICT.search(detail) if status == 400 else None
    if entry_conflict:
        status = int(entry_conflict.group(1))
    if status in (401, 403):
        word = "not authorised" if status == 401 else "forbidden"
        return AuthError(f"HTTP {status} {word}: {message}", status=status, outcome=outcome)
    if status == 404:
        return ResourceNotFound(status, outcome, message)
    if status == 410:
        return ResourceGone(status, outcome, message)
    if status in (409, 412):
        return VersionConflict(status, outcome, message, ours=ours)
    if status in (400, 422):
        return InvalidResource(status, outcome, message)
    if status >= 500:
        return ServerError(status, outcome, message)
    return FHIRHTTPError(status, outcome, message)


def _outcome_of(response: requests.Response) -> OperationOutcome | None:
    try:
        body = response_json(response)
    except FHIRProtocolError:
        return None
    if body and body.get("resourceType") == "OperationOutcome":
        return body
    return None


def _plain_text(response: requests.Response) -> str:
    """The start of a non-FHIR error body (an HTML error page from a proxy, say), as one short line."""
    content_type = response.headers.get("Content-Type", "")
    if "json" in content_type or not response.text:
        return ""
    text = " ".join(html.unescape(_TAG.sub(" ", response.text)).split())
    return text[:200]


def connection_error(
    error: requests.RequestException, base_url: str, method: str, url: str, timeout: float | tuple[float, float]
) -> FHIRConnectionError:
    """A readable error for a request that got no HTTP answer (after urllib3 gave up retrying)."""
    request = f"{method} {urlsplit(url).path}"
    text = str(error)
    # After the retries, requests wraps a read timeout in a ConnectionError; the reason is only in the text.
    if isinstance(error, requests.Timeout) or "timed out" in text:
        limit = f"{timeout[1]:g} s (read timeout)" if isinstance(timeout, tuple) else f"{timeout:g} s"
        return FHIRConnectionError(f"{base_url} did not answer {request} within {limit}")
    for known in ("Connection refused", "Name or service not known", "Connection reset", "Connection aborted"):
        if known in text:
            return FHIRConnectionError(f"cannot reach {base_url} ({request}): {known.lower()}")
    return FHIRConnectionError(f"cannot reach {base_url} ({request}): {type(error).__name__}")
