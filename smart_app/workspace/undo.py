"""The undo offer: what the last destructive change replaced, so it can be put back for a short while.

Three changes can be undone: a tie marked as ended (``ended``), a member removed as entered by mistake
(``removed``), and a participant who left the social system (``left``). The offer holds plain values only (it is
kept in the launch's server-side session; no FHIR), and the checks that the thing is still as the change left it, so
an undo never overwrites what someone changed meanwhile. Pure: no Flask.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from srh_fhir.model import FhirDate, FhirDateTime, NetworkMember, Period, SocialSystem

UNDO_FOR = datetime.timedelta(minutes=10)
Kind = Literal["ended", "removed", "left"]


@dataclass(frozen=True)
class UndoOffer:
    """One change that can still be undone."""

    kind: Kind
    target: str
    """What changed: the member's id (ended, removed) or the social system's reference (left)."""
    name: str
    """Who the change was about, by name."""
    at: str
    """When the change was made (ISO, UTC)."""
    before: Mapping[str, Any] = field(default_factory=dict)
    """What the change replaced: the member's ``active``, ``start``, ``end`` and the ``assessment`` that recorded why
    the tie ended; or the participant's ``index``, ``member`` (reference) and previous ``end``."""

    @classmethod
    def member_changed(
        cls, kind: Literal["ended", "removed"], before: NetworkMember, at: datetime.datetime, assessment: str | None
    ) -> UndoOffer:
        period = before.period
        values = {
            "active": before.active,
            "start": period.start.text if period and period.start else None,
            "end": period.end.text if period and period.end else None,
            "assessment": assessment,
        }
        return cls(kind, before.id or "", before.display_name, at.isoformat(), values)

    @classmethod
    def participant_left(
        cls, team: str, index: int, member: str, name: str, previous_end: str | None, at: datetime.datetime
    ) -> UndoOffer:
        return cls("left", team, name, at.isoformat(), {"index": index, "member": member, "end": previous_end})

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> UndoOffer | None:
        try:
            return cls(**values)
        except TypeError:
            return None

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def open_at(self, now: datetime.datetime) -> bool:
        """Whether the change can still be undone at ``now``."""
        return now - datetime.datetime.fromisoformat(self.at) < UNDO_FOR

    # -- a member -------------------------------------------------------------------------------------------------

    def applies_to(self, member: NetworkMember) -> bool:
        """Whether ``member`` is still as this change left it (nobody changed it back or on meanwhile)."""
        if self.kind == "removed":
            return member.entered_in_error
        return self.kind == "ended" and not member.active and not member.entered_in_error

    def restored(self, member: NetworkMember) -> NetworkMember:
        """``member`` as it was before the change; everything else it holds now is kept."""
        start, end = self.before.get("start"), self.before.get("end")
        period = None
        if start or end:
            period = Period(start=FhirDate(start) if start else None, end=FhirDate(end) if end else None)
        return dataclasses.replace(
            member, active=bool(self.before.get("active", True)), period=period, entered_in_error=False
        )

    @property
    def assessment(self) -> str | None:
        """The tie assessment that recorded why the tie ended (made invalid by the undo), if any."""
        value = self.before.get("assessment")
        return str(value) if value else None

    # -- a participant of the social system -----------------------------------------------------------------------

    @property
    def index(self) -> int:
        return int(self.before.get("index", -1))

    def still_left(self, team: SocialSystem) -> bool:
        """Whether the social system still has the participant at their place, ended (nobody changed it since)."""
        index = self.index
        if self.kind != "left" or not 0 <= index < len(team.participants):
            return False
        participant = team.participants[index]
        return participant.member == self.before.get("member") and bool(participant.period and participant.period.end)

    @property
    def previous_end(self) -> FhirDateTime | None:
        """The end the participant had before leaving (None: they had none)."""
        previous = self.before.get("end")
        return FhirDateTime(previous) if previous else None
