"""The conflict page shows the user's input as people read it: the people chosen to do an activity by name, never as
references (found by the conversation scenario: "Wie het doet: Patient/client-…")."""

from __future__ import annotations

from flask import Flask

from smart_app.workspace.pages.posted import shown_input


def test_the_performers_of_an_unsaved_activity_are_shown_by_name(app: Flask) -> None:
    values = {
        "new-activity-description": "Wekelijkse wandeling",
        "new-activity-performers": ["Patient/ingrid", "RelatedPerson/bert"],
    }
    names = {"Patient/ingrid": "Ingrid de Vries", "RelatedPerson/bert": "Bert de Vries"}
    with app.test_request_context("/?lang=nl"):
        shown = shown_input(values, names.__getitem__)
    assert shown["Wie het doet"] == "Ingrid de Vries, Bert de Vries"
    assert shown["Omschrijving"] == "Wekelijkse wandeling"
