"""Ctrl-C (SIGINT) and ``kill`` (SIGTERM) for a command that starts servers, such as ``python -m devstack.demo``.

The first signal becomes one ``KeyboardInterrupt``, announced at once; later ones are ignored, so stopping the servers
runs to its end (a second Ctrl-C would otherwise abandon them half-stopped). Inside ``held()`` a signal waits until
the block ends: a server is never started without being recorded for stopping.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupts:
    """Installs the handlers (``install``); ``stopping()`` says the command is on its way out already."""

    def __init__(self, announcement: str) -> None:
        self.announcement = announcement
        self._done = False
        self._holding = 0
        self._pending = False

    def install(self) -> None:
        # Explicitly: a shell starts a background job with SIGINT ignored, and Python keeps it so.
        for number in SIGNALS:
            signal.signal(number, self._received)

    def stopping(self) -> None:
        """From now on every signal is ignored, by the OS (so also while Python shuts down)."""
        self._done = True
        for number in SIGNALS:
            signal.signal(number, signal.SIG_IGN)

    @contextmanager
    def held(self) -> Iterator[None]:
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
        if self._pending and not self._holding:
            self._pending = False
            self._interrupt()

    def _received(self, signum: int, frame: FrameType | None) -> None:
        if self._done:
            return
        if self._holding:
            self._pending = True
            return
        self._interrupt()

    def _interrupt(self) -> None:
        self.stopping()
        # os.write, not print: the signal may have arrived inside a print to the same stream.
        os.write(sys.stdout.fileno(), self.announcement.encode())
        raise KeyboardInterrupt
