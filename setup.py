"""The build of srh-fhir (its metadata is in pyproject.toml). ``SRH_FHIR_COMPILE=1 pip install .`` compiles the
validator's modules with mypyc: the same source as C extensions, about twice as fast (README: "For vendors")."""

import os
from pathlib import Path

from setuptools import setup

MYPYC = "mypy==2.4.1"  # the version `make check` type-checks with; mypyc comes with it
# The modules of srh_fhir.validation on the path of every resource validated: all but __init__.py and fhirpath.py
# (glue around fhirpathpy, which stays interpreted).
COMPILED = sorted(
    str(path) for path in Path("srh_fhir/validation").glob("*.py") if path.name not in ("__init__.py", "fhirpath.py")
)


def compiled_modules() -> list:
    try:
        from mypyc.build import mypycify
    except ImportError:  # pip first asks which build requirements to install (setup_requires): mypyc is not there yet
        return []
    return mypycify(COMPILED, opt_level="3", target_dir="build/mypyc")


if os.environ.get("SRH_FHIR_COMPILE") == "1":
    setup(ext_modules=compiled_modules(), setup_requires=[MYPYC])
else:
    setup()
