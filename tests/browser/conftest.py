"""Fixtures of the browser tests (the servers and helpers are in ``browser_stack``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_stack import CHROMIUM, CHROMIUM_FLAGS, TIMEOUT_MS, Stack, running_stack, start_app
from flask import Flask
from playwright.sync_api import Browser, Page, sync_playwright


@pytest.fixture(scope="session")
def stack(fhir_base: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The sandbox EHR in front of HAPI, and the app's slot."""
    with running_stack(fhir_base, tmp_path_factory.mktemp("app-sessions")) as running:
        yield running


@pytest.fixture(scope="session")
def helios_stack(helios_base: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """The same stack in front of the Helios FHIR Server (issue 16: the app's save path on a second server)."""
    with running_stack(helios_base, tmp_path_factory.mktemp("helios-app-sessions")) as running:
        yield running


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
