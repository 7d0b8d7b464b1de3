"""fhirpathpy's parse trees of FHIRPath expressions, most of them read from the file shipped with the package.

ANTLR's Python runtime takes milliseconds to parse an expression, and every process that validates meets some sixty:
a tenth of a second in each worker of ``srh-fhir validate --jobs N``. tools/make_fhirpath_trees.py parses the
invariants of R4 core and of our package once, into ``data/fhirpath-trees.json``; an expression that is not there, or
a fhirpathpy other than the one that wrote the file, is parsed here. Native and fhirpathpy evaluators are compiled
from the same tree, which neither changes.
"""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import fhirpathpy
from fhirpathpy.parser import parse

SHIPPED: Traversable = files("srh_fhir.validation") / "data" / "fhirpath-trees.json"

_trees: dict[str, Any] | None = None  # expression -> tree: the shipped ones, then each one parsed here


def parse_tree(expression: str) -> dict[str, Any]:
    """The tree ``fhirpathpy.parser.parse(expression)`` gives (its errors raise); shared, so never changed."""
    global _trees
    if _trees is None:
        _trees = _shipped()
    tree: dict[str, Any] | None = _trees.get(expression)
    if tree is None:
        tree = _trees[expression] = parse(expression)
    return tree


def _shipped() -> dict[str, Any]:
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    trees: dict[str, Any] = shipped["trees"] if shipped["fhirpathpy"] == fhirpathpy.__version__ else {}
    return trees
