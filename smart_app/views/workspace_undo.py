"""Undo for a short while after a destructive change: what it changed is kept in the server-side session, for this
client only, and the page that made the change offers to put it back until ``UNDO_FOR`` has passed.

One offer per client at a time: a newer destructive change replaces the older offer.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from flask import g, session

from smart_app.sessions import fingerprint

UNDO_FOR = 15 * 60  # seconds


@dataclass(frozen=True)
class UndoOffer:
    """A change that can be undone: ``kind`` of change, the resource it changed (``target``), its part (``index``),
    who it was about (``about``, a reference) and the value it replaced (``previous``)."""

    kind: str
    target: str
    index: int
    about: str
    previous: str | None
    at: float = 0.0


def _key() -> str:
    return fingerprint(g.launch.patient)


def offer(undo: UndoOffer) -> None:
    offers = dict(session.get("workspace_undo", {}))
    offers[_key()] = asdict(UndoOffer(**{**asdict(undo), "at": time.time()}))
    session["workspace_undo"] = offers


def current(kind: str, target: str | None) -> UndoOffer | None:
    """The offer for a change of ``kind`` to ``target`` still open, if any."""
    kept = session.get("workspace_undo", {}).get(_key())
    if not kept or target is None:
        return None
    found = UndoOffer(**kept)
    if found.kind != kind or found.target != target or time.time() - found.at > UNDO_FOR:
        return None
    return found


def withdraw() -> None:
    offers = dict(session.get("workspace_undo", {}))
    if offers.pop(_key(), None) is not None:
        session["workspace_undo"] = offers
