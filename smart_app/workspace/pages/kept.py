"""What the workspace keeps for one client between requests, in the launch's server-side session: the drafts (input
that could not be saved because the launch ended, for the same form in a later launch) and the one undo offer (what
the last destructive change replaced, for a short while), plus whatever else a page must remember about its client.

One dict per client (keyed by a fingerprint of the patient id, never the id itself) under one session key, so every
page reads and writes it the same way and no two pages can collide on a session key of their own.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from flask import g, session
from werkzeug.datastructures import MultiDict

from smart_app.sessions import fingerprint
from smart_app.workspace.undo import UndoOffer

SESSION_KEY = "workspace_kept"


def _client() -> str:
    return fingerprint(g.launch.patient)


def get(slot: str) -> Any:
    """What is kept in ``slot`` for the launch's client, or None."""
    return session.get(SESSION_KEY, {}).get(_client(), {}).get(slot)


def put(slot: str, value: Any) -> None:
    """Keep ``value`` (plain JSON-like values only) in ``slot`` for the launch's client."""
    kept = dict(session.get(SESSION_KEY, {}))
    mine = dict(kept.get(_client(), {}))
    mine[slot] = value
    kept[_client()] = mine
    session[SESSION_KEY] = kept


def drop(slot: str) -> None:
    kept = dict(session.get(SESSION_KEY, {}))
    mine = dict(kept.get(_client(), {}))
    if mine.pop(slot, None) is not None:
        kept[_client()] = mine
        session[SESSION_KEY] = kept


# -- drafts: input kept when the launch ended before it was saved -------------------------------------------------


def keep_draft(endpoint: str, values: Mapping[str, Any]) -> None:
    put(f"draft:{endpoint}", {k: v for k, v in values.items() if k != "csrf_token"})


def draft(endpoint: str) -> MultiDict[str, Any] | None:
    """The unsaved input of a form, for a form of the same kind in a later launch for the same client."""
    values = get(f"draft:{endpoint}")
    if not values:
        return None
    return MultiDict([(k, v) for k, vs in values.items() for v in (vs if isinstance(vs, list) else [vs])])


def forget_draft(endpoint: str) -> None:
    drop(f"draft:{endpoint}")


# -- the undo offer: one per client, a newer destructive change replaces it ---------------------------------------

_UNDO = "undo"


def offer_undo(offer: UndoOffer) -> None:
    put(_UNDO, offer.as_dict())


def undo_offer() -> UndoOffer | None:
    """The last destructive change for the launch's client, while it can still be undone."""
    values = get(_UNDO)
    offer = UndoOffer.from_dict(values) if isinstance(values, dict) else None
    return offer if offer is not None and offer.open_at(datetime.datetime.now(datetime.UTC)) else None


def withdraw_undo() -> None:
    drop(_UNDO)
