"""The Bundle itself, the narrative (txt-1, txt-2) and contained resources (dom-*): the paths HAPI reports them on.

Each case was validated with HAPI's validator too; the expected paths are HAPI's.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from paths import EXAMPLE_DIR, read_json

from srh_fhir.validation import Validator, error_paths
from srh_fhir.validation.narrative import narrative_problems

XHTML = 'xmlns="http://www.w3.org/1999/xhtml"'
UUID = "urn:uuid:8a1e3a64-1c4b-4c1e-9a0d-1c2b3c4d5e6f"


def goal() -> dict[str, Any]:
    data: dict[str, Any] = read_json(EXAMPLE_DIR / "Goal-ingrid-goal-choir.json")
    return data


def entry(resource: dict[str, Any], full_url: str | None = None, **more: Any) -> dict[str, Any]:
    return {"fullUrl": full_url or f"http://example.org/fhir/Goal/{resource['id']}", "resource": resource, **more}


def bundle(bundle_type: str, *entries: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": bundle_type, "entry": list(entries), **more}


def with_div(div: str) -> dict[str, Any]:
    return {**goal(), "text": {"status": "generated", "div": div}}


# --- the Bundle ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("case", "paths"), [
    (bundle("collection", entry(goal())), set()),
    (bundle("transaction", entry(goal(), UUID, request={"method": "POST", "url": "Goal"})), set()),
    (bundle("transaction", {"resource": goal(), "request": {"method": "POST", "url": "Goal"}}), set()),
    (bundle("collection", entry(goal(), "http://example.org/fhir/Goal/other")), {"Bundle.entry[0]"}),
    (bundle("collection", entry(goal(), "http://example.org/fhir/Patient/ingrid-goal-choir")), {"Bundle.entry[0]"}),
    (bundle("collection", entry(goal(), "Goal/ingrid-goal-choir")), {"Bundle.entry[0]"}),
    (bundle("collection", {"resource": goal()}), {"Bundle.entry[0]"}),
    (bundle("collection", entry(goal(), "urn:uuid:nope")), {"Bundle.entry[0].fullUrl"}),
    (bundle("collection", entry(goal(), "urn:uuid:" + UUID[9:].upper())), {"Bundle.entry[0].fullUrl"}),
    (bundle("collection", entry(goal(), "urn:oid:1.2.x")), {"Bundle.entry[0].fullUrl"}),
    (bundle("collection", entry(goal(), UUID.upper())), {"Bundle.entry[0]"}),
], ids=["sound", "transaction with a uuid", "transaction without fullUrl", "fullUrl of another id",
        "fullUrl of another type", "relative fullUrl", "no fullUrl", "bad uuid", "upper-case uuid", "bad oid",
        "upper-case scheme"])
def test_the_full_url_of_each_entry(validator: Validator, case: dict[str, Any], paths: set[str]) -> None:
    assert error_paths(validator.validate(case)) == paths


@pytest.mark.parametrize(("case", "invariant", "path"), [
    (bundle("collection", entry(goal()), entry(goal())), "bdl-7", "Bundle"),
    (bundle("transaction", entry(goal())), "bdl-3", "Bundle"),
    (bundle("collection", entry(goal(), request={"method": "PUT", "url": "Goal/x"})), "bdl-3", "Bundle"),
    (bundle("batch-response", entry(goal())), "bdl-4", "Bundle"),
    (bundle("collection", entry(goal()), total=1), "bdl-1", "Bundle"),
    (bundle("collection", entry(goal(), search={"mode": "match"})), "bdl-2", "Bundle"),
    (bundle("collection", {"fullUrl": UUID}), "bdl-5", "Bundle.entry[0]"),
    (bundle("collection", entry(goal(), "http://example.org/fhir/Goal/ingrid-goal-choir/_history/1")), "bdl-8",
     "Bundle.entry[0]"),
    (bundle("document", entry(goal())), "bdl-11", "Bundle"),
    (bundle("message", entry(goal())), "bdl-12", "Bundle"),
])
def test_bundle_invariants(validator: Validator, case: dict[str, Any], invariant: str, path: str) -> None:
    issues = validator.validate(case)["issue"]
    assert any(invariant in i["diagnostics"] and i["expression"] == [path] for i in issues)


def test_unknown_properties_of_the_bundle_and_its_entries(validator: Validator) -> None:
    case = bundle("collection", {**entry(goal()), "madeUp": 1}, madeUp=1)
    assert error_paths(validator.validate(case)) == {"Bundle", "Bundle.entry[0]"}


def test_the_narrative_of_an_entry_is_checked(validator: Validator) -> None:
    case = bundle("collection", entry(with_div(f"<div {XHTML}><script>x</script></div>")))
    assert error_paths(validator.validate(case)) == {"Bundle.entry[0].resource.text.div"}


# --- the narrative ------------------------------------------------------------------------------------------------

ALLOWED = [
    f'<div {XHTML}><p>Zingen <b>in</b> het koor</p><table><tr><td class="x" style="color:red">1</td></tr></table>'
    "</div>",
    f'<div {XHTML} xml:lang="nl" lang="nl"><a href="https://example.org">x</a>'
    '<img src="data:image/png;base64,AA" alt="x"/></div>',
    '<xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>x</xhtml:p></xhtml:div>',
    f'<!DOCTYPE html><div {XHTML}><!-- c --><?pi x?><p>a &amp; b &#160; c</p></div>',
    f'<div {XHTML}>just text</div>',
]
FORBIDDEN = {
    "script": f"<div {XHTML}><p>x</p><script>alert(1)</script></div>",
    "event attribute": f'<div {XHTML}><p onclick="alert(1)">x</p></div>',
    "event attribute on the div": f'<div {XHTML} onload="x()"><p>x</p></div>',
    "upper-case event attribute": f'<div {XHTML}><p ONCLICK="x">x</p></div>',
    "iframe": f'<div {XHTML}><iframe src="https://example.org"></iframe></div>',
    "form": f'<div {XHTML}><form action="https://x"><input name="a"/></form></div>',
    "object": f'<div {XHTML}><object data="x"></object></div>',
    "style element": f"<div {XHTML}><style>p{{}}</style><p>x</p></div>",
    "link": f'<div {XHTML}><link rel="stylesheet" href="x"/><p>x</p></div>',
    "foreign element": f"<div {XHTML}><foo>x</foo></div>",
    "unknown attribute": f'<div {XHTML}><p foo="bar">x</p></div>',
    "svg": f'<div {XHTML}><svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg></div>',
    "other namespace inside": f'<div {XHTML}><div xmlns="urn:x">x</div></div>',
    "no namespace": "<div><p>x</p></div>",
    "not a div": f"<p {XHTML}>x</p>",
    "malformed": f"<div {XHTML}><p>x</div>",
    "HTML entity": f"<div {XHTML}><p>a &nbsp; b</p></div>",
    "empty": f"<div {XHTML}></div>",
    "only white space": f"<div {XHTML}>  <p/> </div>",
    "only CDATA": f"<div {XHTML}><![CDATA[x]]></div>",
    "javascript link": f'<div {XHTML}><a href="javascript:alert(1)">x</a></div>',
    "content after the div": f"<div {XHTML}><p>x</p></div><script>x</script>",
    "entity declaration": f'<!DOCTYPE d [<!ENTITY a "b">]><div {XHTML}>&a;</div>',
}


@pytest.mark.parametrize("div", ALLOWED)
def test_allowed_xhtml(validator: Validator, div: str) -> None:
    assert error_paths(validator.validate(with_div(div))) == set()


@pytest.mark.parametrize("div", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_forbidden_xhtml_is_an_error_on_the_div(validator: Validator, div: str) -> None:
    assert error_paths(validator.validate(with_div(div))) == {"Goal.text.div"}


def test_narrative_problems_say_what_is_wrong() -> None:
    assert narrative_problems(FORBIDDEN["script"]) == ["Invalid element name in the XHTML ('script')"]
    assert narrative_problems(FORBIDDEN["event attribute"]) == [
        "Invalid attribute name in the XHTML ('onclick' on 'p')"]
    assert narrative_problems(FORBIDDEN["no namespace"])[0].startswith("Wrong namespace on the XHTML ('null'")


def test_a_billion_laughs_is_refused_at_once() -> None:
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    div = f'<!DOCTYPE d [<!ENTITY e0 "ha">{entities}]><div {XHTML}>&e9;</div>'
    assert narrative_problems(div) == ["Error parsing XHTML: the XHTML must not declare entities"]


# --- contained resources ------------------------------------------------------------------------------------------

PRACTITIONER = {"resourceType": "Practitioner", "id": "p1", "name": [{"family": "Jansen"}]}


def with_contained(*contained: dict[str, Any], reference: str | None = "#p1") -> dict[str, Any]:
    resource = {**goal(), "contained": [copy.deepcopy(c) for c in contained]}
    if reference:
        resource["note"] = [{"authorReference": {"reference": reference}, "text": "x"}]
    return resource


@pytest.mark.parametrize(("case", "paths"), [
    (with_contained(PRACTITIONER), set()),
    (with_contained(PRACTITIONER, reference=None), {"Goal.contained[0]"}),
    (with_contained(PRACTITIONER, {**PRACTITIONER, "id": "p3"}), {"Goal.contained[1]"}),
    (with_contained({k: v for k, v in PRACTITIONER.items() if k != "id"}, reference=None), {"Goal.contained[0]"}),
    (with_contained(PRACTITIONER, {"resourceType": "Practitioner", "id": "p2", "extension": [
        {"url": "http://example.org/x", "valueReference": {"reference": "#"}}]}), set()),
], ids=["referenced", "not referenced", "one of two not referenced", "no id", "refers to its container"])
def test_dom_3_every_contained_resource_is_referenced(validator: Validator, case: dict[str, Any],
                                                      paths: set[str]) -> None:
    assert error_paths(validator.validate(case)) == paths


@pytest.mark.parametrize(("contained", "invariant"), [
    ({**PRACTITIONER, "contained": [{**PRACTITIONER, "id": "p2"}]}, "dom-2"),
    ({**PRACTITIONER, "meta": {"versionId": "1"}}, "dom-4"),
    ({**PRACTITIONER, "meta": {"lastUpdated": "2026-01-01T00:00:00Z"}}, "dom-4"),
    ({**PRACTITIONER, "meta": {"security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
                                             "code": "R"}]}}, "dom-5"),
])
def test_other_dom_invariants(validator: Validator, contained: dict[str, Any], invariant: str) -> None:
    issues = validator.validate(with_contained(contained))["issue"]
    assert any(invariant in i["diagnostics"] and i["expression"] == ["Goal"] for i in issues)
