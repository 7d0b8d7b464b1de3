"""Rewriting URLs between the proxy's FHIR base (what apps see) and the upstream server's base.

Answers: every string that starts with the upstream base (Bundle links and fullUrls, ``response.location``,
absolute references) and the Location headers point to the proxy instead. Requests: absolute references and
request URLs under the proxy base become relative, and fullUrls move to the upstream base.
"""

from __future__ import annotations

from typing import Any


class BaseRewriter:
    def __init__(self, proxy_base: str, upstream_base: str) -> None:
        self.proxy_base = proxy_base.rstrip("/")
        self.upstream_base = upstream_base.rstrip("/")

    def to_proxy_url(self, url: str) -> str:
        return _swap_base(url, self.upstream_base, self.proxy_base)

    def response_document(self, document: Any) -> Any:
        if isinstance(document, dict):
            return {key: self.response_document(value) for key, value in document.items()}
        if isinstance(document, list):
            return [self.response_document(value) for value in document]
        if isinstance(document, str):
            return self.to_proxy_url(document)
        return document

    def request_document(self, document: Any, key: str = "") -> Any:
        if isinstance(document, dict):
            return {k: self.request_document(v, k) for k, v in document.items()}
        if isinstance(document, list):
            return [self.request_document(value, key) for value in document]
        if isinstance(document, str):
            if key == "fullUrl":
                return _swap_base(document, self.proxy_base, self.upstream_base)
            if key in ("reference", "url") and document.startswith(self.proxy_base + "/"):
                return document[len(self.proxy_base) + 1 :]
        return document


def _swap_base(url: str, old: str, new: str) -> str:
    if url == old:
        return new
    if url.startswith(old) and url[len(old)] in "/?":
        return new + url[len(old) :]
    return url
