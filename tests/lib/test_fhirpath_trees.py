"""The FHIRPath parse trees shipped with the validator: current, complete for the package, and only a shortcut."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from fhirpathpy.parser import parse
from paths import PACKAGE_DIR, ROOT

from srh_fhir.validation import fhirpath_trees

COMMITTED = ROOT / "srh_fhir" / "validation" / "data" / "fhirpath-trees.json"
CORE_TABLES = ROOT / "srh_fhir" / "validation" / "data" / "r4-core.json"


def test_the_committed_trees_are_what_the_tool_makes_of_the_core_tables_and_the_package(tmp_path: Path) -> None:
    out = tmp_path / "fhirpath-trees.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_fhirpath_trees.py"), "--core-tables", str(CORE_TABLES),
                    "--package", str(PACKAGE_DIR), "--out", str(out)], check=True)
    assert out.read_bytes() == COMMITTED.read_bytes(), "run `make fhirpath-trees` and commit the file"


def test_validating_the_examples_and_the_fixtures_parses_no_expression() -> None:
    """Every invariant met is read from the shipped file: ANTLR is never run (in a process of its own, where no
    other test has parsed anything)."""
    script = (
        "import json, pathlib, sys\n"
        "from srh_fhir.validation import Validator, fhirpath_trees\n"
        "parsed = []\n"
        "fhirpath_trees.parse = lambda expression: parsed.append(expression)\n"
        "validator = Validator()\n"
        "for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.json')):\n"
        "    resource = json.loads(path.read_text(encoding='utf-8'))\n"
        "    if isinstance(resource, dict) and 'resourceType' in resource:\n"
        "        validator.validate(resource)\n"
        "print(json.dumps(sorted(set(parsed))))\n")
    for folder in (PACKAGE_DIR / "example", ROOT / "tests" / "fixtures"):
        run = subprocess.run([sys.executable, "-c", script, str(folder)], capture_output=True, text=True, check=True)
        assert json.loads(run.stdout) == []


def test_each_shipped_tree_is_the_one_fhirpathpy_parses() -> None:
    shipped = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert len(shipped["trees"]) > 200
    for expression, tree in shipped["trees"].items():
        assert tree == parse(expression), expression


def test_with_another_fhirpathpy_than_the_one_that_wrote_the_file_every_expression_is_parsed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written_by_another = tmp_path / "fhirpath-trees.json"
    written_by_another.write_text(json.dumps({"fhirpathpy": "0.0.1", "trees": {"name.exists()": {"children": []}}}))
    monkeypatch.setattr(fhirpath_trees, "SHIPPED", written_by_another)
    monkeypatch.setattr(fhirpath_trees, "_trees", None)

    assert fhirpath_trees.parse_tree("name.exists()") == parse("name.exists()")
