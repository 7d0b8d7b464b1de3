"""OutcomeScore <-> Observation (profile srh-outcome-score): an instrument's total score."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.errors import MappingError
from srh_fhir.model import OutcomeScore
from srh_fhir.terminology import Instrument, ObservationStatus

from . import _observation as observation
from . import _read as read
from . import _write as write

_PATH = "Observation"


def outcome_score_from_fhir(resource: Mapping[str, Any]) -> OutcomeScore:
    """An OutcomeScore from an Observation; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    instrument = read.one_srh_code(read.required(r, "code", _PATH), f"{_PATH}.code", Instrument)
    try:
        score = OutcomeScore(
            id=read.string(r, "id", _PATH),
            status=read.required_code(r, "status", _PATH, ObservationStatus),
            patient=observation.subject(r),
            instrument=instrument,
            score=read.integer(read.required(r, "valueInteger", _PATH), f"{_PATH}.valueInteger"),
            date=observation.effective(r),
            performers=read.references(r, "performer", _PATH, *observation.PERFORMER_TYPES),
        )
    except ValueError as error:
        raise MappingError(f"{_PATH}.valueInteger", str(error)) from None
    return replace(score, extras=write.make_residue(r, partial(_canonical, score)))


def outcome_score_to_fhir(score: OutcomeScore) -> dict[str, Any]:
    """The Observation of an OutcomeScore, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(score), score.extras)


def _canonical(score: OutcomeScore) -> dict[str, Any]:
    out = write.start(score)
    out["status"] = score.status.value
    out["category"] = [{"coding": [dict(observation.SURVEY)]}]
    out["code"] = write.concept(score.instrument, display=False)
    out["subject"] = {"reference": score.patient}
    out["effectiveDateTime"] = score.date.text
    write.put(out, "performer", write.refs(score.performers))
    out["valueInteger"] = score.score
    return out
