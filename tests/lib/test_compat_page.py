"""tools/compat_page.py: docs/compatibility.md from the JSON reports of ``srh-fhir doctor``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from paths import ROOT


def doctor_report(software: str, revinclude: bool) -> dict[str, object]:
    checks = [
        {"name": "transaction", "need": "needed", "claimed": True, "probed": True, "ok": True, "verdict": "ok",
         "detail": "two entries"},
        {"name": "_revinclude", "need": "fallback", "claimed": True, "probed": revinclude, "ok": revinclude,
         "verdict": "ok" if revinclude else "fallback", "detail": "a|b"},
    ]
    return {"server": "http://x/fhir", "software": software, "fhirVersion": "4.0.1", "ok": True, "checks": checks}


def test_an_overview_and_a_table_per_server(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps(doctor_report("Server A 1", True)))
    second.write_text(json.dumps(doctor_report("Server B 2", False)))
    out = tmp_path / "compatibility.md"
    tool = ROOT / "tools" / "compat_page.py"
    subprocess.run([sys.executable, str(tool), "--out", str(out), str(first), str(second)], check=True)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert "| capability | need | Server A 1 | Server B 2 |" in lines
    assert "| _revinclude | fallback | ok | fallback |" in lines
    assert "## Server B 2" in lines
    assert "| _revinclude | fallback | yes | no | fallback | a\\|b |" in lines
