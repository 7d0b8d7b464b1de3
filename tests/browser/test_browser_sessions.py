"""Sessions in a real browser: parallel saves with one refresh, two tabs with two patients, no token in the browser,
and two app instances sharing their sessions through a real Redis server."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import requests
from app_process import AppProcess
from browser_stack import MOHAMED, Stack, frame_of, fresh_client, go, launch, member_names, start_app
from flask import Flask
from playwright.sync_api import FrameLocator, Page
from redis_server import RedisServer
from servers import HttpBalancer

from smart_app.sessions import Store

PARALLEL_SAVES = """
async ([count, prefix]) => {
  const form = document.querySelector("form.member-form");
  const saves = Array.from({length: count}, (_, i) => {
    const data = new FormData(form);
    data.set("given", prefix + i);
    data.set("relationship", "vriend");
    data.set("sector", "leisure");
    return fetch(form.action, {method: "POST", body: data}).then(r => r.status);
  });
  return Promise.all(saves);
}
"""


# A third-party frame may be denied storage altogether; then nothing can be in it.
READ_STORAGE = """
() => {
  try {
    return JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]);
  } catch (error) {
    return "storage denied: " + error.name;
  }
}
"""


def launch_key(page: Page) -> str:
    return frame_of(page).url.split("/l/", 1)[1].split("/", 1)[0]


def reload_app(page: Page) -> FrameLocator:
    """Load the app's current page again inside the EHR's iframe (the EHR page itself stays, so no new launch)."""
    frame = frame_of(page)
    frame.goto(frame.url)
    locator = page.frame_locator("iframe[name=app]")
    locator.locator(".app-header").wait_for()
    return locator


def expire_access_token(app_or_store: Flask | Store, key: str) -> None:
    """Time passes: the stored access token of the launch is now past its expiry."""
    store = app_or_store if isinstance(app_or_store, Store) else app_or_store.extensions["srh_store"]
    launch = store.get("launch", key)
    store.put("launch", key, {**launch, "expires_at": time.time() - 1})


def names_on_server(fhir_base: str, patient: str) -> list[str]:
    bundle = requests.get(f"{fhir_base}/RelatedPerson", params={"patient": patient, "_count": 500}, timeout=30).json()
    return [" ".join(e["resource"]["name"][0].get("given", [])) for e in bundle.get("entry", [])]


def save_in_parallel(page: Page, count: int) -> tuple[str, list[int]]:
    """``count`` members saved at once through the network page's form."""
    go(page, "network").locator("form.member-form").wait_for()
    prefix = f"Parallel-{uuid.uuid4().hex[:6]}-"
    statuses = frame_of(page).evaluate(PARALLEL_SAVES, [count, prefix])
    return prefix, statuses


def test_five_parallel_saves_refresh_the_token_exactly_once(page: Page, stack: Stack, app: Flask) -> None:
    client = fresh_client(stack)
    launch(page, stack, patient=client)
    expire_access_token(app, launch_key(page))
    before = stack.token_log.refreshes()
    prefix, statuses = save_in_parallel(page, 5)
    assert statuses == [200] * 5
    assert stack.token_log.refreshes() == before + 1
    assert sum(1 for name in names_on_server(stack.fhir_base, client) if name.startswith(prefix)) == 5


def test_two_tabs_with_two_patients_never_mix(page: Page, stack: Stack, app: Flask) -> None:
    ingrid_tab = page
    mohamed_tab = page.context.new_page()
    ingrid_id = fresh_client(stack)
    launch(ingrid_tab, stack, patient=ingrid_id)
    launch(mohamed_tab, stack, patient=MOHAMED)
    assert launch_key(ingrid_tab) != launch_key(mohamed_tab)
    grants = len(stack.token_log.grants)
    ingrid_tab.bring_to_front()  # as a person switches tabs: a background tab's input is not to be relied on
    assert reload_app(ingrid_tab).locator("main h1").inner_text() == "Ingrid de Vries"
    ingrid = go(ingrid_tab, "network")
    assert member_names(ingrid).filter(has_text="Anja").count() == 1
    assert member_names(ingrid).filter(has_text="Fatima").count() == 0
    name = f"Tab-{uuid.uuid4().hex[:6]}"
    add_member(ingrid, name)
    assert name in names_on_server(stack.fhir_base, ingrid_id)
    assert name not in names_on_server(stack.fhir_base, MOHAMED)
    mohamed_tab.bring_to_front()
    assert "Mohamed" in reload_app(mohamed_tab).locator("main h1").inner_text()
    mohamed = go(mohamed_tab, "network")
    assert member_names(mohamed).filter(has_text="Fatima").count() >= 1
    assert member_names(mohamed).filter(has_text=name).count() == 0
    assert len(stack.token_log.grants) == grants  # both tabs went on with their own launch, none launched again


def add_member(frame: FrameLocator, given: str) -> None:
    frame.locator("input[name=given]").fill(given)
    frame.locator("input[name=relationship]").fill("buurvrouw")
    frame.locator("select[name=sector]").select_option("neighbourhood")
    frame.locator("form.member-form button[type=submit]").click()
    frame.locator(".notice").wait_for()


def test_no_token_anywhere_in_the_browser(page: Page, stack: Stack, app: Flask) -> None:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    issued_before = len(stack.token_log.issued)
    launch(page, stack, patient=fresh_client(stack), error="expired-access-token")  # a refresh: every kind
    add_member(go(page, "network"), f"NoToken-{uuid.uuid4().hex[:6]}")
    tokens = stack.token_log.issued[issued_before:]
    assert len(tokens) >= 4  # access, refresh, id_token, and the refreshed access token
    app_frame = frame_of(page)
    storage: list[Any] = [f.evaluate(READ_STORAGE) for f in (page.main_frame, app_frame)]
    storage.append(page.context.storage_state())  # every origin's localStorage, as the browser keeps it
    places = {
        "cookies": repr(page.context.cookies()),
        "storage": repr(storage),
        "html": page.content() + app_frame.content(),
        "urls": "\n".join(urls),
    }
    for token in tokens:
        for where, text in places.items():
            assert token not in text, f"a token is in the browser's {where}"
    assert "code=" not in app_frame.url


def test_two_app_processes_share_sessions_through_redis(page: Page, stack: Stack, tmp_path: Path) -> None:
    """Two app processes behind a load balancer, sharing only a real Redis: a launch begun on one goes on on the
    other, and parallel saves spread over both still refresh the token exactly once (a Redis lock)."""
    with RedisServer() as redis_server:
        environment = {
            "SRH_APP_SECRET_KEY": "scale-out-secret-key-0123456789abcdefgh",
            "SRH_APP_CLIENT_ID": "srh-public",
            "SRH_APP_ALLOWED_ISSUERS": stack.iss,
            "SRH_APP_PUBLIC_URL": stack.app_url,
            "SRH_APP_REDIS_URL": redis_server.url,
            "SRH_APP_SESSION_DIR": str(tmp_path / "unused"),  # must stay empty: Redis holds the sessions
        }
        with AppProcess(environment) as first, AppProcess(environment) as second:
            balancer = HttpBalancer([first.url, second.url])
            stack.slot.current = balancer
            client = fresh_client(stack)
            launch(page, stack, patient=client)
            assert set(balancer.served) == {0, 1}  # the launch began on one process and went on on the other
            assert frame_of(page).url.startswith(f"{stack.app_url}/l/")
            expire_access_token(Store.redis(redis_server.url, 600), launch_key(page))
            before = stack.token_log.refreshes()
            prefix, statuses = save_in_parallel(page, 5)
            assert statuses == [200] * 5
            assert stack.token_log.refreshes() == before + 1
            assert sum(1 for name in names_on_server(stack.fhir_base, client) if name.startswith(prefix)) == 5
    assert not (tmp_path / "unused").exists()
    start_app(stack)


def test_a_token_the_server_refuses_is_refreshed_after_the_401(page: Page, stack: Stack, app: Flask) -> None:
    launch(page, stack)
    store = app.extensions["srh_store"]
    key = launch_key(page)
    store.put("launch", key, {**store.get("launch", key), "access_token": "revoked-by-the-ehr"})
    before = stack.token_log.refreshes()
    frame = reload_app(page)
    assert frame.locator("main h1").inner_text() == "Ingrid de Vries"  # the overview, with her picture
    assert stack.token_log.refreshes() == before + 1
