"""Netwerkberaad — the network meeting: prepare it with the client (who is invited, only members the client agreed may
take part; the agenda from the open goals and the basic needs not met; when), print an invitation for each invited
member, record what each invited answered (comes, may come, does not come: who does not come is not ticked when the
meeting is recorded), and record it as held (who came, when, and what was agreed: each agreement becomes an activity
of the plan that says at which meeting it was agreed, all in one transaction). A planned meeting can be cancelled
(after a confirmation; it stays in the list) and then go ahead after all.

A member without the client's consent cannot be ticked; the page says so and offers to record the consent first:
the preparation as entered is kept, the member page's consent form comes back here after saving, and the member is
then ticked. The view model is ``smart_app.workspace.meetings`` (pure); the routes render ``meetings.html``,
``meeting_invitations.html``, ``meeting_answers.html``, ``meeting_record.html`` and ``meeting_cancel.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

from flask import abort, g, redirect, request, url_for
from flask_babel import gettext as _

from smart_app.views.errors import problem_page
from smart_app.workspace import meetings as view
from smart_app.workspace import texts
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import PatientForm
from smart_app.workspace.meeting_forms import AnswersForm, MeetingForm, RecordForm, answer_field, answers_form
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.pages.plan import plan_changed, plan_conflict
from smart_app.workspace.pages.posted import submitted
from srh_fhir.client_repository import ClientRepository, MeetingHistory
from srh_fhir.errors import PlanConflict
from srh_fhir.model import NetworkMeeting, reference_to
from srh_fhir.terminology import AppointmentStatus

PLAN_ENDPOINT = "workspace.plan_meeting"
ANSWERS_ENDPOINT = "workspace.record_answers"
RECORD_ENDPOINT = "workspace.record_meeting"
RETURN_TO = "meeting"
"""What the member page's consent form carries to come back to the preparation after saving."""


@dataclass(frozen=True)
class Loaded:
    ws: Workspace
    history: MeetingHistory


def load(repository: ClientRepository) -> Loaded:
    """The workspace (with the gradings of the needs, for the agenda) and the meetings: two or three round trips."""
    return Loaded(frame.workspace_with_needs(repository), repository.meetings())


# -- preparing ----------------------------------------------------------------------------------------------------


@blueprint.get("/meetings")
def meetings() -> Page:
    loaded = frame.with_repository(load)
    return render_meetings(loaded) if isinstance(loaded, Loaded) else loaded


def meeting_form(ws: Workspace, form: MeetingForm | None = None) -> MeetingForm:
    if form is None:
        draft = kept.draft(PLAN_ENDPOINT)
        form = MeetingForm(formdata=draft, patient=g.launch.patient)
        if draft is None:
            form.goals.data = [goal for goal, _ in view.open_goals(ws)]
            form.needs.data = [need.value for need in view.unmet_needs(ws)]
    invitable = [(i.reference, i.name) for i in view.invitees(ws) if i.may_invite]
    form.set_choices(invitable, view.open_goals(ws), view.unmet_needs(ws), ws.language)
    return form


def render_meetings(loaded: Loaded, form: MeetingForm | None = None) -> tuple[str, int]:
    ws = loaded.ws
    return render(
        "meetings.html",
        ws,
        form=meeting_form(ws, form),
        without_consent=[i for i in view.invitees(ws) if not i.may_invite],
        meetings=view.meeting_views(loaded.history, ws),
        go_ahead_form=PatientForm(formdata=None, patient=g.launch.patient),
    )


@blueprint.post("/meetings")
def plan_meeting() -> Page:
    form = MeetingForm()
    if request.form.get("consent_first"):
        return _consent_first(form, request.form["consent_first"])
    refused = frame.refuse_write(form, "Appointment")
    if refused:
        return refused
    loaded = frame.attempt(load, unsaved=submitted())
    if isinstance(loaded, SaveFailure):
        return frame.form_again(loaded)
    meeting_form(loaded.ws, form)
    if not form.validate_on_submit():
        return _again(form, None)
    meeting = view.new_meeting(loaded.ws, form.meeting_input(), writes.now())
    failed = writes.save([meeting], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return _again(form, failed)
    return failed or writes.saved(_("The network meeting was planned."), "workspace.meetings", PLAN_ENDPOINT)


def _consent_first(form: MeetingForm, member_id: str) -> Page:
    """Keep the preparation as entered, with the member ticked, and go to the member's consent form."""
    refused = frame.refuse_write(form, "Consent")
    if refused:
        return refused
    if not form.csrf_token.validate(form):
        return problem_page("bad_request", 400)
    values = {k: request.form.getlist(k) for k in request.form if k not in ("consent_first", "csrf_token")}
    member = reference_to("RelatedPerson", member_id)
    values["invited"] = [*values.get("invited", []), member]
    kept.keep_draft(PLAN_ENDPOINT, values)
    return redirect(url_for("workspace.member", member_id=member_id, return_to=RETURN_TO, _anchor="consent"), 303)


def _again(form: MeetingForm, failure: SaveFailure | None) -> Page:
    return writes.again_loading(form, failure, load, partial(render_meetings, form=form))


# -- the invitations ------------------------------------------------------------------------------------------------


@blueprint.get("/meetings/<meeting_id>/invitations")
def meeting_invitations(meeting_id: str) -> Page:
    loaded = frame.with_repository(load)
    if not isinstance(loaded, Loaded):
        return loaded
    shown = next((m for m in view.meeting_views(loaded.history, loaded.ws) if m.meeting_id == meeting_id), None)
    if shown is None:
        abort(404)
    ws = loaded.ws
    return render("meeting_invitations.html", ws, meeting=shown, client=ws.directory.patient_display,
                  professional=ws.directory.user)


# -- what the invited answered ------------------------------------------------------------------------------------


def _planned(loaded: Loaded, meeting_id: str) -> NetworkMeeting | None:
    """The meeting, when it is planned: not held, not called off."""
    meeting = loaded.history.meeting(meeting_id)
    if meeting is None or meeting.status is AppointmentStatus.CANCELLED or loaded.history.record_of(meeting):
        return None
    return meeting


def _invitees(loaded: Loaded, meeting: NetworkMeeting) -> list[tuple[str, str]]:
    return [(p.who, loaded.ws.directory.name(p.who)) for p in meeting.invitees]


@blueprint.get("/meetings/<meeting_id>/answers")
def answers_page(meeting_id: str) -> Page:
    loaded = frame.with_repository(load)
    if not isinstance(loaded, Loaded):
        return loaded
    return render_answers(loaded, meeting_id)


def render_answers(loaded: Loaded, meeting_id: str, form: AnswersForm | None = None) -> tuple[str, int]:
    """The form with a radio group per invitee, their answers so far chosen (``form``: as posted, where an answer
    recorded on the server that differs from the one chosen is said beside it)."""
    meeting = _planned(loaded, meeting_id)
    if meeting is None:
        abort(404)
    if form is None:
        answered = {p.who: p.status for p in meeting.invitees}
        form = answers_form(_invitees(loaded, meeting), answered, formdata=kept.draft(ANSWERS_ENDPOINT),
                            patient=g.launch.patient, version=loaded.history.versions.get(meeting.reference, ""))
    recorded = {answer_field(p.who): (p.status.value, texts.ANSWER[p.status.value]) for p in meeting.invitees}
    return render("meeting_answers.html", loaded.ws, meeting=_meeting_view(loaded, meeting_id), form=form,
                  recorded=recorded)


@blueprint.post("/meetings/<meeting_id>/answers")
def record_answers(meeting_id: str) -> Page:
    refused = frame.refuse_write(PatientForm(), "Appointment")
    if refused:
        return refused
    loaded = frame.attempt(load, unsaved=submitted())
    if isinstance(loaded, SaveFailure):
        return frame.form_again(loaded)
    meeting = _planned(loaded, meeting_id)
    if meeting is None:
        return problem_page("not_found", 404)
    form = answers_form(_invitees(loaded, meeting))
    again = partial(_answers_again, meeting_id=meeting_id, form=form)
    if not form.validate_on_submit():
        return again(None)
    changed = SaveFailure("conflict", 409, str(texts.FAILURE["meeting_changed_meanwhile"]))
    if form.version.data != loaded.history.versions.get(meeting.reference, ""):
        return again(changed)
    answers = form.answers()
    participants = tuple(replace(p, status=answers.get(p.who, p.status)) for p in meeting.participants)
    failed = writes.save([replace(meeting, participants=participants)], lambda error: changed)
    if isinstance(failed, SaveFailure):
        return again(failed)
    message = _("What the invited answered was recorded.")
    return failed or writes.saved(message, "workspace.meetings", ANSWERS_ENDPOINT, _anchor=f"meeting-{meeting_id}")


def _answers_again(failure: SaveFailure | None, meeting_id: str, form: AnswersForm) -> Page:
    """The answers as chosen, with the meeting as it is now; after a conflict the form carries the meeting's new
    version, so that saving again, once checked, goes through."""

    def page(loaded: Loaded) -> tuple[str, int]:
        meeting = _planned(loaded, meeting_id)
        if failure is not None and failure.status == 409 and meeting is not None:
            form.version.data = loaded.history.versions.get(meeting.reference, "")
        return render_answers(loaded, meeting_id, form)

    return writes.again_loading(form, failure, load, page)


# -- recording ----------------------------------------------------------------------------------------------------


@blueprint.get("/meetings/<meeting_id>/record")
def record_meeting_page(meeting_id: str) -> Page:
    loaded = frame.with_repository(load)
    if not isinstance(loaded, Loaded):
        return loaded
    return render_record(loaded, meeting_id)


def record_form(loaded: Loaded, meeting: NetworkMeeting, form: RecordForm | None = None) -> RecordForm:
    ws = loaded.ws
    if form is None:
        form = RecordForm(
            formdata=kept.draft(RECORD_ENDPOINT), patient=g.launch.patient, plan_version=ws.board.plan_version
        )
        if not form.day.data:
            form.day.data, form.start.data, form.end.data = view.local_times(meeting)
            form.attendees.data = view.default_attendees(meeting)
    performers = [(c.reference, c.label) for c in ws.performer_choices()]
    form.set_choices(view.attendee_choices(ws, meeting), view.open_goals(ws), performers, ws.language)
    return form


def render_record(loaded: Loaded, meeting_id: str, form: RecordForm | None = None) -> tuple[str, int]:
    meeting = loaded.history.meeting(meeting_id)
    if meeting is None or loaded.history.record_of(meeting) is not None:
        abort(404)
    shown = next(m for m in view.meeting_views(loaded.history, loaded.ws) if m.meeting_id == meeting_id)
    return render(
        "meeting_record.html",
        loaded.ws,
        meeting=shown,
        form=record_form(loaded, meeting, form),
        version=loaded.history.versions.get(meeting.reference, ""),
    )


@blueprint.post("/meetings/<meeting_id>/record")
def record_meeting(meeting_id: str) -> Page:
    form = RecordForm()
    refused = frame.refuse_write(form, "Encounter", "CarePlan", "Appointment")
    if refused:
        return refused
    loaded = frame.attempt(load, unsaved=submitted())
    if isinstance(loaded, SaveFailure):
        return frame.form_again(loaded)
    meeting = loaded.history.meeting(meeting_id)
    if meeting is None or loaded.history.record_of(meeting) is not None:
        return problem_page("not_found", 404)
    again = partial(_record_again, meeting_id=meeting_id, form=form)
    record_form(loaded, meeting, form)
    if not form.validate_on_submit():
        return again(None)
    ws = loaded.ws
    changed = plan_changed(ws, form.plan_version.data)
    if changed:
        return changed
    entered = form.record_input()
    record = view.held_meeting(ws.patient_reference, entered)
    activities = view.agreement_activities(entered.agreements)

    def write(repository: ClientRepository) -> Page | None:
        try:
            repository.record_meeting(record, activities, plan=ws.board.plan, meeting=meeting)
        except PlanConflict as error:
            return plan_conflict(error)
        return None

    failed = frame.attempt(write, unsaved=submitted())
    if isinstance(failed, SaveFailure):
        return again(failed)
    if failed is not None:
        return failed
    message = _("The network meeting was recorded; what was agreed is in the plan.")
    return writes.saved(message, "workspace.meetings", RECORD_ENDPOINT, _anchor=f"meeting-{meeting_id}")


def _record_again(failure: SaveFailure | None, meeting_id: str, form: RecordForm) -> Page:
    render_again: Callable[[Loaded], tuple[str, int]] = partial(render_record, meeting_id=meeting_id, form=form)
    return writes.again_loading(form, failure, load, render_again)


# -- cancelling a planned meeting, and letting it go ahead after all ------------------------------------------------


@blueprint.get("/meetings/<meeting_id>/cancel")
def cancel_meeting_page(meeting_id: str) -> Page:
    """The confirmation before a planned meeting is cancelled (it stays in the list, and can go ahead after all)."""
    loaded = frame.with_repository(load)
    if not isinstance(loaded, Loaded):
        return loaded
    shown = _meeting_view(loaded, meeting_id)
    if shown is None or shown.held or shown.cancelled:
        return problem_page("not_found", 404)
    form = PatientForm(formdata=None, patient=g.launch.patient)
    return render("meeting_cancel.html", loaded.ws, meeting=shown, form=form)


@blueprint.post("/meetings/<meeting_id>/cancel")
def cancel_meeting(meeting_id: str) -> Page:
    return _change_status(meeting_id, AppointmentStatus.CANCELLED, _("The network meeting was called off."))


@blueprint.post("/meetings/<meeting_id>/go-ahead")
def restore_meeting(meeting_id: str) -> Page:
    return _change_status(meeting_id, AppointmentStatus.BOOKED, _("The network meeting goes ahead after all."))


def _meeting_view(loaded: Loaded, meeting_id: str) -> view.MeetingView | None:
    return next((m for m in view.meeting_views(loaded.history, loaded.ws) if m.meeting_id == meeting_id), None)


def _change_status(meeting_id: str, status: AppointmentStatus, message: str) -> Page:
    """Cancel a planned meeting, or let a cancelled one go ahead (``status``); a held meeting is neither."""
    form = PatientForm()
    refused = frame.refuse_write(form, "Appointment")
    if refused:
        return refused
    if not form.validate_on_submit():
        return problem_page("bad_request", 400)
    loaded = frame.attempt(load, unsaved=submitted())
    if isinstance(loaded, SaveFailure):
        return frame.form_again(loaded)
    meeting = loaded.history.meeting(meeting_id)
    cancelling = status is AppointmentStatus.CANCELLED
    if meeting is None or loaded.history.record_of(meeting) is not None:
        return problem_page("not_found", 404)
    if (meeting.status is AppointmentStatus.CANCELLED) == cancelling:
        return writes.saved(message, "workspace.meetings", request.endpoint or "", _anchor=f"meeting-{meeting_id}")
    failed = writes.save([replace(meeting, status=status)], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return frame.form_again(failed)
    return failed or writes.saved(
        message, "workspace.meetings", request.endpoint or "", _anchor=f"meeting-{meeting_id}"
    )
