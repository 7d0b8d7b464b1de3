"""The ``srh-fhir`` command line: validate, import a network spreadsheet, summarise a client's network, migrate.

Exit codes follow the usual convention: 0 all well, 1 the input has errors, 2 bad usage (click's own).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO

import click

from srh_fhir.cli_server import client_from_options, doctor, pull, push, server_options
from srh_fhir.errors import NetworkImportError, SrhFhirError
from srh_fhir.parallel import job_count, process_validator, validate_in_processes
from srh_fhir.sources import MAX_FILE_BYTES, SourceItem, expand_paths, iter_resources, pieces
from srh_fhir.terminology import Language
from srh_fhir.validation.limits import DEFAULT_LIMITS, Limits
from srh_fhir.validation_report import Reported, ValidationTally, outcome_of, reported

PROGRESS_THRESHOLD_BYTES = 1_000_000


@click.group()
@click.version_option(package_name="srh-fhir")
def main() -> None:
    """Tools for FHIR data of supportive relational action (Steunend Relationeel Handelen)."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text for people; json prints one OperationOutcome per resource, one per line (ndjson).")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: on a terminal, long runs).")
@click.option("--max-depth", type=click.IntRange(min=2), default=DEFAULT_LIMITS.max_depth, show_default=True,
              help="How deep a resource's JSON may nest; deeper is an error and the resource is not checked further.")
@click.option("--max-string", type=click.IntRange(min=1), default=DEFAULT_LIMITS.max_string, show_default=True,
              help="The longest string, in characters (FHIR: 1 MB); longer is an error.")
@click.option("--max-file-size", type=click.IntRange(min=1), default=MAX_FILE_BYTES, show_default=True,
              help="The largest JSON file (or ndjson line) read, in bytes; larger is an error.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True,
              help="Validate in this many processes (0: one per CPU); the report is the same, in the same order.")
def validate(
    paths: tuple[Path, ...],
    output_format: str,
    progress: bool | None,
    max_depth: int,
    max_string: int,
    max_file_size: int,
    jobs: int,
) -> None:
    """Validate FHIR resources against the SRH profiles.

    PATHS are JSON files, Bundles (the Bundle's own rules, then each entry), ndjson files or folders of them.
    Resources are read and reported one at a time, so files of any size can be checked; a file that cannot be read is
    reported and the run goes on. Exit status: 0 all valid, 1 errors found (invalid or unreadable input), 2 wrong usage.
    """
    limits = Limits(max_depth=max_depth, max_string=max_string)
    tally = ValidationTally()
    out = sys.stdout
    files = expand_paths(paths)  # walk the folders once: for the total size and for reading
    results = _results(files, limits, job_count(jobs), max_file_size, output_format)
    with _progress(files, progress, results) as checked:
        for report in checked:
            tally.add_report(report)
            out.write(report.text)
    if output_format == "text":
        out.write(tally.summary() + "\n")
    sys.exit(1 if tally.resources_with_errors else 0)


def _results(files: list[Path], limits: Limits, jobs: int, max_file_bytes: int,
             output_format: str) -> Iterator[Reported]:
    """The report of the resources of ``files`` in input order, one by one (validated in this process) or a chunk at
    a time (read, validated and reported in ``jobs`` worker processes)."""
    if jobs > 1:
        yield from validate_in_processes(files, max_file_bytes, jobs, limits, output_format)
        return
    validator = process_validator(limits)
    for piece in pieces(files, max_file_bytes):
        for item in piece.items(bundles=True):
            yield reported(item, outcome_of(validator, item), output_format)


@contextmanager
def _progress(files: list[Path], show: bool | None, results: Iterator[Reported]) -> Iterator[Iterator[Reported]]:
    """The ``results``, behind a progress bar (on stderr) counting the bytes of ``files`` read when that helps."""
    stderr: TextIO = sys.stderr
    if show is False or (show is None and not stderr.isatty()):
        yield results
        return
    total = sum(file.stat().st_size for file in files)
    if show is None and total < PROGRESS_THRESHOLD_BYTES:
        yield results
        return
    with click.progressbar(length=total, label="Validating", file=stderr) as bar:

        def advancing() -> Iterator[Reported]:
            for report in results:
                bar.update(report.size)
                yield report

        yield advancing()


@main.command("import-network")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--patient", required=True, help="The client: a Patient id or reference (Patient/123).")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the transaction Bundle here (default: standard output).")
@click.option("--assessed", type=click.DateTime(["%Y-%m-%d"]), help="Date of the tie assessments (default: today).")
def import_network(csv_file: Path, patient: str, out_file: Path | None, assessed: datetime | None) -> None:
    """Turn a spreadsheet of network members (CSV) into a FHIR transaction Bundle.

    Columns (English or Dutch headers): name/naam and relationship/relatie are required; role code/rolcode, sector,
    phone/telefoon, email/e-mail, since/sinds, closeness/nabijheid, contact/contactfrequentie, support/steun,
    needs/basisbehoeften, reciprocity/wederkerigheid, valence/valentie, assessed/beoordeeld are optional. Every bad
    row is reported by row and column, and then nothing is written.
    """
    from srh_fhir.network_import import read_network_csv, transaction_bundle
    from srh_fhir.validation import Validator, has_errors

    reference = patient if patient.startswith("Patient/") else f"Patient/{patient}"
    try:
        members = read_network_csv(_read_text(csv_file), reference, assessed.date() if assessed else None)
    except NetworkImportError as error:
        for problem in error.problems:
            click.echo(f"{csv_file}: {problem}", err=True)
        click.echo(f"{len(error.problems)} problem(s); nothing was written.", err=True)
        sys.exit(1)
    bundle = transaction_bundle(members)
    validator = Validator()
    rows = [item.row for item in members for _ in range(1 if item.assessment is None else 2)]
    invalid = 0
    for row, entry in zip(rows, bundle["entry"], strict=True):
        outcome = validator.validate(entry["resource"])
        for issue in outcome.get("issue", []) if has_errors(outcome) else []:
            if issue.get("severity") in ("error", "fatal"):
                invalid += 1
                click.echo(f"{csv_file}: row {row}: {', '.join(issue.get('expression', []))}: "
                           f"{issue.get('diagnostics', '')}", err=True)
    if invalid:
        click.echo(f"{invalid} problem(s); nothing was written.", err=True)
        sys.exit(1)
    text = json.dumps(bundle, indent=2, ensure_ascii=False) + "\n"
    if out_file is None:
        click.echo(text, nl=False)
    else:
        out_file.write_text(text, encoding="utf-8")
        click.echo(f"{len(members)} network members written to {out_file}", err=True)


def _read_text(file: Path) -> str:
    """A spreadsheet export: UTF-8 (with or without BOM), else Windows-1252 as older Dutch Excel writes."""
    data = file.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--patient", help="The client (Patient id or reference); required with --server or several clients.")
@click.option("--on", "on_day", type=click.DateTime(["%Y-%m-%d"]), help="The day to look at (default: today).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Also show how the network changed since this day.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--language", type=click.Choice(["en", "nl"]), default="en", show_default=True,
              help="Language of the labels in text output.")
@server_options(required=False)
def summary(
    paths: tuple[Path, ...],
    patient: str | None,
    on_day: datetime | None,
    since: datetime | None,
    output_format: str,
    language: Language,
    **server: Any,
) -> None:
    """What a client's network provides: basic needs met and unmet, size per sector and ring, reciprocity.

    PATHS are files, Bundles, ndjson or folders with the client's RelatedPerson and tie assessment resources;
    or, with --server and --patient, the client's picture is read from a FHIR server.
    """
    from srh_fhir.analysis import analyse, compare
    from srh_fhir.network_resources import NetworkResources
    from srh_fhir.summary_report import summary_json, summary_text

    if bool(paths) == bool(server["server"]):
        raise click.UsageError("name either the files or folders with the client's resources, or --server")
    found = NetworkResources.read(_from_server(server, patient) if server["server"] else iter_resources(paths))
    for problem in found.problems:
        click.echo(f"skipped {problem}", err=True)
    try:
        reference = found.patient(patient)
    except ValueError as error:
        raise click.UsageError(str(error)) from None
    members, assessments = found.members_of(reference), found.assessments_of(reference)
    day = on_day.date() if on_day else date.today()
    analysis = analyse(members, assessments, day)
    change = compare(members, assessments, since.date(), day) if since else None
    if output_format == "json":
        click.echo(json.dumps(summary_json(analysis, reference, change), indent=2, ensure_ascii=False))
    else:
        click.echo(summary_text(analysis, reference, language, change))
    sys.exit(1 if found.problems else 0)


@main.command("migrate-needs")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the migrated resources here as ndjson (default: standard output).")
def migrate_needs(paths: tuple[Path, ...], out_file: Path | None) -> None:
    """Record practical support as a kind of support, no longer as a basic need.

    PATHS are files, Bundles, ndjson or folders (as `srh-fhir pull` writes them). Only the resources that change
    are written, one per line, under their own id: tie assessments get a support-given practical component instead
    of basic-need-met practical-support; goals and plan activities lose that code. `srh-fhir push` puts them back
    on the server, where each becomes a new version, so the old one stays in the history.
    """
    from srh_fhir.migration import migrate_practical_support

    lines, problems = [], 0
    for item in iter_resources(paths):
        if item.resource is None:
            click.echo(f"skipped {item.source}: {item.problem}", err=True)
            problems += 1
            continue
        migrated = migrate_practical_support(item.resource)
        if migrated != item.resource:
            lines.append(json.dumps(migrated, ensure_ascii=False, separators=(",", ":")) + "\n")
    text = "".join(lines)
    if out_file is None:
        click.echo(text, nl=False)
    else:
        out_file.write_text(text, encoding="utf-8")
    click.echo(f"{len(lines)} resource(s) migrated", err=True)
    sys.exit(1 if problems else 0)


def _from_server(options: dict[str, Any], patient: str | None) -> Iterator[SourceItem]:
    """The client's picture on a FHIR server, as source items named after the server."""
    from srh_fhir.repository import load_picture

    if not patient:
        raise click.UsageError("--server needs --patient")
    patient_id = patient.removeprefix("Patient/")
    try:
        with client_from_options(options) as fhir:
            resources = load_picture(fhir, patient_id).resources()
    except SrhFhirError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(1)
    for resource in resources:
        yield SourceItem(f"{options['server']}/{resource['resourceType']}/{resource.get('id')}", resource)


main.add_command(push)
main.add_command(pull)
main.add_command(doctor)

if __name__ == "__main__":
    main()
