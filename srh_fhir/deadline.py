"""An overall deadline for one call: connecting, every read and every retry must be done by then.

Socket timeouts alone do not bound a call: they limit each wait for a byte, so a server that drips one byte a second,
or answers ``Retry-After: 360``, holds a call for as long as it likes. ``within(seconds)`` sets a deadline for the
requests made inside it (in this thread) through a session of ``srh_fhir.http.build_session``:

- each connection attempt gets at most the time left;
- a watchdog timer shuts the sockets in use down when the time is up, which wakes any read blocked on them;
- the retry policy (``DeadlineRetry``) does not wait for a ``Retry-After`` or a back-off longer than the time left
  (nor, outside a deadline, longer than ``RETRY_AFTER_CAP``): it raises ``DeadlineExceeded`` at once instead;
- a new attempt after the time is up raises ``DeadlineExceeded``.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any

from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import HTTPError
from urllib3.response import BaseHTTPResponse
from urllib3.util.retry import Retry

from srh_fhir.errors import DeadlineExceeded

DEFAULT_DEADLINE = 45.0  # seconds for a whole call, retries included
RETRY_AFTER_CAP = 30.0  # seconds: the longest Retry-After waited for when no deadline is set


class Deadline:
    """The end of one call, and a watchdog that shuts down the sockets it uses when that end comes."""

    def __init__(self, seconds: float, *, named: float | None = None) -> None:
        """``named``: the deadline to name in errors, when this one is what is left of an outer one."""
        if seconds <= 0:
            raise ValueError(f"a deadline must be positive, not {seconds!r}")
        self.seconds = named if named is not None else seconds
        self.ends = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return max(0.0, self.ends - time.monotonic())

    def check(self) -> None:
        """Raise DeadlineExceeded when the time is up."""
        if self.expired or self.remaining() <= 0:
            raise _late(self)

    def watch(self, sock: socket.socket | None) -> None:
        """Shut ``sock`` down when the time is up (at once if it is up already)."""
        if sock is None:
            return
        with self._lock:
            if not self.expired:
                self._sockets.append(sock)
                return
        _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._sockets.clear()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)


def _late(deadline: Deadline) -> DeadlineExceeded:
    return DeadlineExceeded(f"the call did not finish within the deadline of {deadline.seconds:g} s")


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):  # closed already
        sock.shutdown(socket.SHUT_RDWR)


# How a request whose socket the watchdog shut down fails: requests' errors are OSErrors, urllib3's its HTTPError.
CUT_SHORT = (OSError, HTTPError)
_current: ContextVar[Deadline | None] = ContextVar("srh_fhir_deadline", default=None)


def current() -> Deadline | None:
    """The deadline of the call under way in this thread, if any."""
    return _current.get()


@contextmanager
def within(seconds: float) -> Iterator[Deadline]:
    """Requests made inside through a ``build_session`` session end by ``seconds`` from now (see the module), or by
    the end of the deadline around this one if that comes first (a token request inside a FHIR call)."""
    outer = current()
    left = outer.remaining() if outer is not None else seconds
    if outer is not None and (outer.expired or left <= 0):
        raise _late(outer)
    deadline = Deadline(left, named=outer.seconds) if outer is not None and left <= seconds else Deadline(seconds)
    token = _current.set(deadline)
    try:
        yield deadline
    except CUT_SHORT as error:
        if deadline.expired:  # the watchdog shut the socket: that is why it failed
            raise DeadlineExceeded(f"no complete answer within the deadline of {deadline.seconds:g} s") from error
        raise
    finally:
        _current.reset(token)
        deadline.cancel()


class _Watched:
    """A urllib3 connection whose socket the current deadline watches, and whose connect waits no longer than it."""

    timeout: Any
    sock: socket.socket | None

    def connect(self) -> None:
        deadline = current()
        if deadline is not None:
            deadline.check()
            if isinstance(self.timeout, int | float):
                self.timeout = min(self.timeout, deadline.remaining())
        super().connect()  # type: ignore[misc]
        if deadline is not None:
            deadline.watch(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        deadline = current()
        if deadline is not None:
            deadline.check()
            deadline.watch(self.sock)  # a connection from the pool is connected already
        super().request(*args, **kwargs)  # type: ignore[misc]


class WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class WatchedHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = WatchedHTTPConnection


class WatchedHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = WatchedHTTPSConnection


POOL_CLASSES: dict[str, type[HTTPConnectionPool]] = {
    "http": WatchedHTTPConnectionPool,
    "https": WatchedHTTPSConnectionPool,
}


class DeadlineRetry(Retry):
    """urllib3's Retry that never waits past the deadline: a longer Retry-After or back-off ends the call at once."""

    def sleep_for_retry(self, response: BaseHTTPResponse) -> bool:
        wait = self.get_retry_after(response)
        if wait is not None:
            _refuse_longer_waits(wait, "the server asked to retry after {wait:g} s (Retry-After)")
        return super().sleep_for_retry(response)

    def _sleep_backoff(self) -> None:
        _refuse_longer_waits(self.get_backoff_time(), "the next retry would wait {wait:g} s")
        super()._sleep_backoff()


def _refuse_longer_waits(wait: float, what: str) -> None:
    deadline = current()
    if deadline is None:
        if wait > RETRY_AFTER_CAP:
            raise DeadlineExceeded(f"{what.format(wait=wait)}, longer than the cap of {RETRY_AFTER_CAP:g} s")
        return
    if wait > deadline.remaining():
        raise DeadlineExceeded(
            f"{what.format(wait=wait)}, which exceeds the deadline of {deadline.seconds:g} s "
            f"({deadline.remaining():.1f} s left)"
        )
