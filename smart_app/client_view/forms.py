"""The forms of the client view, in words addressed to the client: a goal in their own words, their consent about
one network member, and their rating of the work with their professional (the workspace's rating form, whose
questions are the client's already)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from smart_app.workspace.builders import GoalInput
from smart_app.workspace.forms import PatientForm, PlanChangeForm, RatingForm
from srh_fhir.terminology import GoalLifecycleStatus, InvolvementAction

PERMIT, DENY = "permit", "deny"


class ClientGoalForm(PlanChangeForm):
    description = TextAreaField(
        _l("What do you want to achieve? Write it in your own words."),
        validators=[DataRequired(_l("Write what you want to achieve.")), Length(max=500)],
    )

    def goal_input(self, client: str) -> GoalInput:
        """The goal as the client proposes it: in their words (``expressedBy`` the client), not yet under a core
        action; the professional talks it through with them and places it in the plan."""
        return GoalInput(
            description=self.description.data or "",
            core_action=None,
            lifecycle_status=GoalLifecycleStatus.PROPOSED,
            expressed_by=client,
        )


class ClientCommentForm(PlanChangeForm):
    text = TextAreaField(
        _l("What do you want to say about your plan?"),
        validators=[DataRequired(_l("Write what you want to say.")), Length(max=1000)],
    )


class ClientConsentForm(PatientForm):
    decision = RadioField(
        _l("Do you want this person to take part?"),
        choices=[
            SelectChoice(PERMIT, _l("Yes, this person may take part in my plan")),
            SelectChoice(DENY, _l("No, this person may no longer take part")),
        ],
        validators=[DataRequired(_l("Choose yes or no."))],
    )

    @property
    def permits(self) -> bool:
        return bool(self.decision.data == PERMIT)

    def action_codes(self) -> tuple[InvolvementAction, ...]:
        """A yes of the client is a yes to every way of taking part; a no names none."""
        return tuple(InvolvementAction) if self.permits else ()


class ClientRatingForm(RatingForm):
    note = TextAreaField(_l("Anything you want to add, in your own words"), validators=[Optional(), Length(max=1000)])
