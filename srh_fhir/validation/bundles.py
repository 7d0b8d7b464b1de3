"""Bundle rules that are no FHIRPath invariant: every entry's ``fullUrl`` against the resource it holds.

The invariants bdl-1 ... bdl-12 are evaluated with the other invariants (``invariants.py``); these are the checks
HAPI's validator adds for a Bundle: an entry of a Bundle other than a transaction or batch has a ``fullUrl``, a
``fullUrl`` is absolute, and one that looks like a RESTful URL ends with the entry's resource type and id.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from srh_fhir.validation.rule_context import RuleContext

NO_FULL_URL_NEEDED = frozenset({"transaction", "batch"})
ABSOLUTE = re.compile(r"[a-z][a-z0-9+.\-]*:")  # HAPI reads 'URN:UUID:...' as relative
RESTFUL = re.compile(r"https?://.+/([A-Z][A-Za-z]+)/([A-Za-z0-9\-.]{1,64})")


def check_full_urls(walker: RuleContext, bundle: Mapping[str, Any], path: str) -> None:
    """The fullUrl of each entry, as HAPI's validator checks it (reported on the entry)."""
    entries = bundle.get("entry")
    if not isinstance(entries, list):
        return
    bundle_type = bundle.get("type")
    if not isinstance(bundle_type, str):
        bundle_type = None  # of the wrong JSON type: reported where the structure is checked
    for i, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            continue
        full_url = entry.get("fullUrl")
        entry_path = f"{path}.entry[{i}]"
        if full_url is None:
            if bundle_type not in NO_FULL_URL_NEEDED:
                walker.error("invalid", entry_path, "Except for transactions and batches, each entry in a Bundle "
                             "must have a fullUrl which is the identity of the resource in the entry",
                             "BUNDLE_BUNDLE_ENTRY_FULLURL_REQUIRED")
        elif isinstance(full_url, str) and full_url:
            _check_full_url(walker, full_url, resource, entry_path)


def _check_full_url(walker: RuleContext, full_url: str, resource: Mapping[str, Any], path: str) -> None:
    if not ABSOLUTE.match(full_url):
        walker.error("invalid", path, f"The fullUrl must be an absolute URL (not '{full_url}')",
                     "BUNDLE_BUNDLE_ENTRY_FULLURL_ABSOLUTE")
        return
    restful = RESTFUL.fullmatch(full_url)
    resource_type, resource_id = resource.get("resourceType"), resource.get("id")
    if restful is None or not walker.schema.is_resource_type(restful.group(1)) or not isinstance(resource_id, str):
        return
    if (restful.group(1), restful.group(2)) != (resource_type, resource_id):
        walker.error("invalid", path, f"The fullUrl '{full_url}' looks like a RESTful server URL, so it must end "
                     f"with the correct type and id (/{resource_type}/{resource_id})",
                     "BUNDLE_BUNDLE_ENTRY_MISMATCHIDURL")
