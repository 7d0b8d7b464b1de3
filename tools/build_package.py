"""Assemble the FHIR NPM package of the SRH profiles from SUSHI's output.

SUSHI writes every resource to one folder. A FHIR package separates conformance resources (``package/``)
from examples (``package/example/``), carries ``package.json`` and an ``.index.json`` per folder, and is
distributed as a .tgz whose members sit under ``package/``. The JSON is normalised (two-space indent,
trailing newline) and the .tgz is reproducible, so rebuilding from unchanged FSH gives identical bytes.

    python tools/build_package.py --sushi-config profiles/sushi-config.yaml \
        --resources build/sushi/fsh-generated/resources --out profiles/package --tgz build/srh.fhir.r4.tgz
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import shutil
import tarfile
from pathlib import Path
from typing import Any

from package_files import read_json, resource_paths

CORE_PACKAGE = "hl7.fhir.r4.core"
FHIR_VERSION = "4.0.1"
INDEX_FIELDS = ("id", "url", "version", "kind", "type", "supplements", "content")


def read_sushi_config(path: Path) -> dict[str, str]:
    """Read the flat top-level ``key: value`` pairs of sushi-config.yaml (no YAML library needed)."""
    config: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line[0] in " #-" or ":" not in line:
            continue
        key, _, value = line.partition(":")
        config[key.strip()] = value.strip().strip('"')
    return config


def manifest(config: dict[str, str]) -> dict[str, Any]:
    return {
        "name": config["id"],
        "version": config["version"],
        "type": "IG",
        "canonical": config["canonical"],
        "url": config["canonical"],
        "title": config["title"],
        "description": (
            "Profiles, terminology and examples for supportive relational action (Steunend Relationeel "
            "Handelen) on FHIR R4: social-network members, tie assessments, support plans by the four core "
            "actions, goals, social system, involvement consent and relationship rating."
        ),
        "author": "srh-fhir project",
        "license": config["license"],
        "fhirVersions": [FHIR_VERSION],
        "dependencies": {CORE_PACKAGE: FHIR_VERSION},
        "jurisdiction": "urn:iso:std:iso:3166#NL",
    }


def example_references(guide: dict[str, Any]) -> set[str]:
    """The ``Type/id`` of every resource the ImplementationGuide marks as an example."""
    examples = set()
    for entry in guide.get("definition", {}).get("resource", []):
        if entry.get("exampleBoolean") or entry.get("exampleCanonical"):
            examples.add(entry["reference"]["reference"])
    return examples


def index_entry(filename: str, resource: dict[str, Any]) -> dict[str, Any]:
    entry: dict[str, Any] = {"filename": filename, "resourceType": resource["resourceType"]}
    for field in INDEX_FIELDS:
        if isinstance(resource.get(field), str):
            entry[field] = resource[field]
    return entry


def dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_folder(folder: Path, resources: dict[str, dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for filename, resource in resources.items():
        (folder / filename).write_text(dump(resource), encoding="utf-8")
    entries = [index_entry(name, resources[name]) for name in sorted(resources)]
    (folder / ".index.json").write_text(dump({"index-version": 1, "files": entries}), encoding="utf-8")


def build(config_path: Path, resources_dir: Path, out: Path) -> None:
    config = read_sushi_config(config_path)
    loaded = {path.name: read_json(path) for path in resource_paths(resources_dir)}
    guides = [r for r in loaded.values() if r["resourceType"] == "ImplementationGuide"]
    if len(guides) != 1:
        raise SystemExit(f"expected one ImplementationGuide in {resources_dir}, found {len(guides)}")
    examples = example_references(guides[0])

    conformance: dict[str, dict[str, Any]] = {}
    example: dict[str, dict[str, Any]] = {}
    for filename, resource in loaded.items():
        reference = f"{resource['resourceType']}/{resource['id']}"
        (example if reference in examples else conformance)[filename] = resource

    if out.exists():
        shutil.rmtree(out)
    write_folder(out, conformance)
    write_folder(out / "example", example)
    (out / "package.json").write_text(dump(manifest(config)), encoding="utf-8")


def write_tgz(package_dir: Path, target: Path) -> None:
    """Pack ``package_dir`` as ``package/...`` with fixed timestamps and owners, in sorted order."""
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in sorted(p for p in package_dir.rglob("*") if p.is_file()):
            data = path.read_bytes()
            info = tarfile.TarInfo("package/" + path.relative_to(package_dir).as_posix())
            info.size, info.mtime, info.mode = len(data), 0, 0o644
            tar.addfile(info, io.BytesIO(data))
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buffer.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sushi-config", type=Path, required=True)
    parser.add_argument("--resources", type=Path, required=True, help="SUSHI's fsh-generated/resources folder")
    parser.add_argument("--out", type=Path, required=True, help="the package folder to (re)write")
    parser.add_argument("--tgz", type=Path, help="also write the package as this .tgz")
    args = parser.parse_args()
    build(args.sushi_config, args.resources, args.out)
    if args.tgz:
        write_tgz(args.out, args.tgz)
    print(f"wrote {args.out}" + (f" and {args.tgz}" if args.tgz else ""))


if __name__ == "__main__":
    main()
