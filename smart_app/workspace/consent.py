"""Who the client agreed to involve: per network member, the involvement consent that holds on a day.

The newest consent about a member that is in force on the day decides (``active``, its period covering the day):
a permit means the member is involved, a deny that the client withdrew. Earlier consents stay as history.
A member may do plan activities only with a permit that lets them take part (or names no actions at all).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from srh_fhir.model import InvolvementConsent
from srh_fhir.terminology import ConsentState, InvolvementAction


class ConsentStatus(StrEnum):
    GIVEN = "given"
    WITHDRAWN = "withdrawn"
    NONE = "none"


@dataclass(frozen=True)
class MemberConsent:
    status: ConsentStatus
    consent: InvolvementConsent | None = None

    @property
    def actions(self) -> tuple[InvolvementAction, ...]:
        return self.consent.actions if self.consent and self.status is ConsentStatus.GIVEN else ()

    @property
    def may_take_part(self) -> bool:
        """Whether the member may be named as performer of an activity."""
        if self.status is not ConsentStatus.GIVEN:
            return False
        return not self.actions or InvolvementAction.TAKE_PART in self.actions


NO_CONSENT = MemberConsent(ConsentStatus.NONE)


def _in_force(consent: InvolvementConsent, day: date) -> bool:
    if consent.status is not ConsentState.ACTIVE or consent.date.to_date() > day:
        return False
    return consent.period is None or consent.period.covers(day)


def consent_by_member(consents: Iterable[InvolvementConsent], day: date) -> Mapping[str, MemberConsent]:
    """Member reference -> the consent that decides on ``day`` (members never mentioned are absent)."""
    deciding: dict[str, InvolvementConsent] = {}
    for consent in consents:
        if not _in_force(consent, day):
            continue
        for member in consent.members:
            known = deciding.get(member)
            if known is None or known.date <= consent.date:
                deciding[member] = consent
    return {
        member: MemberConsent(ConsentStatus.GIVEN if consent.permits else ConsentStatus.WITHDRAWN, consent)
        for member, consent in deciding.items()
    }
