"""Contact moments over time and the gaps in them (verbinden): pure functions on the domain model.

A *gap* is a stretch without contact longer than the client's threshold: twice the usual interval, but at least
``floor_days`` and at most twice that. The usual interval is the median number of days between consecutive contact
days (known from three intervals on; before that the floor alone counts). The floor (by default four weeks) is the
longest a working relationship goes without contact before it is worth a look; twice the usual rhythm keeps a
client deliberately seen once a month from being flagged every month, while a client seen weekly is still flagged
after four weeks; the ceiling (eight weeks by default) keeps a few long silences from raising the usual interval
until they hide themselves. The stretch from the
last contact up to today is an *open* gap once it is longer than the threshold. Only contacts that took place count
(not planned, cancelled or entered in error), one per day.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median

from srh_fhir.model import ContactMoment

__all__ = ["DEFAULT_GAP_FLOOR_DAYS", "ContactGap", "ContactGaps", "contact_days", "contact_gaps"]

DEFAULT_GAP_FLOOR_DAYS = 28
MIN_INTERVALS_FOR_RHYTHM = 3


@dataclass(frozen=True)
class ContactGap:
    """Days without contact: from the contact day ``start`` to the next contact day ``end`` (or to today, open)."""

    start: date
    end: date
    open: bool = False

    @property
    def days(self) -> int:
        return (self.end - self.start).days


@dataclass(frozen=True)
class ContactGaps:
    """The contact days of a client, their usual interval, the threshold and the gaps, oldest first."""

    days: tuple[date, ...]
    usual_interval: float | None
    """The median number of days between contact days (None with fewer than three intervals)."""
    threshold: int
    """A stretch without contact of more days than this is a gap."""
    gaps: tuple[ContactGap, ...]

    @property
    def open_gap(self) -> ContactGap | None:
        """The gap up to today, when there is one."""
        return self.gaps[-1] if self.gaps and self.gaps[-1].open else None


def contact_days(moments: Iterable[ContactMoment]) -> tuple[date, ...]:
    """The days on which a contact took place, oldest first, each once."""
    return tuple(sorted({m.start.to_date() for m in moments if m.took_place}))


def contact_gaps(
    moments: Iterable[ContactMoment], today: date, floor_days: int = DEFAULT_GAP_FLOOR_DAYS
) -> ContactGaps:
    """The gaps in contact up to ``today`` (contacts after today are not counted); see the module's rule."""
    if floor_days < 1:
        raise ValueError(f"the gap floor is at least one day, got {floor_days}")
    days = tuple(d for d in contact_days(moments) if d <= today)
    intervals = [(later - earlier).days for earlier, later in itertools.pairwise(days)]
    usual = float(median(intervals)) if len(intervals) >= MIN_INTERVALS_FOR_RHYTHM else None
    threshold = min(max(floor_days, round(2 * usual)), 2 * floor_days) if usual is not None else floor_days
    gaps = [ContactGap(a, b) for a, b in itertools.pairwise(days) if (b - a).days > threshold]
    if days and (today - days[-1]).days > threshold:
        gaps.append(ContactGap(days[-1], today, open=True))
    return ContactGaps(days, usual, threshold, tuple(gaps))
