"""Validation issues and the OperationOutcome they become (the same shape HAPI's validator answers with)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

NO_ISSUES = "No issues detected during validation"
ERROR_SEVERITIES = frozenset({"error", "fatal"})


@dataclass(frozen=True)
class Issue:
    """One finding: severity (fatal/error/warning/information), IssueType code, FHIRPath expression, message."""

    severity: str
    code: str
    expression: str
    message: str
    message_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        issue: dict[str, Any] = {
            "severity": self.severity,
            "code": self.code,
            "details": {"text": self.message},
            "diagnostics": self.message,
            "expression": [self.expression],
        }
        if self.message_id:
            issue["details"]["coding"] = [{"system": "http://hl7.org/fhir/java-core-messageId",
                                           "code": self.message_id}]
        return issue


def operation_outcome(issues: Iterable[Issue]) -> dict[str, Any]:
    """An OperationOutcome of the issues (duplicates dropped, order kept), or one 'all OK' information issue."""
    unique = list(dict.fromkeys(issues))
    if not unique:
        return {"resourceType": "OperationOutcome", "issue": [
            {"severity": "information", "code": "informational", "details": {"text": NO_ISSUES},
             "diagnostics": NO_ISSUES}]}
    return {"resourceType": "OperationOutcome", "issue": [issue.to_dict() for issue in unique]}


def has_errors(outcome: Mapping[str, Any]) -> bool:
    """True when the OperationOutcome has an issue of severity error or fatal."""
    return any(issue.get("severity") in ERROR_SEVERITIES for issue in outcome.get("issue", []))


def error_paths(outcome: Mapping[str, Any]) -> set[str]:
    """The expressions of the outcome's error and fatal issues."""
    return {path for issue in outcome.get("issue", []) if issue.get("severity") in ERROR_SEVERITIES
            for path in issue.get("expression", [])}
