"""Dates as clinicians read them: "6 december 2026" in Dutch, "6 December 2026" in English.

One function for every date the workspace shows (the ``day`` template filter calls it). FHIR dates keep their
precision: a year stays "2026", a year-month becomes "december 2026", and a dateTime with a time shows the time
in the app's time zone ("6 december 2026 14:05"). ISO text belongs in machine attributes only
(``<time datetime=...>``, form values).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime

from srh_fhir.model import FhirDateTime

__all__ = ["APP_TIME_ZONE", "DateLike", "long_date"]

APP_TIME_ZONE = "Europe/Amsterdam"
"""Where the clinicians are: date-times are shown in this zone unless the app is told another."""

DateLike = datetime.date | FhirDateTime | str
"""A Python date or aware datetime, a FHIR date/dateTime, or its ISO text."""

_PATTERNS = {"year": "y", "month": "MMMM y", "day": "d MMMM y", "second": "d MMMM y HH:mm"}


def long_date(value: DateLike | None, language: str, zone: datetime.tzinfo | None = None) -> str:
    """``value`` written out in ``language`` ("nl" or "en"); "" for None or ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = FhirDateTime(value)
    if isinstance(value, FhirDateTime):
        precision = value.precision
        value = value.to_datetime() if precision == "second" else value.to_date()
    else:
        precision = "second" if isinstance(value, datetime.datetime) else "day"
    pattern = _PATTERNS[precision]
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError(f"{value!r} has no time zone: a moment shown to a clinician needs one")
        return format_datetime(value, pattern, tzinfo=zone or ZoneInfo(APP_TIME_ZONE), locale=language)
    return format_date(value, pattern, locale=language)
