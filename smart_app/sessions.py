"""Server-side sessions: the browser holds an opaque, signed id; everything else lives in a cachelib store.

Flask's cookie carries only the session id (``__Host-``, ``SameSite=None; Secure; HttpOnly; Partitioned`` so it
survives a cross-site EHR iframe; a session cookie, gone when the browser closes). The session dict (language, CSRF
secret, the binding of its launches, their keys), pending authorizations and launches are kept in a
``FileSystemCache`` (one machine) or a ``RedisCache`` (several app instances share it). Every record expires: Redis
drops it at its TTL; the file-system store removes expired files itself (``Store.prune``, at start and on a write
every ``PRUNE_EVERY`` seconds), so tokens do not stay on disk. ``Store.lock`` is a lock per name that holds across
threads and processes: ``fcntl.flock`` on a file beside the file-system cache, or a Redis lock when Redis is used.

A session is stored only once a launch begins (it then holds a ``binding``): an anonymous request (the start page,
static files, an error page) writes nothing and sets no cookie. The id is replaced when a launch completes
(``ServerSession.rotate``: an id known before the sign-in is worthless after it), and a logout ends the session and
deletes its launches (``end_session``).
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
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

log = logging.getLogger(__name__)
LOCK_BUCKET_DIGITS = 3
LOCK_TIMEOUT = 60.0  # seconds: a refresh never takes longer; a crashed holder's Redis lock expires after it
LOCK_POLL = 0.05  # seconds between tries of a file lock held by somebody else
PRUNE_EVERY = 300.0  # seconds: the file-system store removes expired records on the first write after this


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

    def __init__(
        self,
        cache: BaseCache,
        lock_dir: Path | None = None,
        redis_client: redis.Redis | None = None,
        prune_every: float = PRUNE_EVERY,
    ) -> None:
        self.cache = cache
        self._lock_dir = lock_dir
        self._redis = redis_client
        self._prune_every = prune_every
        self._next_prune = time.monotonic() + prune_every

    @classmethod
    def file_system(cls, folder: str | Path, default_timeout: int, prune_every: float = PRUNE_EVERY) -> Store:
        """The store in ``folder``, its expired records removed at once (a restart also cleans up)."""
        _positive(default_timeout)
        path = Path(folder)
        (path / "locks").mkdir(parents=True, exist_ok=True)
        cache = FileSystemCache(str(path / "data"), threshold=0, default_timeout=default_timeout)
        store = cls(cache, lock_dir=path / "locks", prune_every=prune_every)
        store.prune()
        return store

    @classmethod
    def redis(cls, url: str, default_timeout: int) -> Store:
        """The store in Redis: every record is set with a TTL, so Redis removes it when it expires."""
        _positive(default_timeout)
        client = redis.Redis.from_url(url)
        return cls(RedisCache(host=client, key_prefix="srh-app:", default_timeout=default_timeout), redis_client=client)

    def prune(self) -> None:
        """Remove every expired record now (Redis does that itself; cachelib's file store only when over a size)."""
        self._next_prune = time.monotonic() + self._prune_every
        if isinstance(self.cache, FileSystemCache):
            try:  # cachelib's own sweep of its files (it runs it only when a size threshold is set; ours is 0)
                self.cache._remove_expired(time.time())
            except OSError as error:  # the folder itself is gone or unreadable: the next write says so
                log.warning("could not prune the session store: %s", type(error).__name__)

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        value = self._call("get", f"{kind}:{key}")
        return value if isinstance(value, dict) else None

    def put(self, kind: str, key: str, value: dict[str, Any], timeout: int | None = None) -> None:
        """Keep ``value`` for ``timeout`` seconds (the store's default if None; never forever)."""
        if timeout is not None:
            _positive(timeout)
        if time.monotonic() >= self._next_prune:
            self.prune()
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


def _positive(timeout: int) -> None:
    if timeout <= 0:  # cachelib reads 0 as "never expires": a record holding tokens must expire
        raise ValueError(f"a record of the session store must expire; got a timeout of {timeout} s")


def store_for(app: Flask) -> Store:
    store: Store = app.extensions["srh_store"]
    return store


BINDING = "binding"  # the session key of the secret its launches are bound to (never leaves the server)
LAUNCHES = "launches"  # the session key of its launches' keys, so a logout can delete them


class ServerSession(CallbackDict[str, Any], SessionMixin):
    """A session dict kept in the store under ``sid``; ``modified`` tells whether to save it, ``replaced`` the id it
    had before ``rotate``."""

    def __init__(self, initial: dict[str, Any] | None, sid: str, new: bool) -> None:
        def on_update(_: CallbackDict[str, Any]) -> None:
            self.modified = True

        super().__init__(initial, on_update)
        self.sid = sid
        self.new = new
        self.modified = False
        self.replaced: str | None = None

    def rotate(self) -> None:
        """Give the session a new id, keeping its contents; the old id is deleted when the session is saved."""
        if not self.new and self.replaced is None:
            self.replaced = self.sid
        self.sid = new_id()
        self.modified = True


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
        if not session.modified:
            return
        if session.replaced is not None:
            self.store.delete("session", session.replaced)
        if BINDING not in session:  # anonymous (nothing launched) or ended: nothing is kept, no cookie is set
            if not session.new:
                self.store.delete("session", session.sid)
                response.delete_cookie(self.get_cookie_name(app), **self._cookie_attributes(app))
            return
        self.store.put("session", session.sid, dict(session), timeout=self.lifetime)
        # no Expires/Max-Age: a session cookie, gone with the browser; the store ends the session after its lifetime
        response.set_cookie(
            self.get_cookie_name(app), self._serializer(app).dumps(session.sid), **self._cookie_attributes(app)
        )
        response.vary.add("Cookie")

    def _cookie_attributes(self, app: Flask) -> dict[str, Any]:
        """Setting and deleting alike: a browser deletes only the cookie with the same path and partition."""
        return {
            "path": self.get_cookie_path(app),
            "domain": self.get_cookie_domain(app),
            "secure": self.get_cookie_secure(app),
            "httponly": self.get_cookie_httponly(app),
            "samesite": self.get_cookie_samesite(app),
            "partitioned": self.get_cookie_partitioned(app),
        }


def cookie_name(secure: bool) -> str:
    """``__Host-srh_session`` (the browser then insists on Secure, Path=/ and no Domain, so no sibling host can set or
    shadow it); without secure cookies (local HTTP development) plain ``srh_session``, as browsers refuse a
    ``__Host-`` cookie that is not Secure."""
    return "__Host-srh_session" if secure else "srh_session"


def session_binding(session: SessionMixin) -> str:
    """The secret the session's launches are bound to, made on first use (which makes the session one to keep)."""
    assert isinstance(session, ServerSession)
    if BINDING not in session:
        session[BINDING] = new_id()
    return str(session[BINDING])


def bound_to(session: SessionMixin) -> str:
    """The session's binding, or "" when it has none (no launch began in it: nothing can be bound to it)."""
    return str(session.get(BINDING, ""))


def signed_in(session: SessionMixin, launch_key: str) -> None:
    """A launch of this session completed: its key is noted and the session gets a new id (against fixation)."""
    assert isinstance(session, ServerSession)
    session[LAUNCHES] = [*session.get(LAUNCHES, []), launch_key]
    session.rotate()


def end_session(session: SessionMixin, store: Store) -> None:
    """Logout: the session's launches (their tokens) are deleted and the session with them."""
    for key in session.get(LAUNCHES, []):
        store.delete("launch", str(key))
    session.clear()


def default_session_dir(instance_path: str) -> str:
    return os.path.join(instance_path, "sessions")
