"""Practical support moves from the basic needs to the kinds of support: the migration and `srh-fhir migrate-needs`."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from paths import EXAMPLE_DIR, INVALID_DIR, read_json, resource_files

from srh_fhir import BasicNeed, SupportType, TieAssessment, from_fhir, migrate_practical_support
from srh_fhir.cli import main
from srh_fhir.validation import Validator, has_errors

OLD_TIE = INVALID_DIR / "srh-tie-assessment" / "practical-support-as-basic-need.json"
NEED = "https://srh-fhir.github.io/fhir/CodeSystem/srh-basic-need"
OLD_CODING = {"system": NEED, "code": "practical-support", "display": "Praktische steun"}


def codes(resource: dict[str, Any]) -> list[str]:
    return [f"{c['code']['coding'][0]['code']}:{c['valueCodeableConcept']['coding'][0]['code']}"
            for c in resource["component"]]


def test_an_old_tie_assessment_records_practical_support_as_support_given(validator: Validator) -> None:
    old = read_json(OLD_TIE)
    assert has_errors(validator.validate(old))

    new = migrate_practical_support(old)

    assert not has_errors(validator.validate(new)), validator.validate(new)
    assert new["id"] == old["id"]  # the same record, so the server keeps the old one as an earlier version
    assert "basic-need-met:practical-support" not in codes(new)
    assessment = from_fhir(new)
    assert isinstance(assessment, TieAssessment)
    assert assessment.basic_needs_met == (BasicNeed.RECOGNITION,)
    assert assessment.support_given == (SupportType.INFORMATIONAL, SupportType.PRACTICAL)  # no second one


def test_a_practical_support_need_without_that_support_type_gains_it_after_the_other_support() -> None:
    old = read_json(OLD_TIE)
    old["component"] = [c for c in old["component"] if codes({"component": [c]}) != ["support-given:practical"]]

    new = migrate_practical_support(old)

    assert codes(new)[:5] == ["closeness:close", "contact-frequency:weekly", "support-given:informational",
                              "support-given:practical", "basic-need-met:recognition"]


def test_the_argument_is_not_changed_and_a_second_run_changes_nothing() -> None:
    old = read_json(OLD_TIE)
    before = copy.deepcopy(old)

    once = migrate_practical_support(old)

    assert old == before
    assert migrate_practical_support(once) == once


@pytest.mark.parametrize("path", resource_files(EXAMPLE_DIR), ids=lambda p: p.name)
def test_current_resources_come_back_unchanged(path: Path) -> None:
    resource = read_json(path)
    assert migrate_practical_support(resource) == resource


def test_goals_and_plan_activities_lose_the_old_code_and_keep_the_rest() -> None:
    goal = read_json(EXAMPLE_DIR / "Goal-mohamed-goal-debts.json")
    old_goal = goal | {"category": [*goal["category"], {"coding": [OLD_CODING]}]}
    assert migrate_practical_support(old_goal) == goal

    plan = read_json(EXAMPLE_DIR / "CarePlan-ingrid-support-plan.json")
    old_plan = copy.deepcopy(plan)
    old_plan["activity"][3]["detail"]["reasonCode"] = [{"coding": [OLD_CODING]}]
    old_plan["activity"][4]["detail"]["reasonCode"].append({"coding": [OLD_CODING], "text": "praktisch"})
    new_plan = migrate_practical_support(old_plan)
    assert "reasonCode" not in new_plan["activity"][3]["detail"]
    assert new_plan["activity"][4]["detail"]["reasonCode"] == [*plan["activity"][4]["detail"]["reasonCode"],
                                                               {"text": "praktisch"}]


def test_the_command_writes_only_what_changed_as_ndjson(tmp_path: Path) -> None:
    folder = tmp_path / "pulled"
    folder.mkdir()
    (folder / "old.json").write_text(OLD_TIE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "current.json").write_text((EXAMPLE_DIR / "Goal-mohamed-goal-debts.json").read_text("utf-8"), "utf-8")
    out = tmp_path / "migrated.ndjson"

    result = CliRunner().invoke(main, ["migrate-needs", str(folder), "--out", str(out)])

    assert result.exit_code == 0, result.output
    assert "1 resource(s) migrated" in result.stderr
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == migrate_practical_support(read_json(OLD_TIE))
