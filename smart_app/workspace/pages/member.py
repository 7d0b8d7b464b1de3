"""One network member: who they are to the client, their tie over time (every assessment, newest first), their
consent to be involved, and the forms that change them (details, a new tie assessment, consent). Ending the tie and
removing a member entered by mistake are in ``member_ending``.

``member_view`` is the page's view model (pure); the routes load the workspace and render ``member.html``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from flask import abort, g, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from smart_app.views.errors import problem_page
from smart_app.workspace import builders
from smart_app.workspace.consent import MemberConsent
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import AssessmentForm, ConsentForm, EndMemberForm, MemberTieForm, RemoveMemberForm
from smart_app.workspace.network_map import MapNode
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from srh_fhir.analysis import NOT_COUNTED
from srh_fhir.client_repository import their_version
from srh_fhir.errors import PlanConflict
from srh_fhir.model import DomainObject, InvolvementConsent, NetworkMember, TieAssessment

log = logging.getLogger(__name__)

# Forms on one page have their own prefix, so no two fields share a name or an element id.
EDIT_PREFIX, ASSESS_PREFIX = "edit", "assess"


@dataclass(frozen=True)
class MemberView:
    """What the member page shows of one member."""

    person: NetworkMember
    node: MapNode | None
    """The member on the map (ring, sector, tie), if on it."""
    latest: TieAssessment | None
    """The newest assessment the analysis counts, whose values the assessment form starts from."""
    history: tuple[TieAssessment, ...]
    current: TieAssessment | None
    consents: tuple[InvolvementConsent, ...]
    """Every consent about the member, newest first."""
    member_consent: MemberConsent | None
    given: str
    family: str | None
    relationship: str


def member_view(ws: Workspace, member_id: str) -> MemberView | None:
    """The member page's view of ``member_id``; None when the client's network has no such current member."""
    person = ws.member(member_id)
    if person is None:
        return None
    history = tuple(a for a in ws.picture.tie_assessments if a.member == person.reference)
    consents = [c for c in ws.picture.consents if person.reference in c.members]
    return MemberView(
        person=person,
        node=next((n for n in ws.network_map.nodes if n.member_id == member_id), None),
        latest=ws.analysis.latest.get(person.reference),
        history=history,
        current=next((a for a in history if a.status not in NOT_COUNTED), None),
        consents=tuple(sorted(consents, key=lambda c: c.date, reverse=True)),
        member_consent=ws.consents.get(person.reference),
        given=person.names[0].given[0] if person.names and person.names[0].given else person.display_name,
        family=person.names[0].family if person.names else None,
        relationship=builders.relationship_text(person),
    )


def assessment_values(latest: TieAssessment | None) -> dict[str, Any]:
    """The assessment form's starting values: the newest assessment's, so a new one records only what changed."""
    return {
        "closeness": latest.closeness.value if latest and latest.closeness else "",
        "contact_frequency": latest.contact_frequency.value if latest and latest.contact_frequency else "",
        "support": [s.value for s in latest.support_given] if latest else [],
        "needs": [n.value for n in latest.basic_needs_met] if latest else [],
        "reciprocity": latest.reciprocity.value if latest and latest.reciprocity else "",
        "valence": latest.valence.value if latest and latest.valence else "",
        "note": latest.notes[0] if latest and latest.notes else "",
    }


def member_form(
    ws: Workspace, data: MultiDict[str, Any] | None = None, prefix: str = "", **values: Any
) -> MemberTieForm:
    form = MemberTieForm(formdata=data, prefix=prefix, patient=g.launch.patient, **values)
    form.set_choices(ws.language)
    return form


@blueprint.get("/network/members/<member_id>")
def member(member_id: str) -> Page:
    ws = frame.load_workspace()
    return render_member(ws, member_id) if isinstance(ws, Workspace) else ws


def render_member(ws: Workspace, member_id: str, forms: dict[str, Any] | None = None) -> tuple[str, int]:
    """The member page; ``forms`` are forms as posted (by name: edit, assess, consent, end, remove), shown again."""
    view = member_view(ws, member_id)
    if view is None:
        abort(404)
    person, latest = view.person, view.latest
    forms = forms or {}
    version = ws.version_of(person.reference)
    edit = forms.get("edit") or member_form(
        ws,
        kept.draft("workspace.edit_member"),
        EDIT_PREFIX,
        version=version,
        given=view.given,
        family=view.family,
        relationship=view.relationship,
        sector=person.sector.value if person.sector else None,
        since=person.period.start.to_date() if person.period and person.period.start else None,
    )
    assess = forms.get("assess") or AssessmentForm(
        formdata=None, prefix=ASSESS_PREFIX, patient=g.launch.patient, **assessment_values(latest)
    )
    assess.set_assessment_choices(ws.language)
    consent = forms.get("consent") or ConsentForm(
        formdata=None, patient=g.launch.patient, return_to=request.args.get("return_to", "")
    )
    consent.set_choices(ws.language)
    end = forms.get("end") or EndMemberForm(formdata=None, patient=g.launch.patient, version=version, ended_on=ws.day)
    remove = forms.get("remove") or RemoveMemberForm(formdata=None, patient=g.launch.patient, version=version)
    return render(
        "member.html",
        ws,
        view=view,
        person=person,
        node=view.node,
        edit_form=edit,
        assess_form=assess,
        consent_form=consent,
        end_form=end,
        remove_form=remove,
        history=view.history,
        current=view.current,
        consents=view.consents,
        member_consent=view.member_consent,
    )


# -- what the page posts ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberChange:
    """A change to one network member that passed the checks every such change starts with."""

    ws: Workspace
    person: NetworkMember
    again: Callable[[Workspace], tuple[str, int]]
    """The member page with the form as posted."""


def checked_member_change(
    form: Any,
    member_id: str,
    form_name: str,
    resource_types: tuple[str, ...],
    set_choices: Callable[[Any], None] | None = None,
) -> MemberChange | Page:
    """Write scopes and CSRF, the launch's workspace, the member in the launch patient's picture and a valid form;
    otherwise the page to show (for an invalid form, the member page again with its errors)."""
    refused = frame.refuse_write(form, *resource_types)
    if refused:
        return refused
    ws = writes.workspace()
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    if set_choices is not None:
        set_choices(ws.language)
    person = ws.member(member_id)
    if person is None:
        log.warning("refused a change to a network member outside the launch patient's picture")
        return problem_page("patient_mismatch", 400)
    again = partial(render_member, member_id=member_id, forms={form_name: form})
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    return MemberChange(ws, person, again)


@blueprint.post("/network/members/<member_id>")
def edit_member(member_id: str) -> Page:
    form = MemberTieForm(prefix=EDIT_PREFIX)
    checked = checked_member_change(form, member_id, "edit", ("RelatedPerson",), form.set_choices)
    if not isinstance(checked, MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    current = ws.version_of(person.reference)
    if form.version.data != current:
        return writes.conflict_page(ws, "member", [member_rows(person, ws)], current_versions={"version": current})
    # The member as loaded, so it is saved with ifMatch at ``current``.
    objects: list[DomainObject] = [builders.edited_member(person, form.member_input())]
    assessment = form.assessment_input()
    if not assessment.empty:
        objects.append(
            builders.tie_assessment(
                ws.patient_reference, person.reference, assessment, writes.now(), g.launch.fhir_user
            )
        )
    saving = writes.save(objects, lambda error: member_conflict(error, person, ws))
    failed = writes.finish(saving, form, checked.again, ws)
    return failed or writes.saved(
        _("The changes were saved."), "workspace.member", "workspace.edit_member", member_id=member_id
    )


@blueprint.post("/network/members/<member_id>/assessments")
def assess_member(member_id: str) -> Page:
    form = AssessmentForm(prefix=ASSESS_PREFIX)
    checked = checked_member_change(form, member_id, "assess", ("Observation",), form.set_assessment_choices)
    if not isinstance(checked, MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    tie = builders.tie_assessment(
        ws.patient_reference, person.reference, form.assessment_input(), writes.now(), g.launch.fhir_user
    )
    saving = writes.save([tie], lambda error: member_conflict(error, person, ws))
    failed = writes.finish(saving, form, checked.again, ws)
    return failed or writes.saved(
        _("The tie assessment was saved."),
        "workspace.member",
        "workspace.assess_member",
        member_id=member_id,
    )


@blueprint.post("/network/members/<member_id>/consent")
def record_consent(member_id: str) -> Page:
    form = ConsentForm()
    checked = checked_member_change(form, member_id, "consent", ("Consent",), form.set_choices)
    if not isinstance(checked, MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    permit = form.decision.data == "permit"
    consent = builders.involvement_consent(
        ws.patient_reference, person.reference, permit, form.action_codes(), ws.day, form.until.data
    )
    saving = writes.save([consent], lambda error: member_conflict(error, person, ws))
    failed = writes.finish(saving, form, checked.again, ws)
    message = _("The consent was recorded.") if permit else _("The withdrawal of consent was recorded.")
    if not failed and form.return_to.data == "meeting":
        return writes.saved(message, "workspace.meetings", "workspace.record_consent", _anchor="prepare")
    return failed or writes.saved(
        message, "workspace.member", "workspace.record_consent", member_id=member_id
    )


def member_rows(person: NetworkMember, ws: Workspace) -> list[tuple[str, str]]:
    """The member as the conflict page shows the version saved meanwhile."""
    relationship = next((r.text for r in person.relationships if r.text), "")
    sector = person.sector.label(ws.language) if person.sector else ""
    state = _("current") if person.active else _("ended")
    return [
        (_("Name"), person.display_name),
        (_("Relationship"), relationship),
        (_("Part of life"), sector),
        (_("Tie"), state),
    ]


def member_conflict(error: PlanConflict, person: NetworkMember, ws: Workspace | None = None) -> Page:
    version = their_version(error) or ""
    rows = [[(_("Name"), person.display_name), (_("Version on the server"), version or _("deleted"))]]
    return writes.conflict_page(ws, "member", rows, current_versions={"version": version})
