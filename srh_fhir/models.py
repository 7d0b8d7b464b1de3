"""fhir.resources interop (the ``srh-fhir[models]`` extra): hand the mapping an R4B model, get one back.

For integrators who hold ``fhir.resources`` models rather than FHIR JSON: :func:`from_model` and :func:`to_model` are
:func:`~srh_fhir.mapping.from_fhir` and :func:`~srh_fhir.mapping.to_fhir` with the model's own JSON in between, so
what the model holds and the domain object does not still travels in ``extras``. FHIR R4 is read with the
``fhir.resources.R4B`` classes (the resources of the profiles are the same in R4 and R4B); an R5 model, from
``fhir.resources.relatedperson`` and the like, is refused.

``fhir.resources`` is imported on first use: this module imports without it, and a call without it raises an
ImportError naming the extra. One thing a model cannot keep: it holds a ``dateTime`` or ``instant`` with a time as a
Python datetime, so it writes fractions of a second with six digits or none (``12:00:00.5+02:00`` comes back as
``12:00:00.500000+02:00``, the same moment; digits beyond the microsecond are dropped) and an offset of zero as ``Z``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast, overload

from srh_fhir.errors import MappingError
from srh_fhir.mapping import from_fhir, to_fhir
from srh_fhir.model import (
    DomainObject,
    Goal,
    InvolvementConsent,
    NeedAssessment,
    NetworkMember,
    RelationshipRating,
    SocialSystem,
    SupportPlan,
    TieAssessment,
)

if TYPE_CHECKING:
    from fhir.resources.R4B.careplan import CarePlan
    from fhir.resources.R4B.careteam import CareTeam
    from fhir.resources.R4B.consent import Consent
    from fhir.resources.R4B.domainresource import DomainResource
    from fhir.resources.R4B.goal import Goal as GoalModel
    from fhir.resources.R4B.observation import Observation
    from fhir.resources.R4B.relatedperson import RelatedPerson
    from fhir.resources.R4B.resource import Resource

__all__ = ["from_model", "to_model"]


@overload
def to_model(obj: NetworkMember) -> RelatedPerson: ...
@overload
def to_model(obj: TieAssessment | NeedAssessment | RelationshipRating) -> Observation: ...
@overload
def to_model(obj: SupportPlan) -> CarePlan: ...
@overload
def to_model(obj: Goal) -> GoalModel: ...
@overload
def to_model(obj: SocialSystem) -> CareTeam: ...
@overload
def to_model(obj: InvolvementConsent) -> Consent: ...
def to_model(obj: DomainObject) -> DomainResource:
    """The fhir.resources R4B model of a domain object (a RelatedPerson for a NetworkMember, and so on).

    MappingError when fhir.resources refuses what the object's ``extras`` carry (FHIR it does not allow).
    """
    with _models_extra():
        from fhir.resources.R4B import get_fhir_model_class
        from pydantic import ValidationError

    resource = to_fhir(obj)
    resource_type = resource["resourceType"]
    try:
        model = get_fhir_model_class(resource_type).model_validate(resource)
    except ValidationError as error:
        first = error.errors()[0]
        path = resource_type + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
        raise MappingError(path, f"fhir.resources refuses it: {first['msg']}") from error
    return cast("DomainResource", model)


def from_model(model: Resource) -> DomainObject:
    """The domain object of an SRH resource held as a fhir.resources R4B model; MappingError as ``from_fhir``."""
    with _models_extra():
        from fhir.resources.R4B.resource import Resource

    if not isinstance(model, Resource):
        kind = type(model)
        raise TypeError(f"expected a fhir.resources.R4B model, got {kind.__module__}.{kind.__qualname__}")
    return from_fhir(json.loads(model.model_dump_json(by_alias=True, exclude_none=True)))


@contextmanager
def _models_extra() -> Iterator[None]:
    try:
        yield
    except ModuleNotFoundError as missing:
        message = f"fhir.resources models need the extra ({missing.name} is missing): pip install 'srh-fhir[models]'"
        raise ModuleNotFoundError(message, name=missing.name) from missing
