"""The conflict page shows the user's input as people read it: the people chosen to do an activity by name, never as
references (found by the conversation scenario: "Wie het doet: Patient/client-…"; and for a goal's author by the
browser test on Helios: "expressed_by: Patient/client-…")."""

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


def test_the_author_of_an_unsaved_goal_is_shown_by_name_under_the_forms_label(app: Flask) -> None:
    values = {"new-goal-description": "Weer samen koken", "new-goal-expressed_by": "Patient/ingrid"}
    with app.test_request_context("/?lang=nl"):
        shown = shown_input(values, {"Patient/ingrid": "Ingrid de Vries"}.__getitem__)
    assert shown == {"Omschrijving": "Weer samen koken", "In wiens woorden?": "Ingrid de Vries"}


def test_what_an_unsaved_goal_answers_is_shown_in_words_under_the_forms_label(app: Flask) -> None:
    values = {"new-goal-description": "Weer samen koken", "new-goal-answers": ["Observation/u1", "Observation/u2"]}
    words = {"Observation/u1": "Wat ertoe doet: koken met haar zus", "Observation/u2": "Sterk: houdt van mensen"}
    with app.test_request_context("/?lang=nl"):
        shown = shown_input(values, words.__getitem__)
    assert shown == {
        "Omschrijving": "Weer samen koken",
        "Waar het een antwoord op is (Verstaan)": "Wat ertoe doet: koken met haar zus, Sterk: houdt van mensen",
    }


def test_dates_of_unsaved_input_are_written_out_in_the_pages_language(app: Flask) -> None:
    """Found on the confirmation of ending a tie: "Beëindigd op 2026-11-30"."""
    values = {"end-ended_on": "2026-11-30", "end-reason": "2026-11-30 verhuisd", "grant-until": "2026-13-45"}
    with app.test_request_context("/?lang=nl"):
        shown = shown_input(values)
    assert shown["Beëindigd op"] == "30 november 2026"
    assert shown["Waarom de relatie is beëindigd (niet verplicht)"] == "2026-11-30 verhuisd"  # words stay words
    assert "2026-13-45" in shown.values()  # no such day: shown as typed, not dropped
    with app.test_request_context("/?lang=en"):
        assert shown_input({"end-ended_on": "2026-11-30"}) == {"Ended on": "30 November 2026"}
