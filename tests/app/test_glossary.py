"""One set of words: the app says what docs/GLOSSARY.md says, and every FHIR status it shows is translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from flask import Flask
from flask_babel import force_locale

from smart_app.workspace import texts
from srh_fhir import terminology
from srh_fhir.terminology import (
    CarePlanActivityStatus,
    CareTeamStatus,
    ConsentState,
    FhirCode,
    GoalAchievementStatus,
    GoalLifecycleStatus,
    RequestStatus,
    SrhCode,
)

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "GLOSSARY.md"
CATALOGUES = ROOT / "smart_app" / "translations"
SHOWN_STATUSES: tuple[type[FhirCode], ...] = (
    RequestStatus,
    CarePlanActivityStatus,
    GoalLifecycleStatus,
    GoalAchievementStatus,
    CareTeamStatus,
    ConsentState,
)
METHOD_CODE_SYSTEMS: tuple[type[SrhCode], ...] = (
    terminology.CoreAction,
    terminology.BasicNeed,
    terminology.NeedFulfilment,
    terminology.NetworkSector,
    terminology.Closeness,
    terminology.Valence,
    terminology.Reciprocity,
    terminology.UnderstandingKind,
    terminology.ContactKind,
)


def glossary() -> list[tuple[str, str, str]]:
    """(Dutch, English, code) of each row; a term's bracketed synonym is dropped."""
    rows = []
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("Nederlands", "---"):
            continue
        dutch, english, _, code = cells
        rows.append((dutch.split(" (")[0], english.split(" (")[0], code))
    return rows


def code_of(written: str) -> SrhCode:
    system, code = written.split("#")
    for enum in SrhCode.__subclasses__():
        members = list(enum)
        if members and members[0].system.endswith("/" + system):
            return enum(code)
    raise LookupError(written)


def catalogue(language: str) -> dict[str, str]:
    with (CATALOGUES / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {m.id.casefold(): m.string for m in read_po(handle) if isinstance(m.id, str) and m.id}


def test_the_glossary_has_the_method_terms() -> None:
    dutch = {row[0].casefold() for row in glossary()}
    for term in ("verbinden", "verstaan", "verzekeren", "versterken", "netwerklid", "sociaal systeem", "basisbehoeften",
                 "levensgebied", "nabijheid", "steunend", "wisselend", "belastend", "geven en ontvangen",
                 "toestemming voor betrokkenheid", "werkrelatie", "steunplan", "doel", "activiteit", "netwerkberaad",
                 "eigen regie"):  # fmt: skip
        assert term in dutch, term


@pytest.mark.parametrize("enum", METHOD_CODE_SYSTEMS, ids=lambda e: e.__name__)
def test_every_code_of_the_method_is_in_the_glossary(enum: type[SrhCode]) -> None:
    in_glossary = {code_of(code) for _, _, code in glossary() if code}
    missing = [member.value for member in enum if member not in in_glossary]
    assert missing == []


@pytest.mark.parametrize(("dutch", "english", "code"), [row for row in glossary() if row[2]], ids=lambda v: str(v))
def test_the_app_labels_a_code_with_the_glossary_terms(dutch: str, english: str, code: str) -> None:
    member = code_of(code)
    assert (member.label("nl"), member.label("en")) == (dutch, english)


def test_the_app_texts_use_the_glossary_terms() -> None:
    dutch_catalogue, english_catalogue = catalogue("nl"), catalogue("en")
    checked = []
    for dutch, english, _ in glossary():
        key = english.casefold()
        if key in dutch_catalogue:
            assert dutch_catalogue[key].casefold() == dutch.casefold(), english
            assert english_catalogue[key].casefold() == english.casefold(), english
            checked.append(english)
    assert len(checked) >= 10, checked  # the glossary's terms are the app's words, not a list beside them


@pytest.mark.parametrize("enum", SHOWN_STATUSES, ids=lambda e: e.__name__)
def test_every_status_shown_is_translated(app: Flask, enum: type[FhirCode]) -> None:
    with app.test_request_context("/"):
        for member in enum:
            assert member.value in texts.STATUS, member
            with force_locale("nl"):
                dutch = texts.status_label(member.value)
            with force_locale("en"):
                english = texts.status_label(member.value)
            assert dutch != english, (member.value, dutch)  # "on hold" stayed English in Dutch
            assert dutch != member.value and "-" not in dutch + english, (member.value, dutch, english)
