"""The README's quick start runs as written, and its Python examples use only the public API."""

from __future__ import annotations

import ast
import re

import pytest
from paths import ROOT

import srh_fhir

FENCED = re.compile(r"^```(\w*)\n(.*?)^```", re.DOTALL | re.MULTILINE)
EXAMPLE_DATA = "srh_fhir.profiles"  # the example clients the quick start reads


def fenced_blocks() -> list[tuple[str, str]]:
    """(info string, code) of every fenced block of the README."""
    return FENCED.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def private_imports(code: str) -> list[str]:
    """The imports of srh_fhir in ``code`` that go around the public API (``from srh_fhir import`` a name of
    ``__all__``), the example data excepted."""
    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.startswith("srh_fhir.")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "srh_fhir":
            if node.module == "srh_fhir":
                found += [f"srh_fhir.{a.name}" for a in node.names if a.name not in srh_fhir.__all__]
            elif node.module != EXAMPLE_DATA:
                found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def test_the_integrators_quick_start_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert code is not None, "the README has a Python quick start"
    assert len(code.group(1).strip().splitlines()) <= 12

    exec(compile(code.group(1), "README.md", "exec"), {})

    printed = capsys.readouterr().out.split()
    assert int(printed[0]) > 0 and printed[-1] == "1"  # network size ... members in the family sector


def test_the_models_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    [code] = [code for info, code in fenced_blocks() if info == "python" and "fhir.resources" in code]

    exec(compile(code, "README.md", "exec"), {})

    assert capsys.readouterr().out.strip() == "Els van Dijk Faith"


def test_the_readmes_python_examples_import_only_the_public_api() -> None:
    examples = [code for info, code in fenced_blocks() if info == "python"]
    imports = [node for code in examples for node in ast.walk(ast.parse(code)) if isinstance(node, ast.ImportFrom)]
    imported = {alias.name for node in imports for alias in node.names}
    assert {"validate", "from_model", "FHIRClient", "ClientRepository"} <= imported  # each example
    assert [name for code in examples for name in private_imports(code)] == []


def test_every_readme_example_that_imports_srh_fhir_is_marked_python() -> None:
    untagged = [code for info, code in fenced_blocks() if info != "python"]
    assert [code for code in untagged if re.search(r"^\s*(from|import) srh_fhir", code, re.MULTILINE)] == []


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ("from srh_fhir import FHIRClient, validate", []),
        ("from srh_fhir.profiles import EXAMPLE_DIR", []),
        ("from srh_fhir.client import FHIRClient", ["srh_fhir.client.FHIRClient"]),
        ("from srh_fhir import bundle", ["srh_fhir.bundle"]),
        ("import srh_fhir.repository", ["srh_fhir.repository"]),
        ("import srh_fhir", []),
    ],
)
def test_private_imports_are_told_apart_from_public_ones(code: str, found: list[str]) -> None:
    assert private_imports(code) == found
