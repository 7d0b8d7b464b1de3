"""`srh-fhir validate`: files, folders, Bundles and ndjson; text and JSON output; exit codes 0, 1 and 2."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from paths import EXAMPLE_DIR, INVALID_DIR, read_json, resource_files

from srh_fhir.cli import main
from srh_fhir.sources import expand_paths
from srh_fhir.validation_report import SOURCE_EXTENSION

SISTER = EXAMPLE_DIR / "RelatedPerson-ingrid-sister-anja.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def validated_bundle(folder: Path, kind: str, entries: list[dict[str, Any]]) -> tuple[Path, tuple[int, str, str]]:
    """A Bundle of ``kind`` with ``entries`` written to a file, and what `validate --format json` made of it."""
    path = folder / "bundle.json"
    path.write_text(json.dumps({"resourceType": "Bundle", "type": kind, "entry": entries}))
    return path, run("validate", "--format", "json", str(path))


def sources_of(stdout: str) -> list[str]:
    outcomes = [json.loads(line) for line in stdout.splitlines()]
    assert all(outcome["resourceType"] == "OperationOutcome" for outcome in outcomes)
    return [outcome["extension"][0]["valueString"] for outcome in outcomes]


def test_the_examples_are_valid() -> None:
    code, stdout, _ = run("validate", str(EXAMPLE_DIR))

    count = len(resource_files(EXAMPLE_DIR))
    assert code == 0
    assert stdout.splitlines()[-1].startswith(f"{count} resources: {count} valid, 0 with errors (0 errors")


def test_an_invalid_fixture_exits_1_and_names_the_path_and_the_rule() -> None:
    fixture = INVALID_DIR / "srh-network-member" / "no-relationship.json"
    expected = read_json(fixture.with_name("no-relationship.expected.json"))

    code, stdout, _ = run("validate", str(fixture))

    assert code == 1
    assert str(fixture) in stdout
    assert expected["expect"]["path"] in stdout
    assert "1 with errors" in stdout.splitlines()[-1]


def test_json_output_is_one_operation_outcome_per_resource(tmp_path: Path) -> None:
    ndjson = tmp_path / "network.ndjson"
    lines = [json.dumps(read_json(path)) for path in sorted(EXAMPLE_DIR.glob("RelatedPerson-*.json"))]
    ndjson.write_text("\n".join(lines) + "\n\n")

    code, stdout, _ = run("validate", "--format", "json", str(ndjson))

    assert code == 0
    assert sources_of(stdout) == [f"{ndjson}:{n}" for n in range(1, len(lines) + 1)]
    assert json.loads(stdout.splitlines()[0])["extension"][0]["url"] == SOURCE_EXTENSION


def test_a_broken_ndjson_line_is_reported_and_the_rest_still_validated(tmp_path: Path) -> None:
    ndjson = tmp_path / "mixed.ndjson"
    ndjson.write_text(f"{json.dumps(read_json(SISTER))}\n{{not json\n{json.dumps({'name': 'no type'})}\n")

    code, stdout, _ = run("validate", "--format", "json", str(ndjson))

    outcomes = [json.loads(line) for line in stdout.splitlines()]
    assert code == 1
    assert [o["issue"][0]["severity"] for o in outcomes] == ["warning", "fatal", "fatal"]  # dom-6: no narrative
    assert "not valid JSON" in outcomes[1]["issue"][0]["diagnostics"]
    assert "no resourceType" in outcomes[2]["issue"][0]["diagnostics"]


def test_each_bundle_entry_is_validated_on_its_own(tmp_path: Path) -> None:
    broken = read_json(SISTER)
    del broken["relationship"]
    entries = [{"fullUrl": f"urn:uuid:0d9c1f5e-6a8b-4c2d-9e3f-00000000000{n}", "resource": resource}
               for n, resource in enumerate((read_json(SISTER), broken))]
    path, (code, stdout, _) = validated_bundle(tmp_path, "collection", entries)

    outcomes = [json.loads(line) for line in stdout.splitlines()]
    assert code == 1
    assert sources_of(stdout) == [f"{path}#Bundle", f"{path}#Bundle.entry[0]", f"{path}#Bundle.entry[1]"]
    assert [any(i["severity"] == "error" for i in o["issue"]) for o in outcomes] == [False, False, True]


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert run("validate")[0] == 2
    assert run("validate", str(tmp_path / "missing.json"))[0] == 2
    assert run("validate", "--format", "xml", str(SISTER))[0] == 2


def test_progress_bar_goes_to_stderr_and_leaves_stdout_clean(tmp_path: Path) -> None:
    code, stdout, stderr = run("validate", "--progress", "--format", "json", str(SISTER))

    assert code == 0
    assert len(stdout.splitlines()) == 1
    assert "Validating" in stderr


def test_the_bundle_itself_is_validated_before_its_entries(tmp_path: Path) -> None:
    # Two entries share one fullUrl (bdl-7) and a transaction entry has no request (bdl-3): rules of the Bundle, which
    # no entry's own outcome can show. Each entry is valid on its own and is still reported on its own, once.
    entries = [{"fullUrl": "urn:uuid:3f1b8a52-0d3e-4b0e-9a57-6f1f0c1d2e3a", "resource": read_json(SISTER)}] * 2
    path, (code, stdout, _) = validated_bundle(tmp_path, "transaction", entries)

    outcomes = [json.loads(line) for line in stdout.splitlines()]
    assert code == 1
    assert sources_of(stdout) == [f"{path}#Bundle", f"{path}#Bundle.entry[0]", f"{path}#Bundle.entry[1]"]
    own = {i.get("diagnostics", "").split(":")[1].strip() for i in outcomes[0]["issue"] if "bdl-" in i["diagnostics"]}
    assert {"bdl-3", "bdl-7"} <= own
    assert [any(i["severity"] == "error" for i in o["issue"]) for o in outcomes[1:]] == [False, False]
    assert not any("Bundle.entry[0].resource" in e for i in outcomes[0]["issue"] for e in i.get("expression", []))


def test_a_folder_is_read_in_the_order_of_its_paths_part_by_part_without_hidden_files_or_linked_folders(
        tmp_path: Path) -> None:
    for name in ["b.json", "a-b.json", "a/z.ndjson", "a/b/c.json", "a.json", "notes.txt", ".git/x.json",
                 "a/.hidden.json", "c.jsonl", "outside/o.json"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("{}")
    (tmp_path / "a" / "linked").symlink_to(tmp_path / "outside", target_is_directory=True)
    (tmp_path / "a" / "link.json").symlink_to(tmp_path / "b.json")

    listed = expand_paths([tmp_path / "b.json", tmp_path])

    assert [str(path.relative_to(tmp_path)) for path in listed] == [
        "b.json", "a/b/c.json", "a/link.json", "a/z.ndjson", "a-b.json", "a.json", "b.json", "c.jsonl",
        "outside/o.json"]
    assert listed[1:] == sorted(listed[1:])


def test_a_folder_that_cannot_be_listed_is_passed_over_and_the_rest_validated(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden-from-us.json").write_text("{}")
    shutil.copy(SISTER, tmp_path / SISTER.name)
    scandir = os.scandir

    def refusing(path: Any) -> Any:  # root reads every folder, whatever its mode: refuse as a locked one would
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)

    assert expand_paths([tmp_path]) == [tmp_path / SISTER.name]
    assert run("validate", str(tmp_path))[0] == 0
