"""Writers of canonical FHIR JSON for the model's datatypes (absent values are left out, never null)."""

from __future__ import annotations

from typing import Any

from srh_fhir.datatypes import CodeableConcept, Coding, ContactPoint, FhirDateTime, HumanName, Period
from srh_fhir.model import DomainObject
from srh_fhir.terminology import SrhCode, to_coding

from .residue import apply_residue, make_residue

__all__ = ["Out", "apply_residue", "make_residue"]  # and the writers below

Out = dict[str, Any]


def start(obj: DomainObject) -> Out:
    """The resource's opening members: resourceType, id, meta.profile."""
    out: Out = {"resourceType": obj.resource_type}
    if obj.id is not None:
        out["id"] = obj.id
    out["meta"] = {"profile": [obj.profile]}
    return out


def put(out: Out, key: str, value: Any) -> None:
    """Set ``out[key]`` unless the value is absent (None or empty)."""
    if value is not None and value != () and value != []:
        out[key] = value


def ref(reference: str | None) -> Out | None:
    return None if reference is None else {"reference": reference}


def refs(references: tuple[str, ...]) -> list[Out]:
    return [{"reference": r} for r in references]


def text(value: FhirDateTime | None) -> str | None:
    return None if value is None else value.text


def period(value: Period | None) -> Out | None:
    if value is None:
        return None
    out: Out = {}
    put(out, "start", text(value.start))
    put(out, "end", text(value.end))
    return out


def concept(member: SrhCode, display: bool = True) -> Out:
    """A CodeableConcept with one of our codes."""
    return {"coding": [to_coding(member, display=display)]}


def coding(value: Coding) -> Out:
    out: Out = {}
    put(out, "system", value.system)
    put(out, "code", value.code)
    put(out, "display", value.display)
    return out


def codeable_concept(value: CodeableConcept) -> Out:
    out: Out = {}
    put(out, "coding", [coding(c) for c in value.codings])
    put(out, "text", value.text)
    return out


def human_name(value: HumanName) -> Out:
    out: Out = {}
    put(out, "use", value.use)
    put(out, "text", value.text)
    put(out, "family", value.family)
    put(out, "given", list(value.given))
    put(out, "prefix", list(value.prefix))
    put(out, "suffix", list(value.suffix))
    return out


def contact_point(value: ContactPoint) -> Out:
    out: Out = {}
    put(out, "system", value.system)
    put(out, "value", value.value)
    put(out, "use", value.use)
    return out


def notes(values: tuple[str, ...]) -> list[Out]:
    return [{"text": t} for t in values]
