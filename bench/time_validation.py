"""Times srh_fhir.validation over a folder of resource files in this process and prints the figures as JSON.

bench/validation.py runs it with ``python -P`` and PYTHONPATH naming the srh_fhir to measure: the source tree, or
the build with the validator compiled by mypyc (``make build/compiled/.built``, as ``SRH_FHIR_COMPILE=1 pip install``
makes it). ``compiled`` in the output says which one was imported.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from srh_fhir.validation import Validator, walker


def main(folder: Path) -> dict[str, float | int | bool]:
    """Reading and parsing included, as HAPI's figure includes them; after one resource as a warm-up, as HAPI gets."""
    files = sorted(folder.glob("*.json"))
    validator = Validator()
    validator.validate(json.loads(files[0].read_text(encoding="utf-8")))
    started, cpu_started = time.perf_counter(), time.process_time()
    for path in files:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu_started,
        "files": len(files),
        "compiled": not str(walker.__file__).endswith(".py"),
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
