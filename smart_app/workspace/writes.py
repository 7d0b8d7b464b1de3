"""Saving what the clinician changed: the resources of one change go to the server in one transaction.

Everything goes through ``srh_fhir.repository.save_plan``, which writes its resources atomically, checks the
version of every resource that was read (``ifMatch``: a change somebody else made meanwhile is refused, nothing is
written, and ``PlanConflict`` carries ours and theirs) and gives new resources their ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from srh_fhir.client import FHIRClient
from srh_fhir.mapping import to_fhir
from srh_fhir.model import DomainObject, InvolvementConsent
from srh_fhir.repository import SavedPlan, save_plan

# A Consent needs a policy (FHIR invariant ppc-1) and the domain model does not carry one: the Dutch law on the
# care agreement (WGBO), as in the package's examples. An organisation may point at its own policy instead.
CONSENT_POLICY_URI = "https://wetten.overheid.nl/BWBR0005290/2026-01-01#Boek7_Titeldeel7_Afdeling5"


def resource_of(obj: DomainObject, version: str | None = None) -> dict[str, Any]:
    """The FHIR resource of a domain object; ``version`` (as loaded) makes the save check it."""
    resource = to_fhir(obj)
    if isinstance(obj, InvolvementConsent) and not resource.get("policy") and not resource.get("policyRule"):
        resource["policy"] = [{"uri": CONSENT_POLICY_URI}]
    if version:
        resource["meta"] = {**resource.get("meta", {}), "versionId": version}
    return resource


def save_together(client: FHIRClient, resources: Sequence[dict[str, Any]]) -> SavedPlan:
    """Save ``resources`` (the first is the one the change is about) in one transaction."""
    if not resources:
        raise ValueError("nothing to save")
    return save_plan(client, resources[0], other=resources[1:])
