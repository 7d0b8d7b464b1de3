"""The workspace's forms (Flask-WTF: every one carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from srh_fhir.terminology import NetworkSector


class MemberForm(FlaskForm):
    """Add a person to the client's network."""

    patient = HiddenField(validators=[DataRequired()])
    given = StringField(_l("First name"), validators=[DataRequired(), Length(max=100)])
    family = StringField(_l("Last name"), validators=[Optional(), Length(max=100)])
    # required: the profile's invariant srh-nm-1 (a member has a relationship to the client, coded or as text)
    relationship = StringField(
        _l("Relationship (e.g. sister, neighbour)"), validators=[DataRequired(), Length(max=100)]
    )
    sector = SelectField(_l("Part of life"), validators=[DataRequired()])

    def set_sector_choices(self, language: str) -> None:
        self.sector.choices = [(s.value, s.label("en" if language == "en" else "nl")) for s in NetworkSector]


class EndTieForm(FlaskForm):
    """Mark a tie as ended; ``version`` is the member's version as shown, so a changed member is a conflict."""

    patient = HiddenField(validators=[DataRequired()])
    version = HiddenField(validators=[DataRequired(), Length(max=64)])
