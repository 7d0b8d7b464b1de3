"""What an ended tie or a member removed by mistake was before, so the change can be undone for a short while.

Kept in the launch's server-side session as plain values (no FHIR); pure: no Flask.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from srh_fhir.model import FhirDate, NetworkMember, Period

UNDO_FOR = datetime.timedelta(minutes=10)
Kind = Literal["ended", "removed"]


@dataclass(frozen=True)
class Undo:
    """One change to one member that can still be undone."""

    kind: Kind
    member_id: str
    name: str
    active: bool
    start: str | None
    end: str | None
    assessment: str | None
    """The tie assessment that recorded why the tie ended (made invalid by the undo), if any."""
    at: str
    """When the change was made (ISO, UTC)."""

    @classmethod
    def of(cls, kind: Kind, before: NetworkMember, at: datetime.datetime, assessment: str | None = None) -> Undo:
        period = before.period
        return cls(
            kind=kind,
            member_id=before.id or "",
            name=before.display_name,
            active=before.active,
            start=period.start.text if period and period.start else None,
            end=period.end.text if period and period.end else None,
            assessment=assessment,
            at=at.isoformat(),
        )

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Undo | None:
        try:
            return cls(**values)
        except TypeError:
            return None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def open_at(self, now: datetime.datetime) -> bool:
        """Whether the change can still be undone at ``now``."""
        return now - datetime.datetime.fromisoformat(self.at) < UNDO_FOR

    def applies_to(self, member: NetworkMember) -> bool:
        """Whether ``member`` is still as this change left it (nobody changed it back or on meanwhile)."""
        if self.kind == "removed":
            return member.entered_in_error
        return not member.active and not member.entered_in_error

    def restored(self, member: NetworkMember) -> NetworkMember:
        """``member`` as it was before the change; everything else it holds now is kept."""
        period = None
        if self.start or self.end:
            period = Period(
                start=FhirDate(self.start) if self.start else None, end=FhirDate(self.end) if self.end else None
            )
        return dataclasses.replace(member, active=self.active, period=period, entered_in_error=False)
