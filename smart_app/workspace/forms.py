"""The workspace's forms (Flask-WTF, so every write carries a CSRF token) and what they become (``builders`` inputs).

Every form carries the launch's patient in a hidden field; the views refuse a form naming another patient. Forms
that change something read before carry its version, so a change made meanwhile by somebody else is a conflict.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from smart_app.workspace.builders import (
    ActivityEdit,
    ActivityInput,
    AssessmentInput,
    GoalInput,
    MemberInput,
    RatingInput,
)
from smart_app.workspace.people import Language
from srh_fhir.terminology import (
    BasicNeed,
    CarePlanActivityStatus,
    Closeness,
    ContactFrequency,
    CoreAction,
    GoalLifecycleStatus,
    InvolvementAction,
    NeedFulfilment,
    NetworkSector,
    Reciprocity,
    SrhCode,
    SupportType,
    TeamRole,
    Valence,
)

GOAL_STATUSES = (
    GoalLifecycleStatus.PROPOSED,
    GoalLifecycleStatus.ACTIVE,
    GoalLifecycleStatus.ON_HOLD,
    GoalLifecycleStatus.COMPLETED,
    GoalLifecycleStatus.CANCELLED,
)
ACTIVITY_STATUSES = (
    CarePlanActivityStatus.NOT_STARTED,
    CarePlanActivityStatus.SCHEDULED,
    CarePlanActivityStatus.IN_PROGRESS,
    CarePlanActivityStatus.ON_HOLD,
    CarePlanActivityStatus.COMPLETED,
    CarePlanActivityStatus.STOPPED,
)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _choices(codes: Iterable[SrhCode], language: Language, blank: bool = False) -> list[SelectChoice]:
    options = [SelectChoice(c.value, c.label(language)) for c in codes]
    return [SelectChoice("", "—"), *options] if blank else options


def _pairs(pairs: Iterable[tuple[str, str]]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


def _code(enum: type[Any], value: str | None) -> Any:
    return enum(value) if value else None


class PatientForm(FlaskForm):
    patient = HiddenField(validators=[DataRequired()])


class AssessmentFields(PatientForm):
    """The aspects of a tie; all optional here (``AssessmentForm`` asks for at least one)."""

    closeness = SelectField(_l("How close"), validators=[Optional()])
    contact_frequency = SelectField(_l("How often in contact"), validators=[Optional()])
    support = MultiCheckboxField(_l("Support this person gives"), validators=[Optional()])
    needs = MultiCheckboxField(_l("Basic needs this person meets"), validators=[Optional()])
    reciprocity = SelectField(_l("Giving and receiving"), validators=[Optional()])
    valence = SelectField(_l("How the tie feels"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=1000)])

    def set_assessment_choices(self, language: Language) -> None:
        self.closeness.choices = _choices(Closeness, language, blank=True)
        self.contact_frequency.choices = _choices(ContactFrequency, language, blank=True)
        self.support.choices = _choices(SupportType, language)
        self.needs.choices = _choices(BasicNeed, language)
        self.reciprocity.choices = _choices(Reciprocity, language, blank=True)
        self.valence.choices = _choices(Valence, language, blank=True)

    def validate(self, extra_validators: Any = None) -> bool:
        # Not an inline validator: the note is optional, and an optional field's chain stops when it is empty.
        valid: bool = super().validate(extra_validators)
        entered = self.assessment_input()
        if valid and entered.note and not entered.has_aspect:
            self.note.errors.append(_l("A note is kept with at least one aspect of the tie: choose one as well."))
            return False
        return valid

    def assessment_input(self) -> AssessmentInput:
        return AssessmentInput(
            closeness=_code(Closeness, self.closeness.data),
            contact_frequency=_code(ContactFrequency, self.contact_frequency.data),
            support=tuple(SupportType(v) for v in self.support.data or ()),
            needs=tuple(BasicNeed(v) for v in self.needs.data or ()),
            reciprocity=_code(Reciprocity, self.reciprocity.data),
            valence=_code(Valence, self.valence.data),
            note=self.note.data or None,
        )


class MemberTieForm(AssessmentFields):
    """Add or edit a network member, with how the tie is now, in one form."""

    version = HiddenField(validators=[Optional(), Length(max=64)])
    given = StringField(_l("First name"), validators=[DataRequired(_l("Enter the first name.")), Length(max=100)])
    family = StringField(_l("Last name"), validators=[Optional(), Length(max=100)])
    # Required: a network member has a relationship to the client (the profile's srh-nm-1).
    relationship = StringField(
        _l("Relationship (e.g. sister, neighbour)"),
        validators=[DataRequired(_l("Enter the relationship to the client.")), Length(max=100)],
    )
    sector = SelectField(_l("Part of life"), validators=[DataRequired(_l("Choose the part of life."))])
    since = DateField(_l("In the network since"), validators=[Optional()])

    def set_choices(self, language: Language) -> None:
        self.sector.choices = _choices(NetworkSector, language, blank=True)  # no safe default: the user chooses
        self.set_assessment_choices(language)

    def member_input(self) -> MemberInput:
        return MemberInput(
            given=self.given.data or "",
            family=self.family.data or None,
            relationship=(self.relationship.data or "").strip() or None,
            sector=self.sector.data or None,
            since=self.since.data,
        )


class AssessmentForm(AssessmentFields):
    """A new tie assessment of one member."""

    def validate(self, extra_validators: Any = None) -> bool:
        # Not an inline validator: the note is optional, and an optional field's chain stops when it is empty.
        valid: bool = super().validate(extra_validators)
        if valid and self.assessment_input().empty:
            self.note.errors.append(_l("Record at least one aspect of the tie."))
            return False
        return valid


class ConfirmedForm(PatientForm):
    """A destructive act: posted once to be confirmed (``confirmed`` empty), then again with ``confirmed`` set."""

    version = HiddenField(validators=[DataRequired(), Length(max=64)])
    confirmed = HiddenField(validators=[Optional(), Length(max=8)])


class EndMemberForm(ConfirmedForm):
    """The relationship ended: the end date (today unless changed) and, optionally, why."""

    ended_on = DateField(_l("Ended on"), validators=[DataRequired(_l("Enter the date the tie ended."))])
    reason = TextAreaField(_l("Why the tie ended (optional)"), validators=[Optional(), Length(max=500)])


class RemoveMemberForm(ConfirmedForm):
    """The member was entered by mistake: removed from the network, as if never entered."""


class UndoForm(PatientForm):
    """Undo the last ending or removal of a member, shortly after it."""


class ConsentForm(PatientForm):
    decision = RadioField(_l("The client"), validators=[DataRequired(_l("Choose what the client decided."))])
    actions = MultiCheckboxField(_l("Involved in"), validators=[Optional()])
    until = DateField(_l("Until (optional)"), validators=[Optional()])
    return_to = HiddenField(validators=[Optional(), AnyOf(["", "meeting"])])
    """``meeting``: after saving, back to preparing the network meeting (where the consent was asked for)."""

    def set_choices(self, language: Language) -> None:
        self.decision.choices = [
            SelectChoice("permit", str(_l("agrees that this person is involved"))),
            SelectChoice("deny", str(_l("no longer agrees that this person is involved"))),
        ]
        self.actions.choices = _choices(InvolvementAction, language)

    def validate(self, extra_validators: Any = None) -> bool:
        # Not an inline validator: the actions are optional, and an optional field's chain stops when it is empty.
        valid: bool = super().validate(extra_validators)
        if self.decision.data == "permit" and not self.actions.data:
            self.actions.errors.append(_l("Choose at least one way this person is involved."))
            return False
        return valid

    def action_codes(self) -> tuple[InvolvementAction, ...]:
        return tuple(InvolvementAction(v) for v in self.actions.data or ())


class PlanChangeForm(PatientForm):
    """Carries the plan's version as shown (empty when there is no plan yet)."""

    plan_version = HiddenField(validators=[Optional(), Length(max=64)])


class GoalForm(PlanChangeForm):
    goal_version = HiddenField(validators=[Optional(), Length(max=64)])
    description = TextAreaField(
        _l("The goal in the client's own words"),
        validators=[DataRequired(_l("Enter the goal in the client's own words.")), Length(max=500)],
    )
    core_action = SelectField(_l("Core action"), validators=[DataRequired(_l("Choose the core action."))])
    needs = MultiCheckboxField(_l("Basic needs"), validators=[Optional()])
    due = DateField(_l("Target date"), validators=[Optional()])
    status = SelectField(_l("Status"), default="active", validators=[DataRequired()])
    expressed_by = RadioField(
        _l("In whose words?"), validators=[DataRequired(_l("Choose in whose words the goal is."))]
    )
    answers = MultiCheckboxField(_l("What it answers in Verstaan"), validators=[Optional()])

    def set_choices(
        self,
        language: Language,
        status_labels: dict[str, str],
        authors: Sequence[tuple[str, str]] = (),
        answers: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``authors``: (reference, label) of who may have formulated the goal, the client first; ``answers``:
        (reference, label) of the understanding entries it can answer."""
        self.core_action.choices = _choices(CoreAction, language, blank=True)
        self.needs.choices = _choices(BasicNeed, language)
        self.status.choices = [SelectChoice(s.value, status_labels.get(s.value, s.value)) for s in GOAL_STATUSES]
        self.expressed_by.choices = _pairs(authors)
        self.answers.choices = _pairs(answers)

    def goal_input(self) -> GoalInput:
        return GoalInput(
            description=self.description.data or "",
            core_action=CoreAction(self.core_action.data),
            needs=tuple(BasicNeed(v) for v in self.needs.data or ()),
            due=self.due.data,
            lifecycle_status=GoalLifecycleStatus(self.status.data or "active"),
            expressed_by=self.expressed_by.data or None,
            answers=tuple(self.answers.data or ()),
            offered=tuple(str(choice.value) for choice in self.answers.choices or ()),
        )


class PlanAgreementForm(PlanChangeForm):
    """The plan as shown (its version) was discussed and agreed with the client: confirmed by ticking one box."""

    agreed = MultiCheckboxField(
        _l("Discussed and agreed"),
        validators=[DataRequired(_l("Confirm that the plan was discussed with the client and that they agree."))],
    )

    def set_choices(self, confirmation: str) -> None:
        self.agreed.choices = [SelectChoice("yes", confirmation)]


class SuggestedGoalForm(PlanChangeForm):
    need = HiddenField(validators=[DataRequired()])

    def basic_need(self) -> BasicNeed | None:
        try:
            return BasicNeed(self.need.data)
        except ValueError:
            return None


class ActivityForm(PlanChangeForm):
    core_action = SelectField(_l("Core action"), validators=[DataRequired(_l("Choose the core action."))])
    description = TextAreaField(
        _l("What will be done"), validators=[DataRequired(_l("Enter what will be done.")), Length(max=500)]
    )
    performers = MultiCheckboxField(_l("Who does it"), validators=[DataRequired(_l("Choose who does it."))])
    needs = MultiCheckboxField(_l("Basic needs it serves"), validators=[Optional()])
    goals = MultiCheckboxField(_l("Goals it works towards"), validators=[Optional()])
    status = SelectField(_l("Status"), default="not-started", validators=[DataRequired()])
    scheduled = StringField(_l("When (e.g. every Tuesday morning)"), validators=[Optional(), Length(max=200)])

    def set_choices(
        self,
        language: Language,
        performers: Sequence[tuple[str, str]],
        goals: Sequence[tuple[str, str]],
        status_labels: dict[str, str],
    ) -> None:
        self.core_action.choices = _choices(CoreAction, language, blank=True)
        self.performers.choices = _pairs(performers)
        self.needs.choices = _choices(BasicNeed, language)
        self.goals.choices = _pairs(goals)
        self.status.choices = [SelectChoice(s.value, status_labels.get(s.value, s.value)) for s in ACTIVITY_STATUSES]

    def activity_input(self) -> ActivityInput:
        return ActivityInput(
            core_action=CoreAction(self.core_action.data),
            description=self.description.data or "",
            performers=tuple(self.performers.data or ()),
            needs=tuple(BasicNeed(v) for v in self.needs.data or ()),
            goals=tuple(self.goals.data or ()),
            status=CarePlanActivityStatus(self.status.data or "not-started"),
            scheduled=self.scheduled.data or None,
        )


class ActivityEditForm(PlanChangeForm):
    """Change an activity: what, under which core action, who does it and its status (cancelling asks a reason)."""

    description = TextAreaField(
        _l("What will be done"), validators=[DataRequired(_l("Enter what will be done.")), Length(max=500)]
    )
    core_action = SelectField(_l("Core action"), validators=[DataRequired(_l("Choose the core action."))])
    performers = MultiCheckboxField(_l("Who does it"), validators=[DataRequired(_l("Choose who does it."))])
    status = SelectField(_l("Status"), validators=[DataRequired()])

    def set_choices(
        self, language: Language, performers: Sequence[tuple[str, str]], status_labels: dict[str, str]
    ) -> None:
        self.core_action.choices = _choices(CoreAction, language, blank=True)
        self.performers.choices = _pairs(performers)
        self.status.choices = [SelectChoice(s.value, status_labels.get(s.value, s.value)) for s in ACTIVITY_STATUSES]

    def edit_input(self) -> ActivityEdit:
        return ActivityEdit(
            core_action=CoreAction(self.core_action.data),
            description=self.description.data or "",
            performers=tuple(self.performers.data or ()),
            status=CarePlanActivityStatus(self.status.data),
        )


class ActivityDoneForm(PlanChangeForm):
    completed_on = DateField(_l("Done on"), validators=[DataRequired(_l("Enter the day it was done."))])


class ActivityCancelForm(PlanChangeForm):
    reason = TextAreaField(
        _l("Why is it cancelled?"),
        validators=[DataRequired(_l("Enter why the activity is cancelled.")), Length(max=500)],
    )


class ActivityUndoForm(PlanChangeForm):
    """Set a cancelled activity back to the status it had before."""

    status = HiddenField(validators=[DataRequired()])

    def restored_status(self) -> CarePlanActivityStatus | None:
        try:
            status = CarePlanActivityStatus(self.status.data)
        except ValueError:
            return None
        return status if status in ACTIVITY_STATUSES else None


SCORE_CHOICES = [SelectChoice(str(n)) for n in range(1, 6)]
SCORED = ("presence", "understood", "reliance", "network_involved")


CLIENT_RATES, PROFESSIONAL_RATES = "client", "professional"


class RatingForm(PatientForm):
    rater = RadioField(
        _l("Who gives this rating"),
        choices=[
            SelectChoice(CLIENT_RATES, _l("The client")),
            SelectChoice(PROFESSIONAL_RATES, _l("I do, as the professional (my own view of the working relationship)")),
        ],
        default=CLIENT_RATES,
        validators=[Optional()],
    )
    presence = RadioField(_l("I feel my worker is really there for me"), choices=SCORE_CHOICES, validators=[Optional()])
    understood = RadioField(_l("I feel understood"), choices=SCORE_CHOICES, validators=[Optional()])
    reliance = RadioField(_l("I can rely on my worker"), choices=SCORE_CHOICES, validators=[Optional()])
    network_involved = RadioField(
        _l("My worker involves the people around me"), choices=SCORE_CHOICES, validators=[Optional()]
    )
    overall_grade = SelectField(
        _l("Overall grade (1 to 10)"),
        choices=[SelectChoice("", "—")] + [SelectChoice(str(n)) for n in range(1, 11)],
        validators=[Optional()],
    )
    note = TextAreaField(_l("In the client's words"), validators=[Optional(), Length(max=1000)])

    def validate(self, extra_validators: Any = None) -> bool:
        # Not an inline validator: the grade is optional, and an optional field's chain stops when it is empty.
        valid: bool = super().validate(extra_validators)
        if not any(self[name].data for name in (*SCORED, "overall_grade")):
            self.overall_grade.errors.append(_l("Give at least one score."))
            return False
        return valid

    def rating_input(self) -> RatingInput:
        def score(name: str) -> int | None:
            value = self[name].data
            return int(value) if value else None

        return RatingInput(
            presence=score("presence"),
            understood=score("understood"),
            reliance=score("reliance"),
            network_involved=score("network_involved"),
            overall_grade=score("overall_grade"),
            note=self.note.data or None,
        )

    @property
    def by_professional(self) -> bool:
        return bool(self.rater.data == PROFESSIONAL_RATES)


# -- the gradings of the basic needs --------------------------------------------------------------------------------


def grade_field(need: BasicNeed) -> str:
    return f"grade_{need.name.lower()}"


def met_by_field(need: BasicNeed) -> str:
    return f"met_by_{need.name.lower()}"


class NeedGradingForm(PatientForm):
    """All five basic needs at once: how well each is met (a radio group) and who meets it (checkboxes); the
    fields per need are added below the class."""

    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=1000)])

    language: Language = "nl"

    def set_choices(self, language: Language, people: Iterable[tuple[str, str]]) -> None:
        self.language = language
        people = list(people)
        for need in BasicNeed:
            grade = self[grade_field(need)]
            grade.label.text = _l("How well is %(need)s met?", need=need.label(language))
            grade.choices = _choices(NeedFulfilment, language)
            met_by = self[met_by_field(need)]
            met_by.label.text = _l("Who meets %(need)s?", need=need.label(language))
            met_by.choices = _pairs(people)

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        for need in BasicNeed:
            grade, met_by = self[grade_field(need)], self[met_by_field(need)]
            label = need.label(self.language)
            if not grade.data:
                grade.errors = [*grade.errors, _l("Choose how well %(need)s is met.", need=label)]
                valid = False
            elif grade.data == NeedFulfilment.NOT_MET.value and met_by.data:
                message = _l(
                    "%(need)s is not met, so nobody meets it: untick the people or choose another grade.", need=label
                )
                met_by.errors = [*met_by.errors, message]
                valid = False
        return valid

    def grades(self) -> list[tuple[BasicNeed, NeedFulfilment, tuple[str, ...]]]:
        """Per need: the grade and who meets it, as entered."""
        return [
            (need, NeedFulfilment(self[grade_field(need)].data), tuple(self[met_by_field(need)].data or ()))
            for need in BasicNeed
        ]


for _need in BasicNeed:
    setattr(NeedGradingForm, grade_field(_need), RadioField(validators=[Optional()]))
    setattr(NeedGradingForm, met_by_field(_need), MultiCheckboxField(validators=[Optional()]))


# -- the social system ---------------------------------------------------------------------------------------------


class TeamChangeForm(PatientForm):
    """Carries the social system's version as shown (empty when the client has none yet)."""

    team_version = HiddenField(validators=[Optional(), Length(max=64)])


def _roles(language: Language) -> list[SelectChoice]:
    return _choices(TeamRole, language, blank=True)


class RoleFitting:
    """Roles that fit who someone is: the client's own role is for the client only, the network's roles for network
    members, the lead professional's for professionals (a volunteer or a professional may be either)."""

    ONLY: ClassVar[dict[TeamRole, tuple[str, ...]]] = {
        TeamRole.CLIENT: ("client",),
        TeamRole.NETWORK_MEMBER: ("network",),
        TeamRole.KEY_FIGURE: ("network",),
        TeamRole.PRIMARY_PROFESSIONAL: ("professional",),
    }

    @classmethod
    def fits(cls, role: TeamRole, kind: str) -> bool:
        return kind in cls.ONLY.get(role, ("network", "professional"))


class ParticipantForm(TeamChangeForm):
    """Someone joins the social system: a network member, a professional or the client, with a role and a date."""

    member = SelectField(_l("Who"), validators=[DataRequired(_l("Choose who joins the social system."))])
    role = SelectField(
        _l("Role"), default=TeamRole.NETWORK_MEMBER.value, validators=[DataRequired(_l("Choose the role."))]
    )
    since = DateField(_l("Since"), validators=[Optional()])

    kinds: dict[str, str]

    def set_choices(self, language: Language, people: Sequence[tuple[str, str, str, str]]) -> None:
        """``people``: (reference, name, kind, the kind's label) of who may join, grouped by kind."""
        options = (SelectChoice(ref, name, optgroup=group) for ref, name, _, group in people)
        self.member.choices = [SelectChoice("", "—"), *options]
        self.role.choices = _roles(language)
        self.kinds = {ref: kind for ref, _, kind, _ in people}

    def validate(self, extra_validators: Any = None) -> bool:
        valid: bool = super().validate(extra_validators)
        kind = self.kinds.get(self.member.data or "")
        if valid and kind and not RoleFitting.fits(TeamRole(self.role.data), kind):
            self.role.errors.append(_l("This role does not fit this person; choose another role."))
            return False
        return valid

    def team_role(self) -> TeamRole:
        return TeamRole(self.role.data)


class ParticipantChangeForm(TeamChangeForm):
    """Names the participant it changes, so a changed order of participants is a conflict, not a wrong change."""

    member = HiddenField(validators=[DataRequired(), Length(max=200)])


class RoleForm(ParticipantChangeForm):
    """A participant's new role."""

    role = SelectField(_l("Role"), validators=[DataRequired(_l("Choose the role."))])

    def set_choices(self, language: Language, kind: str) -> None:
        self.role.choices = [c for c in _roles(language) if not c.value or RoleFitting.fits(TeamRole(c.value), kind)]

    def team_role(self) -> TeamRole:
        return TeamRole(self.role.data)


class RemoveParticipantForm(ParticipantChangeForm):
    """Confirms that a participant leaves the social system (their period ends today), or undoes that."""
