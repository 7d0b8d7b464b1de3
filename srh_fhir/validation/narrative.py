"""Narrative: ``text.div`` is one well-formed XHTML ``div`` with only what FHIR allows (txt-1, txt-2).

FHIR allows the basic HTML formatting elements and attributes (R4 Narrative, chapters 7-11 of the HTML 4.0
standard without forms, frames, scripts and objects, with ``<a name>`` and ``<img>``); these lists are the ones HAPI's
validator uses. The XHTML is parsed with expat, never fetching anything and refusing entity declarations, so a
hostile narrative cannot expand or reach outside. Two deliberate differences with HAPI, both stricter: content after
the closing ``</div>`` is an error (HAPI ignores it, though a renderer may show it), and so is a ``<!ENTITY>``.
"""

from __future__ import annotations

import re
from xml.parsers import expat

XHTML = "http://www.w3.org/1999/xhtml"
ELEMENTS = frozenset({
    "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "b", "em", "i", "strong", "small", "big", "tt",
    "dfn", "q", "var", "abbr", "acronym", "cite", "blockquote", "hr", "address", "bdo", "kbd", "sub", "sup", "ul",
    "ol", "li", "dl", "dt", "dd", "pre", "table", "caption", "colgroup", "col", "thead", "tr", "tfoot", "tbody", "th",
    "td", "code", "samp", "img", "map", "area"})
ATTRIBUTES = frozenset({
    "title", "style", "class", "id", "lang", "xml:lang", "dir", "accesskey", "tabindex", "span", "width", "align",
    "valign", "char", "charoff", "abbr", "axis", "headers", "scope", "rowspan", "colspan"})
ELEMENT_ATTRIBUTES = frozenset({
    "a.href", "a.name", "img.src", "img.border", "div.xmlns", "blockquote.cite", "q.cite", "a.title", "a.type",
    "a.rel", "a.rev", "a.hreflang", "a.charset", "a.coords", "a.shape", "img.alt", "img.longdesc", "img.height",
    "img.width", "img.usemap", "img.ismap", "map.name", "area.shape", "area.coords", "area.href", "area.nohref",
    "area.alt", "table.summary", "table.border", "table.frame", "table.rules", "table.cellspacing",
    "table.cellpadding", "pre.space", "td.nowrap"})
ACTIVE_SCHEME = re.compile(r"\s*(javascript|vbscript)\s*:", re.IGNORECASE)
XML_NS = "http://www.w3.org/XML/1998/namespace"


class _Reader:
    """Collects the problems of one div while expat reads it."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.depth = 0
        self.closed = False  # the root div has ended
        self.has_text = False
        self.in_cdata = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        namespace, _, name = tag.rpartition(" ")
        if self.closed:
            self.problems.append(f"Content after the closing div of the XHTML ('{name}')")
        if self.depth == 0 and name != "div":
            self.problems.append(f"Wrong name on the XHTML ('{name}') - must start with div")
        self.depth += 1
        if namespace != XHTML:
            self.problems.append(f"Wrong namespace on the XHTML ('{namespace or 'null'}', should be '{XHTML}')")
        if name not in ELEMENTS:
            self.problems.append(f"Invalid element name in the XHTML ('{name}')")
        self.has_text = self.has_text or name == "img"
        for key, value in attributes.items():
            attribute_ns, _, attribute = key.rpartition(" ")
            attribute = f"xml:{attribute}" if attribute_ns == XML_NS else attribute
            if attribute not in ATTRIBUTES and f"{name}.{attribute}" not in ELEMENT_ATTRIBUTES:
                self.problems.append(f"Invalid attribute name in the XHTML ('{attribute}' on '{name}')")
            elif attribute in ("href", "src") and ACTIVE_SCHEME.match(value):
                self.problems.append(f"Hyperlink '{value}' on '{name}' has active content, which is a security "
                                     "risk and not allowed")

    def end(self, _tag: str) -> None:
        self.depth -= 1
        self.closed = self.depth == 0

    def text(self, data: str) -> None:
        if self.closed and data.strip():
            self.problems.append("Content after the closing div of the XHTML")
        self.has_text = self.has_text or (not self.in_cdata and bool(data.strip()))

    def cdata(self, inside: bool) -> None:
        self.in_cdata = inside

    def entity(self, *_: object) -> None:
        raise ValueError("the XHTML must not declare entities")


def narrative_problems(div: str) -> list[str]:
    """What is wrong with a Narrative.div (empty when nothing), in HAPI's words where HAPI says it."""
    reader = _Reader()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.StartCdataSectionHandler = lambda: reader.cdata(True)
    parser.EndCdataSectionHandler = lambda: reader.cdata(False)
    parser.EntityDeclHandler = reader.entity
    parser.ExternalEntityRefHandler = lambda *_: 0  # an external entity is an error, never fetched
    try:
        parser.Parse(div, True)
    except (expat.ExpatError, ValueError) as error:
        if not (isinstance(error, expat.ExpatError) and error.code == expat.errors.codes[
                expat.errors.XML_ERROR_JUNK_AFTER_DOC_ELEMENT]):
            return [f"Error parsing XHTML: {error}"]
        reader.problems.append("Content after the closing div of the XHTML")
    if not reader.has_text:
        reader.problems.append("Constraint failed: txt-2: 'The narrative SHALL have some non-whitespace content'")
    return reader.problems
