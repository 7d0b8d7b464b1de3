"""``python -m devstack.sandbox_ehr [run|seed]``: run the sandbox EHR, or load the example clients into its FHIR server.

Settings come from options or ``SRH_SANDBOX_*`` environment variables (see the README).
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import urlsplit

import click

from devstack.sandbox_ehr import config_from_env, create_sandbox
from devstack.sandbox_ehr.config import SandboxConfig
from devstack.sandbox_ehr.errors import SandboxConfigError
from devstack.sandbox_ehr.seed import seed
from srh_fhir.errors import SrhFhirError


@click.group(invoke_without_command=True)
@click.pass_context
def main(context: click.Context) -> None:
    """The SRH sandbox EHR (a development tool)."""
    if context.invoked_subcommand is None:
        context.invoke(run)


@main.command()
@click.option("--upstream", envvar="SRH_SANDBOX_FHIR_UPSTREAM", help="The FHIR server behind the sandbox.")
@click.option("--public-base", envvar="SRH_SANDBOX_PUBLIC_BASE", default="http://localhost:8081", show_default=True)
@click.option("--app-base", envvar="SRH_SANDBOX_APP_BASE", default="http://127.0.0.1:5000", show_default=True)
@click.option("--seed/--no-seed", "do_seed", default=False, help="Load the example clients first.")
def run(upstream: str | None, public_base: str, app_base: str, do_seed: bool) -> None:
    """Serve the sandbox EHR on the host and port of its public base."""
    values = {**config_from_env(), "PUBLIC_BASE": public_base, "APP_BASE": app_base}
    if upstream:
        values["FHIR_UPSTREAM"] = upstream
    try:
        settings = SandboxConfig.from_mapping(values)
        if do_seed:
            click.echo(f"Seeded {seed(settings.fhir_upstream)} example resources into {settings.fhir_upstream}")
    except (SandboxConfigError, SrhFhirError) as error:
        raise click.ClickException(str(error)) from error
    address = urlsplit(settings.public_base)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # request lines carry codes and launch ids
    click.echo(f"Sandbox EHR at {settings.public_base}/  (FHIR base {settings.fhir_base})")
    create_sandbox(settings).run(host=address.hostname, port=address.port or 80, threaded=True)


@main.command("seed")
@click.option("--upstream", envvar="SRH_SANDBOX_FHIR_UPSTREAM", required=True, help="The FHIR server to load.")
def seed_command(upstream: str) -> None:
    """PUT the example clients of the profile package into the FHIR server (idempotent)."""
    try:
        count = seed(upstream.rstrip("/"))
    except SrhFhirError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Seeded {count} example resources into {upstream}")


if __name__ == "__main__":
    sys.exit(main())
