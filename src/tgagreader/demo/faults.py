"""Faults for the demo server, for tests and benchmarks: a site that misbehaves on demand.

    from tgagreader.demo import faults

    with DemoServer("j3") as server:
        server.inject(faults.article(1392), faults.Status(503, retry_after=1), times=1)
        server.inject(faults.listing("cong-tac-dan-van", 1), faults.Hang(seconds=30))
        server.inject("format=feed", faults.Reset())
        ...
        server.clear_faults()

A matcher selects requests by the site file their URL resolves to, so `article(1392)` catches
every URL form of article 1392 (SEF or not, any page of it). A plain string given to `inject`
matches a substring of the path and query as sent.

Each fault is a small frozen dataclass with a `respond(exchange)` method. `DemoServer.inject`
registers it; for each request it matches, the server's hook (`_Handler._fault`) hands it an
`Exchange`, which knows what was asked and what the normal answer would have been, and writes
without ever raising. Faults that wait (`Hang`) end as soon as the client hangs up, the faults
are cleared or the server stops, and `DemoServer.stop()` shuts down any connection a fault
still holds, so no handler thread outlives its test. This module is imported only when a fault
is injected.
"""

from __future__ import annotations

import functools
import re
import select
import socket
import struct
import time
import unicodedata
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Literal, Protocol

from tgagreader.demo.server import base_headers

if TYPE_CHECKING:
    from tgagreader.demo.server import _Handler

__all__ = [
    "Charset",
    "ContentType",
    "Exchange",
    "Fault",
    "FaultRequest",
    "GzipBomb",
    "Hang",
    "Injection",
    "Match",
    "Oversize",
    "RedirectLoop",
    "RedirectOffSite",
    "Reset",
    "Status",
    "Truncate",
    "WrongPage",
    "article",
    "front_page",
    "listing",
    "login_page",
    "to_windows_1258",
]

MiB = 1024 * 1024

# -- the hook's side: what a fault sees and uses -----------------------------------------------


@dataclass(frozen=True)
class FaultRequest:
    """A request as an injection's matcher sees it."""

    method: str
    path: str
    """Path with query string, as sent."""
    file: str
    """The site file the URL resolves to (``article/1392.html``, ``index.html``, ...)."""
    status: int
    """The status the server would answer with."""


Match = str | Callable[[FaultRequest], bool]
"""Which requests an injection acts on: a substring of the path and query, or a predicate."""


class Fault(Protocol):
    """Answers a request badly."""

    def respond(self, exchange: Exchange) -> bool:
        """Answer through `exchange`; False to leave the request to the normal answer (nothing
        must have been sent then)."""
        ...


@dataclass
class Injection:
    """A fault injected for the requests `match` selects, the first `times` of them (None: all)."""

    match: Match
    fault: Fault
    times: int | None = None
    hits: int = 0
    """Requests matched so far, including those past `times` (answered normally)."""
    arrivals: list[float] = field(default_factory=list)
    """`time.monotonic()` when each matched request arrived."""

    def matches(self, request: FaultRequest) -> bool:
        if isinstance(self.match, str):
            return self.match in request.path
        return bool(self.match(request))


class Exchange:
    """One request answered by a fault: what was asked, what the normal answer would have
    been, and the means to answer differently. Writes never raise: a client that went away
    makes `write` return False and the connection is closed."""

    def __init__(self, handler: _Handler, request: FaultRequest, *, head: bool) -> None:
        # (the demo server's handler: this class is the only other code that touches it)
        self._handler = handler
        self.request = request
        self.head = head
        self.server = handler.server.demo

    @property
    def origin(self) -> str:
        return self.server.origin

    def page(self, file: str) -> bytes:
        """A site file as the server would send it."""
        return self._handler._body(file)

    def response(self) -> tuple[int, dict[str, str], bytes]:
        """The normal answer: status, headers (without Content-Length) and body."""
        return self.request.status, base_headers(self.request.file), self.page(self.request.file)

    def send_head(self, status: int, headers: dict[str, str]) -> bool:
        """The status line and headers, as given (no Content-Length is added)."""
        handler = self._handler
        try:
            handler.send_response(status)
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.end_headers()
        except OSError:
            handler.close_connection = True
            return False
        return True

    def write(self, data: bytes) -> bool:
        """Body bytes (not for HEAD); False if the client has gone."""
        if self.head or not data:
            return True
        try:
            self._handler.wfile.write(data)
        except OSError:
            self._handler.close_connection = True
            return False
        return True

    def send(self, status: int, headers: dict[str, str], body: bytes) -> bool:
        """A whole response with its Content-Length."""
        return self.send_head(status, headers | {"Content-Length": str(len(body))}) and self.write(
            body
        )

    def wait(self, seconds: float) -> bool:
        """Sleep; True if the whole time passed, False as soon as the server stops, its faults
        are cleared or the client hangs up (a hung handler never outlives its test)."""
        server = self.server
        epoch = server._epoch
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if server._stopping.wait(min(left, 0.02)):
                return False
            if server._epoch != epoch or self.client_gone():
                return False
        return True

    def client_gone(self) -> bool:
        sock = self._handler.connection
        try:
            readable, _, _ = select.select([sock], [], [], 0)
            return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def close(self) -> None:
        """Close the connection once the handler returns (an orderly close: FIN)."""
        self._handler.close_connection = True

    def abort(self) -> None:
        """Reset the connection now: SO_LINGER 0, then close (the client reads ECONNRESET)."""
        handler = self._handler
        handler.close_connection = True
        sock = handler.connection
        try:
            handler.wfile.flush()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()
        except OSError:
            pass


# -- matchers ------------------------------------------------------------------------------------


def article(number: int, *, page: int | None = None) -> Callable[[FaultRequest], bool]:
    """Every URL form of one article; `page` (1, 2, ...) only that page of a multi-page one."""
    single = f"article/{number}.html"
    folder = f"article/{number}/"

    def match(request: FaultRequest) -> bool:
        file = request.file
        if page is None:
            return file == single or file.startswith(folder)
        if page == 1:
            return file == single
        return file == f"{folder}page-{page}.html"

    return match


def listing(alias: str, page: int | None = None) -> Callable[[FaultRequest], bool]:
    """A category's listing pages (or one of them), HTML only (not its feeds)."""
    prefix = f"category/{alias}/page-"

    def match(request: FaultRequest) -> bool:
        file = request.file
        if not file.startswith(prefix):
            return False
        return page is None or file == f"{prefix}{page}.html"

    return match


def front_page() -> Callable[[FaultRequest], bool]:
    """The front page (the featured listing), in any URL form."""
    return lambda request: request.file == "index.html"


# -- faults --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Status:
    """An error status (500, 503, 429, ...) with a small HTML body, and `Retry-After` if given
    (seconds, or an HTTP date as text). Use `inject(..., times=N)` for a fault that heals."""

    code: int = 503
    retry_after: int | float | str | None = None

    def respond(self, exchange: Exchange) -> bool:
        try:
            phrase = HTTPStatus(self.code).phrase
        except ValueError:
            phrase = "Error"
        body = (
            f"<!DOCTYPE html><html><head><title>{self.code} {phrase}</title></head>"
            f"<body><h1>{self.code} {phrase}</h1></body></html>"
        ).encode()
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if self.retry_after is not None:
            headers["Retry-After"] = str(self.retry_after)
        exchange.send(self.code, headers, body)
        return True


@dataclass(frozen=True)
class Hang:
    """Silence for `seconds`: before any byte of the answer (`before=True`), or after the
    headers and half the body (the rest follows if the client is still there). A hang that
    runs its course before the client gives up is just a slow answer."""

    before: bool = True
    seconds: float = 30.0

    def respond(self, exchange: Exchange) -> bool:
        if self.before:
            if exchange.wait(self.seconds):
                return False  # slow, not dead: the normal answer follows
            exchange.close()
            return True
        status, headers, body = exchange.response()
        half = len(body) // 2
        headers["Content-Length"] = str(len(body))
        if not (exchange.send_head(status, headers) and exchange.write(body[:half])):
            return True
        if exchange.wait(self.seconds):
            exchange.write(body[half:])
        else:
            exchange.close()
        return True


@dataclass(frozen=True)
class Reset:
    """An abortive close (TCP RST, SO_LINGER 0): at once, or after the headers and `after`
    (a fraction) of the body."""

    after: float | None = None

    def respond(self, exchange: Exchange) -> bool:
        if self.after is not None:
            status, headers, body = exchange.response()
            headers["Content-Length"] = str(len(body))
            if exchange.send_head(status, headers):
                exchange.write(body[: int(len(body) * self.after)])
        exchange.abort()
        return True


@dataclass(frozen=True)
class Truncate:
    """The body cut off after `fraction` of it, then an orderly close. With `announce`, the
    Content-Length promises the whole body (the client can tell it was cut off); without, the
    body is delimited by the close (only the HTML itself shows it is incomplete)."""

    fraction: float = 0.5
    announce: bool = True

    def respond(self, exchange: Exchange) -> bool:
        status, headers, body = exchange.response()
        if self.announce:
            headers["Content-Length"] = str(len(body))
        else:
            headers["Connection"] = "close"
        if exchange.send_head(status, headers):
            exchange.write(body[: int(len(body) * self.fraction)])
        exchange.close()
        return True


@dataclass(frozen=True)
class ContentType:
    """A wrong Content-Type: `value` instead of the page's own. With `file`, the body is that
    site file instead of the page (an image where an article was asked, say)."""

    value: str = "application/octet-stream"
    file: str | None = None

    def respond(self, exchange: Exchange) -> bool:
        status, headers, body = exchange.response()
        if self.file is not None:
            status, body = 200, exchange.page(self.file)
        headers["Content-Type"] = self.value
        exchange.send(status, headers, body)
        return True


@dataclass(frozen=True)
class Charset:
    """A charset that lies: the header declares `declared` while the body is in `encoding`
    (the page's `<meta charset="utf-8">` is left as it is, lying too when `encoding` is not
    UTF-8). `Charset("iso-8859-1")`: a UTF-8 body declared Latin-1;
    `Charset("utf-8", encoding="windows-1258")`: a windows-1258 body declared UTF-8."""

    declared: str = "iso-8859-1"
    encoding: str = "utf-8"

    def respond(self, exchange: Exchange) -> bool:
        status, headers, body = exchange.response()
        if self.encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
            text = body.decode("utf-8")
            if self.encoding.lower().replace("-", "") in ("windows1258", "cp1258"):
                body = to_windows_1258(text)
            else:
                body = text.encode(self.encoding, errors="xmlcharrefreplace")
        headers["Content-Type"] = f"text/html; charset={self.declared}"
        exchange.send(status, headers, body)
        return True


@dataclass(frozen=True)
class RedirectLoop:
    """A redirect to the very URL asked for, forever."""

    status: int = 302

    def respond(self, exchange: Exchange) -> bool:
        target = exchange.origin + exchange.request.path
        exchange.send(self.status, {"Location": target, "Content-Type": "text/html"}, b"")
        return True


@dataclass(frozen=True)
class RedirectOffSite:
    """A redirect to another site: `target`, or by default the same path on the same port
    under the loopback's other name (127.0.0.1 ↔ localhost), which is another host to a
    client."""

    target: str | None = None
    status: int = 302

    def respond(self, exchange: Exchange) -> bool:
        target = self.target
        if target is None:
            origin = exchange.origin
            if "://127.0.0.1:" in origin:
                origin = origin.replace("://127.0.0.1:", "://localhost:")
            else:
                origin = origin.replace("://localhost:", "://127.0.0.1:")
            target = origin + exchange.request.path
        exchange.send(self.status, {"Location": target, "Content-Type": "text/html"}, b"")
        return True


@dataclass(frozen=True)
class Oversize:
    """A body of `size` bytes (the page, then an HTML comment as padding), with its
    Content-Length (`announce`) or delimited by the close. Sent in pieces, stopping as soon as
    the client hangs up."""

    size: int = 9 * MiB
    announce: bool = True

    def respond(self, exchange: Exchange) -> bool:
        status, headers, body = exchange.response()
        if self.announce:
            headers["Content-Length"] = str(self.size)
        else:
            headers["Connection"] = "close"
        if not exchange.send_head(status, headers):
            return True
        head = body[: self.size]
        padding = b"<!--" + b"x" * (64 * 1024) + b"-->"
        sent = len(head)
        ok = exchange.write(head)
        while ok and sent < self.size:
            piece = padding[: self.size - sent]
            ok = exchange.write(piece)
            sent += len(piece)
        exchange.close()
        return True


@dataclass(frozen=True)
class GzipBomb:
    """A small gzip body (`Content-Encoding: gzip`, a truthful Content-Length) that inflates
    to `inflated` bytes."""

    inflated: int = 64 * MiB

    def respond(self, exchange: Exchange) -> bool:
        status, headers, _body = exchange.response()
        headers["Content-Encoding"] = "gzip"
        exchange.send(status, headers, _gzip_bomb(self.inflated))
        return True


PageKind = Literal["listing", "front", "article", "login", "offline", "not-found"]


@dataclass(frozen=True)
class WrongPage:
    """A valid page of another kind, with status 200: a category listing, the front page, an
    article, a login form (the page asked for in the site's template, its content replaced by
    Joomla's login form, as Joomla answers a guest asking for a registered article), Joomla's
    "site offline" page (no template, no menu; Joomla 2.5 sends it with 200), or the site's
    "not found" page (a soft 404)."""

    kind: PageKind = "listing"

    def respond(self, exchange: Exchange) -> bool:
        _status, headers, body = exchange.response()
        sitemap = exchange.server.sitemap
        if self.kind == "login":
            body = login_page(body.decode("utf-8")).encode("utf-8")
        elif self.kind == "offline":
            body = OFFLINE_PAGE.encode("utf-8")
        else:
            if self.kind == "listing":
                file = next(iter(sitemap.categories.values()))["pages"][0]
            elif self.kind == "front":
                file = sitemap.home["pages"][0]
            elif self.kind == "article":
                file = next(iter(sitemap.articles.values()))["file"]
            else:
                file = sitemap.errors["404"]
            body = exchange.page(file)
        exchange.send(200, headers, body)
        return True


LOGIN_FORM = """
<div class="login">
<form action="/index.php?option=com_users&amp;task=user.login" method="post"
 class="form-validate form-horizontal well">
<fieldset>
<div class="control-group"><div class="control-label">
<label id="username-lbl" for="username" class="required">Tên đăng nhập</label></div>
<div class="controls"><input type="text" name="username" id="username" value="" size="25"
 required /></div></div>
<div class="control-group"><div class="control-label">
<label id="password-lbl" for="password" class="required">Mật khẩu</label></div>
<div class="controls"><input type="password" name="password" id="password" value="" size="25"
 required /></div></div>
<div class="control-group"><div class="controls">
<button type="submit" class="btn btn-primary">Đăng nhập</button></div></div>
</fieldset>
</form>
</div>
"""
OFFLINE_PAGE = """<!DOCTYPE html>
<html xml:lang="vi-vn" lang="vi-vn" dir="ltr">
<head>
<meta http-equiv="content-type" content="text/html; charset=utf-8" />
<title>Ban Tuyên giáo Tỉnh ủy An Giang</title>
<link rel="stylesheet" href="/templates/system/css/offline.css" type="text/css" />
</head>
<body>
<div id="frame" class="outline">
<h1>Ban Tuyên giáo Tỉnh ủy An Giang</h1>
<p>Website đang được bảo trì.<br />Vui lòng quay lại sau.</p>
<form action="/index.php" method="post" id="form-login">
<fieldset class="input">
<p id="form-login-username"><label for="username">Tên đăng nhập</label>
<input name="username" id="username" type="text" class="inputbox" /></p>
<p id="form-login-password"><label for="passwd">Mật khẩu</label>
<input type="password" name="password" class="inputbox" id="passwd" /></p>
<p id="submit-buton">
<input type="submit" name="Submit" class="button login" value="Đăng nhập" /></p>
<input type="hidden" name="option" value="com_users" />
<input type="hidden" name="task" value="user.login" />
</fieldset>
</form>
</div>
</body>
</html>
"""
# The main content area of the demo's two templates (Protostar, Beez).
_MAIN = re.compile(
    r"(<main\b[^>]*>).*?(</main>)|(<div id=\"main\">).*?(</div><!-- end main -->)", re.S
)


def login_page(page: str) -> str:
    """`page` (an HTML page of the demo site) with its content replaced by a login form."""
    page = re.sub(r"<title>.*?</title>", "<title>Đăng nhập</title>", page, count=1, flags=re.S)

    def replace(match: re.Match[str]) -> str:
        start, end = (match[1], match[2]) if match[1] else (match[3], match[4])
        return start + LOGIN_FORM + end

    replaced, found = _MAIN.subn(replace, page, count=1)
    if found:
        return replaced
    return (
        '<!DOCTYPE html><html lang="vi-vn"><head><meta charset="utf-8" />'
        f"<title>Đăng nhập</title></head><body>{LOGIN_FORM}</body></html>"
    )


# -- helpers -------------------------------------------------------------------------------------

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # the tone marks windows-1258 has


def to_windows_1258(text: str) -> bytes:
    """Vietnamese text as windows-1258 writes it: base letters with their vowel marks
    precomposed where the code page has them (â, ă, ê, ô, ơ, ư, đ), tone marks combining."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(mark for mark in parts if mark in _TONES)
        base = unicodedata.normalize("NFC", "".join(mark for mark in parts if mark not in _TONES))
        out += (base + tones).encode("cp1258", errors="xmlcharrefreplace")
    return bytes(out)


@functools.lru_cache(maxsize=4)
def _gzip_bomb(inflated: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    zeros = bytes(MiB)
    parts = []
    left = inflated
    while left > 0:
        parts.append(packer.compress(zeros[: min(left, MiB)]))
        left -= MiB
    parts.append(packer.flush())
    return b"".join(parts)
