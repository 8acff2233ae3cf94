"""tgagreader.fetch against a real HTTP server on 127.0.0.1 (no mocked transports)."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import gzip
import itertools
import socket
import time
import tracemalloc
import zlib
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import httpx
import pytest

import tgagreader
from httpserver import Request, ScriptedServer, flaky, ok, redirect, status
from tgagreader import fetch
from tgagreader.fetch import (
    Fetcher,
    FetchError,
    FetchResult,
    FetchSettings,
    HTTPError,
    NetworkError,
    OffSiteRedirect,
    OffSiteURL,
    TooLarge,
    TooManyRedirects,
)

# Fast settings: no politeness delay, tiny backoff, short timeouts.
FAST = FetchSettings(
    delay=0,
    backoff=0.01,
    backoff_max=0.02,
    connect_timeout=2,
    read_timeout=2,
    total_timeout=5,
    max_bytes=100_000,
)


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    with ScriptedServer() as running:
        yield running


def run(
    server: ScriptedServer,
    work: Callable[[Fetcher], Awaitable[Any]],
    settings: FetchSettings = FAST,
    **changes: Any,
) -> Any:
    """Run `work(fetcher)` in a fresh event loop, with a Fetcher on the server's site."""

    async def main() -> Any:
        async with Fetcher(server.url("/"), dataclasses.replace(settings, **changes)) as fetcher:
            return await work(fetcher)

    return asyncio.run(main())


def get(server: ScriptedServer, path: str, settings: FetchSettings = FAST, **changes: Any) -> Any:
    return run(server, lambda fetcher: fetcher.get(server.url(path)), settings, **changes)


def refused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Settings, errors, client set-up


def test_settings_defaults_are_documented_values_and_frozen():
    settings = FetchSettings()
    assert (settings.concurrency, settings.delay, settings.retries) == (4, 0.25, 3)
    assert (settings.connect_timeout, settings.read_timeout, settings.total_timeout) == (
        10.0,
        20.0,
        60.0,
    )
    assert (settings.backoff, settings.backoff_max, settings.retry_after_max) == (0.5, 30.0, 60.0)
    assert (settings.max_bytes, settings.max_redirects) == (8 * 1024 * 1024, 5)
    assert settings.user_agent is None
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.delay = 0  # type: ignore[misc]
    with pytest.raises(ValueError, match="concurrency"):
        FetchSettings(concurrency=0)
    with pytest.raises(ValueError, match="timeouts"):
        FetchSettings(total_timeout=0)


def test_errors_carry_url_and_one_line_reason():
    error = HTTPError("http://h/x", "HTTP 503\nafter 4 attempts", 503)
    assert (error.url, error.reason, error.status) == (
        "http://h/x",
        "HTTP 503 after 4 attempts",
        503,
    )
    assert str(error) == "HTTP 503 after 4 attempts: http://h/x"
    for kind in (TooLarge, TooManyRedirects, OffSiteRedirect, OffSiteURL, HTTPError, NetworkError):
        assert issubclass(kind, FetchError)


def test_client_options(server, monkeypatch):
    made: list[dict[str, Any]] = []
    real = httpx.AsyncClient

    def spy(**kwargs: Any) -> httpx.AsyncClient:
        made.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(fetch.httpx, "AsyncClient", spy)
    server.route("/", ok())
    result = get(server, "/")
    assert len(made) == 1
    assert made[0]["http2"] is True  # h2 is installed (httpx[http2])
    assert made[0]["follow_redirects"] is False
    assert result.http_version == "HTTP/1.1"  # plain http on loopback: no h2c


def test_get_outside_async_with_is_an_error(server):
    server.route("/", ok())

    async def main() -> None:
        fetcher = Fetcher(server.url("/"))
        async with fetcher:
            pass
        await fetcher.get(server.url("/"))

    with pytest.raises(RuntimeError, match="async with"):
        asyncio.run(main())


# Plain answers, headers, conditional GET


def test_plain_200(server):
    headers = {"ETag": '"v1"', "Last-Modified": "Tue, 01 Apr 2025 08:00:00 GMT"}
    server.route("/page", ok("Xin chào".encode(), headers))
    result: FetchResult = get(server, "/page")
    assert result.status == 200
    assert result.content == "Xin chào".encode()
    assert result.url == server.url("/page")
    assert result.content_type == "text/html; charset=utf-8"
    assert (result.etag, result.last_modified) == ('"v1"', "Tue, 01 Apr 2025 08:00:00 GMT")
    assert (result.not_modified, result.ok, result.attempts) == (False, True, 1)
    assert 0 <= result.elapsed < 2


def test_request_headers(server):
    server.route("/", ok())
    get(server, "/")
    headers = server.seen[0].headers
    assert headers["user-agent"].startswith(f"tgagreader/{tgagreader.__version__} (+")
    assert headers["accept-encoding"] == "gzip, deflate"
    assert headers["accept-language"] == "vi,en;q=0.5"
    assert "if-none-match" not in headers
    assert "if-modified-since" not in headers

    get(server, "/", user_agent="custom/1.0")
    assert server.seen[1].headers["user-agent"] == "custom/1.0"


def test_conditional_get(server):
    @server.route("/cond")
    def cond(request: Request) -> None:
        if request.header("If-None-Match") == '"v2"':
            request.reply(304, headers={"ETag": '"v2"'})
        elif request.header("If-Modified-Since"):
            request.reply(304)  # no validators repeated
        else:
            request.reply(200, b"body", {"ETag": '"v2"'})

    url = server.url("/cond")
    fresh = run(server, lambda f: f.get(url, etag='"v1"'))
    assert (fresh.status, fresh.content, fresh.etag, fresh.not_modified) == (
        200,
        b"body",
        '"v2"',
        False,
    )
    same = run(server, lambda f: f.get(url, etag='"v2"'))
    assert (same.status, same.content, same.not_modified, same.etag) == (304, b"", True, '"v2"')
    date = "Tue, 01 Apr 2025 08:00:00 GMT"
    dated = run(server, lambda f: f.get(url, last_modified=date))
    assert dated.not_modified
    assert dated.last_modified == date  # kept from the request when the 304 does not repeat it
    assert server.seen[0].headers["if-none-match"] == '"v1"'
    assert server.seen[2].headers["if-modified-since"] == date


@pytest.mark.parametrize("code", [400, 403, 404, 410])
def test_client_errors_are_returned_not_retried(server, code):
    server.route("/gone", status(code, b"no"))
    result = get(server, "/gone")
    assert (result.status, result.content, result.attempts, result.ok) == (code, b"no", 1, False)
    assert server.count("/gone") == 1


@pytest.mark.parametrize(
    ("encoding", "packed"),
    [
        ("gzip", gzip.compress),
        ("deflate", zlib.compress),
        ("deflate", lambda data: zlib.compress(data, wbits=-15)),  # raw deflate, seen in the wild
    ],
)
def test_compressed_bodies_are_decoded(server, encoding, packed):
    body = "Tin tức An Giang. ".encode() * 2000
    server.route("/z", ok(packed(body), {"Content-Encoding": encoding}))
    result = get(server, "/z")
    assert result.content == body


def test_unsupported_content_encoding_is_a_fetch_error(server):
    server.route("/br", ok(b"\x0b\x02\x80hello\x03", {"Content-Encoding": "br"}))
    with pytest.raises(FetchError, match="unsupported Content-Encoding"):
        get(server, "/br")


# Retries


def test_503_then_200_is_retried(server):
    server.route("/flaky", flaky(2, status(503), ok(b"fine")))
    result, stats = run(server, lambda f: _with_stats(f, f.get(server.url("/flaky"))))
    assert (result.status, result.content, result.attempts) == (200, b"fine", 3)
    assert server.count("/flaky") == 3
    assert (stats.requests, stats.retries, stats.statuses) == (3, 2, {503: 2, 200: 1})


def test_500_always_gives_http_error_after_all_attempts(server):
    server.route("/broken", status(500, b"oops"))
    with pytest.raises(HTTPError) as caught:
        get(server, "/broken")
    assert caught.value.reason == "HTTP 500 after 4 attempts"
    assert caught.value.status == 500
    assert caught.value.url == server.url("/broken")
    assert server.count("/broken") == 4


def test_retry_after_is_honoured_and_pauses_the_host(server):
    server.route("/limited", flaky(1, status(429, headers={"Retry-After": "1"}), ok(b"now")))
    server.route("/other", ok())

    async def work(fetcher: Fetcher) -> tuple[FetchResult, float]:
        limited = asyncio.create_task(fetcher.get(server.url("/limited")))
        await asyncio.sleep(0.2)  # the 429 has arrived
        other = await fetcher.get(server.url("/other"))
        return await limited, other.elapsed

    # Backoff alone would wait at least 2.5 s: the 1 s is Retry-After, with nothing added.
    result, other_elapsed = run(server, work, backoff=5, backoff_max=5)
    assert result.content == b"now"
    assert 0.95 <= result.elapsed < 1.5
    first, second = server.requests_for("/limited")
    assert 0.95 <= second.started - first.started < 1.5
    (other,) = server.requests_for("/other")
    assert other.started - first.started >= 0.95  # the whole host waited, not only one task
    assert other_elapsed < 1.2


def test_a_retry_after_beyond_the_cap_gives_up_at_once(server):
    """Asking again sooner than the server said would not be polite; waiting an hour for one
    page is not a sync."""
    server.route("/slow", flaky(1, status(503, headers={"Retry-After": "3600"}), ok()))
    started = time.monotonic()
    with pytest.raises(HTTPError) as caught:
        get(server, "/slow", retry_after_max=0.2)
    assert caught.value.reason == "HTTP 503, the server asks to wait 3600 s"
    assert caught.value.status == 503
    assert server.count("/slow") == 1
    assert time.monotonic() - started < 1
    server.route("/soon", flaky(1, status(429, headers={"Retry-After": "0"}), ok()))
    assert get(server, "/soon", retry_after_max=0.2).status == 200  # within the cap: waited


def test_retry_after_forms():
    now = 1_700_000_000.0
    assert fetch._retry_after("120", now) == 120
    assert fetch._retry_after(" 0 ", now) == 0
    http_date = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(now + 30))
    assert fetch._retry_after(http_date, now) == pytest.approx(30)
    past = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(now - 30))
    assert fetch._retry_after(past, now) == 0
    in_gmt = time.strftime("%a, %d %b %Y %H:%M:%S -0000", time.gmtime(now + 30))
    assert fetch._retry_after(in_gmt, now) == pytest.approx(30)  # RFC 5322's "-0000" is UTC too
    assert fetch._retry_after("soon", now) is None
    assert fetch._retry_after(None, now) is None


def test_backoff_grows_with_equal_jitter_and_is_capped():
    for attempt, step in ((1, 0.5), (2, 1.0), (3, 2.0), (10, 30.0)):
        for _ in range(50):
            assert step / 2 <= fetch._backoff(attempt, 0.5, 30.0) <= step


def test_connection_refused():
    site = f"http://127.0.0.1:{refused_port()}/"

    async def main() -> None:
        async with Fetcher(site, dataclasses.replace(FAST, retries=1)) as fetcher:
            await fetcher.get(site)

    with pytest.raises(NetworkError) as caught:
        asyncio.run(main())
    assert caught.value.reason == "connection refused after 2 attempts"


def test_connection_reset_mid_body_is_retried(server):
    def reset(request: Request) -> None:
        request.start(200, {"Content-Length": "10000"})
        request.write(b"x" * 100)
        time.sleep(0.05)
        request.reset()

    server.route("/reset-once", flaky(1, reset, ok(b"whole")))
    server.route("/reset", reset)
    result = get(server, "/reset-once")
    assert (result.content, result.attempts) == (b"whole", 2)

    with pytest.raises(NetworkError) as caught:
        get(server, "/reset", retries=1)
    assert caught.value.reason in (
        "connection reset after 2 attempts",
        "connection closed mid-response after 2 attempts",
    )
    assert server.count("/reset") == 2


def test_slow_drip_body_is_abandoned_after_total_timeout(server):
    @server.route("/drip")
    def drip(request: Request) -> None:
        request.start(200, {"Content-Length": "1000"})
        request.drip((b"x" for _ in range(1000)), 0.02)  # never silent for read_timeout

    started = time.monotonic()
    with pytest.raises(NetworkError) as caught:
        get(server, "/drip", read_timeout=1, total_timeout=0.3, retries=1)
    assert caught.value.reason == "timed out after 2 attempts"
    assert 0.6 <= time.monotonic() - started < 1.5
    assert server.count("/drip") == 2


def test_silent_server_hits_read_timeout(server):
    @server.route("/silent")
    def silent(request: Request) -> None:
        request.start(200, {"Content-Length": "10"})
        request.scripted.stopping.wait(3)

    with pytest.raises(NetworkError) as caught:
        get(server, "/silent", read_timeout=0.2, retries=0)
    assert caught.value.reason == "timed out after 1 attempt"


# Size cap


def test_announced_content_length_over_cap_is_refused_at_once(server):
    @server.route("/huge")
    def huge(request: Request) -> None:
        request.start(200, {"Content-Length": str(100 * 1024 * 1024)})
        request.drip((b"x" * 1024 for _ in range(10)), 0.5)  # the body is slow to come

    started = time.monotonic()
    with pytest.raises(TooLarge, match="announced"):
        get(server, "/huge")
    assert time.monotonic() - started < 0.5


@pytest.mark.parametrize("chunked", [True, False], ids=["chunked", "until-close"])
def test_endless_body_without_length_is_cut_at_cap(server, chunked):
    @server.route("/endless")
    def endless(request: Request) -> None:
        headers = {"Transfer-Encoding": "chunked"} if chunked else {}
        request.start(200, headers)
        piece = b"y" * 16384
        for _ in range(64 * 1024 // 16):  # 1 GiB: only an aborting client ends this
            if not (request.write_chunk(piece) if chunked else request.write(piece)):
                return

    with pytest.raises(TooLarge, match="larger than 100000 bytes"):
        get(server, "/endless")
    deadline = time.monotonic() + 2
    while "/endless" not in server.hung_up and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "/endless" in server.hung_up  # the client stopped reading and hung up


def test_gzip_bomb_is_stopped(server):
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024), compresslevel=9)
    assert len(bomb) < FAST.max_bytes  # small on the wire, 20 MiB once inflated
    server.route("/bomb", ok(bomb, {"Content-Encoding": "gzip"}))

    async def work(fetcher: Fetcher) -> None:
        with pytest.raises(TooLarge):
            await fetcher.get(server.url("/bomb"))

    tracemalloc.start()
    try:
        run(server, work)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Inflated in bounded pieces: memory stays near the cap, nowhere near 20 MiB.
    assert peak < 4 * 1024 * 1024


# Redirects


def _chain(server: ScriptedServer, length: int, code: int = 302) -> None:
    """/chain/<n> redirects to /chain/<n-1>, alternately by absolute and relative Location."""
    for n in range(1, length + 1):
        target = server.url(f"/chain/{n - 1}") if n % 2 else str(n - 1)
        server.route(f"/chain/{n}", redirect(target, code))
    server.route("/chain/0", ok(b"end"))


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_redirect_chain_is_followed(server, code):
    _chain(server, 3, code)
    result, stats = run(server, lambda f: _with_stats(f, f.get(server.url("/chain/3"))))
    assert (result.status, result.content, result.url) == (200, b"end", server.url("/chain/0"))
    assert stats.requests == 4
    assert stats.statuses == {code: 3, 200: 1}


def test_redirects_up_to_the_limit(server):
    _chain(server, 6)
    assert get(server, "/chain/5", max_redirects=5).url == server.url("/chain/0")
    with pytest.raises(TooManyRedirects, match="too many redirects"):
        get(server, "/chain/6", max_redirects=5)


def test_redirect_loop(server):
    server.route("/loop/a", redirect("b"))
    server.route("/loop/b", redirect("/loop/a"))
    with pytest.raises(TooManyRedirects, match="redirect loop"):
        get(server, "/loop/a", max_redirects=5)
    assert server.count("/loop/a") + server.count("/loop/b") == 6


def test_redirect_to_another_host_is_refused(server):
    server.route("/away", redirect(server.url("/there", host="localhost")))
    server.route("/there", ok())
    with pytest.raises(OffSiteRedirect) as caught:
        get(server, "/away")
    assert caught.value.url == server.url("/away")
    assert "localhost" in caught.value.reason
    assert server.count("/there") == 0


def test_a_redirect_to_an_address_that_cannot_be_read_is_a_fetch_error(server):
    server.route("/odd", redirect("http://[bad/x"))
    with pytest.raises(FetchError) as caught:
        get(server, "/odd")
    assert caught.value.reason == "bad redirect target 'http://[bad/x'"
    assert caught.value.url == server.url("/odd")


def test_redirect_to_https_on_the_same_host_is_followed(server):
    server.route("/secure", redirect(server.url("/").replace("http:", "https:")))
    # Followed (not refused as off-site): the TLS handshake then fails on this plain server.
    with pytest.raises(NetworkError) as caught:
        get(server, "/secure", retries=0)
    assert caught.value.url == server.url("/secure")  # the URL asked for; the hop is named
    assert caught.value.reason.endswith(f"after 1 attempt (at https://127.0.0.1:{server.port}/)")


def test_redirect_adding_www_is_followed(server):
    server.route("/", redirect(server.url("/", host="www.localhost")))

    async def main() -> FetchResult | FetchError:
        async with Fetcher(server.url("/", host="localhost"), FAST) as fetcher:
            try:
                return await fetcher.get(server.url("/", host="localhost"))
            except FetchError as error:
                return error

    outcome = asyncio.run(main())
    # www.localhost may or may not resolve here; what matters is that it was not refused.
    assert not isinstance(outcome, OffSiteRedirect)


def test_off_site_urls_are_refused_before_sending(server):
    server.route("/", ok())
    for url in (
        server.url("/", host="localhost"),
        "http://example.org/",
        "ftp://127.0.0.1/",
    ):
        with pytest.raises(OffSiteURL):
            run(server, lambda f, url=url: f.get(url))
    assert server.seen == []


# Politeness: per-host concurrency and delay between starts


def test_no_more_than_concurrency_requests_in_flight(server):
    server.route("/slow", ok(pause=0.15))

    async def work(fetcher: Fetcher) -> list[FetchResult]:
        return await asyncio.gather(*(fetcher.get(server.url(f"/slow?{i}")) for i in range(9)))

    results = run(server, work, concurrency=3)
    assert all(result.status == 200 for result in results)
    assert server.max_in_flight == 3


def test_delay_between_request_starts(server):
    server.route("/p", ok())
    delay = 0.08

    async def work(fetcher: Fetcher) -> None:
        await asyncio.gather(*(fetcher.get(server.url(f"/p?{i}")) for i in range(6)))

    run(server, work, concurrency=4, delay=delay)
    starts = sorted(seen.started for seen in server.seen)
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert len(gaps) == 5
    assert min(gaps) >= delay - 0.02  # arrival jitter on loopback


# Cancellation and statistics


def test_cancelling_releases_the_slot_and_closes_the_stream(server):
    @server.route("/drip")
    def drip(request: Request) -> None:
        request.start(200, {"Content-Length": "1000"})
        request.drip((b"x" for _ in range(1000)), 0.02)

    server.route("/ok", ok())

    async def main() -> list[dict[str, Any]]:
        problems: list[dict[str, Any]] = []
        asyncio.get_running_loop().set_exception_handler(lambda _, ctx: problems.append(ctx))
        settings = dataclasses.replace(FAST, concurrency=1)
        async with Fetcher(server.url("/"), settings) as fetcher:
            reading = asyncio.create_task(fetcher.get(server.url("/drip")))
            waiting = asyncio.create_task(fetcher.get(server.url("/ok")))  # queued behind it
            await asyncio.sleep(0.2)
            waiting.cancel()
            reading.cancel()
            for task in (reading, waiting):
                with pytest.raises(asyncio.CancelledError):
                    await task
            # The single slot is free again.
            result = await asyncio.wait_for(fetcher.get(server.url("/ok")), 2)
            assert result.status == 200
        gc.collect()
        await asyncio.sleep(0.05)
        return problems

    assert asyncio.run(main()) == []
    deadline = time.monotonic() + 2
    while "/drip" not in server.hung_up and time.monotonic() < deadline:
        time.sleep(0.01)
    assert "/drip" in server.hung_up  # the stream was closed, not left dripping
    assert server.count("/ok") == 1  # the cancelled queued request was never sent


def test_stats(server):
    server.route("/a", ok(b"12345"))
    server.route("/missing", status(404, b"??"))
    server.route("/flaky", flaky(1, status(502), ok(b"")))
    server.route("/moved", redirect("/a", 301))

    async def work(fetcher: Fetcher) -> fetch.FetchStats:
        for path in ("/a", "/missing", "/flaky", "/moved"):
            await fetcher.get(server.url(path))
        return fetcher.stats

    stats = run(server, work)
    assert stats.requests == 6
    assert stats.retries == 1
    assert stats.bytes_received == 5 + 2 + 0 + 5
    assert stats.statuses == {200: 3, 404: 1, 502: 1, 301: 1}
    assert "\n" not in str(stats)
    assert str(stats).startswith("6 requests, 1 retried")


async def _with_stats(fetcher: Fetcher, request: Awaitable[FetchResult]) -> Any:
    return await request, fetcher.stats
