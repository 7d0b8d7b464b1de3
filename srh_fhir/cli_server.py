"""``srh-fhir push`` and ``srh-fhir pull``: move resources between files and a FHIR server.

Both take ``--server`` and either ``--token`` (a bearer token, also from ``SRH_FHIR_TOKEN``) or SMART Backend
Services credentials (``--client-id`` and ``--private-key``, with the token endpoint found by discovery unless
``--token-endpoint`` is given). Exit codes: 0 done, 1 invalid input or the server refused, 2 bad usage.
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from srh_fhir import bundle as bundles
from srh_fhir.errors import SrhFhirError
from srh_fhir.sources import SourceItem, iter_resources

if TYPE_CHECKING:  # imported where used, so that commands on files do not load the HTTP, SMART and JOSE libraries
    from srh_fhir.auth import TokenProvider
    from srh_fhir.client import FHIRClient


def server_options(required: bool = True) -> Callable[[Any], Any]:
    """The options naming a FHIR server and how to authorise (``--server`` optional for commands that read files)."""
    return functools.partial(_add_server_options, required=required)


def auth_options() -> Callable[[Any], Any]:
    """The options saying how to authorise, for commands that take the server as an argument."""
    return _add_auth_options


def _add_server_options(command: Any, required: bool) -> Any:
    option = click.option(
        "--server", required=required, metavar="URL", help="FHIR base URL, e.g. https://ehr.example/fhir."
    )
    return option(_add_auth_options(command))


def _add_auth_options(command: Any) -> Any:
    options = [
        click.option("--token", envvar="SRH_FHIR_TOKEN", help="Bearer token (or set SRH_FHIR_TOKEN)."),
        click.option("--client-id", help="SMART Backend Services client id (with --private-key)."),
        click.option(
            "--private-key",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="PEM or JWK file of the client's RS384/ES384 private key.",
        ),
        click.option("--scope", default="system/*.cruds", show_default=True, help="Scopes to ask for."),
        click.option("--token-endpoint", metavar="URL", help="Token endpoint (default: from SMART discovery)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def client_from_options(options: dict[str, Any]) -> FHIRClient:
    """A client for the server named by the ``server_options`` of a command."""
    from srh_fhir.client import FHIRClient

    return FHIRClient(options["server"], auth=auth_from_options(**options))


def auth_from_options(
    server: str,
    token: str | None,
    client_id: str | None,
    private_key: Path | None,
    scope: str,
    token_endpoint: str | None,
) -> TokenProvider | None:
    from srh_fhir.auth import BearerToken
    from srh_fhir.smart import BackendServicesAuth

    if token and (client_id or private_key):
        raise click.UsageError("give either --token or --client-id with --private-key, not both")
    if token:
        return BearerToken(token)
    if bool(client_id) != bool(private_key):
        raise click.UsageError("--client-id and --private-key go together")
    if client_id and private_key:
        text = private_key.read_text(encoding="utf-8")
        key: Any = json.loads(text) if text.lstrip().startswith("{") else text
        if token_endpoint:
            return BackendServicesAuth(client_id, key, token_endpoint, scope=scope)
        return BackendServicesAuth.from_discovery(server, client_id, key, scope=scope)
    return None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate and show what would be sent; send nothing.")
@server_options()
def push(
    paths: tuple[Path, ...],
    dry_run: bool,
    **server_options: Any,
) -> None:
    """Validate FHIR resources, then write them to a server in one transaction (all or nothing).

    PATHS are JSON files, Bundles, ndjson files or folders of them. The entries of a transaction Bundle (such as
    import-network writes) are sent as they are: their fullUrls, so references between them (urn:uuid) link up on
    the server, and their requests. Other resources with an id are written under it (PUT), others are created
    (POST), keeping the fullUrl a Bundle gave them. Nothing is sent when any resource breaks the profiles or a
    urn:uuid reference is the fullUrl of no entry.
    """
    fhir_base = server_options["server"]
    items = list(iter_resources(paths))
    if not _all_valid(items, sys.stdout):
        sys.exit(1)
    entries = [_entry(item) for item in items if item.resource is not None]
    problems = bundles.placeholder_problems(entries)
    if problems:
        for problem in problems:
            click.echo(f"error: {problem}", err=True)
        click.echo("nothing was sent", err=True)
        sys.exit(1)
    kinds = Counter(str(e["resource"].get("resourceType")) for e in entries)
    summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
    if dry_run:
        click.echo(f"{len(entries)} resources are valid ({summary}); dry run, nothing sent to {fhir_base}")
        return
    try:
        with client_from_options(server_options) as fhir:
            response = fhir.transaction(entries)
    except SrhFhirError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    statuses = Counter(status for status, _ in bundles.entry_statuses(response))
    click.echo(
        f"wrote {len(entries)} resources to {fhir_base} ({summary}): "
        f"{statuses.get(201, 0)} created, {statuses.get(200, 0)} updated"
    )


def _all_valid(items: Iterable[SourceItem], out: TextIO) -> bool:
    """Validate with srh_fhir.validation and report problems; True when nothing has errors."""
    from srh_fhir.validation import Validator, has_errors
    from srh_fhir.validation_report import ValidationTally, outcome_of, write_text_report

    validator = Validator()
    tally = ValidationTally()
    for item in items:
        outcome = outcome_of(validator, item)
        tally.add(outcome)
        if has_errors(outcome):
            write_text_report(out, item, outcome)
    if tally.resources_with_errors:
        out.write(tally.summary() + "\nnothing was sent\n")
    return tally.resources_with_errors == 0


def _entry(item: SourceItem) -> dict[str, Any]:
    """The transaction entry for a resource read from a file, keeping the fullUrl and request its Bundle gave it."""
    resource = item.resource or {}
    if item.request is not None and item.request.get("method") in ("POST", "PUT"):
        entry: dict[str, Any] = {"resource": resource, "request": item.request}
    elif resource.get("id"):
        # Files hold what the user wants on the server: no version check against what is there now.
        body = {k: v for k, v in resource.items() if k != "meta"} | _meta_without_version(resource)
        entry = {"resource": body, "request": {"method": "PUT", "url": bundles.reference(resource)}}
    else:
        return bundles.entry_for_create(resource, full_url=item.full_url)
    return entry | ({"fullUrl": item.full_url} if item.full_url else {})


def _meta_without_version(resource: dict[str, Any]) -> dict[str, Any]:
    meta = {k: v for k, v in resource.get("meta", {}).items() if k not in ("versionId", "lastUpdated")}
    return {"meta": meta} if meta else {}


@click.command()
@click.option("--patient", "patient_id", required=True, metavar="ID", help="The client's Patient id on the server.")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write to (created if needed).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["bundle", "ndjson"]),
    default="bundle",
    show_default=True,
    help="bundle: one collection Bundle <ID>.json; ndjson: one <Type>.ndjson per resource type.",
)
@server_options()
def pull(
    patient_id: str,
    out_dir: Path,
    output_format: str,
    **server_options: Any,
) -> None:
    """Fetch a client's picture (network, assessments, needs gradings, plans, goals, care team, consents) into files."""
    from srh_fhir.repository import load_picture

    try:
        with client_from_options(server_options) as fhir:
            picture = load_picture(fhir, patient_id, needs=True)
    except SrhFhirError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    resources = picture.resources()
    out_dir.mkdir(parents=True, exist_ok=True)
    if output_format == "bundle":
        target = out_dir / f"{patient_id}.json"
        collection = bundles.make_bundle(
            "collection", ({"fullUrl": f"{fhir.base_url}/{bundles.reference(r)}", "resource": r} for r in resources)
        )
        target.write_text(json.dumps(collection, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written = [target]
    else:
        written = _write_ndjson(out_dir, resources)
    click.echo(
        f"{len(resources)} resources of Patient/{patient_id} in {picture.round_trips} round trip(s): "
        + ", ".join(str(p) for p in written)
    )


def _write_ndjson(out_dir: Path, resources: list[dict[str, Any]]) -> list[Path]:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for resource in resources:
        by_type.setdefault(str(resource["resourceType"]), []).append(resource)
    written = []
    for kind, group in sorted(by_type.items()):
        target = out_dir / f"{kind}.ndjson"
        lines = (json.dumps(r, separators=(",", ":"), ensure_ascii=False) for r in group)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(target)
    return written


@click.command()
@click.argument("base_url", metavar="BASE_URL")
@click.option(
    "--read-only", is_flag=True, help="Write nothing: GETs and one batch of searches only, so fewer things are probed."
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: a table for people; json: for machines.",
)
@auth_options()
def doctor(base_url: str, read_only: bool, output_format: str, **auth: Any) -> None:
    """What the FHIR server at BASE_URL offers of what srh-fhir needs, each capability as claimed and as probed.

    The probes write only a scratch Patient and what points at it, and delete all of it at the end. Exit status:
    0 everything needed is there, 1 something needed is missing, 2 the server cannot be read or wrong usage.
    """
    from srh_fhir.doctor import diagnose, render_text

    try:
        with client_from_options({"server": base_url, **auth}) as fhir:
            report = diagnose(fhir, read_only=read_only)
    except (SrhFhirError, ValueError) as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(2)
    if output_format == "json":
        click.echo(json.dumps(report.as_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(report), nl=False)
    sys.exit(0 if report.ok else 1)
