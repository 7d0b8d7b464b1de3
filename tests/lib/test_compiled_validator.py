"""The validator compiled by mypyc (``SRH_FHIR_COMPILE=1 pip install``, setup.py) gives what the source gives.

mypyc turns the type hints into checks at run time and some Python into C, so the compiled build could answer
differently, or raise, where the interpreted source does not. ``make test`` builds it into build/compiled (the
benchmark measures that build); these tests run it and the source, each in a process of its own, on the examples,
the fixtures, the agreement corpus and fuzzed resources and Bundles, and compare every OperationOutcome.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fuzzing import FUZZ_LIMITS, bundles, fuzz_settings, mutated_resources
from hypothesis import given, settings
from paths import ROOT

from srh_fhir.validation import Limits

COMPILED_DIR = ROOT / "build" / "compiled"
AGREEMENT_CORPUS = ROOT / "build" / "agreement" / "corpus"
FIXTURES = ROOT / "tests" / "fixtures"

# Run in the compiled build and in the source tree alike: reads cases (a resource and how to validate it) as JSON
# lines, writes one outcome per case, and first a line naming the file each module of srh_fhir.validation came from.
VALIDATE_CASES = """
import importlib, json, pkgutil, sys
import srh_fhir.validation as validation
from srh_fhir.validation import Limits, Validator
modules = {m.name: importlib.import_module(m.name).__file__ for m in pkgutil.iter_modules(validation.__path__,
                                                                                          'srh_fhir.validation.')}
validators = {}
with open(sys.argv[1], encoding='utf-8') as cases, open(sys.argv[2], 'w', encoding='utf-8') as out:
    out.write(json.dumps(modules) + '\\n')
    for line in cases:
        case = json.loads(line)
        key = (case['infer'], tuple(case['limits']))
        if key not in validators:
            validators[key] = Validator(infer_profiles=case['infer'], limits=Limits(*case['limits']))
        outcome = validators[key].validate(case['resource'], entries=case['entries'])
        out.write(json.dumps(outcome, sort_keys=True) + '\\n')
"""


def case(resource: Any, infer: bool = False, entries: bool = True, limits: Limits | None = None) -> dict[str, Any]:
    limits = limits or Limits()
    return {"resource": resource, "infer": infer, "entries": entries, "limits": [limits.max_depth, limits.max_string]}


def validated_in(srh_fhir_path: Path, cases: list[dict[str, Any]], folder: Path) -> tuple[dict[str, str], list[str]]:
    """The files the modules of srh_fhir.validation come from, and the outcome of each case (as sorted JSON), in a
    process that imports srh_fhir from ``srh_fhir_path`` (the compiled build or the source tree)."""
    cases_file, outcomes_file = folder / "cases.jsonl", folder / f"outcomes-{srh_fhir_path.name}.jsonl"
    cases_file.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(srh_fhir_path)}
    result = subprocess.run([sys.executable, "-P", "-c", VALIDATE_CASES, str(cases_file), str(outcomes_file)],
                            env=env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    modules, *outcomes = outcomes_file.read_text(encoding="utf-8").splitlines()
    return json.loads(modules), outcomes


def assert_same_outcomes(cases: list[dict[str, Any]], folder: Path) -> None:
    if not (COMPILED_DIR / ".built").exists():
        pytest.fail("build/compiled is missing: `make build/compiled/.built` makes it (`make test` does)")
    modules, compiled = validated_in(COMPILED_DIR, cases, folder)
    interpreted = {name: path for name, path in modules.items() if path.endswith(".py")}
    assert set(interpreted) == {"srh_fhir.validation.fhirpath"}, "setup.py compiles the rest of srh_fhir.validation"
    assert all(path.startswith(str(COMPILED_DIR)) for path in modules.values())
    source_modules, source = validated_in(ROOT, cases, folder)
    assert all(path.endswith(".py") and path.startswith(str(ROOT / "srh_fhir")) for path in source_modules.values())
    differing = [(i, cases[i]["resource"].get("id"), compiled[i], source[i])
                 for i in range(len(cases)) if compiled[i] != source[i]]
    assert len(compiled) == len(source) == len(cases)
    assert not differing, differing[:3]


def resource_cases(paths: list[Path]) -> list[dict[str, Any]]:
    cases = []
    for path in paths:
        try:
            resource = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue  # the reader's fixtures: not JSON on purpose
        if isinstance(resource, dict) and "resourceType" in resource:
            cases += [case(resource), case(resource, infer=True)]
            if resource["resourceType"] == "Bundle":
                cases.append(case(resource, entries=False))
    return cases


@pytest.mark.packaging
def test_the_compiled_validator_judges_the_examples_fixtures_and_agreement_corpus_as_the_source_does(
    tmp_path: Path,
) -> None:
    paths = sorted((ROOT / "profiles" / "package" / "example").glob("*.json")) + sorted(FIXTURES.rglob("*.json"))
    paths += sorted(AGREEMENT_CORPUS.rglob("*.json"))  # made by `make test` (agreement-reference)
    cases = resource_cases(paths)
    assert len(cases) > 3000 if AGREEMENT_CORPUS.exists() else len(cases) > 100
    assert_same_outcomes(cases, tmp_path)


@pytest.mark.packaging
def test_the_compiled_validator_judges_fuzzed_resources_and_bundles_as_the_source_does(tmp_path: Path) -> None:
    drawn: list[Any] = []

    @settings(fuzz_settings(), derandomize=True)
    @given(mutated_resources())
    def draw_resource(resource: dict[str, Any]) -> None:
        drawn.append(resource)

    @settings(fuzz_settings(share=0.25), derandomize=True)
    @given(bundles())
    def draw_bundle(bundle: dict[str, Any]) -> None:
        drawn.append(bundle)

    draw_resource()
    draw_bundle()
    cases = [case(resource, limits=FUZZ_LIMITS) for resource in drawn]
    cases += [case(resource, entries=False, limits=FUZZ_LIMITS) for resource in drawn
              if resource.get("resourceType") == "Bundle"]
    assert len(cases) >= 200
    assert_same_outcomes(cases, tmp_path)


def cli_validate(srh_fhir_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``srh-fhir validate ARGS`` in a process that imports srh_fhir from ``srh_fhir_path``."""
    env = {**os.environ, "PYTHONPATH": str(srh_fhir_path)}
    return subprocess.run([sys.executable, "-P", "-m", "srh_fhir.cli", "validate", "--no-progress", *args],
                          env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.packaging
@pytest.mark.parametrize("output_format", ["json", "text"])
def test_the_compiled_command_line_reports_as_the_source_does(output_format: str) -> None:
    if not (COMPILED_DIR / ".built").exists():
        pytest.fail("build/compiled is missing: `make build/compiled/.built` makes it (`make test` does)")
    paths = [str(ROOT / "profiles" / "package" / "example"), str(FIXTURES / "invalid")]
    source = cli_validate(ROOT, "--format", output_format, *paths)
    assert source.returncode == 1, source.stderr  # the invalid fixtures
    for jobs in ("1", "2"):
        compiled = cli_validate(COMPILED_DIR, "--format", output_format, "--jobs", jobs, *paths)
        assert (compiled.returncode, compiled.stderr) == (1, "")
        assert compiled.stdout == source.stdout
