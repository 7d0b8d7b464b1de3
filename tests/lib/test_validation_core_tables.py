"""The committed R4 core tables of the Python validator are what tools/make_core_tables.py makes of the core package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from paths import PACKAGE_DIR, ROOT

pytestmark = pytest.mark.reference  # needs what `make test` builds with HAPI's reference validator

CORE = ROOT / "build" / "fhir-home" / ".fhir" / "packages" / "hl7.fhir.r4.core#4.0.1" / "package"
COMMITTED = ROOT / "srh_fhir" / "validation" / "data" / "r4-core.json"


def test_core_tables_are_current(tmp_path: Path) -> None:
    assert CORE.is_dir(), "the R4 core package is missing: run `make setup`"
    out = tmp_path / "r4-core.json"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_core_tables.py"), "--core", str(CORE),
                    "--package", str(PACKAGE_DIR), "--out", str(out)], check=True)
    assert out.read_bytes() == COMMITTED.read_bytes(), "run tools/make_core_tables.py (see make check-core-tables)"
