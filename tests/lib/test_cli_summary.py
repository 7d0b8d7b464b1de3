"""`srh-fhir summary`: the network analysis of a client from files, as JSON or text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from paths import EXAMPLE_DIR, read_json, resource_files

from srh_fhir.cli import main
from srh_fhir.terminology import BasicNeed, ObservationCode

INGRID = "Patient/ingrid-de-vries"
ON, SINCE = "2026-10-01", "2026-04-01"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def raw_network(patient: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The example RelatedPersons and tie assessment Observations of one client, as plain JSON."""
    resources = [read_json(path) for path in resource_files(EXAMPLE_DIR)]
    members = [r for r in resources if r["resourceType"] == "RelatedPerson" and r["patient"]["reference"] == patient]
    ties = [
        r for r in resources
        if r["resourceType"] == "Observation" and r["subject"]["reference"] == patient
        and any(c["code"] == ObservationCode.TIE_ASSESSMENT.value for c in r["code"]["coding"])
    ]  # fmt: skip
    return members, ties


def current_on(member: dict[str, Any], day: str) -> bool:
    period = member.get("period", {})
    return period.get("start", "0000")[:10] <= day and period.get("end", "9999")[:10] >= day


def needs_met_on(day: str, patient: str) -> dict[str, set[str]]:
    """Independent reading of the raw examples: need code -> member references, from each latest assessment."""
    members, ties = raw_network(patient)
    current = {f"RelatedPerson/{m['id']}" for m in members if current_on(m, day)}
    latest: dict[str, dict[str, Any]] = {}
    for tie in sorted(ties, key=lambda t: t["effectiveDateTime"]):
        if tie["focus"][0]["reference"] in current and tie["effectiveDateTime"][:10] <= day:
            latest[tie["focus"][0]["reference"]] = tie
    needs: dict[str, set[str]] = {need.value: set() for need in BasicNeed}
    for member, tie in latest.items():
        for component in tie["component"]:
            if component["code"]["coding"][0]["code"] == "basic-need-met":
                needs[component["valueCodeableConcept"]["coding"][0]["code"]].add(member)
    return needs


def test_json_summary_agrees_with_the_raw_examples() -> None:
    code, stdout, _ = run("summary", str(EXAMPLE_DIR), "--patient", "ingrid-de-vries", "--on", ON, "--format", "json")

    summary = json.loads(stdout)
    members, _ = raw_network(INGRID)
    expected_needs = needs_met_on(ON, INGRID)
    assert code == 0
    assert summary["patient"] == INGRID and summary["on"] == ON
    assert summary["size"] == sum(current_on(m, ON) for m in members)
    assert {n["code"]: {m["reference"] for m in n["metBy"]} for n in summary["basicNeeds"]} == expected_needs
    assert summary["unmetNeeds"] == [need for need, met in expected_needs.items() if not met]
    assert summary["weak"] is bool(summary["unmetNeeds"])
    assert sum(summary["bySector"].values()) == summary["size"] == sum(summary["byRing"].values())


def test_change_since_a_day_lists_who_joined_and_left() -> None:
    code, stdout, _ = run("summary", str(EXAMPLE_DIR), "--patient", INGRID, "--on", ON, "--since", SINCE,
                          "--format", "json")  # fmt: skip

    change = json.loads(stdout)["change"]
    members, _ = raw_network(INGRID)
    joined = {f"RelatedPerson/{m['id']}" for m in members if current_on(m, ON) and not current_on(m, SINCE)}
    left = {f"RelatedPerson/{m['id']}" for m in members if current_on(m, SINCE) and not current_on(m, ON)}
    before, after = needs_met_on(SINCE, INGRID), needs_met_on(ON, INGRID)
    assert code == 0
    assert joined and left, "the examples have a member joining and one leaving between these days"
    assert (set(change["joined"]), set(change["left"])) == (joined, left)
    assert change["needsNowMet"] == [need for need in before if not before[need] and after[need]]


def test_text_summary_in_dutch_names_members_and_needs() -> None:
    code, stdout, _ = run("summary", str(EXAMPLE_DIR), "--patient", INGRID, "--on", ON, "--language", "nl")

    assert code == 0
    assert stdout.startswith(f"Netwerk van {INGRID} op {ON}")
    assert BasicNeed.ATTACHMENT.label("nl") in stdout
    assert "Anja" in stdout


def test_weak_network_is_flagged(tmp_path: Path) -> None:
    members, ties = raw_network(INGRID)
    sister = next(m for m in members if m["id"] == "ingrid-sister-anja")
    sister_ties = [t for t in ties if t["focus"][0]["reference"] == "RelatedPerson/ingrid-sister-anja"]
    (tmp_path / "sister.ndjson").write_text("\n".join(json.dumps(r) for r in [sister, *sister_ties]))

    code, stdout, _ = run("summary", str(tmp_path), "--on", date.today().isoformat(), "--format", "json")

    summary = json.loads(stdout)
    assert code == 0
    assert summary["size"] == 1 and summary["weak"] is True
    assert BasicNeed.BELONGING.value in summary["unmetNeeds"]


def test_several_clients_need_a_patient_and_a_broken_resource_is_reported(tmp_path: Path) -> None:
    assert run("summary", str(EXAMPLE_DIR))[0] == 2
    assert run("summary")[0] == 2

    broken = read_json(EXAMPLE_DIR / "RelatedPerson-ingrid-sister-anja.json")
    broken["active"] = "yes"
    (tmp_path / "broken.json").write_text(json.dumps(broken))
    code, stdout, stderr = run("summary", str(EXAMPLE_DIR), str(tmp_path), "--patient", INGRID, "--format", "json")
    assert code == 1
    assert "broken.json" in stderr and "RelatedPerson.active" in stderr
    assert json.loads(stdout)["patient"] == INGRID


def test_summary_from_a_server_equals_the_summary_from_files(fhir_base: str) -> None:
    from srh_fhir.client import FHIRClient

    members, ties = raw_network(INGRID)
    patient = read_json(EXAMPLE_DIR / "Patient-ingrid-de-vries.json")
    entries = [
        {"resource": r, "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"}}
        for r in [patient, *members, *ties]
    ]
    with FHIRClient(fhir_base) as client:
        client.transaction(entries)
    options = ("--patient", INGRID, "--on", ON, "--since", SINCE, "--format", "json")

    from_server = run("summary", "--server", fhir_base, *options)
    from_files = run("summary", str(EXAMPLE_DIR), *options)

    assert from_server[0] == 0, from_server[2]
    assert json.loads(from_server[1]) == json.loads(from_files[1])


def test_server_and_files_do_not_mix() -> None:
    assert run("summary", str(EXAMPLE_DIR), "--server", "http://127.0.0.1:9/fhir", "--patient", INGRID)[0] == 2
    assert run("summary", "--server", "http://127.0.0.1:9/fhir")[0] == 2
