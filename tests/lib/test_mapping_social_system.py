"""The social system's changes the workspace makes (a participant added, ended, put back, given another role) map
back to the CareTeam losslessly: what the model does not hold stays where it was, and the result is valid."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

from paths import EXAMPLE_DIR, read_json

from srh_fhir.mapping import from_fhir, to_fhir
from srh_fhir.model import FhirDate, Participant, Period, SocialSystem
from srh_fhir.terminology import TeamRole
from srh_fhir.validation import Validator, has_errors

SNOMED_NEIGHBOUR = {"system": "http://snomed.info/sct", "code": "62071000", "display": "Neighbour"}
GERRIT = 2  # the neighbour's place in the example team


def team_with_more() -> dict[str, Any]:
    """The example team with what the model does not hold on the neighbour: a SNOMED coding, text, onBehalfOf."""
    team = copy.deepcopy(read_json(EXAMPLE_DIR / "CareTeam-ingrid-social-system.json"))
    gerrit = team["participant"][GERRIT]
    gerrit["role"][0]["coding"].append(SNOMED_NEIGHBOUR)
    gerrit["role"][0]["text"] = "buurman"
    gerrit["onBehalfOf"] = {"reference": "Organization/buurtteam"}
    return team


def changed(team: SocialSystem, index: int, **changes: Any) -> SocialSystem:
    participants = list(team.participants)
    participants[index] = dataclasses.replace(participants[index], **changes)
    return dataclasses.replace(team, participants=tuple(participants))


def loaded() -> SocialSystem:
    team = from_fhir(team_with_more())
    assert isinstance(team, SocialSystem)
    return team


def test_ending_a_participant_keeps_all_else_of_them(validator: Validator) -> None:
    ended = changed(loaded(), GERRIT, period=Period(end=FhirDate("2026-12-06")))
    out = to_fhir(ended)
    expected = team_with_more()
    expected["participant"][GERRIT]["period"] = {"end": "2026-12-06"}
    assert out == expected
    assert not has_errors(validator.validate(out))
    back = changed(from_fhir(out), GERRIT, period=None)  # type: ignore[arg-type]
    assert to_fhir(back) == team_with_more()  # undo: as it was


def test_a_participant_added_at_the_end_leaves_the_others_as_they_were(validator: Validator) -> None:
    team = loaded()
    coach = Participant(
        member="Practitioner/coach", roles=(TeamRole.PROFESSIONAL,), period=Period(start=FhirDate("2026-12-06"))
    )
    out = to_fhir(dataclasses.replace(team, participants=(*team.participants, coach)))
    assert out["participant"][:-1] == team_with_more()["participant"]
    assert out["participant"][-1]["member"] == {"reference": "Practitioner/coach"}
    assert [c["code"] for c in out["participant"][-1]["role"][0]["coding"]] == ["professional"]
    assert not has_errors(validator.validate(out))


def test_another_role_replaces_the_role_and_keeps_the_rest(validator: Validator) -> None:
    """A translation or text of the old role does not describe the new one: the role concept is replaced; the
    participant's other elements stay."""
    out = to_fhir(changed(loaded(), GERRIT, roles=(TeamRole.KEY_FIGURE,)))
    gerrit = out["participant"][GERRIT]
    assert [c["code"] for c in gerrit["role"][0]["coding"]] == ["key-figure"]
    assert gerrit["onBehalfOf"] == {"reference": "Organization/buurtteam"}
    others = [p for i, p in enumerate(out["participant"]) if i != GERRIT]
    assert others == [p for i, p in enumerate(team_with_more()["participant"]) if i != GERRIT]
    assert not has_errors(validator.validate(out))
