"""A scripted HTTP/1.1 server on 127.0.0.1 for tests: real sockets, a thread per connection.

    with ScriptedServer() as server:
        server.route("/", ok(b"hello"))
        server.route("/flaky", flaky(2, status(503), ok(b"fine")))

        @server.route("/custom")
        def custom(request: Request) -> None:
            request.reply(200, b"...", {"Content-Type": "text/plain"})

        url = server.url("/flaky")  # http://127.0.0.1:<port>/flaky

Every request is recorded in `server.seen` (path, headers, arrival and end times); the server also
tracks how many requests were in flight at once (`max_in_flight`) and which handlers saw the
client hang up mid-response (`server.hung_up`).
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

Handler = Callable[["Request"], None]


@dataclass
class Seen:
    """One request as the server saw it."""

    path: str
    """Path and query, as sent."""
    headers: dict[str, str]
    """Header names lower-cased."""
    started: float
    """time.monotonic() when the request line arrived."""
    finished: float | None = None


class Request(BaseHTTPRequestHandler):
    """The handler of one connection, with helpers for scripted answers."""

    protocol_version = "HTTP/1.1"
    server: _Server  # type: ignore[assignment]

    def do_GET(self) -> None:
        self.server.scripted._dispatch(self)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    @property
    def scripted(self) -> ScriptedServer:
        return self.server.scripted

    @property
    def route_path(self) -> str:
        return urlsplit(self.path).path

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def reply(
        self, status: int = 200, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> None:
        """A complete response with Content-Length (the connection stays open)."""
        headers = {"Content-Type": "text/html; charset=utf-8", **(headers or {})}
        if status != 304 and status >= 200:
            headers.setdefault("Content-Length", str(len(body)))
        self.start(status, headers)
        if body and status != 304:
            self.write(body)

    def start(self, status: int, headers: dict[str, str]) -> None:
        """Status line and headers only; the body is up to the caller."""
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        delimited = "Content-Length" in headers or "Transfer-Encoding" in headers
        if not delimited and status not in (204, 304):  # the body ends when the connection does
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.flush()

    def write(self, data: bytes) -> bool:
        """Send body bytes; False when the client has gone away."""
        try:
            self.wfile.write(data)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ValueError, OSError):
            self.close_connection = True
            self.scripted._hung_up(self.route_path)
            return False
        return True

    def write_chunk(self, data: bytes) -> bool:
        """One piece of a `Transfer-Encoding: chunked` body (b"" ends it)."""
        return self.write(b"%x\r\n%s\r\n" % (len(data), data))

    def drip(self, pieces: Iterable[bytes], interval: float, *, chunked: bool = False) -> bool:
        """Send pieces one at a time, `interval` apart; False if the client hung up."""
        for piece in pieces:
            if self.scripted.stopping.wait(interval):
                return False
            if not (self.write_chunk(piece) if chunked else self.write(piece)):
                return False
        return True

    def reset(self) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0, then close)."""
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    scripted: ScriptedServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up and sockets reset on purpose are part of the script


@dataclass
class ScriptedServer:
    """A loopback server whose answers are functions of the request path."""

    routes: dict[str, Handler] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    hung_up: set[str] = field(default_factory=set)
    stopping: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _httpd: _Server | None = None
    _thread: threading.Thread | None = None

    def route(self, path: str, handler: Handler | None = None) -> Any:
        """Register `handler` for `path` (exact path, query ignored); usable as a decorator."""
        if handler is None:
            return lambda function: self.route(path, function)
        self.routes[path] = handler
        return handler

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def count(self, path: str) -> int:
        """Requests seen for `path` (query ignored)."""
        with self._lock:
            return sum(1 for seen in self.seen if urlsplit(seen.path).path == path)

    def requests_for(self, path: str) -> list[Seen]:
        with self._lock:
            return [seen for seen in self.seen if urlsplit(seen.path).path == path]

    def start(self) -> ScriptedServer:
        self._httpd = _Server(("127.0.0.1", 0), Request)
        self._httpd.scripted = self
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _dispatch(self, request: Request) -> None:
        seen = Seen(
            request.path,
            {name.lower(): value for name, value in request.headers.items()},
            time.monotonic(),
        )
        with self._lock:
            self.seen.append(seen)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            handler = self.routes.get(request.route_path)
            if handler is None:
                request.reply(404, b"not found")
            else:
                handler(request)
        finally:
            with self._lock:
                self.in_flight -= 1
                seen.finished = time.monotonic()

    def _hung_up(self, path: str) -> None:
        with self._lock:
            self.hung_up.add(path)


# Ready-made behaviours.


def ok(body: bytes = b"ok", headers: dict[str, str] | None = None, *, pause: float = 0) -> Handler:
    """200 with `body`, after `pause` seconds."""

    def handler(request: Request) -> None:
        if pause:
            request.scripted.stopping.wait(pause)
        request.reply(200, body, headers)

    return handler


def status(code: int, body: bytes = b"", headers: dict[str, str] | None = None) -> Handler:
    def handler(request: Request) -> None:
        request.reply(code, body, headers)

    return handler


def redirect(location: str, code: int = 302) -> Handler:
    return status(code, b"", {"Location": location})


def flaky(times: int, failing: Handler, then: Handler) -> Handler:
    """`failing` for the first `times` requests, `then` afterwards."""
    lock = threading.Lock()
    count = 0

    def handler(request: Request) -> None:
        nonlocal count
        with lock:
            count += 1
            current = count
        (failing if current <= times else then)(request)

    return handler
