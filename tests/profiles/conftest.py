"""The profile package tier: the generated package, its JSON Schemas and examples, and how HAPI's reference
validator and ``srh_fhir.validation`` judge them. Its fixtures shared with the other tiers (``conformance``,
``examples``, ``profiles``, ``validator``) are in ``tests/conftest.py``; the modules marked ``reference`` read the
results ``make test`` leaves in ``build/``."""
