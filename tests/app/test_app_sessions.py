"""The session store on both back-ends (files, a real Redis): single-use claims and locks across threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis_server import RedisServer

from smart_app.errors import StoreUnavailable
from smart_app.sessions import Store


@pytest.fixture(scope="module")
def redis_url() -> Iterator[str]:
    with RedisServer() as server:
        yield server.url


@pytest.fixture(params=["files", "redis"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "files":
        return Store.file_system(tmp_path / "sessions", 600)
    return Store.redis(request.getfixturevalue("redis_url"), 600)


def test_a_value_can_be_claimed_once_even_by_racing_threads(store: Store) -> None:
    store.put("pending", "state-1", {"verifier": "v"})
    barrier = threading.Barrier(8)
    won: list[dict[str, str] | None] = []

    def claim() -> None:
        barrier.wait()
        won.append(store.claim("pending", "state-1"))

    threads = [threading.Thread(target=claim) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [w for w in won if w is not None] == [{"verifier": "v"}]
    assert store.get("pending", "state-1") is None


def test_the_lock_lets_one_holder_in_at_a_time(store: Store) -> None:
    inside = 0
    most = 0
    guard = threading.Lock()

    def hold() -> None:
        nonlocal inside, most
        with store.lock("refresh:launch-1"):
            with guard:
                inside += 1
                most = max(most, inside)
            time.sleep(0.02)  # stay inside a moment so overlapping holders would show
            with guard:
                inside -= 1

    threads = [threading.Thread(target=hold) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1


def test_locks_of_different_launches_do_not_block_each_other(store: Store) -> None:
    with store.lock("refresh:a"):
        done = threading.Event()

        def other() -> None:
            with store.lock("refresh:b"):
                done.set()

        thread = threading.Thread(target=other)
        thread.start()
        assert done.wait(timeout=10)
        thread.join()


def test_records_expire(tmp_path: Path) -> None:
    store = Store.file_system(tmp_path / "sessions", 600)
    store.put("launch", "old", {"x": 1}, timeout=1)
    store.put("launch", "new", {"x": 2})
    time.sleep(1.1)
    assert store.get("launch", "old") is None and store.get("launch", "new") == {"x": 2}


def test_a_lock_held_too_long_is_a_store_failure_not_a_hang(store: Store) -> None:
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with store.lock("refresh:stuck"):
            holding.set()
            release.wait(timeout=30)

    thread = threading.Thread(target=hold)
    thread.start()
    assert holding.wait(timeout=10)
    try:
        not_free = r"a lock of the session store was not free within 0\.2 s"
        with pytest.raises(StoreUnavailable, match=not_free), store.lock("refresh:stuck", wait=0.2):
            pass
    finally:
        release.set()
        thread.join()
    with store.lock("refresh:stuck", wait=5):  # free again once its holder is done
        pass
