"""What only development and the demo need, never in the wheel: the sandbox EHR, the HAPI harness, the demo runner.

It may import ``srh_fhir`` and ``smart_app``; neither of them imports it.
"""
