"""Every error is a page of the app, in the user's language, with a reference for support (also sent as
``X-Request-ID``): a wrong method, too large a form, a path with a dot segment and an unexpected failure in a page
alike; never the framework's bare error page, and the log names the failure's type, not its text."""

from __future__ import annotations

import logging

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from smart_app.views.errors import dot_segment

PROBLEM = 'class="problem"'


def reference_of(html: str) -> str:
    start = html.index('class="request-id"')
    return html[html.index("<code>", start) + 6 : html.index("</code>", start)]


def assert_problem_page(response: object, status: int, title: str) -> None:
    html = response.get_data(as_text=True)  # type: ignore[attr-defined]
    assert response.status_code == status  # type: ignore[attr-defined]
    assert PROBLEM in html and title in html
    assert reference_of(html) == response.headers["X-Request-ID"] and len(reference_of(html)) == 16  # type: ignore[attr-defined]


def test_a_wrong_method_is_a_translated_page_with_a_reference(client: FlaskClient) -> None:
    response = client.delete("/l/abc/plan", headers={"Accept-Language": "nl"})
    assert_problem_page(response, 405, "Dit kan hier niet")
    assert "Kenmerk voor ondersteuning:" in response.get_data(as_text=True)


def test_too_large_a_form_is_a_page(app: Flask) -> None:
    app.add_url_rule("/form", view_func=lambda: str(len(request.form)), methods=["POST"])
    response = app.test_client().post(
        "/form",
        data="x" * (200 * 1024),
        content_type="application/x-www-form-urlencoded",
        headers={"Accept-Language": "en"},
    )
    assert_problem_page(response, 413, "What you sent is too large")


@pytest.mark.parametrize("path", ["/l/abc/network/../plan", "/l/abc/network/%2e%2e/plan", "/l/abc/./plan"])
def test_a_path_with_a_dot_segment_is_refused(client: FlaskClient, path: str) -> None:
    response = client.get(path, environ_overrides={"RAW_URI": path}, headers={"Accept-Language": "en"})
    assert_problem_page(response, 400, "The request is not valid")


def test_dot_segments_are_told_from_dots_in_names() -> None:
    assert dot_segment("/l/a/../b") and dot_segment("/l/a/%2E%2E") and dot_segment("/./x")
    assert not dot_segment("/static/app.css") and not dot_segment("/l/a/b...c") and not dot_segment("/x?y=..")


def test_an_unexpected_failure_is_a_page_and_the_log_keeps_its_text_out(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> str:
        raise RecursionError("Ingrid de Vries token=secret")

    app.add_url_rule("/broken", view_func=broken)
    with caplog.at_level(logging.INFO):
        response = app.test_client().get("/broken", headers={"Accept-Language": "en"})
    assert_problem_page(response, 500, "Something went wrong in the app")
    assert "RecursionError" in caplog.text and response.headers["X-Request-ID"] in caplog.text
    assert "Ingrid" not in caplog.text and "secret" not in caplog.text
