"""bench.run: figures that compare two benchmark modules of the same run."""

from __future__ import annotations

from bench.run import derived


def test_the_overview_is_compared_with_one_round_trip_for_the_same_size() -> None:
    figures = {"render_overview_ms_median_100": 17.0, "load_seconds_100": 0.34}
    assert derived(figures) == {"overview_render_vs_one_round_trip_100": 0.05}


def test_nothing_is_derived_when_a_module_did_not_run() -> None:
    assert derived({"render_overview_ms_median_100": 17.0}) == {}
    assert derived({"load_seconds_100": 0.34}) == {}
