"""Loading a client's picture from a real HAPI FHIR server: ``load_picture`` against the naive way.

The naive way is what a first version of an app does: read the Patient, search the network members, then one search
per member for their latest tie assessment, and one search per other resource type. Both run against the same server
in the same run, on synthetic clients with 10, 50 and 200 network members (each with a tie assessment); the figures
are round trips and the speed-up (naive wall time / ours, medians of several runs).

Uses the server at ``FHIR_BASE`` when set, else starts ``devstack/hapi/server`` for the run.
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from collections.abc import Callable

from devstack.hapi_server import HapiServer, wait_for_metadata
from srh_fhir.client import FHIRClient
from srh_fhir.repository import PATIENT_LINKS, load_picture
from tests.synthetic_clients import put_transaction, synthetic_client

SIZES = (10, 50, 100, 200)
REPEATS = 5


def load_naively(client: FHIRClient, patient_id: str) -> int:
    """The picture one request at a time; returns the number of resources fetched."""
    reference = f"Patient/{patient_id}"
    fetched = [client.read("Patient", patient_id)]
    members = list(client.search("RelatedPerson", {"patient": reference}))
    fetched += members
    for member in members:
        latest = client.search_page(
            "Observation", {"focus": f"RelatedPerson/{member['id']}", "_sort": "-date"}, count=1
        )
        fetched += [e["resource"] for e in latest.get("entry", [])]
    for kind, param in PATIENT_LINKS:
        if kind != "RelatedPerson":
            fetched += list(client.search(kind, {param: reference}))
    return len(fetched)


def _measure(client: FHIRClient, load: Callable[[], object]) -> tuple[int, float]:
    """(round trips of one load, median wall time over REPEATS loads)."""
    load()  # warm the server's caches and JIT for this query shape
    times = []
    trips = 0
    for _ in range(REPEATS):
        before = client.round_trips
        started = time.perf_counter()
        load()
        times.append(time.perf_counter() - started)
        trips = client.round_trips - before
    return trips, statistics.median(times)


def measure(base_url: str) -> dict[str, float]:
    figures: dict[str, float] = {}
    with FHIRClient(base_url, timeout=(5.0, 120.0)) as client:
        for size in SIZES:
            patient_id = f"bench-{size}-{uuid.uuid4().hex[:8]}"
            client.transaction(put_transaction(synthetic_client(patient_id, size)))
            ours_trips, ours_time = _measure(client, lambda pid=patient_id: load_picture(client, pid))
            naive_trips, naive_time = _measure(client, lambda pid=patient_id: load_naively(client, pid))
            figures[f"load_roundtrips_{size}"] = float(ours_trips)
            figures[f"load_naive_roundtrips_{size}"] = float(naive_trips)
            figures[f"load_seconds_{size}"] = round(ours_time, 4)
            figures[f"load_naive_seconds_{size}"] = round(naive_time, 4)
            figures[f"load_speedup_vs_naive_{size}"] = round(naive_time / ours_time, 2)
    return figures


def run() -> dict[str, float]:
    given = os.environ.get("FHIR_BASE")
    if given:
        wait_for_metadata(given.rstrip("/"), timeout=120)
        return measure(given.rstrip("/"))
    server = HapiServer()
    with server as base_url:
        figures = measure(base_url)
    figures["hapi_startup_seconds"] = round(server.startup_seconds, 1)
    figures["hapi_peak_rss_mb"] = round(server.peak_rss_mb)
    return figures


if __name__ == "__main__":
    for name, value in sorted(run().items()):
        print(f"{name} = {value}")
