"""The forms of the working relationship page beside the rating: a contact moment recorded here (when the EHR holds
no Encounter for it) and the professional's reflection on a period."""

from __future__ import annotations

import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import DateField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from smart_app.workspace.forms import PatientForm
from smart_app.workspace.people import Language
from srh_fhir.terminology import ContactKind


class ContactForm(PatientForm):
    contact_on = DateField(_l("Date of the contact"), validators=[DataRequired(_l("Enter the date of the contact."))])
    contact_kind = RadioField(_l("Kind of contact"), validators=[DataRequired(_l("Choose the kind of contact."))])

    def set_choices(self, language: Language) -> None:
        self.contact_kind.choices = [SelectChoice(k.value, k.label(language)) for k in ContactKind]

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        if self.contact_on.data is not None and self.contact_on.data > datetime.date.today():
            self.contact_on.errors = [*self.contact_on.errors, _l("A contact moment is recorded after it took place.")]
            return False
        return valid

    @property
    def kind(self) -> ContactKind:
        return ContactKind(self.contact_kind.data)


class ReflectionForm(PatientForm):
    reflection_from = DateField(_l("Period from"), validators=[DataRequired(_l("Enter the first day of the period."))])
    reflection_to = DateField(_l("Period to"), validators=[DataRequired(_l("Enter the last day of the period."))])
    reflection = TextAreaField(
        _l("Your reflection on the working relationship"),
        validators=[DataRequired(_l("Write your reflection.")), Length(max=2000)],
    )

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        start, end = self.reflection_from.data, self.reflection_to.data
        if start is not None and end is not None and end < start:
            self.reflection_to.errors = [*self.reflection_to.errors, _l("The period ends on or after its first day.")]
            return False
        return valid
