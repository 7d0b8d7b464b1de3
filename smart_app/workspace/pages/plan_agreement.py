"""The plan discussed and agreed with the client: a confirmation page (what is agreed: the plan as shown, with its
goals in the client's words) whose form records the agreement (``ClientRepository.record_agreement``: which version
of the plan and of each goal, when, the client and the signed-in professional). Additive, so there is nothing to
undo: a later agreement is simply recorded again. The plan, the overview and the client's copy say when the plan was
agreed and whether it changed since (``context.Agreement``)."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import g, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from smart_app.views.errors import problem_page
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import PlanAgreementForm
from smart_app.workspace.pages import frame, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.pages.plan import plan_changed
from smart_app.workspace.pages.posted import submitted
from srh_fhir.client_repository import ClientRepository


def agreement_form(ws: Workspace, data: MultiDict[str, Any] | None = None) -> PlanAgreementForm:
    form = PlanAgreementForm(formdata=data, patient=g.launch.patient, plan_version=ws.board.plan_version)
    form.set_choices(
        _("%(name)s and I discussed this plan, and %(name)s agrees with it", name=ws.directory.patient_display)
    )
    return form


@blueprint.get("/plan/agreement")
def agreement_page() -> Page:
    ws = frame.load_workspace()
    return render_agreement(ws) if isinstance(ws, Workspace) else ws


def render_agreement(ws: Workspace, form: PlanAgreementForm | None = None) -> tuple[str, int]:
    if ws.board.plan is None or not ws.board.plan.id:
        return problem_page("not_found", 404)
    return render("plan_agreement.html", ws, board=ws.board, form=form or agreement_form(ws))


@blueprint.post("/plan/agreement")
def record_agreement() -> Page:
    posted = writes.posted_form(lambda ws: agreement_form(ws, request.form), "Provenance")
    if not isinstance(posted, writes.Posted):
        return posted
    ws, form = posted.ws, posted.form
    plan = ws.board.plan
    if plan is None or not plan.id:
        return problem_page("not_found", 404)
    if not form.validate_on_submit():
        return writes.again(form, None, partial(render_agreement, form=form), ws)
    changed = plan_changed(ws, form.plan_version.data)
    if changed:
        return changed

    def record(repository: ClientRepository) -> None:
        repository.record_agreement(plan, ws.picture.versions)

    failed = frame.attempt(record, unsaved=submitted())
    if isinstance(failed, SaveFailure):
        return writes.again(form, failed, partial(render_agreement, form=form), ws)
    return writes.saved(
        _("Recorded: the plan was discussed and agreed with %(name)s.", name=ws.directory.patient_display),
        "workspace.plan",
        "workspace.record_agreement",
        _anchor="agreement",
    )
