"""validate_speedup_vs_hapi: srh_fhir.validation against HAPI's reference validator on the same 10,000 resources.

The corpus: the package examples and the agreement mutations (tools/make_mutations.py, fixed seed), repeated with
varied ids up to 10,000 files under build/bench/validation-corpus/. Both validators read and parse every file and
validate it against the profiles in its meta.profile, one resource at a time on one thread:

- HAPI: devstack/hapi's ReferenceValidator with ``--threads 1``; its own clock around the validation of the files
  (after the JVM start, the package loading and a warm-up resource), as it prints it;
- ours: ``Validator.validate(json.loads(text))`` per file (bench/time_validation.py, in a process of its own), timed
  after the Validator is built (package and core tables loaded) and one resource was validated (the same warm-up
  HAPI gets); the median of five runs. Twice: as ``SRH_FHIR_COMPILE=1 pip install`` installs it, the validator
  compiled by mypyc (build/compiled), and as the source runs interpreted (``…_interpreted``).

Figures: ``validate_speedup_vs_hapi`` (HAPI's time per resource / ours, compiled), ``validate_ms_per_resource_hapi``,
``validate_ms_per_resource_srh``, and the same for the interpreted source. The same in CPU time (``validate_cpu_…``):
HAPI's validation thread has the JVM's compiler and collector threads beside it on the other core, so its clock
shows less than the work it does; its CPU time is that of the whole run less that of a run over one file (start-up,
package loading, warm-up), ours the process time of the loop. And ``validate_jobs2_speedup``: the wall time of
``srh-fhir validate`` (compiled) over the corpus with ``--jobs 1`` against ``--jobs 2``, each a whole command,
start-up included (a quarter of a second of its three is the same in both, which bounds the ratio near 1.8), the
median of five pairs; ``validate_jobs2_speedup_ndjson`` the same over the corpus five times as one ndjson file of
50,000 lines (the form of a FHIR bulk export), where the start-up counts little; beside the load average when they
started (``validate_jobs_load_average``: on a machine busy with other work the figures read low).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from resource import RUSAGE_CHILDREN, getrusage

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
CORPUS = BUILD / "bench" / "validation-corpus"
NDJSON = BUILD / "bench" / "validation-corpus.ndjson"  # the corpus five times, one resource a line
ONE_FILE = BUILD / "bench" / "validation-one-file"
COMPILED = BUILD / "compiled"  # make build/compiled/.built
MUTATIONS = BUILD / "bench" / "mutations"
SIZE = 10_000
CORE_DIR = BUILD / "fhir-home" / ".fhir" / "packages" / "hl7.fhir.r4.core#4.0.1" / "package"
CLASS_PATH = f"{BUILD}:{ROOT}/devstack/hapi/target/classes:{ROOT}/devstack/hapi/target/lib/*"
HAPI_TIMING = re.compile(r"validation ([0-9.]+) s = ")
HAPI_COUNT = re.compile(r"validated (\d+) files")


def build_corpus(size: int = SIZE) -> list[Path]:
    """Writes ``size`` resource files (examples and mutations, ids varied per round) and returns their paths."""
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_mutations.py"), "--package",
                    str(ROOT / "profiles" / "package"), "--out", str(MUTATIONS), "--manifest",
                    str(MUTATIONS.parent / "mutations-manifest.json")], check=True, capture_output=True)
    examples = ROOT / "profiles" / "package" / "example"
    sources = sorted(p for p in examples.glob("*.json") if p.name != ".index.json") + sorted(MUTATIONS.rglob("*.json"))
    resources = [json.loads(p.read_text(encoding="utf-8")) for p in sources]
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    CORPUS.mkdir(parents=True)
    files = []
    for n in range(size):
        resource = dict(resources[n % len(resources)])
        round_ = n // len(resources)
        if round_ and isinstance(resource.get("id"), str):
            resource["id"] = f"{resource['id'][:56]}-r{round_}"
        path = CORPUS / f"{n:05d}.json"
        path.write_text(json.dumps(resource, ensure_ascii=False), encoding="utf-8")
        files.append(path)
    return files


def hapi_seconds(folder: Path, expected: int) -> tuple[float, float]:
    """HAPI's own validation time for the files of ``folder`` on one thread (JVM start-up and loading excluded), and
    the CPU time of the whole run (all its threads, start-up included)."""
    out = BUILD / "bench" / "hapi-validation.json"
    cpu_before = _children_cpu()
    result = subprocess.run(
        ["java", "-Xmx2g", "-XX:+UseParallelGC", "-cp", CLASS_PATH, "org.srhfhir.tools.ReferenceValidator",
         "--package", str(BUILD / "srh.fhir.r4.tgz"), "--threads", "1", "--root", str(ROOT), "--out", str(out),
         str(folder)],
        check=True, capture_output=True, text=True)
    cpu = _children_cpu() - cpu_before
    timing, count = HAPI_TIMING.search(result.stdout), HAPI_COUNT.search(result.stdout)
    if timing is None or count is None or int(count.group(1)) != expected:
        raise RuntimeError(f"unexpected output from the reference validator: {result.stdout!r}")
    return float(timing.group(1)), cpu


def _children_cpu() -> float:
    usage = getrusage(RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def hapi_cpu_seconds(files: list[Path], whole_run_cpu: float) -> float:
    """HAPI's CPU time for validating ``files``: the whole run's, less that of a run over the first file alone."""
    if ONE_FILE.exists():
        shutil.rmtree(ONE_FILE)
    ONE_FILE.mkdir(parents=True)
    shutil.copy(files[0], ONE_FILE / files[0].name)
    _, one_file_cpu = hapi_seconds(ONE_FILE, 1)
    return whole_run_cpu - one_file_cpu


def our_seconds(srh_fhir_path: Path, compiled: bool, runs: int = 5) -> tuple[float, float]:
    """Our validation time for the corpus (reading and parsing included, as HAPI's is), wall and CPU, measured in a
    process that imports srh_fhir from ``srh_fhir_path`` (``compiled``: which build that must be). The median of
    ``runs`` runs: one takes 2-5 s, short enough for a neighbour's burst of work to show in it, where HAPI's one
    run takes two minutes and evens such bursts out."""
    measured = []
    for _ in range(runs):
        result = subprocess.run([sys.executable, "-P", str(ROOT / "bench" / "time_validation.py"), str(CORPUS)],
                                env=_importing(srh_fhir_path), check=True, capture_output=True, text=True)
        figures = json.loads(result.stdout)
        if figures["compiled"] is not compiled or figures["files"] != SIZE:
            raise RuntimeError(f"measured the wrong srh_fhir or corpus: {figures}")
        measured.append((figures["seconds"], figures["cpu_seconds"]))
    return sorted(measured)[runs // 2]


def _importing(srh_fhir_path: Path) -> dict[str, str]:
    """The environment of a ``python -P`` that imports srh_fhir from ``srh_fhir_path``."""
    return {**os.environ, "PYTHONPATH": str(srh_fhir_path)}


def write_ndjson(files: list[Path], rounds: int = 5) -> Path:
    lines = [json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False) + "\n" for path in files]
    NDJSON.write_text("".join(lines) * rounds, encoding="utf-8")
    return NDJSON


def cli_seconds(jobs: int, path: Path = CORPUS) -> float:
    """The wall time of ``srh-fhir validate --jobs JOBS PATH`` (compiled; its report thrown away)."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-P", "-m", "srh_fhir.cli", "validate", "--format", "json",
                             "--no-progress", "--jobs", str(jobs), str(path)],
                            env=_importing(COMPILED), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):  # 1: errors found, as the mutations have
        raise RuntimeError(f"srh-fhir validate --jobs {jobs} failed: {result.stderr[-2000:]}")
    return seconds


def jobs2_speedup(path: Path, runs: int = 5) -> float:
    """The median of ``runs`` ratios of ``--jobs 1`` to ``--jobs 2``, each pair run one after the other."""
    ratios = sorted(cli_seconds(1, path) / cli_seconds(2, path) for _ in range(runs))
    return ratios[runs // 2]


def run() -> dict[str, float]:
    files = build_corpus()
    ours, ours_cpu = our_seconds(COMPILED, compiled=True)
    interpreted, _ = our_seconds(ROOT, compiled=False)
    hapi, hapi_run_cpu = hapi_seconds(CORPUS, len(files))
    hapi_cpu = hapi_cpu_seconds(files, hapi_run_cpu)
    load = os.getloadavg()[0]
    jobs2 = jobs2_speedup(CORPUS)
    jobs2_ndjson = jobs2_speedup(write_ndjson(files))
    return {
        "validate_speedup_vs_hapi": round(hapi / ours, 2),
        "validate_speedup_vs_hapi_interpreted": round(hapi / interpreted, 2),
        "validate_ms_per_resource_hapi": round(hapi * 1000 / len(files), 3),
        "validate_ms_per_resource_srh": round(ours * 1000 / len(files), 3),
        "validate_ms_per_resource_srh_interpreted": round(interpreted * 1000 / len(files), 3),
        "validate_cpu_speedup_vs_hapi": round(hapi_cpu / ours_cpu, 2),
        "validate_cpu_ms_per_resource_hapi": round(hapi_cpu * 1000 / len(files), 3),
        "validate_cpu_ms_per_resource_srh": round(ours_cpu * 1000 / len(files), 3),
        "validate_jobs2_speedup": round(jobs2, 2),
        "validate_jobs2_speedup_ndjson": round(jobs2_ndjson, 2),
        "validate_jobs_load_average": round(load, 2),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
