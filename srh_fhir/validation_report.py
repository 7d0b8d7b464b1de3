"""Turn validation outcomes into what a person or a pipeline reads: text lines, tagged OperationOutcomes, totals."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any, TextIO

from srh_fhir.sources import DUPLICATE, SourceItem
from srh_fhir.validation import Validator

# The extension the HL7 validator uses to say which file an OperationOutcome is about.
SOURCE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/operationoutcome-file"
ERROR_SEVERITIES = ("fatal", "error")


def outcome_for_problem(problem: str, location: str | None = None) -> dict[str, Any]:
    """An OperationOutcome for input that could not be read as a resource at all (``location``: where, if known)."""
    issue: dict[str, Any] = {"severity": "fatal", "code": "structure", "diagnostics": problem}
    if location:
        issue["expression"] = [location]
    return {"resourceType": "OperationOutcome", "issue": [issue]}


def outcome_of(validator: Validator, item: SourceItem) -> dict[str, Any]:
    """The validation outcome of a source item: an unreadable item gets a fatal issue saying why, a property that
    appears twice an error, and a resource the validator fails on a fatal issue naming the failure, so one bad
    resource never stops a run over many."""
    if item.resource is None:
        if item.problem == DUPLICATE:
            return _outcome([_duplicate_issue(item.location or "")])
        return outcome_for_problem(item.problem or "unreadable", item.location)
    try:
        outcome = validator.validate(item.resource, entries=not item.entries_apart)
    except Exception as error:
        problem = f"the validator failed on this resource ({type(error).__name__}); please report it"
        return outcome_for_problem(problem, str(item.resource.get("resourceType", "")))
    if not item.duplicates:
        return outcome
    return _outcome([*(_duplicate_issue(path) for path in item.duplicates), *real_issues(outcome)])


def _duplicate_issue(path: str) -> dict[str, Any]:
    return {"severity": "error", "code": "structure", "diagnostics": DUPLICATE, "details": {"text": DUPLICATE},
            "expression": [path]}


def _outcome(issues: list[dict[str, Any]]) -> dict[str, Any]:
    return {"resourceType": "OperationOutcome", "issue": issues}


def with_source(outcome: dict[str, Any], source: str) -> dict[str, Any]:
    """The outcome tagged with the file (and line or Bundle entry) it is about."""
    return {**outcome, "extension": [{"url": SOURCE_EXTENSION, "valueString": source}]}


def real_issues(outcome: dict[str, Any]) -> list[dict[str, Any]]:
    """Issues worth showing: a lone 'information' issue is the all-OK message."""
    return [issue for issue in outcome.get("issue", []) if issue.get("severity") != "information"]


def write_text_report(out: TextIO, item: SourceItem, outcome: dict[str, Any]) -> None:
    """A block per resource that has errors or warnings; nothing for a clean resource."""
    issues = real_issues(outcome)
    if not issues:
        return
    resource = item.resource or {}
    name = f"{resource.get('resourceType', '?')}/{resource.get('id', '(no id)')}" if resource else ""
    out.write(f"{item.source}  {name}\n".rstrip() + "\n")
    for issue in issues:
        where = ", ".join(issue.get("expression") or issue.get("location") or [])
        message = issue.get("diagnostics") or issue.get("details", {}).get("text", "")
        out.write(f"  {issue.get('severity', '?'):<8} {where}  {message}\n".replace("   \n", "\n"))


def counts(outcome: dict[str, Any]) -> tuple[int, int]:
    """The errors (fatal included) and warnings of an outcome."""
    severities = [issue.get("severity") for issue in outcome.get("issue", [])]
    return sum(severity in ERROR_SEVERITIES for severity in severities), severities.count("warning")


@dataclass(frozen=True)
class Reported:
    """What ``srh-fhir validate`` writes for one item or a run of them, their counts and the bytes read for them."""

    text: str  # JSON lines, text blocks, or nothing (clean resources in the text report)
    resources: int
    resources_with_errors: int
    errors: int
    warnings: int
    size: int  # the progress bar counts it


def reported(item: SourceItem, outcome: dict[str, Any], output_format: str) -> Reported:
    """What ``srh-fhir validate --format OUTPUT_FORMAT`` writes for ``item``. Worker processes make it too, so that
    the report is written in parallel and only its text crosses back to the parent."""
    if output_format == "json":
        text = json.dumps(with_source(outcome, item.source), separators=(",", ":")) + "\n"
    else:
        block = io.StringIO()
        write_text_report(block, item, outcome)
        text = block.getvalue()
    errors, warnings = counts(outcome)
    return Reported(text, 1, int(errors > 0), errors, warnings, item.size)


def together(reports: list[Reported]) -> Reported:
    """One report for a run of items, in their order (a worker sends one for each chunk)."""
    return Reported("".join(r.text for r in reports), sum(r.resources for r in reports),
                    sum(r.resources_with_errors for r in reports), sum(r.errors for r in reports),
                    sum(r.warnings for r in reports), sum(r.size for r in reports))


@dataclass
class ValidationTally:
    """Running totals of a validation run."""

    resources: int = 0
    resources_with_errors: int = 0
    errors: int = 0
    warnings: int = 0

    def add(self, outcome: dict[str, Any]) -> None:
        errors, warnings = counts(outcome)
        self.resources += 1
        self.resources_with_errors += errors > 0
        self.errors += errors
        self.warnings += warnings

    def add_report(self, report: Reported) -> None:
        self.resources += report.resources
        self.resources_with_errors += report.resources_with_errors
        self.errors += report.errors
        self.warnings += report.warnings

    def summary(self) -> str:
        valid = self.resources - self.resources_with_errors
        return (
            f"{self.resources} resources: {valid} valid, {self.resources_with_errors} with errors "
            f"({self.errors} errors, {self.warnings} warnings)"
        )
