"""Validation in worker processes: ``srh-fhir validate --jobs N``.

The parent reads the input as raw pieces (a JSON file's bytes, an ndjson line's: ``sources.pieces``) and sends them
in chunks to N worker processes, each with its own Validator built once, which parse and validate them; the items
(without their resources: the report needs only their type and id) come back with their outcomes in input order,
so the report is the same as with one process. Parsing in the workers keeps the parent's share of the work small,
and nothing parsed crosses between processes. At most ``2 * N`` chunks are in flight, so a huge ndjson file is never
read far ahead of what has been validated.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any

from srh_fhir.sources import Piece, SourceItem
from srh_fhir.validation.limits import Limits

CHUNK = 32  # resources per task: large enough that sending them costs little beside validating them

_validator: Any = None  # the Validator of this worker process, built by _start


def job_count(jobs: int) -> int:
    """The number of processes for ``--jobs``: 0 means one per CPU."""
    return jobs if jobs > 0 else os.cpu_count() or 1


def _start(limits: Limits) -> None:
    global _validator
    from srh_fhir.validation import Validator

    _validator = Validator(limits=limits)


Result = tuple[SourceItem, dict[str, Any]]


def _outcomes(chunk: list[Piece]) -> list[Result]:
    from srh_fhir.validation_report import outcome_of

    return [(_without_resource(item), outcome_of(_validator, item)) for piece in chunk for item in piece.items(True)]


def _without_resource(item: SourceItem) -> SourceItem:
    """The item as the report needs it: its resource reduced to its type and id."""
    if item.resource is None:
        return item
    kept: dict[str, Any] = {key: item.resource[key] for key in ("resourceType", "id") if key in item.resource}
    return replace(item, resource=kept)


def validate_in_processes(pieces: Iterable[Piece], jobs: int, limits: Limits) -> Iterator[Result]:
    """Each item of ``pieces`` with its outcome, in input order, parsed and validated by ``jobs`` worker processes."""
    source = iter(pieces)
    with multiprocessing.Pool(jobs, initializer=_start, initargs=(limits,)) as pool:
        pending: deque[AsyncResult[list[Result]]] = deque()
        while True:
            while len(pending) < 2 * jobs and (chunk := list(islice(source, CHUNK))):
                pending.append(pool.apply_async(_outcomes, (chunk,)))
            if not pending:
                return
            yield from pending.popleft().get()
