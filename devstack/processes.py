"""Stopping a server the dev stack started in a session of its own (``start_new_session=True``)."""

from __future__ import annotations

import os
import signal
import subprocess


def stop_session(process: subprocess.Popen[bytes], grace: float) -> None:
    """SIGTERM to the process and everything it started; SIGKILL when they have not ended after ``grace`` seconds."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    except ProcessLookupError:  # it ended in between
        process.wait(timeout=30)
