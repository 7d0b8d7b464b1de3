"""srh-fhir: FHIR R4 toolkit for supportive relational action (Steunend Relationeel Handelen).

The profile package ships with the library as :mod:`srh_fhir.profiles`.
"""

from __future__ import annotations

__all__ = ["__version__"]

__version__ = "0.1.0"
