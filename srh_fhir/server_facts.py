"""What is known about one FHIR server, shared by every ``FHIRClient`` for its base URL in this process.

The app makes a new client per request, so what one client learnt (the CapabilityStatement, and what a server
turned out to ignore although it claims it) would be lost with it; kept here per base URL, the statement is read at
most once and a check made on first use is not made again. Bounded: the least recently used base is forgotten
first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from srh_fhir.capabilities import Claims

MAX_SERVERS = 64


@dataclass
class ServerFacts:
    """One server's CapabilityStatement (when read) and the facts verified by using it."""

    statement: dict[str, Any] | None = None
    iterate_ignored: bool | None = None
    """Whether the server ignores ``_revinclude:iterate`` (None: not known yet)."""
    versioned: bool | None = None
    """Whether the resources of a picture loaded from it had ``meta.versionId`` (None: none loaded yet)."""
    missing: set[str] = field(default_factory=set)
    """Capabilities the server turned out not to have (e.g. ``transaction``): refused without asking again."""

    @property
    def claims(self) -> Claims | None:
        return Claims.of(self.statement) if self.statement is not None else None


_known: OrderedDict[str, ServerFacts] = OrderedDict()
_lock = threading.Lock()


def of(base_url: str) -> ServerFacts:
    """The facts of the server at ``base_url`` (empty when nothing is known of it yet)."""
    key = base_url.rstrip("/")
    with _lock:
        facts = _known.pop(key, None) or ServerFacts()
        _known[key] = facts
        while len(_known) > MAX_SERVERS:
            _known.popitem(last=False)
        return facts


def forget() -> None:
    """Forget every server (tests that play several servers under one base URL)."""
    with _lock:
        _known.clear()


__all__ = ["MAX_SERVERS", "ServerFacts", "forget", "of"]
