"""The form of the outcomes page: an instrument's total score on a date (only the score, never the items)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from smart_app.workspace.forms import PatientForm
from smart_app.workspace.people import Language
from srh_fhir.terminology import Instrument


class OutcomeForm(PatientForm):
    instrument = RadioField(_l("Instrument"), validators=[DataRequired(_l("Choose the instrument."))])
    score = IntegerField(_l("Total score"), validators=[InputRequired(_l("Enter the total score as a whole number."))])
    measured_on = DateField(_l("Date it was filled in"), validators=[DataRequired(_l("Enter the date."))])

    def set_choices(self, language: Language, offered: Sequence[Instrument]) -> None:
        """Offer the team's instruments (``SRH_APP_INSTRUMENTS``); the only one is chosen already."""
        self.instrument.choices = [
            SelectChoice(i.value, f"{i.label(language)} ({i.score_range[0]} - {i.score_range[1]})") for i in offered
        ]
        if len(offered) == 1 and not self.instrument.data:
            self.instrument.data = offered[0].value

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        if self.instrument.data in {i.value for i in Instrument} and self.score.data is not None:
            low, high = Instrument(self.instrument.data).score_range
            if not low <= self.score.data <= high:
                message = _l("This instrument's total score lies between %(low)d and %(high)d.", low=low, high=high)
                self.score.errors = [*self.score.errors, message]
                return False
        if self.measured_on.data is not None and self.measured_on.data > datetime.date.today():
            self.measured_on.errors = [*self.measured_on.errors, _l("The date cannot be in the future.")]
            return False
        return valid
