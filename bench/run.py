"""Run every benchmark module and write their figures to build/bench.json.

Each module in ``MODULES`` has ``run() -> dict[str, float]``; a figure is measured in this run against its own
baseline, so the ratios mean the same on any machine.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

MODULES = ["bench.mapping", "bench.validation", "bench.cli", "bench.client", "bench.render"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("build/bench.json"))
    parser.add_argument("--only", nargs="*", help="module names (e.g. bench.mapping) to run; default all")
    args = parser.parse_args(argv)
    figures: dict[str, float] = json.loads(args.out.read_text()) if args.out.exists() else {}
    for name in args.only or MODULES:
        module = importlib.import_module(name)
        print(f"{name} ...", file=sys.stderr, flush=True)
        results = module.run()
        for key, value in results.items():
            print(f"  {key} = {value}", file=sys.stderr)
        figures.update(results)
    figures.update(derived(figures))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def derived(figures: dict[str, float]) -> dict[str, float]:
    """Figures that compare two modules' figures of this run: the overview's server-side work for a 100-member
    client against one FHIR round trip that loads the same size of client (below 1: less than one round trip)."""
    render, load = figures.get("render_overview_ms_median_100"), figures.get("load_seconds_100")
    if render is None or not load:
        return {}
    return {"overview_render_vs_one_round_trip_100": round(render / (load * 1000), 3)}


if __name__ == "__main__":
    sys.exit(main())
