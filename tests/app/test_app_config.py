"""The app's configuration from environment variables, and the scopes it asks for and reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from joserfc.jwk import ECKey, RSAKey

from smart_app.config import settings_from_env
from smart_app.errors import ConfigError
from smart_app.scopes import Permissions, parse_clinical_scope, requested_scopes
from srh_fhir.terminology import Instrument

REQUIRED = {
    "SRH_APP_SECRET_KEY": "k" * 40,
    "SRH_APP_CLIENT_ID": "srh-public",
    "SRH_APP_ALLOWED_ISSUERS": "https://ehr.example.org/fhir/, https://other.example.org/r4",
}


def test_defaults_are_safe() -> None:
    settings = settings_from_env(REQUIRED)
    assert settings.client_type == "public" and settings.access == "online"
    assert settings.secure_cookies and settings.redis_url is None
    assert settings.allowed_issuers == ("https://ehr.example.org/fhir", "https://other.example.org/r4")
    assert settings.frame_ancestor_sources() == ("https://ehr.example.org", "https://other.example.org")
    assert settings.is_allowed_issuer("https://ehr.example.org/fhir/")
    assert not settings.is_allowed_issuer("https://ehr.example.org/fhir/evil")


def test_the_gap_in_contact_is_four_weeks_unless_set() -> None:
    assert settings_from_env(REQUIRED).contact_gap_days == 28
    assert settings_from_env({**REQUIRED, "SRH_APP_CONTACT_GAP_DAYS": "42"}).contact_gap_days == 42
    with pytest.raises(ConfigError, match="SRH_APP_CONTACT_GAP_DAYS must be a number"):
        settings_from_env({**REQUIRED, "SRH_APP_CONTACT_GAP_DAYS": "vier weken"})


def test_the_team_chooses_its_outcome_instruments_all_four_unless_set() -> None:
    assert settings_from_env(REQUIRED).instruments == tuple(Instrument)
    chosen = settings_from_env({**REQUIRED, "SRH_APP_INSTRUMENTS": " who-5, djg-11 ,who-5"}).instruments
    assert chosen == (Instrument.WHO_5, Instrument.DJG_11)
    with pytest.raises(ConfigError, match="SRH_APP_INSTRUMENTS ucla-30 is not an instrument; choose from djg-6, "):
        settings_from_env({**REQUIRED, "SRH_APP_INSTRUMENTS": "who-5,ucla-30"})
    with pytest.raises(ConfigError, match="SRH_APP_INSTRUMENTS names no instrument"):
        settings_from_env({**REQUIRED, "SRH_APP_INSTRUMENTS": ", ,"})


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_a_missing_required_variable_is_named(missing: str) -> None:
    environ = {k: v for k, v in REQUIRED.items() if k != missing}
    with pytest.raises(ConfigError, match=missing):
        settings_from_env(environ)


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"SRH_APP_SECRET_KEY": "short"}, "SRH_APP_SECRET_KEY"),
        ({"SRH_APP_CLIENT_TYPE": "confidential-symmetric"}, "SRH_APP_CLIENT_SECRET"),
        ({"SRH_APP_CLIENT_TYPE": "confidential-asymmetric"}, "SRH_APP_PRIVATE_KEYS"),
        ({"SRH_APP_CLIENT_TYPE": "secret"}, "SRH_APP_CLIENT_TYPE"),
        ({"SRH_APP_ACCESS": "forever"}, "SRH_APP_ACCESS"),
        ({"SRH_APP_ALLOWED_ISSUERS": "ftp://ehr.example.org"}, "SRH_APP_ALLOWED_ISSUERS"),
        ({"SRH_APP_DEFAULT_ISSUER": "https://elsewhere.example.org/fhir"}, "SRH_APP_DEFAULT_ISSUER"),
        ({"SRH_APP_REDIS_URL": "http://cache"}, "SRH_APP_REDIS_URL"),
        ({"SRH_APP_SESSION_HOURS": "soon"}, "SRH_APP_SESSION_HOURS"),
        ({"SRH_APP_SECURE_COOKIES": "yes"}, "SRH_APP_SECURE_COOKIES"),
        ({"SRH_APP_PRIVATE_KEYS": "/nonexistent/key.pem"}, "SRH_APP_PRIVATE_KEYS"),
    ],
)
def test_a_bad_value_is_named(changes: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        settings_from_env({**REQUIRED, **changes})


def test_asymmetric_keys_from_pem_and_jwk_files(tmp_path: Path) -> None:
    (tmp_path / "rsa.pem").write_bytes(RSAKey.generate_key(2048).as_pem(private=True))
    ec = ECKey.generate_key("P-384")
    (tmp_path / "ec.json").write_text(json.dumps(ec.as_dict(private=True)))
    settings = settings_from_env(
        {
            **REQUIRED,
            "SRH_APP_CLIENT_TYPE": "confidential-asymmetric",
            "SRH_APP_PRIVATE_KEYS": f"{tmp_path / 'rsa.pem'},{tmp_path / 'ec.json'}",
            "SRH_APP_KEY_IDS": "rsa-2026,ec-2026",
        }
    )
    assert [(k.algorithm, k.kid) for k in settings.signing_keys] == [("RS384", "rsa-2026"), ("ES384", "ec-2026")]
    assert settings.signing_key_for(("ES384",)).kid == "ec-2026"
    with pytest.raises(ConfigError, match=r"algorithm the server accepts \(PS256\)"):
        settings.signing_key_for(("PS256",))


def test_a_public_key_or_a_wrong_curve_is_refused(tmp_path: Path) -> None:
    (tmp_path / "public.pem").write_bytes(RSAKey.generate_key(2048).as_pem(private=False))
    (tmp_path / "p256.json").write_text(json.dumps(ECKey.generate_key("P-256").as_dict(private=True)))
    for name, reason in (("public.pem", "a public key was given"), ("p256.json", "an EC key on P-384, not P-256")):
        environ = {
            **REQUIRED,
            "SRH_APP_CLIENT_TYPE": "confidential-asymmetric",
            "SRH_APP_PRIVATE_KEYS": str(tmp_path / name),
        }
        with pytest.raises(ConfigError, match=reason):
            settings_from_env(environ)


# -- scopes ------------------------------------------------------------------------------------------------------


def test_v2_and_v1_scope_requests_are_never_mixed() -> None:
    v2 = requested_scopes(v2=True, ehr_launch=True, access="none").split()
    v1 = requested_scopes(v2=False, ehr_launch=False, access="offline").split()
    assert "patient/RelatedPerson.cruds" in v2 and "patient/Patient.rs" in v2
    assert not any(s.endswith((".read", ".write")) for s in v2)
    assert "patient/Patient.read" in v1 and "patient/Patient.write" not in v1
    assert not any(s.endswith((".rs", ".crus", ".cruds")) for s in v1)
    assert "online_access" not in v2 and "offline_access" not in v2 and "offline_access" in v1
    assert "launch/patient" in v1 and "launch" not in v1


def test_professionals_are_read_with_user_scopes_only_to_name_them() -> None:
    v2 = requested_scopes(v2=True, ehr_launch=True, access="none").split()
    v1 = requested_scopes(v2=False, ehr_launch=True, access="none").split()
    professionals = ("Practitioner", "PractitionerRole", "Organization")
    assert {f"user/{kind}.rs" for kind in professionals} <= set(v2)
    assert {f"user/{kind}.read" for kind in professionals} <= set(v1)
    assert not any(s.startswith("user/") and not s.endswith((".rs", ".read")) for s in v1 + v2)
    assert Permissions(" ".join(v2)).reads_professionals
    assert not Permissions("patient/Patient.rs user/Practitioner.rs").reads_professionals


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ("patient/RelatedPerson.cruds", ("patient", "RelatedPerson", "cruds", False)),
        ("patient/Observation.rs?category=survey", ("patient", "Observation", "rs", True)),
        ("user/*.read", ("user", "*", "rs", False)),
        ("patient/Goal.write", ("patient", "Goal", "cud", False)),
        ("patient/Goal.*", ("patient", "Goal", "cruds", False)),
        ("patient/Goal.rc", None),  # v2 actions must keep the order c r u d s
        ("launch/patient", None),
        ("openid", None),
    ],
)
def test_clinical_scopes_are_parsed(scope: str, expected: tuple[str, str, str, bool] | None) -> None:
    grant = parse_clinical_scope(scope)
    if expected is None:
        assert grant is None
    else:
        assert grant is not None
        assert (grant.context, grant.resource, "".join(a for a in "cruds" if a in grant.actions), grant.narrowed) == (
            expected
        )


@pytest.mark.parametrize(
    ("granted", "read_only"),
    [
        ("launch openid patient/RelatedPerson.cruds", False),
        ("launch openid patient/RelatedPerson.rs patient/Observation.cruds", True),
        ("launch patient/*.read", True),
        ("launch patient/*.write", False),  # v1 write: create and update (read must be granted on its own)
        ("launch patient/RelatedPerson.c?patient=123", True),  # narrowed: not a grant to write freely
        ("", True),
    ],
)
def test_read_only_follows_the_granted_scope(granted: str, read_only: bool) -> None:
    assert Permissions(granted).read_only is read_only


def test_write_access_does_not_imply_read_access() -> None:
    permissions = Permissions("patient/RelatedPerson.cud")
    assert permissions.can_create("RelatedPerson") and not permissions.can_read("RelatedPerson")
