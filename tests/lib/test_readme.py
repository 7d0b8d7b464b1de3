"""The README's quick start runs as written."""

from __future__ import annotations

import re

import pytest
from paths import ROOT


def test_the_integrators_quick_start_runs(capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert code is not None, "the README has a Python quick start"
    assert len(code.group(1).strip().splitlines()) <= 12

    exec(compile(code.group(1), "README.md", "exec"), {})

    printed = capsys.readouterr().out.split()
    assert int(printed[0]) > 0 and printed[-1] == "1"  # network size ... members in the family sector
