"""A gate in front of the soak's HAPI, as a load balancer with a readiness check is: while it is closed (HAPI
restarting) a connection is refused at once; while open, each connection is passed on to HAPI as it is.

Without it the requests of 20 clinicians reach HAPI while it starts and re-installs the package, and the start-up
took longer than the whole test.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading


class Gate:
    """Listens on ``127.0.0.1:port`` and passes connections on to ``127.0.0.1:target`` while open."""

    def __init__(self, port: int, target: int) -> None:
        self.target = target
        self.open = threading.Event()
        gate = self

        class Handler(socketserver.BaseRequestHandler):
            def handle(self) -> None:
                gate.pass_on(self.request)

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def pass_on(self, client: socket.socket) -> None:
        if not self.open.is_set():
            return  # closed at once: the caller sees the server down
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target), timeout=10)
        except OSError:
            return
        upstream.settimeout(None)
        with upstream:
            back = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
            back.start()
            _pipe(client, upstream)
            back.join()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
