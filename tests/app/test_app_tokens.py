"""Refreshing a launch's access token: before expiry, after a 401, one refresh at a time per launch."""

from __future__ import annotations

import contextvars
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from app_fake_ehr import FakeEhr, stored_launch
from launch_support import make_app, make_settings

from smart_app.records import Launch, ServerEndpoints
from smart_app.sessions import Store
from smart_app.tokens import LaunchTokens
from srh_fhir.errors import TokenExpired


@pytest.fixture(autouse=True)
def app_context(tmp_path: Path) -> Iterator[None]:
    """Refreshes go through the app's session for the EHR, as they do while the app handles a request."""
    with make_app(tmp_path).app_context():
        yield


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.file_system(tmp_path / "sessions", 3600)


def in_parallel(count: int, work: Callable[[], str]) -> list[str]:
    """Run ``work`` in ``count`` threads started together (in this thread's app context); their results (or raised
    errors) in order."""
    barrier = threading.Barrier(count)
    results: list[str] = [""] * count
    contexts = [contextvars.copy_context() for _ in range(count)]

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = contexts[index].run(work)
        except Exception as error:  # the test looks at it
            results[index] = f"error: {error}"

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_an_expired_token_is_refreshed_once_for_five_parallel_requests(
    tmp_path: Path, ehr: FakeEhr, store: Store
) -> None:
    settings = make_settings(tmp_path)
    launch = stored_launch(store, expires_at=time.time() - 5)
    tokens = in_parallel(5, lambda: LaunchTokens(settings, store, Launch.from_dict(launch.to_dict())).access_token())
    assert ehr.refresh_count == 1
    assert len(set(tokens)) == 1 and tokens[0].startswith("access-")
    assert store.get("launch", launch.key)["refresh_token"] == "refresh-2"  # the rotated refresh token is kept


def test_a_401_refreshes_once_for_five_parallel_requests(tmp_path: Path, ehr: FakeEhr, store: Store) -> None:
    settings = make_settings(tmp_path)
    launch = stored_launch(store)

    def refresh_after_401() -> str:
        provider = LaunchTokens(settings, store, Launch.from_dict(launch.to_dict()))
        provider.refresh()
        return provider.access_token()

    tokens = in_parallel(5, refresh_after_401)
    assert ehr.refresh_count == 1
    assert len(set(tokens)) == 1 and tokens[0] != launch.access_token


def test_a_second_refresh_uses_the_new_refresh_token(tmp_path: Path, ehr: FakeEhr, store: Store) -> None:
    settings = make_settings(tmp_path)
    provider = LaunchTokens(settings, store, stored_launch(store))
    provider.refresh()
    provider.refresh()
    forms = [r["form"] for r in ehr.token_requests]
    assert [f["refresh_token"] for f in forms] == ["refresh-1", "refresh-2"]
    assert all(f["grant_type"] == "refresh_token" for f in forms)


def test_a_refused_refresh_means_launch_again(tmp_path: Path, ehr: FakeEhr, store: Store) -> None:
    ehr.refuse_refresh = True
    provider = LaunchTokens(make_settings(tmp_path), store, stored_launch(store))
    with pytest.raises(TokenExpired, match=r"refresh was refused \(invalid_grant\)"):
        provider.refresh()


def test_without_a_refresh_token_no_request_is_sent(tmp_path: Path, ehr: FakeEhr, store: Store) -> None:
    provider = LaunchTokens(make_settings(tmp_path), store, stored_launch(store, refresh_token=None))
    with pytest.raises(TokenExpired, match="no refresh token"):
        provider.refresh()
    assert ehr.token_requests == []


def test_a_token_far_from_expiry_is_used_as_is(tmp_path: Path, ehr: FakeEhr, store: Store) -> None:
    launch = stored_launch(store)
    assert LaunchTokens(make_settings(tmp_path), store, launch).access_token() == launch.access_token
    assert ehr.token_requests == []


def test_endpoints_survive_the_store(store: Store) -> None:
    launch = stored_launch(store)
    again = Launch.from_dict(store.get("launch", launch.key) or {})
    assert again.server == ServerEndpoints.from_dict(launch.endpoints)
    assert again.access_token not in repr(again) and str(again.refresh_token) not in repr(again)
