"""`srh-fhir import-network`: a spreadsheet of network members becomes a valid transaction Bundle, or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from srh_fhir.cli import main
from srh_fhir.errors import NetworkImportError
from srh_fhir.mapping import from_fhir
from srh_fhir.model import NetworkMember, TieAssessment
from srh_fhir.network_import import read_network_csv
from srh_fhir.terminology import BasicNeed, Closeness, NetworkSector, Reciprocity, SupportType
from srh_fhir.validation import Validator, has_errors

DUTCH = """Naam;Relatie;Rolcode;Sector;Telefoon;Sinds;Nabijheid;Basisbehoeften;Wederkerigheid;Valentie
Anja Hoekstra;zus;SIS;Familie;06-22334455;1-5-2020;zeer dichtbij;"hechting; emotionele steun";wederzijds;steunend
Gerrit;buurman;NBOR;buurt;;;op afstand;zorg geven en ontvangen;member-gives;
Wim;maatje;;Zorg en vrijwilligers;;;;;;
"""
ENGLISH = """name,relationship,sector,email,closeness,needs,assessed
Hennie,choir friend,leisure,hennie@example.org,close,belonging|recognition,2026-09-14
"""


def run(csv_text: str, tmp_path: Path, *options: str) -> tuple[int, str, str, Path]:
    source = tmp_path / "network.csv"
    source.write_text(csv_text, encoding="utf-8")
    out = tmp_path / "bundle.json"
    args = ["import-network", str(source), "--patient", "ingrid-de-vries", "--out", str(out), *options]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.stdout, result.stderr, out


def test_dutch_spreadsheet_becomes_a_valid_transaction(tmp_path: Path) -> None:
    code, _, stderr, out = run(DUTCH, tmp_path, "--assessed", "2026-11-01")

    bundle = json.loads(out.read_text())
    resources = [entry["resource"] for entry in bundle["entry"]]
    assert code == 0, stderr
    assert bundle["type"] == "transaction"
    assert [r["resourceType"] for r in resources] == ["RelatedPerson", "Observation"] * 2 + ["RelatedPerson"]
    for entry in bundle["entry"]:
        assert entry["request"] == {"method": "POST", "url": entry["resource"]["resourceType"]}
    validator = Validator()
    assert not [r for r in resources if has_errors(validator.validate(r))]

    anja, anja_tie = from_fhir(resources[0]), from_fhir(resources[1])
    assert isinstance(anja, NetworkMember) and isinstance(anja_tie, TieAssessment)
    assert (anja.display_name, anja.sector, anja.role_codes, anja.patient) == (
        "Anja Hoekstra", NetworkSector.FAMILY, ("SIS",), "Patient/ingrid-de-vries")
    assert anja.period is not None and str(anja.period.start) == "2020-05-01"
    assert anja_tie.member == bundle["entry"][0]["fullUrl"]
    assert anja_tie.basic_needs_met == (BasicNeed.ATTACHMENT, BasicNeed.EMOTIONAL_SUPPORT)
    assert (anja_tie.closeness, anja_tie.reciprocity, str(anja_tie.date)) == (
        Closeness.VERY_CLOSE, Reciprocity.MUTUAL, "2026-11-01")  # fmt: skip
    wim = from_fhir(resources[4])
    assert isinstance(wim, NetworkMember) and wim.sector is NetworkSector.CARE_VOLUNTEERS and wim.role_codes == ()


def test_english_headers_commas_and_a_date_per_row(tmp_path: Path) -> None:
    members = read_network_csv(ENGLISH, "Patient/p1")

    assert len(members) == 1
    hennie = members[0]
    assert hennie.member.telecoms[0].value == "hennie@example.org"
    assert hennie.assessment is not None
    assert str(hennie.assessment.date) == "2026-09-14"
    assert hennie.assessment.basic_needs_met == (BasicNeed.BELONGING, BasicNeed.RECOGNITION)


def test_every_bad_cell_is_reported_by_row_and_column_and_nothing_is_written(tmp_path: Path) -> None:
    bad = (
        "name;relationship;sector;since;closeness;needs\n"
        "Anja;sister;family;2020-05-01;close;attachment\n"
        ";friend;work;;;\n"
        "Gerrit;neighbour;street;31-02-2020;near;attachment; hugs\n"
    )

    code, _, stderr, out = run(bad, tmp_path)

    assert code == 1
    assert not out.exists()
    assert "row 3, column 'name': required, but empty" in stderr
    for column in ("sector", "since", "closeness"):
        assert f"row 4, column '{column}'" in stderr
    assert "nothing was written" in stderr


def test_practical_support_under_the_needs_is_sent_to_the_support_column() -> None:
    with pytest.raises(NetworkImportError, match="row 2, column 'needs'") as raised:
        read_network_csv("naam;relatie;steun;basisbehoeften\nGerrit;buurman;;praktische steun\n", "Patient/p1")

    assert "a kind of support, not a basic need: put it in the support column" in str(raised.value.problems[0])
    (member,) = read_network_csv("naam;relatie;steun\nGerrit;buurman;praktische steun\n", "Patient/p1")
    assert member.assessment is not None and member.assessment.support_given == (SupportType.PRACTICAL,)


def test_unknown_and_missing_columns_are_header_problems() -> None:
    with pytest.raises(NetworkImportError, match="row 1, column 'leeftijd': unknown column") as raised:
        read_network_csv("naam,leeftijd\nAnja,52\n", "Patient/p1")

    problems = {(p.row, p.column) for p in raised.value.problems}
    assert problems == {(1, "leeftijd"), (1, "relationship")}


def test_a_role_code_outside_the_value_set_is_refused_by_validation(tmp_path: Path) -> None:
    code, _, stderr, out = run("name,relationship,role code\nAnja,sister,DOCTOR\n", tmp_path)

    assert code == 1
    assert not out.exists()
    assert "row 2" in stderr and "RelatedPerson.relationship[0].coding[0]" in stderr


def test_an_empty_file_is_an_error() -> None:
    with pytest.raises(NetworkImportError, match="header"):
        read_network_csv("", "Patient/p1")
    with pytest.raises(NetworkImportError, match="no rows"):
        read_network_csv("name,relationship\n", "Patient/p1")


def test_the_bundle_is_accepted_by_a_real_server_that_validates_writes(tmp_path: Path, fhir_base: str) -> None:
    from srh_fhir.client import FHIRClient

    with FHIRClient(fhir_base) as client:
        patient = client.create({"resourceType": "Patient", "name": [{"family": "de Vries", "given": ["Ingrid"]}]})
        source = tmp_path / "network.csv"
        source.write_text(DUTCH, encoding="utf-8")
        out = tmp_path / "bundle.json"
        args = ["import-network", str(source), "--patient", patient["id"], "--out", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.stderr

        response = client.transaction(json.loads(out.read_text()))

        locations = [entry["response"]["location"] for entry in response["entry"]]
        types = [location.split("/")[0] for location in locations]
        assert types == ["RelatedPerson", "Observation"] * 2 + ["RelatedPerson"]
        anja_tie = client.read("Observation", locations[1].split("/")[1])
        assert anja_tie["focus"][0]["reference"] == "/".join(locations[0].split("/")[:2])
        assert anja_tie["subject"]["reference"] == f"Patient/{patient['id']}"
