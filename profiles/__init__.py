"""The SRH FHIR profile package, shipped with the library as ``srh_fhir.profiles``.

``package/`` is the FHIR NPM package generated from the FSH source by ``make profiles`` (committed, with
snapshots); ``schemas/`` holds a JSON Schema per profile generated from those snapshots.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["EXAMPLE_DIR", "PACKAGE_DIR", "SCHEMA_DIR"]

PACKAGE_DIR = Path(__file__).parent / "package"
EXAMPLE_DIR = PACKAGE_DIR / "example"
SCHEMA_DIR = Path(__file__).parent / "schemas"
