"""Credentials of ``srh-fhir pull``/``push``: a bearer token or SMART Backend Services (played by ``responses``)."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs

import responses
from click.testing import CliRunner
from joserfc import jwt
from joserfc.jwk import ECKey

from srh_fhir.cli_server import pull
from srh_fhir.repository import OBSERVATION_CODE_SYSTEM, TIE_ASSESSMENT_CODE

BASE = "https://ehr.example/fhir"
TOKEN_URL = "https://ehr.example/auth/token"
TIE_ASSESSMENT = {
    "resourceType": "Observation",
    "id": "o1",
    "code": {"coding": [{"system": OBSERVATION_CODE_SYSTEM, "code": TIE_ASSESSMENT_CODE}]},
    "focus": [{"reference": "RelatedPerson/m1"}],
}
SEARCHSET = {
    "resourceType": "Bundle",
    "type": "searchset",
    "entry": [
        {"resource": {"resourceType": "Patient", "id": "p1"}, "search": {"mode": "match"}},
        {
            "resource": {"resourceType": "RelatedPerson", "id": "m1", "patient": {"reference": "Patient/p1"}},
            "search": {"mode": "include"},
        },
        {"resource": TIE_ASSESSMENT, "search": {"mode": "include"}},  # so the iterate is known to be honoured
    ],
}
# The picture and the client's needs gradings (none here), asked in one batch.
BATCH = {
    "resourceType": "Bundle",
    "type": "batch-response",
    "entry": [
        {"resource": SEARCHSET, "response": {"status": "200 OK"}},
        {"resource": {"resourceType": "Bundle", "type": "searchset"}, "response": {"status": "200 OK"}},
    ],
}


def test_pull_with_a_bearer_token_from_the_environment(mocked: responses.RequestsMock, tmp_path: Path) -> None:
    mocked.post(BASE, json=BATCH)
    result = CliRunner().invoke(
        pull, ["--server", BASE, "--patient", "p1", "--out", str(tmp_path)], env={"SRH_FHIR_TOKEN": "env-token"}
    )
    assert result.exit_code == 0, result.output
    assert mocked.calls[0].request.headers["Authorization"] == "Bearer env-token"
    assert "3 resources of Patient/p1 in 1 round trip(s)" in result.output


def test_pull_with_backend_services_found_by_discovery(mocked: responses.RequestsMock, tmp_path: Path) -> None:
    key = ECKey.generate_key("P-384", private=True)
    key_file = tmp_path / "key.jwk"
    key_file.write_text(json.dumps(key.as_dict(private=True)))
    public = ECKey.import_key(key.as_dict(private=False))
    mocked.get(
        f"{BASE}/.well-known/smart-configuration",
        json={"token_endpoint": TOKEN_URL, "grant_types_supported": ["client_credentials"]},
    )
    assertions: list[dict[str, object]] = []

    def token_endpoint(request: object) -> tuple[int, dict[str, str], str]:
        form = {k: v[0] for k, v in parse_qs(request.body).items()}  # type: ignore[attr-defined]
        assertions.append(jwt.decode(form["client_assertion"], public, algorithms=["ES384"]).claims)
        return 200, {}, json.dumps({"access_token": "smart-token", "token_type": "bearer", "expires_in": 300})

    mocked.add_callback(responses.POST, TOKEN_URL, callback=token_endpoint)
    mocked.post(BASE, json=BATCH)

    where = ["--server", BASE, "--patient", "p1", "--out", str(tmp_path / "out"), "--format", "ndjson"]
    credentials = ["--client-id", "nightly", "--private-key", str(key_file), "--scope", "system/*.rs"]
    result = CliRunner().invoke(pull, [*where, *credentials])

    assert result.exit_code == 0, result.output
    assert [a["iss"] for a in assertions] == ["nightly"]
    fhir_call = next(c for c in mocked.calls if c.request.url.rstrip("/") == BASE)
    assert fhir_call.request.headers["Authorization"] == "Bearer smart-token"
    assert (tmp_path / "out" / "RelatedPerson.ndjson").read_text().count("\n") == 1


def test_a_refused_token_is_reported_without_a_traceback(mocked: responses.RequestsMock, tmp_path: Path) -> None:
    mocked.get(f"{BASE}/Patient", status=401)
    result = CliRunner().invoke(pull, ["--server", BASE, "--patient", "p1", "--out", str(tmp_path), "--token", "old"])
    assert result.exit_code == 1
    assert "error: " in result.output and "Traceback" not in result.output
