"""Small immutable FHIR datatypes the domain model is built from: dates, periods, codings, names, contacts.

``FhirDateTime`` keeps the exact lexical form of a FHIR ``date``/``dateTime`` (``"2026-03"`` stays
``"2026-03"``; ``"2026-03-24T10:45:00+01:00"`` keeps its offset), so a round trip through the model changes
nothing, while ordering compares the moments: values sort by the earliest instant they denote (a value without a
time zone, i.e. a date, counts as UTC), ties broken by the text. ``==`` compares the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Literal

__all__ = [
    "CodeableConcept",
    "Coding",
    "ContactPoint",
    "FhirDate",
    "FhirDateTime",
    "HumanName",
    "Period",
    "Precision",
    "Residue",
]

Precision = Literal["year", "month", "day", "second"]

_YEAR = r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
_DATE = _YEAR + r"(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?"
_TIME = r"T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
_DATE_RE = re.compile(_DATE)
_DATETIME_RE = re.compile(_DATE + f"({_TIME})?")
_PARTS_RE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d))?)?)?")


@dataclass(frozen=True, slots=True, eq=True, order=False)
class FhirDateTime:
    """A FHIR ``dateTime`` (or ``date``) kept exactly as written; compares and sorts by moment."""

    text: str
    _moment: datetime = field(init=False, repr=False, compare=False)  # to_datetime(), worked out once for sorting

    def __post_init__(self) -> None:
        if not isinstance(self.text, str) or not self._pattern().fullmatch(self.text):
            raise ValueError(f"{self.text!r} is not a valid FHIR {self._kind()}")
        try:
            object.__setattr__(self, "_moment", self.to_datetime())
        except ValueError:  # an impossible day such as 2026-02-30
            raise ValueError(f"{self.text!r} is not a valid FHIR {self._kind()} (no such day)") from None

    @staticmethod
    def _pattern() -> re.Pattern[str]:
        return _DATETIME_RE

    @staticmethod
    def _kind() -> str:
        return "dateTime"

    @classmethod
    def of(cls, value: date | datetime, timespec: str = "seconds") -> FhirDateTime:
        """From a Python date, or an aware datetime (written to the second, or as ``timespec`` says, with its
        offset)."""
        if isinstance(value, datetime):
            if value.tzinfo is None:
                raise ValueError("a FHIR dateTime with a time needs a time zone")
            text = value.isoformat(timespec=timespec).replace("+00:00", "Z")
            return cls(text)
        return cls(value.isoformat())

    @property
    def precision(self) -> Precision:
        length = len(self.text)
        return "year" if length == 4 else "month" if length == 7 else "day" if length == 10 else "second"

    def to_date(self) -> date:
        """The calendar date as written (first month/day for partial dates; no time zone shift)."""
        match = _PARTS_RE.match(self.text)
        assert match is not None
        year, month, day = match.group(1, 2, 3)
        return date(int(year), int(month or 1), int(day or 1))

    def to_datetime(self) -> datetime:
        """The earliest instant the value denotes, time-zone aware (dates count as UTC midnight)."""
        match = _PARTS_RE.match(self.text)
        assert match is not None
        year, month, day, hour, minute, second, fraction, zone = match.groups()
        tz: timezone = UTC
        if zone and zone != "Z":
            sign = -1 if zone[0] == "-" else 1
            tz = timezone(sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6])))
        micro = int((fraction or "0")[:6].ljust(6, "0"))
        return datetime(
            int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0),
            min(int(second or 0), 59), micro, tzinfo=tz,
        )  # fmt: skip

    def _key(self) -> tuple[datetime, str]:
        return (self._moment, self.text)

    def __lt__(self, other: FhirDateTime) -> bool:
        if not isinstance(other, FhirDateTime):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: FhirDateTime) -> bool:
        if not isinstance(other, FhirDateTime):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: FhirDateTime) -> bool:
        if not isinstance(other, FhirDateTime):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: FhirDateTime) -> bool:
        if not isinstance(other, FhirDateTime):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True, eq=True, order=False)
class FhirDate(FhirDateTime):
    """A FHIR ``date``: year, year-month or a full date, never a time."""

    @staticmethod
    def _pattern() -> re.Pattern[str]:
        return _DATE_RE

    @staticmethod
    def _kind() -> str:
        return "date"


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """A FHIR Period; either end may be open."""

    start: FhirDateTime | None = None
    end: FhirDateTime | None = None

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls inside the period (by calendar date; open ends are unbounded)."""
        if self.start is not None and day < self.start.to_date():
            return False
        return self.end is None or day <= self.end.to_date()


@dataclass(frozen=True, slots=True, kw_only=True)
class Coding:
    """A FHIR Coding of any code system."""

    system: str | None = None
    code: str | None = None
    display: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeableConcept:
    """A FHIR CodeableConcept: codings and/or text."""

    codings: tuple[Coding, ...] = ()
    text: str | None = None

    def codes_in(self, system: str) -> tuple[str, ...]:
        """The codes of this concept from one code system."""
        return tuple(c.code for c in self.codings if c.system == system and c.code is not None)


@dataclass(frozen=True, slots=True, kw_only=True)
class HumanName:
    """A FHIR HumanName (its period and extensions stay in the resource's residue)."""

    text: str | None = None
    family: str | None = None
    given: tuple[str, ...] = ()
    prefix: tuple[str, ...] = ()
    suffix: tuple[str, ...] = ()
    use: str | None = None

    def display(self) -> str:
        """``text`` if present, else prefix, given names, family name and suffix joined by spaces."""
        if self.text:
            return self.text
        parts = [*self.prefix, *self.given, *([self.family] if self.family else []), *self.suffix]
        return " ".join(parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactPoint:
    """A FHIR ContactPoint (telephone, e-mail, ...)."""

    system: str | None = None
    value: str | None = None
    use: str | None = None


class Residue:
    """The FHIR content of a resource that the domain model does not hold, so mapping back loses nothing.

    Identifiers, meta, narrative, unknown extensions and modifierExtensions, displays that differ from ours,
    extra codings, list order: everything ``to_fhir`` needs besides the modelled fields. Opaque by design:
    ``patch`` is a canonical JSON text (sorted keys) written by :mod:`srh_fhir.mapping` and only read by it;
    ``""`` means nothing. It is tied to the modelled content it came with: when a field changes, the residue of
    that one element no longer applies and is dropped, the rest still does.

    Immutable and compared by ``patch``, like a frozen dataclass. The mapping may give a ``source`` instead of the
    text: a function computing it, called the first time ``patch`` is read (writing back, comparing, pickling), so
    that reading a client's whole picture only to show it does not pay for working out what it would write back.
    """

    __slots__ = ("_patch", "_source")

    _patch: str
    _source: Callable[[], str] | None

    def __init__(self, patch: str = "", *, source: Callable[[], str] | None = None) -> None:
        object.__setattr__(self, "_patch", patch)
        object.__setattr__(self, "_source", source)

    @property
    def patch(self) -> str:
        source = self._source
        if source is not None:
            object.__setattr__(self, "_patch", source())
            object.__setattr__(self, "_source", None)
        return self._patch

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Residue is immutable: cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Residue is immutable: cannot delete {name}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Residue) and self.patch == other.patch

    def __hash__(self) -> int:
        return hash(self.patch)

    def __repr__(self) -> str:
        return f"Residue(patch={self.patch!r})"

    def __reduce__(self) -> tuple[type[Residue], tuple[str]]:
        return (Residue, (self.patch,))

    def __bool__(self) -> bool:
        return bool(self.patch)
