"""The SRH SMART-on-FHIR app (Flask). Built in a later step; see DESIGN.md."""
