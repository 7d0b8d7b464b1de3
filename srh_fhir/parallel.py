"""Validation in worker processes: ``srh-fhir validate --jobs N``.

The parent reads the resources (so memory stays flat and the progress bar counts what was read) and sends them in
chunks to N worker processes, each with its own Validator built once; the outcomes come back in input order, so the
report is the same as with one process. At most ``2 * N`` chunks are in flight, so a huge ndjson file is never read
far ahead of what has been validated.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any

from srh_fhir.sources import SourceItem
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


def _outcomes(chunk: list[SourceItem]) -> list[dict[str, Any]]:
    from srh_fhir.validation_report import outcome_of

    return [outcome_of(_validator, item) for item in chunk]


def validate_in_processes(
    items: Iterable[SourceItem], jobs: int, limits: Limits
) -> Iterator[tuple[SourceItem, dict[str, Any]]]:
    """Each item with its outcome, in input order, validated by ``jobs`` worker processes."""
    source = iter(items)
    with multiprocessing.Pool(jobs, initializer=_start, initargs=(limits,)) as pool:
        pending: deque[tuple[list[SourceItem], AsyncResult[list[dict[str, Any]]]]] = deque()
        while True:
            while len(pending) < 2 * jobs and (chunk := list(islice(source, CHUNK))):
                pending.append((chunk, pool.apply_async(_outcomes, (chunk,))))
            if not pending:
                return
            chunk, result = pending.popleft()
            yield from zip(chunk, result.get(), strict=True)
