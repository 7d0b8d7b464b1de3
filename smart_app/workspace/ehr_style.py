"""The EHR's look (SMART ``smart_style_url``): its style document turned into CSS custom properties.

The style document is JSON (colours, sizes, fonts). It is fetched by the server, never the browser (the CSP allows
only our own origin), and only from the origin of the launch's FHIR server, so a token response cannot make the
app fetch arbitrary addresses: redirects are not followed, the fetch ends within its timeout overall (a dripping
server included) and reads at most ``MAX_BYTES``. Every value is checked against a strict pattern; anything else is
left out.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import requests

from smart_app import ehr_http
from srh_fhir.deadline import within
from srh_fhir.errors import SrhFhirError
from srh_fhir.http import read_body

COLOUR = re.compile(r"^#[0-9a-fA-F]{3,8}$|^rgba?\([0-9.,\s%]+\)$")
DIMENSION = re.compile(r"^[0-9]{1,3}(\.[0-9]+)?(px|rem|em|%)$")
FONT = re.compile(r"^[A-Za-z0-9 ,'\"-]{1,120}$")
PROPERTIES = {
    "color_background": ("--ehr-background", COLOUR),
    "color_error": ("--ehr-error", COLOUR),
    "color_highlight": ("--ehr-highlight", COLOUR),
    "color_success": ("--ehr-success", COLOUR),
    "color_text": ("--ehr-text", COLOUR),
    "dim_border_radius": ("--ehr-radius", DIMENSION),
    "dim_font_size": ("--ehr-font-size", DIMENSION),
    "dim_spacing_size": ("--ehr-spacing", DIMENSION),
    "font_family_body": ("--ehr-font-body", FONT),
    "font_family_heading": ("--ehr-font-heading", FONT),
}
CACHE_SECONDS = 600
MAX_BYTES = 64 * 1024  # a style document is a few hundred bytes
_cache: dict[str, tuple[float, str]] = {}


def css_of(style: Mapping[str, Any]) -> str:
    """``:root`` custom properties for the values that pass their pattern."""
    declarations = []
    for key, (name, pattern) in PROPERTIES.items():
        value = style.get(key)
        if isinstance(value, str) and pattern.match(value.strip()):
            declarations.append(f"  {name}: {value.strip()};")
    return ":root {\n" + "\n".join(declarations) + "\n}\n" if declarations else ""


def same_origin(url: str, issuer: str) -> bool:
    a, b = urlsplit(url), urlsplit(issuer)
    return a.scheme in ("http", "https") and (a.scheme, a.netloc) == (b.scheme, b.netloc)


def fetch_css(url: str, issuer: str, timeout: float) -> str:
    """The CSS for the style document at ``url`` (cached); empty when it is elsewhere, unreachable or not JSON."""
    if not same_origin(url, issuer):
        return ""
    cached = _cache.get(url)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    try:
        with within(timeout):
            response = ehr_http.current().get(
                url, timeout=timeout, headers={"Accept": "application/json"}, stream=True, allow_redirects=False
            )
            style = json.loads(read_body(response, MAX_BYTES)) if response.status_code == 200 else {}
    except (requests.RequestException, ValueError, SrhFhirError):
        style = {}
    css = css_of(style) if isinstance(style, dict) else ""
    _cache[url] = (time.monotonic() + CACHE_SECONDS, css)
    return css
