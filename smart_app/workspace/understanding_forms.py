"""The forms of the Verstaan page: add an entry, and mark one as no longer current (confirmed first)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from smart_app.workspace.forms import ConfirmedForm, PatientForm
from smart_app.workspace.people import Language
from smart_app.workspace.understanding import UnderstandingInput
from srh_fhir.terminology import UnderstandingKind

CLIENT = "client"
PROFESSIONAL = "professional"


class UnderstandingForm(PatientForm):
    kind = RadioField(_l("What it is about"), validators=[DataRequired(_l("Choose what the entry is about."))])
    words = TextAreaField(_l("The words"), validators=[DataRequired(_l("Write down what was said.")), Length(max=1000)])
    whose = RadioField(
        _l("In whose words"),
        choices=[
            SelectChoice(CLIENT, _l("The client's own words")),
            SelectChoice(PROFESSIONAL, _l("My words, as the professional")),
        ],
        default=CLIENT,
        validators=[DataRequired(_l("Choose in whose words it is."))],
    )
    said_on = DateField(_l("Date (when it was said or happened)"), validators=[DataRequired(_l("Enter the date."))])

    def set_choices(self, language: Language) -> None:
        self.kind.choices = [SelectChoice(k.value, k.label(language)) for k in UnderstandingKind]

    def understanding_input(self) -> UnderstandingInput:
        assert self.said_on.data is not None  # validated
        return UnderstandingInput(
            kind=UnderstandingKind(self.kind.data),
            words=self.words.data or "",
            own_words=self.whose.data != PROFESSIONAL,
            said_on=self.said_on.data,
        )


class NoLongerCurrentForm(ConfirmedForm):
    """An entry that no longer holds: marked so (it stays in the history), after a confirmation step."""
