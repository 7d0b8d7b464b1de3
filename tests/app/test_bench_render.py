"""bench.render: every workspace page renders for both sizes, and the figures and table say per page what the issue
asks (median and p95 for 10 and 100 members, their ratios), under the names build/bench.json has always had too."""

from __future__ import annotations

import datetime

from bench import render


def test_every_page_renders_for_both_sizes() -> None:
    times = render.measure(repeats=1)
    assert set(times) == set(render.PAGES) and "member" in times
    assert all(len(by_size[100]) == len(by_size[10]) == 1 for by_size in times.values())


def test_the_network_page_of_the_large_client_shows_all_100_members_on_the_map_and_in_the_list() -> None:
    picture = render.synthetic_picture("bench-test-100", 100, 30)
    html = render.render_page(render.bench_app(), picture, datetime.date(2026, 11, 28), "network")
    assert html.count('data-member-id="') == 100  # the list
    assert html.count('<a href="#member-') == 100  # the map


def test_figures_and_table_per_page() -> None:
    times = {page: {100: [4.0, 6.0, 8.0], 10: [2.0, 2.0, 4.0]} for page in render.PAGES}
    figures = render.figures(times)
    assert figures["render_plan_ms_median_100"] == 6.0 and figures["render_plan_ratio_median"] == 3.0
    assert figures["render_plan_ms_p95_100"] == 7.8 and figures["render_plan_ratio_p95"] == 2.05
    assert figures["render_ms_median_100"] == 6.0 and figures["render_ratio_100_vs_10"] == 3.0
    assert figures["render_ratio_max"] == 3.0
    lines = render.table(figures).splitlines()
    assert [line.split()[0] for line in lines[1:]] == list(render.PAGES)
    assert "3.00x" in lines[1] and "7.80" in lines[1]
