"""Server-side sessions: the browser holds an opaque, signed id; everything else lives in a cachelib store.

Flask's cookie carries only the session id (``SameSite=None; Secure; HttpOnly; Partitioned`` so it survives a
cross-site EHR iframe). The session dict (language, CSRF secret), pending authorizations and launches are kept in a
``FileSystemCache`` (one machine) or a ``RedisCache`` (several app instances share it). ``Store.lock`` is a lock
per name that holds across threads and processes: ``fcntl.flock`` on a file beside the file-system cache, or a Redis
lock when Redis is used.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import redis
from cachelib import BaseCache, FileSystemCache, RedisCache
from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.datastructures import CallbackDict

from smart_app.errors import StoreUnavailable

LOCK_BUCKET_DIGITS = 3
LOCK_TIMEOUT = 60.0  # seconds: a refresh never takes longer; a crashed holder's Redis lock expires after it
LOCK_POLL = 0.05  # seconds between tries of a file lock held by somebody else


def new_id(nbytes: int = 32) -> str:
    """A random URL-safe identifier (``nbytes`` of entropy, 256 bits by default)."""
    return secrets.token_urlsafe(nbytes)


def fingerprint(value: str) -> str:
    """A one-way digest, to bind records to a session id without storing the id itself beside them."""
    return hashlib.sha256(value.encode()).hexdigest()


def _flock_within(descriptor: int, wait: float) -> None:
    """An exclusive ``flock`` on ``descriptor``, polled until ``wait`` seconds have passed (flock has no timeout)."""
    ends = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= ends:
                raise _lock_not_free(wait) from None
            time.sleep(LOCK_POLL)


def _lock_not_free(wait: float) -> StoreUnavailable:
    return StoreUnavailable(f"a lock of the session store was not free within {wait:g} s")


class Store:
    """A namespaced key-value store with single-use claims and named locks."""

    def __init__(self, cache: BaseCache, lock_dir: Path | None = None, redis_client: redis.Redis | None = None) -> None:
        self.cache = cache
        self._lock_dir = lock_dir
        self._redis = redis_client

    @classmethod
    def file_system(cls, folder: str | Path, default_timeout: int) -> Store:
        path = Path(folder)
        (path / "locks").mkdir(parents=True, exist_ok=True)
        cache = FileSystemCache(str(path / "data"), threshold=0, default_timeout=default_timeout)
        return cls(cache, lock_dir=path / "locks")

    @classmethod
    def redis(cls, url: str, default_timeout: int) -> Store:
        client = redis.Redis.from_url(url)
        return cls(RedisCache(host=client, key_prefix="srh-app:", default_timeout=default_timeout), redis_client=client)

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        value = self._call("get", f"{kind}:{key}")
        return value if isinstance(value, dict) else None

    def put(self, kind: str, key: str, value: dict[str, Any], timeout: int | None = None) -> None:
        if not self._call("set", f"{kind}:{key}", value, timeout=timeout):
            raise StoreUnavailable(f"the session store did not keep a {kind} record")

    def delete(self, kind: str, key: str) -> bool:
        return bool(self._call("delete", f"{kind}:{key}"))

    def claim(self, kind: str, key: str) -> dict[str, Any] | None:
        """Read and remove a record in one go: of two concurrent claims only one gets it (single-use values).

        Under the record's lock, since a file-system delete cannot tell who removed the file.
        """
        with self.lock(f"claim:{kind}:{key}"):
            value = self.get(kind, key)
            if value is not None:
                self.delete(kind, key)
            return value

    @contextmanager
    def lock(self, name: str, wait: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the lock ``name`` (across threads and processes; across machines with Redis); StoreUnavailable when
        it is not free within ``wait`` seconds (a holder that hangs must not hang every request after it)."""
        if self._redis is not None:
            try:
                lock = self._redis.lock(f"srh-app:lock:{name}", timeout=LOCK_TIMEOUT, blocking_timeout=wait)
                acquired = lock.acquire()
            except redis.RedisError as error:
                raise StoreUnavailable(f"the session store failed: {type(error).__name__}") from error
            if not acquired:
                raise _lock_not_free(wait)
            try:
                yield
            finally:
                with suppress(redis.exceptions.LockError):  # expired meanwhile: nothing left to release
                    lock.release()
            return
        assert self._lock_dir is not None
        # one of 4096 lock files per name: a bounded folder, and unrelated names rarely wait for each other
        path = self._lock_dir / f"{fingerprint(name)[:LOCK_BUCKET_DIGITS]}.lock"
        with path.open("a") as handle:  # each holder opens its own file description, so threads exclude each other
            _flock_within(handle.fileno(), wait)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(self.cache, method)(*args, **kwargs)
        except (redis.RedisError, OSError) as error:
            raise StoreUnavailable(f"the session store failed: {type(error).__name__}") from error


def store_for(app: Flask) -> Store:
    store: Store = app.extensions["srh_store"]
    return store


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """A session dict kept in the store under ``sid``; ``modified`` tells whether to save it."""

    def __init__(self, initial: dict[str, Any] | None, sid: str, new: bool) -> None:
        def on_update(_: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(initial, on_update)
        self.sid = sid
        self.new = new
        self.modified = False


class ServerSideSessionInterface(SessionInterface):
    """Flask sessions whose cookie holds a signed random id and nothing else."""

    salt = "srh-app-session"

    def __init__(self, store: Store, lifetime_seconds: int) -> None:
        self.store = store
        self.lifetime = lifetime_seconds

    def _serializer(self, app: Flask) -> URLSafeSerializer:
        return URLSafeSerializer(str(app.secret_key), salt=self.salt)

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        signed = request.cookies.get(self.get_cookie_name(app))
        if signed:
            try:
                sid = str(self._serializer(app).loads(signed))
            except BadSignature:
                sid = ""
            data = self.store.get("session", sid) if sid else None
            if data is not None:
                return ServerSession(data, sid=sid, new=False)
        return ServerSession(None, sid=new_id(), new=True)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        name = self.get_cookie_name(app)
        if not session.modified:
            return
        if not session and not session.new:
            self.store.delete("session", session.sid)
            response.delete_cookie(name, path=self.get_cookie_path(app), domain=self.get_cookie_domain(app))
            return
        self.store.put("session", session.sid, dict(session), timeout=self.lifetime)
        response.set_cookie(
            name,
            self._serializer(app).dumps(session.sid),
            max_age=self.lifetime,
            path=self.get_cookie_path(app),
            domain=self.get_cookie_domain(app),
            secure=self.get_cookie_secure(app),
            httponly=self.get_cookie_httponly(app),
            samesite=self.get_cookie_samesite(app),
            partitioned=self.get_cookie_partitioned(app),
        )
        response.vary.add("Cookie")


def ensure_session_id(session: SessionMixin) -> str:
    """The current session's id, making sure the session is saved (and so its cookie sent) with this response."""
    assert isinstance(session, ServerSession)
    session.setdefault("started", int(time.time()))
    return session.sid


def default_session_dir(instance_path: str) -> str:
    return os.path.join(instance_path, "sessions")
