"""The forms of the network meeting: prepare it with the client, record what the invited answered, and record it
as held with what was agreed."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, HiddenField, RadioField, SelectField, StringField, TextAreaField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from smart_app.workspace import texts
from smart_app.workspace.forms import MultiCheckboxField, PatientForm, PlanChangeForm
from smart_app.workspace.meetings import AgreementInput, MeetingInput, RecordInput
from smart_app.workspace.people import Language
from srh_fhir.terminology import BasicNeed, CoreAction, ParticipationStatus

AGREEMENT_ROWS = 3
"""How many agreements the recording form offers at once (an empty row is left out)."""


class MeetingForm(PatientForm):
    invited = MultiCheckboxField(_l("Who is invited"), validators=[Optional()])
    goals = MultiCheckboxField(_l("Goals on the agenda"), validators=[Optional()])
    needs = MultiCheckboxField(_l("Basic needs on the agenda"), validators=[Optional()])
    other_items = TextAreaField(_l("Other agenda items (one a line)"), validators=[Optional(), Length(max=2000)])
    day = DateField(_l("Date of the meeting"), validators=[DataRequired(_l("Enter the date of the meeting."))])
    start = TimeField(_l("From"), validators=[DataRequired(_l("Enter the time the meeting starts."))])
    end = TimeField(_l("Until"), validators=[DataRequired(_l("Enter the time the meeting ends."))])
    comment = TextAreaField(_l("A word to the invitees (optional)"), validators=[Optional(), Length(max=500)])

    def set_choices(
        self, invitable: Sequence[tuple[str, str]], goals: Sequence[tuple[str, str]], needs: Sequence[BasicNeed],
        language: Language,
    ) -> None:
        self.invited.choices = [SelectChoice(value, label) for value, label in invitable]
        self.goals.choices = [SelectChoice(value, label) for value, label in goals]
        self.needs.choices = [SelectChoice(need.value, need.label(language)) for need in needs]

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        if self.start.data and self.end.data and self.end.data <= self.start.data:
            self.end.errors.append(_l("The meeting ends after it starts."))
            return False
        return valid

    def meeting_input(self) -> MeetingInput:
        assert self.day.data and self.start.data and self.end.data  # validated
        return MeetingInput(
            day=self.day.data,
            start=self.start.data,
            end=self.end.data,
            invited=tuple(self.invited.data or ()),
            goals=tuple(self.goals.data or ()),
            needs=tuple(BasicNeed(v) for v in self.needs.data or ()),
            other_items=self.other_items.data or "",
            comment=(self.comment.data or "").strip() or None,
        )


class RecordForm(PlanChangeForm):
    """Who came, when, and up to ``AGREEMENT_ROWS`` agreements; a row whose text is empty is left out. Carries the
    plan's version as shown: the agreements are added to it."""

    attendees = MultiCheckboxField(_l("Who came"), validators=[Optional()])
    day = DateField(_l("Date of the meeting"), validators=[DataRequired(_l("Enter the date of the meeting."))])
    start = TimeField(_l("From"), validators=[DataRequired(_l("Enter the time the meeting started."))])
    end = TimeField(_l("Until (optional)"), validators=[Optional()])

    def set_choices(
        self, attendees: Sequence[tuple[str, str]], goals: Sequence[tuple[str, str]],
        performers: Sequence[tuple[str, str]], language: Language,
    ) -> None:
        self.attendees.choices = [SelectChoice(value, label) for value, label in attendees]
        for row in self.rows():
            row["action"].choices = [SelectChoice("", "—")] + [
                SelectChoice(c.value, c.label(language)) for c in CoreAction
            ]
            row["goal"].choices = [SelectChoice("", "—")] + [SelectChoice(v, label) for v, label in goals]
            row["performer"].choices = [SelectChoice("", "—")] + [SelectChoice(v, label) for v, label in performers]

    def rows(self) -> list[dict[str, Any]]:
        return [
            {name: self[f"{name}_{i}"] for name in ("text", "action", "goal", "performer")}
            for i in range(1, AGREEMENT_ROWS + 1)
        ]

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        for row in self.rows():
            if not (row["text"].data or "").strip():
                continue
            if not row["action"].data:
                row["action"].errors.append(_l("Choose the core action of this agreement."))
                valid = False
            if not row["performer"].data:
                row["performer"].errors.append(_l("Choose who does it."))
                valid = False
        return valid

    def record_input(self) -> RecordInput:
        assert self.day.data and self.start.data  # validated
        agreements = tuple(
            AgreementInput(
                text=row["text"].data.strip(),
                core_action=CoreAction(row["action"].data),
                performer=row["performer"].data,
                goal=row["goal"].data or None,
            )
            for row in self.rows()
            if (row["text"].data or "").strip()
        )
        return RecordInput(
            day=self.day.data,
            start=self.start.data,
            end=self.end.data,
            attendees=tuple(self.attendees.data or ()),
            agreements=agreements,
        )


for _i in range(1, AGREEMENT_ROWS + 1):
    setattr(RecordForm, f"text_{_i}", StringField(_l("Agreement %(n)s: what was agreed", n=_i),
                                                  validators=[Optional(), Length(max=500)]))
    setattr(RecordForm, f"action_{_i}", SelectField(_l("Core action"), validators=[Optional()]))
    setattr(RecordForm, f"goal_{_i}", SelectField(_l("Towards goal (optional)"), validators=[Optional()]))
    setattr(RecordForm, f"performer_{_i}", SelectField(_l("Who does it"), validators=[Optional()]))


class AnswersForm(PatientForm):
    """What each invitee answered: a radio group per invitee (added by ``answers_form``), with the meeting's version
    as shown, so that an answer recorded meanwhile by someone else is not overwritten unseen."""

    version = HiddenField()
    invitees: tuple[tuple[str, str], ...] = ()
    """(reference, name) of each invitee, in the order of the groups."""

    def fields(self) -> list[Any]:
        return [self[answer_field(who)] for who, _ in self.invitees]

    def answers(self) -> dict[str, ParticipationStatus]:
        """The answer of each invitee (by reference), as chosen."""
        return {who: ParticipationStatus(self[answer_field(who)].data) for who, _ in self.invitees}


def answer_field(reference: str) -> str:
    """The name of an invitee's radio group: a digest of the reference, since a field name is an identifier."""
    return "answer_" + hashlib.sha256(reference.encode()).hexdigest()[:12]


def answers_form(invitees: Sequence[tuple[str, str]], answered: Mapping[str, ParticipationStatus] | None = None,
                 **values: Any) -> AnswersForm:
    """The answers form for ``invitees`` (reference, name), each group labelled with the name; ``answered`` (when
    not posting) chooses the answers known so far; ``values`` go to the form (``formdata``, ``patient``, ...)."""

    class Answers(AnswersForm):
        pass

    choices = [SelectChoice(code, label) for code, label in texts.ANSWER.items()]
    for who, name in invitees:
        message = _l("Choose what %(name)s answered.", name=name)
        setattr(Answers, answer_field(who), RadioField(name, choices=choices, validators=[DataRequired(message)]))
    form = Answers(**values)
    form.invitees = tuple(invitees)
    for who, _ in invitees:
        field, known = form[answer_field(who)], (answered or {}).get(who)
        if known is not None and not field.data:
            field.data = known.value
    return form
