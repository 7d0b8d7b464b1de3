"""What the working relationship page writes, built from its forms: a contact moment recorded here and the
professional's reflection on a period. Pure: no Flask."""

from __future__ import annotations

import datetime

from srh_fhir.model import ContactMoment, FhirDate, FhirDateTime, Period, RelationshipReflection
from srh_fhir.terminology import ContactKind

PROFESSIONAL_TYPES = ("Practitioner", "PractitionerRole")


def professional(user: str | None) -> str | None:
    """The signed-in user when that is a professional (a Practitioner or PractitionerRole), else None."""
    if user and user.split("/")[-2:-1] and user.split("/")[-2] in PROFESSIONAL_TYPES:
        return user
    return None


def contact_moment(patient: str, day: datetime.date, kind: ContactKind, by: str | None) -> ContactMoment:
    """A contact moment that took place on ``day`` (status finished) with the professional ``by``."""
    return ContactMoment(patient=patient, start=FhirDate(day.isoformat()), kind=kind, professionals=(by,) if by else ())


def reflection(
    patient: str, start: datetime.date, end: datetime.date, words: str, moment: FhirDateTime, by: str | None
) -> RelationshipReflection:
    """The professional's reflection on the period ``start`` to ``end``, written down at ``moment``."""
    return RelationshipReflection(
        patient=patient,
        period=Period(start=FhirDate(start.isoformat()), end=FhirDate(end.isoformat())),
        words=words.strip(),
        recorded=moment,
        recorded_by=(by,) if by else (),
    )
