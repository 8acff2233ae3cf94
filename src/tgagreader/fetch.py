"""The polite HTTP client: the only module of tgagreader that opens sockets.

One `Fetcher` wraps one `httpx.AsyncClient` and adds what a well-behaved crawler of somebody
else's small Joomla server needs:

- a per-host cap on requests in flight and a minimum delay between the starts of two requests
  to the same host, enforced across concurrent tasks (`FetchSettings.concurrency`, `.delay`);
- retries with exponential backoff and equal jitter on network failures, 429 and 5xx, honouring
  `Retry-After` (which also delays every request to that host that has not yet been given its
  turn), and giving up at once when it asks for longer than `retry_after_max`;
- a size cap that stops reading as soon as the decoded body passes it (gzip bombs included: the
  body is inflated here, in bounded pieces, not by httpx);
- redirects followed by hand, never off the site, at most `max_redirects` hops;
- conditional GET (`If-None-Match`, `If-Modified-Since`);
- expected failures raised as `FetchError` subclasses with a one-line `reason`.

    async with Fetcher("http://tgag.example.vn/") as fetcher:
        result = await fetcher.get(url, etag=stored_etag)
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import random
import socket
import ssl
import time
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import aclosing, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit

import certifi
import httpx

from tgagreader import __version__
from tgagreader.site.urls import is_same_site

__all__ = [
    "DEFAULT_USER_AGENT",
    "FetchError",
    "FetchResult",
    "FetchSettings",
    "FetchStats",
    "Fetcher",
    "HTTPError",
    "NetworkError",
    "OffSiteRedirect",
    "OffSiteURL",
    "TooLarge",
    "TooManyRedirects",
]

DEFAULT_USER_AGENT = (
    f"tgagreader/{__version__} (+https://github.com/tgagreader/tgagreader; terminal news reader)"
)
# Only the encodings inflated here with a bounded output (see `_Decoder`); brotli is not a
# dependency, and httpx's own br decoder would inflate a whole network chunk at once.
ACCEPT_ENCODING = "gzip, deflate"
ACCEPT_LANGUAGE = "vi,en;q=0.5"

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PIECE = 64 * 1024  # largest piece of decoded body produced at a time


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and how patiently to fetch. Times are in seconds."""

    concurrency: int = 4
    """Requests in flight at once to one host."""
    delay: float = 0.25
    """Minimum time between the starts of two requests to one host."""
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    """Longest silence while waiting for response headers or the next piece of body."""
    total_timeout: float = 60.0
    """Longest time one attempt may take, a slowly dripping body included."""
    retries: int = 3
    """Extra attempts after the first, on network errors, timeouts, 429 and 5xx."""
    backoff: float = 0.5
    """Base of the exponential backoff: about backoff * 2**(n-1) before the n-th retry."""
    backoff_max: float = 30.0
    retry_after_max: float = 60.0
    """The longest Retry-After waited for; a longer one gives the request up at once (asking
    sooner than the server said would not be polite, waiting longer is no sync)."""
    max_bytes: int = 8 * 1024 * 1024
    """Largest decoded body accepted; reading stops as soon as it is passed."""
    max_redirects: int = 5
    user_agent: str | None = None
    """None: `DEFAULT_USER_AGENT`."""

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if self.retries < 0 or self.max_redirects < 0 or self.max_bytes < 0:
            raise ValueError("retries, max_redirects and max_bytes must not be negative")
        times = (self.delay, self.backoff, self.backoff_max, self.retry_after_max)
        if min(times) < 0:
            raise ValueError("delays must not be negative")
        if min(self.connect_timeout, self.read_timeout, self.total_timeout) <= 0:
            raise ValueError("timeouts must be positive")


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A response that is an answer (2xx, 304, or a 4xx other than 429), body fully read."""

    url: str
    """The final URL, after redirects."""
    status: int
    content: bytes
    """The decoded body; b"" for 304."""
    content_type: str | None
    etag: str | None
    """The response's ETag; for a 304 without one, the ETag that was sent."""
    last_modified: str | None
    """The response's Last-Modified; for a 304 without one, the date that was sent."""
    elapsed: float
    """Seconds the `get` call took, waits for a turn, retries and redirects included."""
    attempts: int
    """Requests sent for the final URL (1 unless it was retried)."""
    http_version: str = "HTTP/1.1"

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300 or self.status == 304


@dataclass(slots=True)
class FetchStats:
    """Counters over the life of one `Fetcher`."""

    requests: int = 0
    """HTTP requests sent, retries and redirect hops included."""
    retries: int = 0
    bytes_received: int = 0
    """Body bytes as they came over the wire (before decompression)."""
    errors: int = 0
    """Attempts that failed without a response (network errors, timeouts)."""
    statuses: Counter[int] = field(default_factory=Counter)
    """Responses by HTTP status."""

    def __str__(self) -> str:
        plural = "" if self.requests == 1 else "s"
        text = f"{self.requests} request{plural}, {self.retries} retried, "
        text += f"{self.bytes_received / 1024:.1f} KiB received"
        if self.errors:
            text += f", {self.errors} network error{'' if self.errors == 1 else 's'}"
        if self.statuses:
            text += "; " + ", ".join(f"{s}×{n}" for s, n in sorted(self.statuses.items()))
        return text


class FetchError(Exception):
    """A request that gave no usable answer. `reason` is one short line."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(url, reason)
        self.url = url
        """The URL given to `Fetcher.get` (a redirect hop that failed is named in `reason`)."""
        self.reason = " ".join(reason.split())

    def __str__(self) -> str:
        return f"{self.reason}: {self.url}"


class TooLarge(FetchError):
    """The body is larger than `FetchSettings.max_bytes`."""


class TooManyRedirects(FetchError):
    """More than `FetchSettings.max_redirects` redirects, or a redirect loop."""


class OffSiteRedirect(FetchError):
    """A redirect that leaves the site."""


class OffSiteURL(FetchError):
    """A URL that is not on the site, refused before sending."""


class HTTPError(FetchError):
    """A 429 or 5xx status that persisted through every attempt."""

    def __init__(self, url: str, reason: str, status: int) -> None:
        super().__init__(url, reason)
        self.status = status


class NetworkError(FetchError):
    """A network failure or timeout that persisted through every attempt."""


@dataclass(slots=True)
class _Host:
    """Politeness state of one host: who may send, and when the next request may start."""

    slots: asyncio.Semaphore
    next_start: float = 0.0


@dataclass(frozen=True, slots=True)
class _Response:
    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    http_version: str


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The verifying TLS context, built once per process: loading the CA bundle costs about
    20 ms, as much as an incremental sync of a small site (the reader refreshes many times)."""
    return ssl.create_default_context(cafile=certifi.where())


class Fetcher:
    """The polite HTTP client of one site. Use it as an async context manager."""

    def __init__(self, site: str, settings: FetchSettings | None = None) -> None:
        self.site = site
        self.settings = settings or FetchSettings()
        self.stats = FetchStats()
        self._client: httpx.AsyncClient | None = None
        self._hosts: dict[str, _Host] = {}

    async def __aenter__(self) -> Self:
        s = self.settings
        self._client = httpx.AsyncClient(
            http2=_h2_available(),
            verify=_tls_context(),
            follow_redirects=False,
            timeout=httpx.Timeout(
                connect=s.connect_timeout,
                read=s.read_timeout,
                write=s.read_timeout,
                pool=s.connect_timeout,
            ),
            headers={
                "User-Agent": s.user_agent or DEFAULT_USER_AGENT,
                "Accept-Encoding": ACCEPT_ENCODING,
                "Accept-Language": ACCEPT_LANGUAGE,
            },
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url` (on the site), following same-site redirects.

        Returns 2xx, 304 and 4xx other than 429 as results; raises `FetchError` otherwise."""
        if not is_same_site(url, self.site):
            raise OffSiteURL(url, "not on the site")
        started = time.monotonic()
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, seen, looped = url, {url}, False
        for _hop in range(self.settings.max_redirects + 1):
            try:
                response, attempts = await self._get_with_retries(current, headers)
            except FetchError as error:
                if error.url != url:  # a redirect hop failed: report the URL asked for
                    error.reason, error.url = f"{error.reason} (at {error.url})", url
                raise
            location = response.headers.get("location")
            if response.status not in _REDIRECTS or not location:
                break
            try:
                target = urljoin(current, location.strip())
            except ValueError:  # e.g. "http://[bad/x": no URL at all
                raise FetchError(url, f"bad redirect target {location[:80]!r}") from None
            if not is_same_site(target, self.site):
                raise OffSiteRedirect(url, f"redirected off the site to {target}")
            looped = looped or target in seen
            current = target
            seen.add(target)
        else:
            what = "redirect loop" if looped else "too many redirects"
            raise TooManyRedirects(url, f"{what} (more than {self.settings.max_redirects})")
        not_modified = response.status == 304
        return FetchResult(
            url=response.url,
            status=response.status,
            content=b"" if not_modified else response.content,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag") or (etag if not_modified else None),
            last_modified=response.headers.get("last-modified")
            or (last_modified if not_modified else None),
            elapsed=time.monotonic() - started,
            attempts=attempts,
            http_version=response.http_version,
        )

    async def _get_with_retries(self, url: str, headers: dict[str, str]) -> tuple[_Response, int]:
        """One URL, retried on network errors, 429 and 5xx; never follows redirects."""
        s = self.settings
        host = self._host(url)
        attempts = s.retries + 1
        for attempt in range(1, attempts + 1):
            retry_after: float | None = None
            try:
                async with self._turn(host):
                    response = await self._send(url, headers)
            except (TimeoutError, httpx.TransportError) as exc:
                if isinstance(exc, httpx.UnsupportedProtocol | httpx.LocalProtocolError):
                    raise FetchError(url, _describe(exc)) from None
                self.stats.errors += 1
                if attempt == attempts:
                    raise NetworkError(url, f"{_describe(exc)} after {_n(attempt)}") from None
            else:
                if response.status != 429 and response.status < 500:
                    return response, attempt
                if attempt == attempts:
                    reason = f"HTTP {response.status} after {_n(attempt)}"
                    raise HTTPError(url, reason, response.status)
                retry_after = _retry_after(response.headers.get("retry-after"))
                if retry_after is not None and retry_after > s.retry_after_max:
                    reason = f"HTTP {response.status}, the server asks to wait {retry_after:.0f} s"
                    raise HTTPError(url, reason, response.status)
            self.stats.retries += 1
            if retry_after is not None:
                # The server said when it wants to hear from us again: nobody asks it sooner.
                host.next_start = max(host.next_start, time.monotonic() + retry_after)
            else:
                await asyncio.sleep(_backoff(attempt, s.backoff, s.backoff_max))
        raise AssertionError("unreachable")  # pragma: no cover

    @asynccontextmanager
    async def _turn(self, host: _Host) -> AsyncIterator[None]:
        """Hold one of the host's slots, starting no sooner than `delay` after the last start."""
        async with host.slots:
            now = time.monotonic()
            start = max(now, host.next_start)
            host.next_start = start + self.settings.delay  # reserved before sleeping
            if start > now:
                await asyncio.sleep(start - now)
            yield

    async def _send(self, url: str, headers: dict[str, str]) -> _Response:
        """One request; the body is streamed, decoded and capped."""
        if self._client is None:
            raise RuntimeError("Fetcher used outside 'async with'")
        limit = self.settings.max_bytes
        self.stats.requests += 1
        async with (
            asyncio.timeout(self.settings.total_timeout),
            self._client.stream("GET", url, headers=headers) as response,
        ):
            self.stats.statuses[response.status_code] += 1
            length = _int(response.headers.get("content-length"))
            if length is not None and length > limit:  # (compressed: decoded is larger still)
                raise TooLarge(url, f"body of {length} bytes announced, limit {limit}")
            decoder = _Decoder(url, response.headers.get("content-encoding", ""))
            body = bytearray()
            async with aclosing(response.aiter_raw()) as chunks:
                async for chunk in chunks:
                    self.stats.bytes_received += len(chunk)
                    for piece in decoder.decode(chunk):
                        body += piece
                        if len(body) > limit:
                            raise TooLarge(url, f"body larger than {limit} bytes")
            body += decoder.flush()
            if len(body) > limit:
                raise TooLarge(url, f"body larger than {limit} bytes")
            return _Response(
                url=url,
                status=response.status_code,
                headers=response.headers,
                content=bytes(body),
                http_version=response.http_version,
            )

    def _host(self, url: str) -> _Host:
        name = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if name not in self._hosts:
            self._hosts[name] = _Host(asyncio.Semaphore(self.settings.concurrency))
        return self._hosts[name]


class _Decoder:
    """Undoes a Content-Encoding (identity, gzip, deflate) in pieces of at most `_PIECE` bytes,
    so that a small compressed body cannot inflate into a huge buffer before it is counted."""

    def __init__(self, url: str, content_encoding: str) -> None:
        self._url = url
        codings = [c.strip().lower() for c in content_encoding.split(",")]
        codings = [c for c in codings if c and c != "identity"]
        self._zlib: zlib._Decompress | None = None
        self._raw_fallback = False
        if not codings:
            return
        if len(codings) > 1 or codings[0] not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(url, f"unsupported Content-Encoding {content_encoding!r}")
        if codings[0] == "deflate":
            # RFC 9110 deflate is zlib-wrapped; some servers send raw deflate instead.
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
            self._raw_fallback = True
        else:
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)

    def decode(self, data: bytes) -> Iterator[bytes]:
        if self._zlib is None:
            yield data
            return
        while data:
            try:
                piece = self._zlib.decompress(data, _PIECE)
            except zlib.error:
                if not self._raw_fallback:
                    raise FetchError(self._url, "corrupt compressed body") from None
                self._zlib, self._raw_fallback = zlib.decompressobj(-zlib.MAX_WBITS), False
                continue
            self._raw_fallback = False
            data = self._zlib.unconsumed_tail
            if piece:
                yield piece

    def flush(self) -> bytes:
        if self._zlib is None:
            return b""
        try:
            return self._zlib.flush(_PIECE)
        except zlib.error:
            raise FetchError(self._url, "corrupt compressed body") from None


def _h2_available() -> bool:
    try:
        import h2  # noqa: F401
    except ImportError:
        return False
    return True


def _backoff(attempt: int, base: float, cap: float) -> float:
    """Equal jitter: half the exponential step for sure, the other half at random."""
    step = min(cap, base * 2 ** (attempt - 1))
    return step / 2 + random.uniform(0, step / 2)


def _retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" (RFC 5322: no local time known) is still GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _describe(exc: BaseException) -> str:
    """One short line for a transport failure, from the most telling exception in its chain."""
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(chain) < 10:
        chain.append(cause)
        cause = cause.__cause__ or cause.__context__
    for kind, words in (
        (TimeoutError | httpx.TimeoutException, "timed out"),
        (ConnectionRefusedError, "connection refused"),
        (socket.gaierror, "host not found"),
        (ConnectionResetError, "connection reset"),
        (ssl.SSLError, "TLS error"),
    ):
        if any(isinstance(link, kind) for link in chain):
            return words
    text = " ".join(str(exc).split())
    if isinstance(exc, httpx.RemoteProtocolError):
        return "connection closed mid-response" if "closed" in text.lower() else "protocol error"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect ({text[:80]})" if text else "cannot connect"
    name = type(exc).__name__
    return f"{name} ({text[:80]})" if text else name


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _n(attempts: int) -> str:
    return f"{attempts} attempt{'' if attempts == 1 else 's'}"
