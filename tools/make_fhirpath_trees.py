"""Write fhirpathpy's parse trees of every invariant the Python validator may evaluate, as one JSON file.

ANTLR's Python runtime takes milliseconds to parse a FHIRPath expression, and every process that validates meets some
sixty of them: a tenth of a second in each worker of ``srh-fhir validate --jobs N``. A tree depends only on the
expression and on fhirpathpy's version, so the invariants of the R4 core tables (``srh_fhir/validation/data/
r4-core.json``) and of our package's profiles are parsed here once and the trees committed
(``srh_fhir/validation/data/fhirpath-trees.json``, read by ``srh_fhir.validation.fhirpath_trees``).

tests/lib/test_fhirpath_trees.py fails when the committed file differs from what this script writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fhirpathpy
from fhirpathpy.parser import parse
from package_files import load_resources

from srh_fhir.validation.invariants import UNCHECKABLE


def core_expressions(core_tables: dict[str, Any]) -> Iterator[str]:
    for table in core_tables["types"].values():
        for _path, _min, _max, _types, _binding, constraints, _content in table["elements"]:
            for _key, _severity, expression, _human in constraints:
                yield expression


def package_expressions(package: Path) -> Iterator[str]:
    for resource in load_resources(package):
        if resource["resourceType"] == "StructureDefinition" and "snapshot" in resource:
            for element in resource["snapshot"]["element"]:
                for constraint in element.get("constraint", []):
                    if constraint.get("expression"):
                        yield constraint["expression"]


def trees(expressions: set[str]) -> dict[str, Any]:
    """Each expression that the validator evaluates and fhirpathpy can parse, with its tree."""
    parsed = {}
    for expression in sorted(expressions):
        if any(marker in expression for marker in UNCHECKABLE):
            continue
        try:
            parsed[expression] = parse(expression)
        except Exception:  # the validator leaves what fhirpathpy cannot parse to HAPI, and so does this file
            continue
    return {"fhirpathpy": fhirpathpy.__version__, "trees": parsed}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--core-tables", type=Path, required=True, help="srh_fhir/validation/data/r4-core.json")
    parser.add_argument("--package", type=Path, required=True, help="our package folder (profiles/package)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    core = json.loads(args.core_tables.read_text(encoding="utf-8"))
    found = trees({*core_expressions(core), *package_expressions(args.package)})
    args.out.write_text(json.dumps(found, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
