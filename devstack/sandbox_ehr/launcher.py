"""The launcher page: pick a patient (the client), a practitioner, EHR, standalone or patient-portal launch (the
client signs in themselves: fhirUser is the Patient), the app registration and a simulated error; then an EHR page
(or the portal's) shows the app in an iframe, as an EHR does.

``GET /launch?patient=...&practitioner=...`` does the same without the form (for scripts and browser tests), and
``POST /api/launches`` (JSON) only creates the launch and answers with the URL to open.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, abort, jsonify, redirect, render_template, request, url_for

from devstack.sandbox_ehr import directory
from devstack.sandbox_ehr.compartment import COMPARTMENT_TYPES, in_compartment
from devstack.sandbox_ehr.config import ClientRegistration
from devstack.sandbox_ehr.errors import LauncherError
from devstack.sandbox_ehr.policy import is_fhir_id
from devstack.sandbox_ehr.runtime import Sandbox, current_sandbox
from devstack.sandbox_ehr.state import SIMULATED_ERRORS, LaunchContext

blueprint = Blueprint("launcher", __name__)


@blueprint.route("/")
def index() -> str:
    sandbox = current_sandbox()
    return render_template(
        "sandbox/launcher.html",
        patients=directory.patients(sandbox),
        practitioners=directory.practitioners(sandbox),
        encounters=directory.encounters(sandbox),
        clients=sandbox.config.clients,
        errors=SIMULATED_ERRORS,
        fhir_base=sandbox.config.fhir_base,
    )


@blueprint.route("/launch", methods=["GET", "POST"])
def launch() -> Any:
    sandbox = current_sandbox()
    try:
        view = create_launch(sandbox, request.values)
    except LauncherError as error:
        return render_template("sandbox/error.html", title="Cannot launch", message=str(error)), 400
    return redirect(url_for("launcher.ehr", view_id=sandbox.state.add_view(view)))


@blueprint.route("/api/launches", methods=["POST"])
def api_launch() -> Response:
    sandbox = current_sandbox()
    values = request.get_json(silent=True)
    if not isinstance(values, dict):
        return Response('{"error": "send a JSON object"}', status=400, content_type="application/json")
    try:
        view = create_launch(sandbox, {k: str(v) for k, v in values.items() if v is not None})
    except LauncherError as error:
        response = jsonify(error=str(error))
        response.status_code = 400
        return response
    view_id = sandbox.state.add_view(view)
    return jsonify(
        launch=view["launch"],
        iss=sandbox.config.fhir_base,
        app_url=view["app_url"],
        ehr_url=url_for("launcher.ehr", view_id=view_id, _external=True),
    )


@blueprint.route("/ehr/<view_id>")
def ehr(view_id: str) -> str:
    view = current_sandbox().state.view(view_id)
    if view is None:
        abort(404)
    return render_template("sandbox/ehr.html", **view)


def create_launch(sandbox: Sandbox, values: Any) -> dict[str, Any]:
    """Store a launch from the launcher's choices; returns what the EHR page shows."""
    registration = _registration(sandbox, values.get("client_id") or "")
    launch_url = registration.launch_url if registration else _common_launch_url(sandbox)
    simulated = values.get("error") or None
    if simulated is not None and simulated not in SIMULATED_ERRORS:
        raise LauncherError(f"unknown simulated error {simulated!r}")
    practitioner = values.get("practitioner") or None
    user = _chosen(sandbox, "Practitioner", practitioner) if practitioner else None
    if practitioner and user is None:
        raise LauncherError(f"there is no Practitioner/{practitioner}")
    patient_id = values.get("patient") or None
    patient = _chosen(sandbox, "Patient", patient_id) if patient_id else None
    if patient_id and patient is None:
        raise LauncherError(f"there is no Patient/{patient_id}")
    standalone = values.get("launch_type") == "standalone"
    portal = values.get("launch_type") == "portal"
    if portal:
        launch_url = registration.portal_launch_url if registration else _common_launch_url(sandbox, portal=True)
        practitioner, user = None, None  # the client signs in to their portal: no practitioner
    context = LaunchContext(
        practitioner=practitioner,
        patient=patient_id,
        encounter=_encounter(sandbox, values.get("encounter") or None, patient_id),
        fhir_context=_fhir_context(sandbox, values.get("fhir_context") or "", patient_id),
        intent=values.get("intent") or None,
        need_patient_banner=standalone or portal or values.get("need_patient_banner") in ("1", "true", "on"),
        client_id=registration.client_id if registration else None,
        simulated_error=simulated,
        standalone=standalone,
        portal=portal,
    )
    if portal and not launch_url:
        raise LauncherError("this app registration names no launch URL for the patient portal")
    if standalone:
        if registration is None:
            raise LauncherError("a standalone launch needs the app registration, to know whose next launch this is")
        sandbox.state.set_standalone(registration.client_id, context)
        launch_id = None
        app_url = f"{launch_url}?{urlencode({'iss': sandbox.config.fhir_base})}"
    else:
        if patient_id is None or (practitioner is None and not portal):
            raise LauncherError("a portal launch needs a patient, an EHR launch a patient and a practitioner")
        launch_id = sandbox.state.add_launch(context, sandbox.config.launch_lifetime)
        app_url = f"{launch_url}?{urlencode({'iss': sandbox.config.fhir_base, 'launch': launch_id})}"
    return {
        "launch": launch_id,
        "app_url": app_url,
        "standalone": standalone,
        "portal": portal,
        "patient_name": directory.display_name(patient) if patient else None,
        "patient_birth_date": patient.get("birthDate") if patient else None,
        "patient_id": patient_id,
        "practitioner": practitioner,
        "practitioner_name": directory.display_name(user) if user else None,
        "client_id": registration.client_id if registration else None,
        "simulated_error": SIMULATED_ERRORS.get(simulated or ""),
    }


def _chosen(sandbox: Sandbox, resource_type: str, resource_id: str) -> dict[str, Any] | None:
    """The resource a launcher field names; a value that is no FHIR id is the user's mistake (400), not a lookup."""
    if not is_fhir_id(resource_id):
        raise LauncherError(f"{resource_type}: {resource_id!r} is not a FHIR id")
    return directory.exists(sandbox, resource_type, resource_id)


def _registration(sandbox: Sandbox, client_id: str) -> ClientRegistration | None:
    if not client_id:
        return None
    registration = sandbox.config.client(client_id)
    if registration is None:
        raise LauncherError(f"no app is registered as {client_id!r}")
    return registration


def _common_launch_url(sandbox: Sandbox, portal: bool = False) -> str:
    urls = {c.portal_launch_url if portal else c.launch_url for c in sandbox.config.clients}
    if len(urls) != 1:
        raise LauncherError("the registered apps have different launch URLs: pick the app registration")
    return urls.pop()


def _encounter(sandbox: Sandbox, encounter_id: str | None, patient_id: str | None) -> str | None:
    if encounter_id is None:
        return None
    encounter = _chosen(sandbox, "Encounter", encounter_id)
    bases = (sandbox.config.fhir_upstream, sandbox.config.fhir_base)
    if encounter is None or patient_id is None or not in_compartment(encounter, patient_id, bases):
        raise LauncherError(f"Encounter/{encounter_id} is not an encounter of the chosen patient")
    return encounter_id


def _fhir_context(sandbox: Sandbox, references: str, patient_id: str | None) -> tuple[str, ...]:
    bases = (sandbox.config.fhir_upstream, sandbox.config.fhir_base)
    chosen = []
    for reference in references.split():
        resource_type, _, resource_id = reference.partition("/")
        resource = _chosen(sandbox, resource_type, resource_id) if resource_id else None
        if resource is None:
            raise LauncherError(f"fhirContext: there is no {reference}")
        foreign = patient_id is None or not in_compartment(resource, patient_id, bases)
        if resource_type in COMPARTMENT_TYPES and foreign:
            raise LauncherError(f"fhirContext: {reference} belongs to another patient")
        chosen.append(reference)
    return tuple(chosen)
