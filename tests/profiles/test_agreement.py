"""srh_fhir.validation agrees with HAPI's validator on the agreement corpus.

The corpus (``make agreement-reference``, run by ``make test``): the package examples, the invalid fixtures and
the fixed-seed mutations of tools/make_mutations.py, all validated by HAPI's reference validator in one JVM run
(build/agreement/hapi.json). Here each file is validated again by srh_fhir.validation and compared:

- verdict: whether there is any issue of severity error or fatal; must be equal for every file;
- paths: for a file HAPI finds errors in, the set of element paths (the ``expression`` of every error/fatal issue,
  whitespace stripped) must be equal; at least 95% of those files must match.

Path differences listed with a reason in tests/profiles/agreement/accepted-differences.json are accepted; any other
difference fails (a verdict difference is never accepted). A listed difference is known by what it is, not by the
corpus file's number (which shifts whenever an example is added): the example mutated, the mutation's kind and both
validators' error paths.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from paths import ROOT, read_json

from srh_fhir.validation import Validator, error_paths

pytestmark = pytest.mark.reference  # needs what `make test` builds with HAPI's reference validator

AGREEMENT = ROOT / "build" / "agreement"
RESULTS = AGREEMENT / "hapi.json"
MANIFEST = AGREEMENT / "manifest.json"
ACCEPTED = ROOT / "tests" / "profiles" / "agreement" / "accepted-differences.json"
MIN_MUTATIONS = 1000
MIN_PATH_AGREEMENT = 0.95


@dataclass(frozen=True)
class Comparison:
    """One corpus file judged by both validators."""

    file: str
    kind: str
    hapi_paths: frozenset[str]
    our_paths: frozenset[str]

    @property
    def verdict_agrees(self) -> bool:
        return bool(self.hapi_paths) == bool(self.our_paths)

    @property
    def paths_agree(self) -> bool:
        return self.hapi_paths == self.our_paths

    @property
    def difference(self) -> Difference:
        """The path difference as the accepted list names it."""
        example = re.sub(r"--\d+$", "", Path(self.file).stem)
        return example, self.kind, tuple(sorted(self.hapi_paths)), tuple(sorted(self.our_paths))


# (example mutated, mutation kind, HAPI's error paths, ours)
Difference = tuple[str, str, tuple[str, ...], tuple[str, ...]]


def normalised(outcome: dict[str, Any]) -> frozenset[str]:
    return frozenset(path.strip() for path in error_paths(outcome))


@pytest.fixture(scope="module")
def comparisons(validator: Validator) -> list[Comparison]:
    if not RESULTS.exists() or not MANIFEST.exists():
        pytest.fail("build/agreement is missing: run `make agreement-reference` (make test does)")
    results: dict[str, Any] = read_json(RESULTS)
    manifest: dict[str, Any] = read_json(MANIFEST)
    found = []
    for file, outcome in sorted(results.items()):
        resource = json.loads((ROOT / file).read_text(encoding="utf-8"))
        corpus_name = file.removeprefix("build/agreement/corpus/")
        kind = manifest[corpus_name]["kind"] if corpus_name in manifest else Path(file).parts[-2]
        found.append(Comparison(file, kind, normalised(outcome), normalised(validator.validate(resource))))
    return found


@pytest.fixture(scope="module")
def accepted() -> dict[Difference, str]:
    data = read_json(ACCEPTED)
    return {
        (d["example"], d["mutation"], tuple(d["hapi"]), tuple(d["ours"])): d["reason"] for d in data["differences"]
    }


def verdict_differences(comparisons: list[Comparison]) -> list[str]:
    return [c.file for c in comparisons if not c.verdict_agrees]


def path_differences(comparisons: list[Comparison]) -> dict[Difference, Comparison]:
    return {c.difference: c for c in comparisons if c.verdict_agrees and c.hapi_paths and not c.paths_agree}


def test_corpus_is_large_and_covers_every_kind(comparisons: list[Comparison],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    kinds = Counter(c.kind for c in comparisons if c.file.startswith("build/agreement/corpus/"))
    with capsys.disabled():
        print(f"\nagreement corpus: {len(comparisons)} files, {sum(kinds.values())} mutations: "
              + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    assert sum(kinds.values()) >= MIN_MUTATIONS
    assert {"drop-required", "wrong-code-ours", "wrong-code-core", "wrong-type", "extra-slice", "broken-invariant",
            "bad-reference", "wrong-cardinality", "narrative", "contained", "bundle", "valid"} <= set(kinds)
    verdicts = {bool(c.hapi_paths) for c in comparisons}
    assert verdicts == {True, False}, "the corpus needs both valid and invalid resources"


def test_every_difference_is_accepted(comparisons: list[Comparison], accepted: dict[Difference, str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert verdict_differences(comparisons) == []
    found = path_differences(comparisons)
    with_errors = [c for c in comparisons if c.hapi_paths]
    verdict_share = sum(c.verdict_agrees for c in comparisons) / len(comparisons)
    path_share = sum(c.paths_agree for c in with_errors) / len(with_errors)
    with capsys.disabled():
        print(f"verdict agreement {verdict_share:.2%} of {len(comparisons)} files; path agreement {path_share:.2%} "
              f"of the {len(with_errors)} files with errors; {len(found)} differences, {len(accepted)} accepted")
    unexpected = {c.file: key for key, c in found.items() if key not in accepted}
    assert not unexpected, f"differences from HAPI (file: (example, mutation, HAPI's error paths, ours)): {unexpected}"
    stale = set(accepted) - set(found)
    assert not stale, f"accepted differences that no longer occur (remove them): {sorted(stale)}"
    assert verdict_share == 1.0
    assert path_share >= MIN_PATH_AGREEMENT


def test_accepted_differences_have_reasons(accepted: dict[Difference, str]) -> None:
    assert all(len(reason) > 20 for reason in accepted.values())
