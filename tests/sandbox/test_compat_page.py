"""devstack/compat.py: docs/compatibility.md from the JSON reports of ``srh-fhir doctor``."""

from __future__ import annotations

from devstack.compat import render


def doctor_report(software: str, revinclude: bool) -> dict[str, object]:
    checks = [
        {"name": "transaction", "need": "needed", "claimed": True, "probed": True, "ok": True, "verdict": "ok",
         "detail": "two entries"},
        {"name": "_revinclude", "need": "fallback", "claimed": True, "probed": revinclude, "ok": revinclude,
         "verdict": "ok" if revinclude else "fallback", "detail": "a|b"},
    ]
    return {"server": "http://x/fhir", "software": software, "fhirVersion": "4.0.1", "ok": True, "checks": checks}


def test_an_overview_and_a_table_per_server() -> None:
    lines = render([doctor_report("Server A 1", True), doctor_report("Server B 2", False)]).splitlines()
    assert "| capability | need | Server A 1 | Server B 2 |" in lines
    assert "| _revinclude | fallback | ok | fallback |" in lines
    assert "## Server B 2" in lines
    assert "| _revinclude | fallback | yes | no | fallback | a\\|b |" in lines
