"""Installing the Helios FHIR Server (``devstack/helios/install.sh``, with a fake ``cargo`` on PATH: a real build
takes 20-50 minutes), waiting for a build under way (``devstack.helios_server``) and its data files."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest

from devstack.helios_data import write_data
from devstack.helios_server import helios_version, install_root, wait_for_binary
from devstack.server_process import ROOT, ServerFailed

INSTALL = ROOT / "devstack" / "helios" / "install.sh"
# Records its arguments and the profile settings it was given, then installs a binary under --root (or fails).
FAKE_CARGO = """#!/usr/bin/env bash
set -eu
echo "$*" >> "$FAKE_CARGO_CALLS"
env | grep '^CARGO_PROFILE_RELEASE_' | sort >> "$FAKE_CARGO_CALLS"
[ -z "${FAKE_CARGO_FAIL:-}" ] || { echo "error: could not compile helios-hfs"; exit 101; }
sleep "${FAKE_CARGO_SLEEP:-0}"
root=$(echo "$*" | sed 's/.*--root //')
mkdir -p "$root/bin" && printf '#!/bin/sh\\n' > "$root/bin/hfs" && chmod +x "$root/bin/hfs"
"""


@pytest.fixture
def cargo_env(tmp_path: Path) -> dict[str, str]:
    """An environment with the fake cargo first on PATH and the cache under tmp_path."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "cargo").write_text(FAKE_CARGO)
    (bin_dir / "cargo").chmod(0o755)
    return {
        **os.environ,
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "FAKE_CARGO_CALLS": str(tmp_path / "calls"),
    }


def install(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(INSTALL), *args], env=env, capture_output=True, text=True, timeout=60, check=False)


def test_a_missing_binary_is_built_into_the_cache_keyed_on_its_version(
    cargo_env: dict[str, str], tmp_path: Path
) -> None:
    result = install(cargo_env, "9.9.9")

    assert result.returncode == 0, result.stderr
    root = tmp_path / "cache" / "srh-fhir" / "helios-hfs-9.9.9"
    assert (root / "bin" / "hfs").is_file() and not root.with_name("helios-hfs-9.9.9.partial").exists()
    assert (tmp_path / "calls").read_text().splitlines() == [
        f"install helios-hfs --version 9.9.9 --locked --no-default-features --features R4,sqlite --root {root}.partial",
        "CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16",
        "CARGO_PROFILE_RELEASE_LTO=false",
        "CARGO_PROFILE_RELEASE_OPT_LEVEL=1",
    ]


def test_a_cached_binary_is_not_built_again(cargo_env: dict[str, str], tmp_path: Path) -> None:
    assert install(cargo_env, "9.9.9").returncode == 0
    again = install(cargo_env, "9.9.9")
    assert again.returncode == 0 and "helios-hfs-9.9.9/bin/hfs" in again.stdout
    assert len((tmp_path / "calls").read_text().splitlines()) == 4  # cargo ran once
    assert install(cargo_env, "--background", "9.9.9", str(tmp_path / "build.log")).returncode == 0
    assert not (tmp_path / "build.log").exists()  # nothing to build, nothing started


def test_a_failed_build_leaves_no_binary_and_fails(cargo_env: dict[str, str], tmp_path: Path) -> None:
    result = install({**cargo_env, "FAKE_CARGO_FAIL": "1"}, "9.9.9")
    assert result.returncode != 0 and "could not compile" in result.stdout
    assert not (tmp_path / "cache" / "srh-fhir" / "helios-hfs-9.9.9").exists()


def test_a_background_build_returns_at_once_and_the_waiter_gets_the_binary(
    cargo_env: dict[str, str], tmp_path: Path
) -> None:
    log = tmp_path / "build" / "helios-build.log"
    started = time.monotonic()
    result = install({**cargo_env, "FAKE_CARGO_SLEEP": "1"}, "--background", "9.9.9", str(log))
    assert result.returncode == 0 and time.monotonic() - started < 1
    assert "in the background" in result.stdout

    root = tmp_path / "cache" / "srh-fhir" / "helios-hfs-9.9.9"
    binary = wait_for_binary(root, timeout=60, build_log=log, poll=0.2)
    assert binary == root / "bin" / "hfs" and "built" in log.read_text()


def test_a_second_background_launch_leaves_the_build_under_way_alone(cargo_env: dict[str, str], tmp_path: Path) -> None:
    env = {**cargo_env, "FAKE_CARGO_SLEEP": "1"}
    assert install(env, "--background", "9.9.9", str(tmp_path / "first.log")).returncode == 0
    second = install(env, "--background", "9.9.9", str(tmp_path / "second.log"))
    assert second.returncode == 0 and "being built already" in second.stdout
    wait_for_binary(tmp_path / "cache" / "srh-fhir" / "helios-hfs-9.9.9", timeout=60, poll=0.2)
    assert (tmp_path / "calls").read_text().count("install helios-hfs") == 1


def test_without_a_binary_or_a_build_the_wait_fails_at_once_with_the_log(tmp_path: Path) -> None:
    log = tmp_path / "helios-build.log"
    log.write_text("error: linking with `cc` failed\n")
    started = time.monotonic()
    with pytest.raises(ServerFailed, match=r"not built: .*hfs is missing(.|\n)*linking with `cc` failed"):
        wait_for_binary(tmp_path / "helios-hfs-9.9.9", build_log=log)
    assert time.monotonic() - started < 1


def test_the_wait_is_bounded_while_the_build_holds_its_lock(tmp_path: Path) -> None:
    root = tmp_path / "helios-hfs-9.9.9"
    with (tmp_path / "helios-hfs-9.9.9.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(ServerFailed, match="still building after 0 min"):
            wait_for_binary(root, timeout=0.5, build_log=tmp_path / "none.log", poll=0.1)
        threading.Timer(0.3, lambda: (root / "bin").mkdir(parents=True) or (root / "bin" / "hfs").touch()).start()
        assert wait_for_binary(root, timeout=10, poll=0.1) == root / "bin" / "hfs"


def test_the_cache_honours_xdg_cache_home_and_the_version_is_the_makefiles(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("HELIOS_VERSION", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert helios_version() == "0.2.7"
    assert install_root("0.2.7") == tmp_path / "srh-fhir" / "helios-hfs-0.2.7"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert install_root("0.2.7") == Path.home() / ".cache" / "srh-fhir" / "helios-hfs-0.2.7"


def test_the_data_files_are_collections_of_the_core_search_parameters_and_compartments(tmp_path: Path) -> None:
    core = tmp_path / "core"
    core.mkdir()
    resources = {
        "SearchParameter-Patient-name.json": {"resourceType": "SearchParameter", "url": "http://hl7.org/sp/n"},
        "CompartmentDefinition-patient.json": {"resourceType": "CompartmentDefinition", "url": "http://hl7.org/cd/p"},
        "StructureDefinition-Patient.json": {"resourceType": "StructureDefinition", "url": "http://hl7.org/sd/p"},
    }
    for name, resource in resources.items():
        (core / name).write_text(json.dumps(resource))

    counts = write_data(core, tmp_path / "data")

    assert counts == {"search-parameters-r4.json": 1, "compartment-definitions-r4.json": 1}
    bundle = json.loads((tmp_path / "data" / "search-parameters-r4.json").read_text())
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    parameter = resources["SearchParameter-Patient-name.json"]
    assert bundle["entry"] == [{"fullUrl": "http://hl7.org/sp/n", "resource": parameter}]
