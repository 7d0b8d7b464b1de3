"""`srh-fhir validate --jobs N`: the same report and exit status as one process, in the same order."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from paths import EXAMPLE_DIR, INVALID_DIR

import srh_fhir.parallel
from srh_fhir.cli import main
from srh_fhir.parallel import job_count
from srh_fhir.validation import Limits


def mixed_folder(root: Path) -> Path:
    """Valid examples, invalid fixtures, an unreadable file and an ndjson file with a broken line."""
    folder = root / "mixed"
    (folder / "valid").mkdir(parents=True)
    for example in sorted(EXAMPLE_DIR.glob("RelatedPerson-*.json"))[:6]:
        shutil.copy(example, folder / "valid" / example.name)
    shutil.copytree(INVALID_DIR / "srh-network-member", folder / "invalid")
    (folder / "broken.json").write_text("{not json")
    (folder / "lines.ndjson").write_text('{"resourceType": "Patient"}\n{oops\n{"name": "no type"}\n')
    member = json.loads(next(EXAMPLE_DIR.glob("RelatedPerson-*.json")).read_text())
    entries = [{"fullUrl": "urn:uuid:5c0e9f3a-1b2d-4e6f-8a9b-0c1d2e3f4a5b", "resource": member}] * 2  # bdl-7
    (folder / "bundle.json").write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}))
    return folder


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_two_processes_report_the_same_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              output_format: str) -> None:
    folder = mixed_folder(tmp_path)
    monkeypatch.setattr(srh_fhir.parallel, "CHUNK", 2)  # many chunks, so their order matters

    one = CliRunner().invoke(main, ["validate", "--format", output_format, "--jobs", "1", str(folder)])
    two = CliRunner().invoke(main, ["validate", "--format", output_format, "--jobs", "2", str(folder)])

    assert one.exit_code == two.exit_code == 1
    assert two.stdout == one.stdout
    assert "not valid JSON" in one.stdout and "no resourceType" in one.stdout and "#Bundle" in one.stdout
    assert len(one.stdout.splitlines()) > 10


def test_jobs_0_means_one_process_per_cpu() -> None:
    assert job_count(0) >= 1
    assert job_count(3) == 3


def test_a_negative_job_count_is_bad_usage() -> None:
    result = CliRunner().invoke(main, ["validate", "--jobs", "-1", str(EXAMPLE_DIR)])

    assert result.exit_code == 2
    assert "--jobs" in result.stderr


def test_more_processes_than_chunks_report_the_same_as_one(tmp_path: Path) -> None:
    folder = tmp_path / "two"
    folder.mkdir()
    for example in sorted(EXAMPLE_DIR.glob("RelatedPerson-*.json"))[:2]:
        shutil.copy(example, folder / example.name)

    one = CliRunner().invoke(main, ["validate", "--format", "json", "--jobs", "1", str(folder)])
    four = CliRunner().invoke(main, ["validate", "--format", "json", "--jobs", "4", str(folder)])

    assert one.exit_code == four.exit_code == 0
    assert four.stdout == one.stdout
    assert len(one.stdout.splitlines()) == 2


def _dying_worker(*args: object) -> None:
    os._exit(3)


def test_a_worker_that_dies_ends_the_run_with_an_error_not_a_hang(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(srh_fhir.parallel, "_work", _dying_worker)  # the forked workers run it

    with pytest.raises(RuntimeError, match=r"a validation process stopped unexpectedly \(exit code 3\)"):
        list(srh_fhir.parallel.validate_in_processes([*EXAMPLE_DIR.glob("*.json")], 10**6, 2, Limits(), "json"))


def test_a_process_builds_its_validator_once_and_keeps_it_out_of_garbage_collection() -> None:
    """Built once per process and limits; frozen (gc.freeze), so no collection scans its tables, the one at exit
    included, and forked workers share its pages (in a process of its own: freezing is for the rest of a process)."""
    script = ("import gc, json\n"
              "from srh_fhir.parallel import process_validator\n"
              "from srh_fhir.validation import Limits\n"
              "before = gc.get_freeze_count()\n"
              "first = process_validator(Limits())\n"
              "frozen = gc.get_freeze_count()\n"
              "print(json.dumps([before, frozen, process_validator(Limits()) is first,\n"
              "                  process_validator(Limits(max_depth=5)).limits.max_depth]))\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    before, frozen, same, other_depth = json.loads(run.stdout)

    assert before == 0 and frozen > 10_000
    assert same is True and other_depth == 5
