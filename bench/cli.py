"""Peak memory of `srh-fhir validate` on a large ndjson file against a small one: flat means a ratio near 1.

The files are the examples repeated with new ids until they reach the size asked for (default 1 GB, set
BENCH_NDJSON_MB to change it). Each run is a separate process whose peak resident memory is read from
getrusage, so the figure is what an operating system would report for the command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from srh_fhir.profiles import EXAMPLE_DIR

OUT = Path("build/bench")
SMALL_MB = 10

MEASURE = """
import resource, subprocess, sys
with open("/dev/null", "wb") as sink:
    subprocess.run([sys.executable, "-m", "srh_fhir.cli", "validate", "--format", "json", "--no-progress", sys.argv[1]],
                   stdout=sink)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def run() -> dict[str, float]:
    large_mb = int(os.environ.get("BENCH_NDJSON_MB", "1024"))
    small, large = _ndjson(SMALL_MB), _ndjson(large_mb)
    small_rss = _peak_rss_mb(small)
    started = time.perf_counter()
    large_rss = _peak_rss_mb(large)
    seconds = time.perf_counter() - started
    lines = sum(1 for _ in large.open("rb"))
    return {
        f"validate_ndjson_{SMALL_MB}mb_peak_rss_mb": round(small_rss, 1),
        f"validate_ndjson_{large_mb}mb_peak_rss_mb": round(large_rss, 1),
        f"validate_ndjson_memory_ratio_{large_mb}mb_vs_{SMALL_MB}mb": round(large_rss / small_rss, 3),
        f"validate_ndjson_{large_mb}mb_resources_per_second": round(lines / seconds, 1),
    }


def _ndjson(megabytes: int) -> Path:
    """An ndjson file of about ``megabytes`` MB made of the examples with fresh ids (written once, then reused)."""
    path = OUT / f"validate-{megabytes}mb.ndjson"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    examples = [json.loads(p.read_text()) for p in sorted(EXAMPLE_DIR.glob("*.json")) if not p.name.startswith(".")]
    target, written, copy = megabytes * 1_000_000, 0, 0
    with path.open("w", encoding="utf-8") as out:
        while written < target:
            for example in examples:
                line = json.dumps({**example, "id": f"{example['id']}-{copy}"}, separators=(",", ":")) + "\n"
                out.write(line)
                written += len(line)
            copy += 1
    return path


def _peak_rss_mb(path: Path) -> float:
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path)], check=True, capture_output=True, text=True)
    return int(result.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux
