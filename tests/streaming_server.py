"""A loopback HTTP server that answers every request with the same scripted bytes, written piece by piece with a
pause between pieces: an answer dripped a byte at a time, or one far too large. It counts what it managed to send."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass
class Sent:
    """What the server sent: bytes over all connections, and how many connections it answered."""

    bytes: int = 0
    connections: int = 0


@contextmanager
def streaming_server(pieces: Callable[[], Iterable[bytes]], pause: float = 0.0) -> Iterator[tuple[str, Sent]]:
    """``http://127.0.0.1:<port>`` answering each connection with ``pieces()`` (head and body bytes), ``pause`` seconds
    apart, until the client hangs up; then the connection is closed (which ends a body without a length)."""
    listener = socket.create_server(("127.0.0.1", 0))
    sent = Sent()
    stop = threading.Event()

    def answer(connection: socket.socket) -> None:
        with connection:
            request = b""
            while b"\r\n\r\n" not in request and not stop.is_set():
                data = connection.recv(65536)
                if not data:
                    return
                request += data
            sent.connections += 1
            try:
                for piece in pieces():
                    if stop.is_set() or (pause and stop.wait(pause)):
                        return
                    connection.sendall(piece)
                    sent.bytes += len(piece)
            except OSError:
                return  # the client hung up

    def accept() -> None:
        while True:
            try:
                connection = listener.accept()[0]
            except OSError:
                return
            threading.Thread(target=answer, args=(connection,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", sent
    finally:
        stop.set()
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
