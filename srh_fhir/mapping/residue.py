"""Keep what the model does not hold: a patch from the canonical FHIR JSON of a domain object to the original.

``from_fhir`` reads the modelled fields, writes them back as canonical JSON (``C``) and stores ``diff(O, C)``:
how the original resource ``O`` differs from ``C`` (worked out when first needed, see :func:`make_residue`).
``to_fhir`` writes ``C`` again and applies the patch, so ``merge(C, diff(O, C)) == O`` for any JSON: nothing is
lost, whatever the resource carries, without code for each element nobody models. (Values compare with Python's
``==``, for which ``1 == True``; harmless here, because the readers check the type of every value that reaches ``C``.)

A patch is JSON (stored as canonical text in :class:`~srh_fhir.datatypes.Residue`)::

    ["r", value]                 use this value (an element the model does not hold, or holds differently)
    ["x"]                        drop this element of C (the original did not have it, e.g. a display)
    ["d", {key: patch}]          patch these members of an object
    ["l", [item, ...]]           the original list, in its order:
        ["u", value]             an entry the model does not hold, kept as it was
        ["m", ident, kind, patch|null]   the entry of C with this identity (a hash of it), patched
        ["x", ident, kind]       the entry of C with this identity is dropped

List entries are tied to C's entries by identity (a hash of the entry's canonical JSON), so the patch still fits
when the domain object changes: entries may move, come or go. When a modelled entry changes (its identity differs
but its kind - url, system, code, member or reference; for an activity its detail.code - is the same), only
elements the new entry does not have are added back (extensions, ids, a schedule), and, in its lists, all of the
entries that did not change (a participant whose period ended keeps the extra codings of their unchanged role);
displays, extra codings and other content tied to the old value are dropped.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any

from srh_fhir.datatypes import Residue

__all__ = ["apply_residue", "diff", "make_residue", "merge"]

_KIND_KEYS = ("url", "system", "code", "member", "reference")


def make_residue(original: Mapping[str, Any], canonical: Callable[[], dict[str, Any]]) -> Residue:
    """The residue that turns the JSON ``canonical()`` returns back into ``original``, worked out when it is first
    needed (most objects read are only shown, never written back). ``original`` is read then, so it must not be
    changed afterwards: the mapping's readers are given the JSON as the server answered it."""
    return Residue(source=lambda: _patch_text(original, canonical()))


def _patch_text(original: Mapping[str, Any], canonical: dict[str, Any]) -> str:
    patch = diff(original, canonical)
    return "" if patch is None else json.dumps(patch, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def apply_residue(canonical: dict[str, Any], residue: Residue) -> dict[str, Any]:
    """``canonical`` with the residue applied (``canonical`` itself is not changed)."""
    if not residue.patch:
        return canonical
    merged: dict[str, Any] = merge(canonical, json.loads(residue.patch), False)
    return merged


def diff(original: Any, canonical: Any) -> Any:
    """A patch turning ``canonical`` into ``original``, or None when they are equal."""
    if original == canonical:
        return None
    if isinstance(original, Mapping) and isinstance(canonical, Mapping):
        members: dict[str, Any] = {}
        for key, value in original.items():
            if key in canonical:
                patch = diff(value, canonical[key])
                if patch is not None:
                    members[key] = patch
            else:
                members[key] = ["r", value]
        for key in canonical:
            if key not in original:
                members[key] = ["x"]
        return ["d", members]
    if isinstance(original, list) and isinstance(canonical, list):
        return ["l", _diff_list(original, canonical)]
    return ["r", original]


def _diff_list(original: list[Any], canonical: list[Any]) -> list[Any]:
    partner: dict[int, int] = {}  # original index -> canonical index
    taken: set[int] = set()
    cursor = 0  # entries usually keep their order: try the next original entry first, then all
    for c_index, entry in enumerate(canonical):
        candidates = range(cursor, len(original)) if cursor < len(original) else range(0)
        o_index = next((o for o in candidates[:1] if o not in partner and _subsumes(original[o], entry)), None)
        if o_index is None:
            o_index = next(
                (o for o, candidate in enumerate(original) if o not in partner and _subsumes(candidate, entry)), None
            )
        if o_index is not None:
            partner[o_index] = c_index
            taken.add(c_index)
            cursor = o_index + 1
    items: list[Any] = []
    for o_index, value in enumerate(original):
        if o_index in partner:
            entry = canonical[partner[o_index]]
            items.append(["m", _ident(entry), _kind(entry), diff(value, entry)])
        else:
            items.append(["u", value])
    for c_index, entry in enumerate(canonical):
        if c_index not in taken:
            items.append(["x", _ident(entry), _kind(entry)])
    return items


def _subsumes(original: Any, canonical: Any) -> bool:
    """Whether ``original`` has everything ``canonical`` has (displays aside; list entries in any order)."""
    if isinstance(canonical, Mapping):
        if not isinstance(original, Mapping):
            return False
        return all(
            key == "display" or (key in original and _subsumes(original[key], value))
            for key, value in canonical.items()
        )
    if isinstance(canonical, list):
        if not isinstance(original, list):
            return False
        return all(any(_subsumes(o, c) for o in original) for c in canonical)
    return bool(original == canonical)


def _ident(entry: Any) -> str:
    """A short fingerprint of a canonical entry (its canonical JSON, hashed to keep residues small)."""
    text = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=9).hexdigest()


def _kind(entry: Any) -> str | None:
    if isinstance(entry, Mapping):
        if "detail" in entry and isinstance(entry["detail"], Mapping) and "code" in entry["detail"]:
            return _ident(entry["detail"]["code"])
        for key in _KIND_KEYS:
            if key in entry:
                return _ident(entry[key])
    return None


def merge(generated: Any, patch: Any, additions_only: bool) -> Any:
    """``generated`` with ``patch`` applied; ``additions_only`` keeps only elements ``generated`` lacks."""
    if patch is None:
        return generated
    tag = patch[0]
    if tag == "r":
        return generated if additions_only else patch[1]
    if tag == "d":
        if not isinstance(generated, dict):
            return generated
        result = dict(generated)
        for key, member in patch[1].items():
            member_tag = member[0]
            if member_tag == "r":
                if not (additions_only and key in result):
                    result[key] = member[1]
            elif member_tag == "x":
                if not additions_only:
                    result.pop(key, None)
            elif key in result:
                result[key] = merge(result[key], member, additions_only)
        return result
    if tag == "l" and isinstance(generated, list):
        return _merge_unchanged(generated, patch[1]) if additions_only else _merge_list(generated, patch[1])
    return generated


def _merge_unchanged(generated: list[Any], items: list[Any]) -> list[Any]:
    """Inside a changed entry: its list entries that did not change (same identity) get back all they had; the
    others, and the entries the model does not hold, stay as generated (they may be tied to the old value)."""
    patches: dict[str, deque[Any]] = {}
    for item in items:
        if item[0] == "m":
            patches.setdefault(item[1], deque()).append(item[3])
    result = []
    for entry in generated:
        queue = patches.get(_ident(entry))
        result.append(merge(entry, queue.popleft(), False) if queue else entry)
    return result


def _merge_list(generated: list[Any], items: list[Any]) -> list[Any]:
    by_ident: dict[str, deque[int]] = {}
    for g, entry in enumerate(generated):
        by_ident.setdefault(_ident(entry), deque()).append(g)
    used = [False] * len(generated)
    assigned: dict[int, tuple[int, bool]] = {}  # item index -> (generated index, additions only)
    for i, item in enumerate(items):
        if item[0] != "u":
            queue = by_ident.get(item[1])
            if queue:
                g = queue.popleft()
                used[g] = True
                assigned[i] = (g, False)
    unmatched = [i for i, item in enumerate(items) if item[0] == "m" and i not in assigned and item[2] is not None]
    if unmatched and not all(used):
        by_kind: dict[str | None, deque[int]] = {}
        for g, entry in enumerate(generated):
            if not used[g]:
                by_kind.setdefault(_kind(entry), deque()).append(g)
        for i in unmatched:
            queue = by_kind.get(items[i][2])
            if queue:
                g = queue.popleft()
                used[g] = True
                assigned[i] = (g, True)
    result: list[Any] = []
    for i, item in enumerate(items):
        if item[0] == "u":
            result.append(item[1])
        elif item[0] == "m" and i in assigned:
            g, additions_only = assigned[i]
            result.append(merge(generated[g], item[3], additions_only))
    result.extend(entry for g, entry in enumerate(generated) if not used[g])
    return result
