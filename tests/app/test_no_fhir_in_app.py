"""FHIR resource shapes live only in srh_fhir: the app speaks the domain model and calls the repository.

The scan reads every Python, template and script file of ``smart_app/`` and fails on a FHIR resource literal: the
key ``resourceType``, or a URL of our package (its extensions, code systems and profiles), naming file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from paths import CANONICAL, ROOT

SCANNED = (".py", ".html", ".js")
PACKAGE_URL = CANONICAL.split("://", 1)[1]  # with either scheme
LITERALS = (
    (re.compile(r"\bresourceType\b"), "the key resourceType"),
    (re.compile(rf"https?://{re.escape(PACKAGE_URL)}\b"), "a URL of the SRH package"),
)


def fhir_literals(folder: Path) -> list[str]:
    """``file:line: what`` (the file named from ``folder``'s parent) for every FHIR resource literal under it."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in SCANNED and p.is_file()):
        name = path.relative_to(folder.parent).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found += [f"{name}:{number}: {what}" for pattern, what in LITERALS if pattern.search(line)]
    return found


def test_the_app_holds_no_fhir_resource_literals() -> None:
    assert fhir_literals(ROOT / "smart_app") == []


def test_the_scan_names_file_and_line_of_each_kind_of_literal(tmp_path: Path) -> None:
    app = tmp_path / "app"
    (app / "views").mkdir(parents=True)
    (app / "views" / "page.py").write_text('ok = 1\nbody = {"resourceType": "Consent"}\n', encoding="utf-8")
    (app / "page.html").write_text('<a href="https://srh-fhir.github.io/fhir/CodeSystem/x">\n', encoding="utf-8")
    (app / "map.js").write_text("const u = 'http://srh-fhir.github.io/fhir/StructureDefinition/y';\n")
    (app / "notes.txt").write_text("resourceType\n", encoding="utf-8")  # not a scanned kind of file
    assert fhir_literals(app) == [
        "app/map.js:1: a URL of the SRH package",
        "app/page.html:1: a URL of the SRH package",
        "app/views/page.py:2: the key resourceType",
    ]
