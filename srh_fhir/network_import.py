"""Turn a spreadsheet of network members (CSV) into a FHIR transaction Bundle.

One row per member. Headers may be English or Dutch, in any order and any case; cells of coded columns take the
code or its Dutch or English label (``family``, ``Familie``); lists are separated by ``;`` or ``|``. The delimiter
(comma or semicolon, as Dutch spreadsheet programs write) is detected.

| column (English / Dutch)                 | required | content                                               |
|------------------------------------------|----------|-------------------------------------------------------|
| name / naam                              | yes      | the member's name                                     |
| relationship / relatie                   | yes      | how they relate to the client, in words ("zus")       |
| role code / rolcode                      | no       | HL7 v3 RoleCode of the relationship (SIS, FRND, NBOR) |
| sector                                   | no       | network sector                                        |
| phone / telefoon, email / e-mail         | no       | contact details                                       |
| since / sinds                            | no       | start of the tie (2024-05-01 or 1-5-2024)             |
| closeness / nabijheid                    | no       | very-close, close, distant                            |
| contact / contactfrequentie              | no       | daily, weekly, monthly, few-times-a-year, rarely      |
| support / steun                          | no       | kinds of support given (list)                         |
| needs / basisbehoeften                   | no       | basic needs the member meets (list)                   |
| reciprocity / wederkerigheid             | no       | member-gives, client-gives, mutual                    |
| valence / valentie                       | no       | supportive, ambivalent, straining                     |
| assessed / beoordeeld                    | no       | date of the tie assessment (default: the import date) |

A row with any tie column also yields a tie assessment. Every bad cell of every row is reported (row numbers as a
spreadsheet program shows them, the header being row 1) and then nothing is produced: the import is all or nothing.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from srh_fhir.errors import NetworkImportError, RowProblem
from srh_fhir.model import (
    ROLE_CODE_SYSTEM,
    CodeableConcept,
    Coding,
    ContactPoint,
    FhirDateTime,
    HumanName,
    NetworkMember,
    Period,
    TieAssessment,
)
from srh_fhir.terminology import (
    BasicNeed,
    Closeness,
    ContactFrequency,
    NetworkSector,
    Reciprocity,
    SrhCode,
    SupportType,
    Valence,
)

__all__ = ["COLUMNS", "ImportedMember", "read_network_csv", "transaction_bundle"]

COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "naam"),
    "relationship": ("relationship", "relatie"),
    "role code": ("role code", "rolcode"),
    "sector": ("sector",),
    "phone": ("phone", "telefoon"),
    "email": ("email", "e-mail"),
    "since": ("since", "sinds"),
    "closeness": ("closeness", "nabijheid"),
    "contact": ("contact", "contactfrequentie"),
    "support": ("support", "steun"),
    "needs": ("needs", "basisbehoeften"),
    "reciprocity": ("reciprocity", "wederkerigheid"),
    "valence": ("valence", "valentie"),
    "assessed": ("assessed", "beoordeeld"),
}
REQUIRED = ("name", "relationship")
TIE_COLUMNS = ("closeness", "contact", "support", "needs", "reciprocity", "valence")
ROLE_CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
DUTCH_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")

_E = TypeVar("_E", bound=SrhCode)
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class ImportedMember:
    """One row: the member and, when the row describes the tie, its assessment (``member`` is a urn:uuid)."""

    row: int
    full_url: str
    member: NetworkMember
    assessment: TieAssessment | None


def read_network_csv(text: str, patient: str, today: date | None = None) -> list[ImportedMember]:
    """Every row of the spreadsheet as domain objects; NetworkImportError listing every bad cell otherwise."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), dialect=_dialect(text))
    rows = list(reader)
    if not rows:
        raise NetworkImportError([RowProblem(1, "", "the file is empty: a header row is needed")])
    columns, problems = _header(rows[0])
    if problems:  # rows cannot be read reliably under a wrong header
        raise NetworkImportError(problems)
    imported: list[ImportedMember] = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        record = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        row = _RowReader(number, record, problems)
        member = _member(row, patient)
        assessment = _assessment(row, patient, today or date.today())
        if member is not None:
            full_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '|'.join((patient, str(number), record['name'])))}"
            tie = None if assessment is None else assessment(full_url)
            imported.append(ImportedMember(number, full_url, member, tie))
    if problems:
        raise NetworkImportError(problems)
    if not imported:
        raise NetworkImportError([RowProblem(2, "", "no network members: the file has a header but no rows")])
    return imported


def transaction_bundle(members: Iterable[ImportedMember]) -> dict[str, Any]:
    """A transaction Bundle creating every member (and tie assessment) at once."""
    from srh_fhir.mapping import to_fhir

    entries: list[dict[str, Any]] = []
    for item in members:
        entries.append(_post(item.full_url, to_fhir(item.member)))
        if item.assessment is not None:
            entries.append(_post(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, item.full_url)}", to_fhir(item.assessment)))
    return {"resourceType": "Bundle", "type": "transaction", "entry": entries}


def _post(full_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": full_url, "resource": resource, "request": {"method": "POST", "url": resource["resourceType"]}}


def _dialect(text: str) -> type[csv.Dialect]:
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    return csv.excel if first_line.count(",") >= first_line.count(";") else _Semicolon


class _Semicolon(csv.excel):
    delimiter = ";"


def _header(cells: list[str]) -> tuple[dict[str, int], list[RowProblem]]:
    known = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    columns: dict[str, int] = {}
    problems: list[RowProblem] = []
    for index, cell in enumerate(cells):
        header = cell.strip().lower()
        if not header:
            continue
        name = known.get(header)
        if name is None:
            problems.append(RowProblem(1, cell.strip(), f"unknown column; known columns: {', '.join(COLUMNS)}"))
        elif name in columns:
            problems.append(RowProblem(1, cell.strip(), "this column appears twice"))
        else:
            columns[name] = index
    for name in REQUIRED:
        if name not in columns:
            problems.append(RowProblem(1, name, f"required column missing ({' / '.join(COLUMNS[name])})"))
    return columns, problems


class _RowReader:
    """Reads the cells of one row, collecting a problem per bad cell instead of stopping at the first."""

    def __init__(self, number: int, record: dict[str, str], problems: list[RowProblem]) -> None:
        self.number = number
        self.record = record
        self.problems = problems

    def text(self, column: str) -> str:
        return self.record.get(column, "")

    def fail(self, column: str, message: str) -> None:
        self.problems.append(RowProblem(self.number, column, message))

    def parsed(self, column: str, parse: Callable[[str], _T]) -> _T | None:
        value = self.text(column)
        if not value:
            return None
        try:
            return parse(value)
        except ValueError as error:
            self.fail(column, str(error))
            return None

    def code(self, column: str, enum: type[_E]) -> _E | None:
        return self.parsed(column, lambda value: _code(value, enum))

    def codes(self, column: str, enum: type[_E]) -> tuple[_E, ...]:
        found: list[_E] = []
        for part in filter(None, (part.strip() for part in re.split(r"[;|]", self.text(column)))):
            try:
                found.append(_code(part, enum))
            except ValueError as error:
                self.fail(column, str(error))
        return tuple(found)


def _member(row: _RowReader, patient: str) -> NetworkMember | None:
    problems_before = len(row.problems)
    for column in REQUIRED:
        if not row.text(column):
            row.fail(column, "required, but empty")
    role = row.parsed("role code", _role_code)
    since = row.parsed("since", _date)
    telecoms = tuple(
        ContactPoint(system=system, value=row.text(column))
        for column, system in (("phone", "phone"), ("email", "email"))
        if row.text(column)
    )
    sector = row.code("sector", NetworkSector)
    if len(row.problems) > problems_before:
        return None
    codings = (Coding(system=ROLE_CODE_SYSTEM, code=role),) if role else ()
    return NetworkMember(
        patient=patient,
        sector=sector,
        names=(HumanName(text=row.text("name")),),
        relationships=(CodeableConcept(codings=codings, text=row.text("relationship")),),
        telecoms=telecoms,
        period=Period(start=since) if since else None,
    )


def _assessment(row: _RowReader, patient: str, today: date) -> Callable[[str], TieAssessment] | None:
    """A builder of the row's tie assessment (it needs the member's urn:uuid), or None without tie columns."""
    problems_before = len(row.problems)
    fields: dict[str, Any] = {
        "closeness": row.code("closeness", Closeness),
        "contact_frequency": row.code("contact", ContactFrequency),
        "support_given": row.codes("support", SupportType),
        "basic_needs_met": row.codes("needs", BasicNeed),
        "reciprocity": row.code("reciprocity", Reciprocity),
        "valence": row.code("valence", Valence),
    }
    day = row.parsed("assessed", _date) or FhirDateTime.of(today)
    if len(row.problems) > problems_before or not any(row.text(column) for column in TIE_COLUMNS):
        if row.text("assessed") and not any(row.text(column) for column in TIE_COLUMNS):
            row.fail("assessed", "a date of assessment needs at least one tie column (closeness, needs, ...)")
        return None
    return lambda member: TieAssessment(patient=patient, member=member, date=day, **fields)


def _code(value: str, enum: type[_E]) -> _E:
    wanted = value.strip().lower()
    for member in enum:
        if wanted in (member.value, member.label("nl").lower(), member.label("en").lower()):
            return member
    practical = SupportType.PRACTICAL
    if enum is BasicNeed and wanted in ("practical-support", *(practical.label(lang).lower() for lang in ("nl", "en"))):
        raise ValueError(f"{value!r} is a kind of support, not a basic need: put it in the support column")
    choices = ", ".join(member.value for member in enum)
    raise ValueError(f"{value!r} is not one of: {choices} (or their Dutch or English labels)")


def _role_code(value: str) -> str:
    code = value.strip().upper()
    if not ROLE_CODE.fullmatch(code):
        raise ValueError(f"{value!r} is not an HL7 v3 RoleCode such as SIS, FRND or NBOR")
    return code


def _date(value: str) -> FhirDateTime:
    dutch = DUTCH_DATE.fullmatch(value.strip())
    try:
        if dutch:
            day, month, year = (int(part) for part in dutch.groups())
            return FhirDateTime.of(date(year, month, day))
        return FhirDateTime.of(date.fromisoformat(value.strip()))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (write 2024-05-01 or 1-5-2024)") from None
