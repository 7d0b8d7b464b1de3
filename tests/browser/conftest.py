"""Fixtures of the browser tests (the servers and helpers are in ``browser_stack``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_stack import CHROMIUM, CHROMIUM_FLAGS, SANDBOX_SECRET, TIMEOUT_MS, Stack, start_app
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright
from servers import AppSlot, ServedApp, TokenLog, free_port

from devstack.sandbox_ehr import create_sandbox
from devstack.sandbox_ehr.seed import seed


@pytest.fixture(scope="session")
def stack(fhir_base: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    seed(fhir_base)
    sandbox_port, app_port = free_port(), free_port()
    sandbox_url, app_url = f"http://localhost:{sandbox_port}", f"http://127.0.0.1:{app_port}"
    sandbox_app = create_sandbox(
        {"FHIR_UPSTREAM": fhir_base, "PUBLIC_BASE": sandbox_url, "APP_BASE": app_url, "CLIENT_SECRET": SANDBOX_SECRET}
    )
    token_log = TokenLog(sandbox_app)
    slot = AppSlot()
    with ServedApp(token_log, "localhost", sandbox_port), ServedApp(slot, "127.0.0.1", app_port):
        yield Stack(
            fhir_base, sandbox_url, app_url, token_log, slot, sandbox_app, tmp_path_factory.mktemp("app-sessions")
        )


@pytest.fixture
def app(stack: Stack) -> Flask:
    return start_app(stack)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run `make system-packages` (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()
