"""The network: the map (the client in the centre, a ring per closeness, a slice per part of life) with its list
twin, and the form that adds a member with a first assessment of the tie.

The map is built once per request by the workspace (``smart_app.workspace.network_map``, pure); the routes load the
workspace and render ``network.html``.
"""

from __future__ import annotations

from functools import partial

from flask import g
from flask_babel import gettext as _

from smart_app.workspace import builders
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import MemberTieForm
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, blueprint, render
from smart_app.workspace.pages.member import member_conflict, member_form
from srh_fhir.model import DomainObject, reference_to


@blueprint.get("/network")
def network() -> Page:
    ws = frame.load_workspace()
    return render_network(ws) if isinstance(ws, Workspace) else ws


def render_network(ws: Workspace, form: MemberTieForm | None = None) -> tuple[str, int]:
    form = form or member_form(ws, kept.draft("workspace.add_member"))
    return render("network.html", ws, form=form, map=ws.network_map)


@blueprint.post("/network/members")
def add_member() -> Page:
    form = MemberTieForm()
    refused = frame.refuse_write(form, "RelatedPerson", "Observation")
    if refused:
        return refused
    form.set_choices(frame.language())  # type: ignore[arg-type]
    again = partial(render_network, form=form)
    if not form.validate_on_submit():
        return writes.again(form, None, again)
    patient = reference_to("Patient", g.launch.patient)
    member = builders.new_member(patient, form.member_input(), frame.today())
    objects: list[DomainObject] = [member]
    assessment = form.assessment_input()
    if not assessment.empty:
        objects.append(builders.tie_assessment(patient, member.reference, assessment, writes.now(), g.launch.fhir_user))
    failed = writes.finish(writes.save(objects, lambda error: member_conflict(error, member)), form, again, None)
    name = form.given.data.strip()
    return failed or writes.saved(
        _("%(name)s was added to the network.", name=name), "workspace.network", "workspace.add_member"
    )
