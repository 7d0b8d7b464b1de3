"""Validation in worker processes: ``srh-fhir validate --jobs N``.

The input is cut into chunks of ``CHUNK`` pieces (``sources.pieces``: a JSON file, an ndjson line) and the chunks
are dealt out in turn: worker k of N reads, parses, validates and reports chunks k, k + N, k + 2N, ... and sends the
report of each (its text and counts: ``validation_report.Reported``) through a pipe of its own. The parent reads
the pipes as reports arrive and writes chunk 0 (worker 0's), chunk 1 (worker 1's), and so on, so the report comes
out in input order, the same as with one process. Nothing is sent to the workers (the file list is theirs from the
start; a JSON file is read only by the worker that has it, an ndjson file by every worker, which skips the lines of
the others' chunks) and nothing parsed comes back, so the workers spend their time validating and the parent only
writes. The parent holds at most ``AHEAD`` reports a worker and a worker whose pipe is full waits, so a huge ndjson
file is never read far ahead of what has been written.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from itertools import islice
from multiprocessing.connection import Connection, wait
from pathlib import Path

from srh_fhir.sources import pieces
from srh_fhir.validation import Validator
from srh_fhir.validation.limits import Limits
from srh_fhir.validation_report import Reported, outcome_of, reported, together

CHUNK = 32  # resources per chunk: large enough that sending a report costs little beside making it
AHEAD = 16  # chunk reports the parent holds per worker before it stops reading that worker's pipe

_validator: Validator | None = None  # this process's, built by process_validator (a forked worker keeps its parent's)


def job_count(jobs: int) -> int:
    """The number of processes for ``--jobs``: 0 means one per CPU."""
    return jobs if jobs > 0 else os.cpu_count() or 1


def process_validator(limits: Limits) -> Validator:
    """The Validator of this process, built once. What is alive once it is built (its tables, the modules) lives as
    long as the process, so ``gc.freeze`` takes it out of garbage collection: no collection scans it again, the last
    one at exit included, and forked workers do not copy the memory pages that hold it (as Python's gc documentation
    advises before fork)."""
    global _validator
    if _validator is None or _validator.limits != limits:
        _validator = Validator(limits=limits)
        gc.freeze()
    return _validator


def _work(files: list[Path], max_file_bytes: int, index: int, jobs: int, limits: Limits, output_format: str,
          out: Connection) -> None:
    """Worker ``index`` of ``jobs``: sends the report of each of its chunks, then None."""
    validator = process_validator(limits)
    source = pieces(files, max_file_bytes)
    number = 0
    while chunk := list(islice(source, CHUNK)):
        if number % jobs == index:
            items = (item for piece in chunk for item in piece.items(True))
            out.send(together([reported(item, outcome_of(validator, item), output_format) for item in items]))
        number += 1
    out.send(None)
    out.close()


def validate_in_processes(files: list[Path], max_file_bytes: int, jobs: int, limits: Limits,
                          output_format: str) -> Iterator[Reported]:
    """The report of each chunk of ``files`` (see ``validation_report.together``), in input order, read, validated
    and reported by ``jobs`` worker processes."""
    process_validator(limits)  # before the workers start, so that forked workers share it
    workers: list[multiprocessing.Process] = []
    reports: list[Connection] = []
    try:
        for index in range(jobs):
            receiving, sending = multiprocessing.Pipe(duplex=False)
            worker = multiprocessing.Process(
                target=_work, args=(files, max_file_bytes, index, jobs, limits, output_format, sending), daemon=True)
            worker.start()
            sending.close()  # the worker's end: the parent keeps only its own, so a worker's exit is seen
            workers.append(worker)
            reports.append(receiving)
        yield from _in_order(workers, reports)
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()


def _in_order(workers: list[multiprocessing.Process], reports: list[Connection]) -> Iterator[Reported]:
    """The workers' reports in chunk order. Whatever arrives is read at once (up to ``AHEAD`` chunks a worker), so a
    worker never waits on a full pipe while the parent waits for another one."""
    jobs = len(workers)
    index_of = {id(pipe): index for index, pipe in enumerate(reports)}
    held: list[deque[Reported | None]] = [deque() for _ in workers]
    number = 0
    while True:
        turn = number % jobs
        while not held[turn]:
            open_pipes = [pipe for index, pipe in enumerate(reports)
                          if len(held[index]) < AHEAD and (not held[index] or held[index][-1] is not None)]
            for ready in wait(open_pipes):
                index = index_of[id(ready)]
                held[index].append(_received(reports[index], workers[index]))
        chunk = held[turn].popleft()
        if chunk is None:  # that worker has no chunk numbered this: none has
            return
        yield chunk
        number += 1


def _received(pipe: Connection, worker: multiprocessing.Process) -> Reported | None:
    try:
        chunk: Reported | None = pipe.recv()
    except EOFError:
        worker.join()
        raise RuntimeError(f"a validation process stopped unexpectedly (exit code {worker.exitcode})") from None
    return chunk
