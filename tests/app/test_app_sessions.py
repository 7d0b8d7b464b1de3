"""The session store on both back-ends (files, a real Redis): single-use claims and locks across threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
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


def stored_files(folder: Path) -> set[Path]:
    return set((folder / "data").iterdir())


def test_pruning_removes_the_files_of_expired_records(tmp_path: Path) -> None:
    store = Store.file_system(tmp_path / "sessions", 600)
    store.put("launch", "old", {"access_token": "secret"}, timeout=1)
    (old_file,) = stored_files(tmp_path / "sessions")
    store.put("launch", "new", {"x": 2})
    time.sleep(1.1)
    store.prune()
    assert old_file not in stored_files(tmp_path / "sessions") and len(stored_files(tmp_path / "sessions")) == 1
    assert store.get("launch", "new") == {"x": 2}


def test_the_store_prunes_by_itself_on_a_later_write(tmp_path: Path) -> None:
    store = Store.file_system(tmp_path / "sessions", 600, prune_every=1)
    store.put("launch", "old", {"access_token": "secret"}, timeout=1)
    (old_file,) = stored_files(tmp_path / "sessions")
    time.sleep(1.1)  # the record expired and the store is due to prune
    store.put("session", "someone-else", {"lang": "nl"})
    assert old_file not in stored_files(tmp_path / "sessions")


def test_a_restarted_app_prunes_what_expired_while_it_was_down(tmp_path: Path) -> None:
    Store.file_system(tmp_path / "sessions", 600).put("launch", "old", {"access_token": "secret"}, timeout=1)
    time.sleep(1.1)
    Store.file_system(tmp_path / "sessions", 600)
    assert stored_files(tmp_path / "sessions") == set()


def test_every_redis_record_has_a_ttl(redis_url: str) -> None:
    store = Store.redis(redis_url, 600)
    store.put("session", "with-default", {"lang": "nl"})
    store.put("launch", "with-own", {"x": 1}, timeout=30)
    ttls = redis.Redis.from_url(redis_url).ttl
    assert 0 < ttls("srh-app:session:with-default") <= 600 and 0 < ttls("srh-app:launch:with-own") <= 30


@pytest.mark.parametrize("timeout", [0, -1])
def test_a_record_that_would_never_expire_is_refused(store: Store, timeout: int) -> None:
    with pytest.raises(ValueError, match="a record of the session store must expire"):
        store.put("launch", "forever", {"access_token": "secret"}, timeout=timeout)
