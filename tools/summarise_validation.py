"""Print what HAPI's validator said about the examples and fixtures (`make demo`).

python tools/summarise_validation.py build/reference-validation.json
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def main() -> None:
    results = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    examples = {path: outcome for path, outcome in results.items() if "/example/" in path}
    print(f"HAPI FHIR validator on {len(examples)} example resources of the SRH profile package:")
    for path, outcome in sorted(examples.items()):
        counts = Counter(issue["severity"] for issue in outcome.get("issue", []))
        errors = counts["error"] + counts["fatal"]
        status = "OK " if errors == 0 else "ERR"
        print(f"  {status} {Path(path).name:60} errors {errors:2}  warnings {counts['warning']:2}")
    fixtures = len(results) - len(examples)
    print(f"\n{fixtures} invalid fixtures were validated too; `make test` checks each fails with its expected error.")
    print("Profiles and terminology: profiles/README.md; the package: build/srh.fhir.r4.tgz")


if __name__ == "__main__":
    main()
