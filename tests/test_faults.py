"""`tgag sync` against a demo site that misbehaves: every fault of `tgagreader.demo.faults`, on an
article, a listing page and the front page.

Each test starts from one cache synced completely from the demo site, then syncs it (`tgag sync`,
in-process) from a copy of the site on which three cached articles show a newer modification
date (so they are fetched again) and one article is new (not cached yet), with one fault
injected. A sync must end in bounded time, exit 1, name the failing URL and a reason in its
summary, fetch everything else, and leave every article that was cached before intact: the same
value, complete and readable."""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from cli_tools import isolate
from conftest import fast_options
from demo_tools import copy_site, replace_everywhere
from tgagreader.cli import main
from tgagreader.codec import article_to_dict
from tgagreader.demo import faults
from tgagreader.demo.faults import (
    Charset,
    ContentType,
    GzipBomb,
    Hang,
    Oversize,
    RedirectLoop,
    RedirectOffSite,
    Reset,
    Status,
    Truncate,
    WrongPage,
)
from tgagreader.demo.server import DemoServer
from tgagreader.models import Article
from tgagreader.store import Store
from tgagreader.sync import run_sync

# Three articles of three categories' first listing pages show a later modification date on the
# changed site; TARGET is the one the faults hit. FRESH is listed too but was never cached.
CHANGED = {
    2279: ("2015-04-15T09:40:00+07:00", "2015-06-01T10:00:00+07:00"),  # Công tác dân vận
    2349: ("2015-04-17T16:25:00+07:00", "2015-06-02T10:00:00+07:00"),  # Tiến tới Đại hội Đảng
    2401: ("2015-04-24T14:00:00+07:00", "2015-06-03T10:00:00+07:00"),  # Giải phóng miền Nam
}
TARGET = 2279
FRESH = 2088  # Tin trong tỉnh, page 1
IMAGE = "images/2014/08/dan-van-1.jpg"
BOUND = 10.0  # seconds any faulted sync may take
TIMEOUT = "1"  # TGAG_TIMEOUT: a hang costs (retries + 1) of these
MiB = 1024 * 1024
LIMIT = 8 * MiB  # the fetcher's default size cap


# -- fixtures --------------------------------------------------------------------------------------


@dataclass
class World:
    server: DemoServer
    """Serves the changed site for the whole module (one origin: cached URLs stay valid)."""
    base: Path
    """The cache as synced from the unchanged site, FRESH left out (it answered 404 then)."""
    before: dict[int, str]
    """Every article of `base`, as JSON."""
    clean: dict[int, str]
    """What a sync without faults stores for the changed and the new articles, as JSON."""


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[World]:
    where = tmp_path_factory.mktemp("faults")
    root = copy_site("j3", where / "site")
    with DemoServer("j3", root=root) as server:
        base = where / "base"
        with Store(base) as store:
            server.inject(faults.article(FRESH), Status(404))
            summary = run_sync(store, server.url, fast_options())
            server.clear_faults()
        assert [article_number(server, url) for url, _reason in summary.failed] == [FRESH]
        assert summary.new == 56
        # The site changes three articles (the server reads its files at every request).
        for old, new in CHANGED.values():
            assert replace_everywhere(root, old, new) == 2  # the article and its listing page
        shutil.copytree(base, where / "clean")
        with Store(where / "clean") as store:
            summary = run_sync(store, server.url, fast_options())
        assert (summary.updated, summary.new, summary.failed) == (3, 1, [])
        clean = snapshot(where / "clean")
        yield World(server, base, snapshot(base), {n: clean[n] for n in [*CHANGED, FRESH]})


@pytest.fixture
def base(world) -> tuple[Path, dict[int, str]]:
    return world.base, world.before


@pytest.fixture
def clean(world) -> dict[int, str]:
    return world.clean


@pytest.fixture
def site(world) -> Iterator[DemoServer]:
    """The module's server, its request log emptied, its faults cleared after the test."""
    server = world.server
    server.requests.clear()
    yield server
    server.clear_faults()


@pytest.fixture(autouse=True)
def environment(monkeypatch, tmp_path):
    """No real configuration; short timeouts, one retry, no politeness delay."""
    isolate(monkeypatch, tmp_path)
    monkeypatch.setenv("TGAG_RETRIES", "1")
    monkeypatch.setenv("TGAG_TIMEOUT", TIMEOUT)


@pytest.fixture
def cache(world, tmp_path) -> Path:
    target = tmp_path / "cache"
    shutil.copytree(world.base, target)
    return target


# -- helpers ---------------------------------------------------------------------------------------


class Run:
    def __init__(self, code: int, out: str, err: str, elapsed: float) -> None:
        self.code, self.out, self.err, self.elapsed = code, out, err, elapsed
        lines = out.splitlines()
        self.summary = lines[0] if lines else ""
        self.failed: dict[str, str] = {}
        for line in lines[1:]:
            assert line.startswith("  failed: "), out
            url, reason = line.removeprefix("  failed: ").split(": ", 1)
            self.failed[url] = reason

    def count(self, what: str) -> int:
        match = re.search(rf"(\d+) {what}", self.summary)
        assert match, self.summary
        return int(match.group(1))


@pytest.fixture
def tgag_sync(capsys, request):
    """`tgag sync` in-process; what it did is also kept in the test's user properties (exit
    code, time, output: `--junitxml=x.xml -o junit_family=legacy` writes them out)."""

    def run(server: DemoServer, cache: Path) -> Run:
        capsys.readouterr()
        started = time.monotonic()
        code = main(["--site", server.url, "--cache-dir", str(cache), "sync"])
        elapsed = time.monotonic() - started
        out, err = capsys.readouterr()
        for name, value in (("exit", code), ("seconds", f"{elapsed:.2f}"), ("out", out)):
            request.node.user_properties.append((name, value))
        return Run(code, out, err, elapsed)

    return run


def snapshot(path: Path) -> dict[int, str]:
    """Every cached article as canonical JSON, after checking that the index and the values
    agree and that each one is readable and has a body."""
    with Store(path) as store:
        entries = store.entries()
        ids = store.cached_ids()
        assert {entry.id for entry in entries} == ids
        found = {}
        for entry in entries:
            article = store.get_article(entry.id, touch=False)
            assert isinstance(article, Article), entry.id
            assert article.body, entry.id
            assert article.title == entry.summary.title
            found[entry.id] = json.dumps(article_to_dict(article), sort_keys=True)
        return found


def resolved(server: DemoServer, url: str) -> str:
    """The site file a URL names (by the demo server's own map)."""
    parts = urlsplit(url)
    return server.sitemap.resolve(parts.path + ("?" + parts.query if parts.query else "")).file


def article_number(server: DemoServer, url: str) -> int | None:
    match = re.match(r"article/(\d+)", resolved(server, url))
    return int(match.group(1)) if match else None


def assert_cache_intact(
    cache: Path, before: dict[int, str], clean: dict[int, str], *, unchanged: set[int]
) -> dict[int, str]:
    """Articles in `unchanged` (and every one the site did not change) are exactly as before;
    the other changed articles were updated as a clean sync updates them."""
    after = snapshot(cache)
    for number, value in before.items():
        assert number in after, f"{number} is no longer cached"
        if number in CHANGED and number not in unchanged:
            assert after[number] == clean[number], f"{number} was not updated"
        else:
            assert after[number] == value, f"{number} changed"
    with Store(cache) as store:
        assert store.info().incomplete == 0
    return after


def assert_one_failure(run: Run, server: DemoServer, file: str, reason: str) -> str:
    """The summary names exactly one failed URL, which resolves to `file`, with a reason that
    matches `reason`; returns the URL."""
    assert len(run.failed) == 1, run.out
    ((url, said),) = run.failed.items()
    assert resolved(server, url) == file, url
    assert re.search(reason, said), said
    assert run.count("failed") == 1
    return url


def assert_bounded(run: Run, bound: float = BOUND) -> None:
    assert run.elapsed < bound, f"took {run.elapsed:.1f} s"
    assert "Traceback" not in run.err


# -- a fault on an article -------------------------------------------------------------------------

# (fault, reason in the summary, requests the server sees for the article)
ARTICLE_FAULTS = [
    pytest.param(Status(500), r"^HTTP 500 after 2 attempts$", 2, id="500"),
    pytest.param(Status(503, retry_after=1), r"^HTTP 503 after 2 attempts$", 2, id="503-retry-after"),
    pytest.param(Status(503, retry_after=3600), r"^HTTP 503, the server asks to wait 3600 s$", 1, id="503-retry-after-an-hour"),
    pytest.param(Status(429), r"^HTTP 429 after 2 attempts$", 2, id="429"),
    pytest.param(Hang(before=True), r"^timed out after 2 attempts$", 2, id="hang-before-headers"),
    pytest.param(Hang(before=False), r"^timed out after 2 attempts$", 2, id="hang-mid-body"),
    pytest.param(Reset(), r"^connection reset after 2 attempts$", 2, id="reset"),
    pytest.param(Reset(after=0.5), r"^connection reset after 2 attempts$", 2, id="reset-mid-body"),
    pytest.param(Truncate(0.5), r"^connection closed mid-response after 2 attempts$", 2, id="truncate"),
    pytest.param(
        Truncate(0.5, announce=False), r"^the page was cut off; the complete cached copy is kept$", 1,
        id="truncate-no-length",
    ),
    pytest.param(ContentType("image/jpeg", file=IMAGE), r"^not an HTML page \(image/jpeg\)$", 1, id="image-for-article"),
    pytest.param(RedirectLoop(), r"^redirect loop \(more than 5\)$", 6, id="redirect-loop"),
    pytest.param(RedirectOffSite(), r"^redirected off the site to http://localhost:\d+/", 1, id="redirect-off-site"),
    pytest.param(Oversize(9 * MiB), rf"^body of {9 * MiB} bytes announced, limit {LIMIT}$", 1, id="oversize"),
    pytest.param(Oversize(9 * MiB, announce=False), rf"^body larger than {LIMIT} bytes$", 1, id="oversize-no-length"),
    pytest.param(GzipBomb(64 * MiB), rf"^body larger than {LIMIT} bytes$", 1, id="gzip-bomb"),
    pytest.param(WrongPage("listing"), r"^this is a category listing, not an article$", 1, id="listing-for-article"),
    pytest.param(WrongPage("front"), r"^this is a category listing, not an article$", 1, id="front-page-for-article"),
    pytest.param(WrongPage("login"), r"^the page asks to log in$", 1, id="login-for-article"),
    pytest.param(WrongPage("offline"), r"^no article found on the page$", 1, id="offline-for-article"),
    pytest.param(WrongPage("not-found"), r"does not exist \(404\)$", 1, id="soft-404-for-article"),
]  # fmt: skip


@pytest.mark.parametrize(("fault", "reason", "requests"), ARTICLE_FAULTS)
def test_fault_on_a_changed_article(tgag_sync, site, cache, base, clean, fault, reason, requests):
    injection = site.inject(faults.article(TARGET), fault)

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert run.code == 1, run.out + run.err
    assert run.err == ""
    url = assert_one_failure(run, site, f"article/{TARGET}.html", reason)
    assert injection.hits == requests  # retried only what is worth retrying
    # Everything else was fetched: the two other changed articles and the new one.
    assert (run.count("updated"), run.count("new")) == (2, 1)
    after = assert_cache_intact(cache, base[1], clean, unchanged={TARGET})
    assert after[FRESH] == clean[FRESH]
    with Store(cache) as store:
        assert store.article_status(TARGET) == (True, CHANGED[TARGET][0])  # the old, whole copy
        assert {(f.url, f.reason) for f in store.failures()} == {(url, run.failed[url])}


# (fault, reason, whether what arrived is kept, marked incomplete, for the next sync to replace)
NEW_ARTICLE_FAULTS = [
    pytest.param(Status(503, retry_after=1), r"^HTTP 503 after 2 attempts$", False, id="503-retry-after"),
    pytest.param(Hang(before=False), r"^timed out after 2 attempts$", False, id="hang-mid-body"),
    pytest.param(Reset(), r"^connection reset after 2 attempts$", False, id="reset"),
    pytest.param(
        Truncate(0.5, announce=False), r"^the page was cut off; will fetch it again next time$", True,
        id="truncate-no-length",
    ),
    pytest.param(ContentType("image/jpeg", file=IMAGE), r"^not an HTML page \(image/jpeg\)$", False, id="image-for-article"),
    pytest.param(RedirectOffSite(), r"^redirected off the site to http://localhost:\d+/", False, id="redirect-off-site"),
    pytest.param(GzipBomb(), rf"^body larger than {LIMIT} bytes$", False, id="gzip-bomb"),
    pytest.param(WrongPage("login"), r"^the page asks to log in$", False, id="login-for-article"),
]  # fmt: skip


@pytest.mark.parametrize(("fault", "reason", "incomplete"), NEW_ARTICLE_FAULTS)
def test_fault_on_a_new_article_stores_nothing_complete(
    tgag_sync, site, cache, base, clean, fault, reason, incomplete
):
    site.inject(faults.article(FRESH), fault)

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert run.code == 1, run.out + run.err
    assert_one_failure(run, site, f"article/{FRESH}.html", reason)
    assert (run.count("updated"), run.count("new")) == (3, int(incomplete))
    with Store(cache) as store:
        if incomplete:  # readable meanwhile, never presented as complete
            assert store.article_status(FRESH)[0] is False
            assert store.get_article(FRESH, touch=False).body
            assert store.info().incomplete == 1
        else:
            assert store.article_status(FRESH) is None
            assert store.get_article(FRESH, touch=False) is None
            assert store.info().incomplete == 0
    after = snapshot(cache)
    for number, value in base[1].items():
        assert after[number] == (clean[number] if number in CHANGED else value), number


def test_article_redirected_to_another_server_is_not_followed(tgag_sync, site, cache, base, clean, serve):  # fmt: skip
    other = serve("j3")
    site.inject(faults.article(TARGET), RedirectOffSite(other.url + "index.php?option=com_content&view=article&id=2279"))  # fmt: skip

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert run.code == 1
    assert_one_failure(run, site, f"article/{TARGET}.html", rf"^redirected off the site to {re.escape(other.url)}")  # fmt: skip
    assert other.requests == []  # never contacted
    assert_cache_intact(cache, base[1], clean, unchanged={TARGET})


# -- faults that heal, and lies that are read through ----------------------------------------------


def test_503_with_retry_after_that_recovers_is_waited_for(tgag_sync, site, cache, base, clean):
    injection = site.inject(faults.article(TARGET), Status(503, retry_after=1), times=1)

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert run.code == 0, run.out + run.err
    assert run.failed == {}
    assert (run.count("updated"), run.count("new")) == (3, 1)
    assert injection.hits == 2
    gap = injection.arrivals[1] - injection.arrivals[0]
    assert 0.95 <= gap < 3, gap  # the server asked for a second, and got it
    assert_cache_intact(cache, base[1], clean, unchanged=set())


@pytest.mark.parametrize(
    "fault",
    [Reset(), Hang(before=True), Truncate(0.5), Status(500)],
    ids=lambda f: type(f).__name__,
)
def test_a_fault_of_the_first_attempt_only_is_retried_away(
    tgag_sync, site, cache, base, clean, fault
):
    injection = site.inject(faults.article(TARGET), fault, times=1)

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert (run.code, run.failed) == (0, {}), run.out + run.err
    assert injection.hits == 2
    assert_cache_intact(cache, base[1], clean, unchanged=set())


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(Charset("iso-8859-1"), id="utf-8-declared-latin-1"),
        pytest.param(Charset("windows-1258"), id="utf-8-declared-windows-1258"),
        pytest.param(Charset("utf-8", encoding="windows-1258"), id="windows-1258-declared-utf-8"),
        pytest.param(ContentType("text/plain; charset=utf-8"), id="html-as-text-plain"),
        pytest.param(ContentType("application/octet-stream"), id="html-as-octet-stream"),
    ],
)
def test_a_lying_charset_or_content_type_is_read_through(
    tgag_sync, site, cache, base, clean, fault
):
    injection = site.inject(faults.article(TARGET), fault)

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert (run.code, run.failed) == (0, {}), run.out + run.err
    assert injection.hits == 1
    after = assert_cache_intact(cache, base[1], clean, unchanged=set())
    assert after[TARGET] == clean[TARGET]  # the same Vietnamese text as a truthful page gives
    with Store(cache) as store:
        assert "Nâng cao hiệu quả công tác dân vận" in store.get_article(TARGET, touch=False).title


def test_windows_1258_encoding_really_differs():
    text = "Nâng cao hiệu quả công tác dân vận trong vùng đồng bào có đạo"
    data = faults.to_windows_1258(text)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert unicodedata.normalize("NFC", data.decode("cp1258")) == text


# -- a fault on a listing page ---------------------------------------------------------------------

LISTING_FAULTS = [
    pytest.param(Status(500), r"^HTTP 500 after 2 attempts$", id="500"),
    pytest.param(Hang(before=False), r"^timed out after 2 attempts$", id="hang-mid-body"),
    pytest.param(Reset(), r"^connection reset after 2 attempts$", id="reset"),
    pytest.param(RedirectLoop(), r"^redirect loop", id="redirect-loop"),
    pytest.param(GzipBomb(), rf"^body larger than {LIMIT} bytes$", id="gzip-bomb"),
    pytest.param(WrongPage("article"), r"^this is an article page, not a listing$", id="article-for-listing"),
    pytest.param(
        Truncate(0.5, announce=False), r"^the page was cut off; will fetch it again next time$",
        id="truncate-no-length",
    ),
    pytest.param(WrongPage("login"), r"^the page asks to log in$", id="login-for-listing"),
]  # fmt: skip


@pytest.mark.parametrize(("fault", "reason"), LISTING_FAULTS)
def test_fault_on_a_listing_page(tgag_sync, site, cache, base, clean, fault, reason):
    with Store(cache) as store:
        before = store.get_listing("12", 1)[0]  # Công tác dân vận, TARGET's listing page
    site.inject(faults.listing("cong-tac-dan-van", 1), fault)

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert run.code == 1, run.out + run.err
    assert_one_failure(run, site, "category/cong-tac-dan-van/page-1.html", reason)
    # TARGET's change went unseen; the other categories were synced.
    assert (run.count("updated"), run.count("new")) == (2, 1)
    assert_cache_intact(cache, base[1], clean, unchanged={TARGET})
    with Store(cache) as store:
        assert store.get_listing("12", 1)[0] == before  # the cached listing is kept


# -- a fault on the front page ---------------------------------------------------------------------

FRONT_FAULTS = [
    pytest.param(Status(503, retry_after=1), r"^HTTP 503 after 2 attempts$", id="503"),
    pytest.param(Status(429, retry_after=3600), r"^HTTP 429, the server asks to wait 3600 s$", id="429-retry-after-an-hour"),
    pytest.param(Hang(before=True), r"^timed out after 2 attempts$", id="hang-before-headers"),
    pytest.param(Reset(), r"^connection reset after 2 attempts$", id="reset"),
    pytest.param(RedirectOffSite(), r"^redirected off the site to http://localhost:", id="redirect-off-site"),
    pytest.param(Oversize(announce=False), rf"^body larger than {LIMIT} bytes$", id="oversize"),
]  # fmt: skip


@pytest.mark.parametrize(("fault", "reason"), FRONT_FAULTS)
def test_front_page_failing_is_one_line_and_exit_1(tgag_sync, site, cache, base, fault, reason):
    site.inject(faults.front_page(), fault)

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert run.code == 1
    url = assert_one_failure(run, site, "index.html", reason)
    assert run.err == f"tgag: cannot reach {site.url} ({run.failed[url]})\n"
    assert snapshot(cache) == base[1]  # nothing else was asked for: the cache as it was
    assert {record.path for record in site.requests} == {"/"}


def test_front_page_failing_with_nothing_cached_is_exit_3(tgag_sync, site, tmp_path):
    site.inject(faults.front_page(), Status(503))

    run = tgag_sync(site, tmp_path / "empty")

    assert_bounded(run)
    assert run.code == 3
    assert run.err.count("\n") == 1
    assert run.err.startswith(f"tgag: cannot reach {site.url} (HTTP 503 after 2 attempts)")
    with Store(tmp_path / "empty") as store:
        assert store.cached_ids() == set()


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        pytest.param(WrongPage("login"), r"^the page asks to log in$", id="login"),
        pytest.param(
            WrongPage("offline"), r"^no menu and no articles on the front page$", id="offline"
        ),
        pytest.param(WrongPage("not-found"), r"does not exist \(404\)$", id="soft-404"),
        pytest.param(
            Truncate(0.2, announce=False),
            r"^the page was cut off; will fetch it again next time$",
            id="truncate-no-length",
        ),
    ],
)
def test_front_page_of_the_wrong_kind_keeps_the_menu_and_syncs_the_rest(
    tgag_sync, site, cache, base, clean, fault, reason
):
    with Store(cache) as store:
        menu = store.site().menu
    site.inject(faults.front_page(), fault)

    run = tgag_sync(site, cache)

    assert_bounded(run)
    assert run.code == 1, run.out + run.err
    assert_one_failure(run, site, "index.html", reason)
    assert (run.count("updated"), run.count("new")) == (3, 1)  # walked from the cached menu
    assert_cache_intact(cache, base[1], clean, unchanged=set())
    with Store(cache) as store:
        assert store.site().menu == menu


# -- the server side of faults ---------------------------------------------------------------------


def test_hung_handlers_end_when_the_client_leaves_or_the_server_stops():
    server = DemoServer("j3").start()
    server.inject("", Hang(seconds=60))
    before = threading.active_count()
    client = socket.create_connection((server.host, server.port))
    client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    other = socket.create_connection((server.host, server.port))
    other.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    deadline = time.monotonic() + 5
    while len(server._exchanges) < 2:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    client.close()  # the client gives up: its handler ends soon after
    deadline = time.monotonic() + 2
    while len(server._exchanges) > 1:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()  # and the other one with the server
    assert time.monotonic() - started < 1
    assert not server._exchanges
    assert other.recv(100) == b""  # closed without an answer
    other.close()
    deadline = time.monotonic() + 2
    while threading.active_count() > before - 1:  # the serving thread is gone, no handler left
        assert time.monotonic() < deadline, threading.enumerate()
        time.sleep(0.01)
    assert [record.status for record in server.requests] == [0, 0]  # never answered


def test_clear_faults_restores_the_normal_site(serve):
    server = serve("j3")
    injection = server.inject("view=article", Status(500))
    with socket.create_connection((server.host, server.port)) as sock:
        sock.sendall(b"GET /index.php?option=com_content&view=article&id=2279 HTTP/1.0\r\n\r\n")
        assert sock.makefile("rb").readline().startswith(b"HTTP/1.1 500")
    server.clear_faults()
    with socket.create_connection((server.host, server.port)) as sock:
        sock.sendall(b"GET /index.php?option=com_content&view=article&id=2279 HTTP/1.0\r\n\r\n")
        assert sock.makefile("rb").readline().startswith(b"HTTP/1.1 200")
    assert injection.hits == 1
    assert [record.status for record in server.requests] == [500, 200]


def test_stop_ends_a_handler_blocked_writing_to_a_client_that_does_not_read():
    server = DemoServer("j3").start()
    server.inject("", Oversize(256 * MiB, announce=False))
    client = socket.create_connection((server.host, server.port))
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    client.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    deadline = time.monotonic() + 5
    while not server._exchanges:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.2)  # the socket buffers fill up; the handler blocks in send()
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 1
    assert not server._exchanges
    client.close()


@pytest.mark.parametrize("generation", ["j3", "j25"])
def test_matchers_select_a_page_in_every_url_form(serve, generation):
    server = serve(generation)
    sef = {
        "j3": "/index.php/cong-tac-dan-van/2279-nang-cao",
        "j25": "/index.php/cong-tac-dan-van/2279-nang-cao.html",
    }[generation]
    server.inject(faults.article(2279), Status(503))
    server.inject(faults.listing("cong-tac-dan-van", 2), Status(500))
    server.inject(faults.front_page(), Status(429))
    asked = {
        "/index.php?option=com_content&view=article&id=2279:nang-cao&catid=12": 503,
        sef: 503,
        "/component/content/article/12-cong-tac-dan-van/2279-nang-cao": 503,
        "/index.php?option=com_content&view=article&id=22790": 404,  # another id
        "/index.php?option=com_content&view=article&id=1909": 200,
        "/index.php?option=com_content&view=category&id=12&limitstart=10": 500,
        "/index.php?option=com_content&view=category&id=12": 200,
        "/": 429,
        "/index.php": 429,
        "/index.php?format=feed&type=rss": 200,
    }
    for path, status in asked.items():
        with socket.create_connection((server.host, server.port)) as sock:
            sock.sendall(f"GET {path} HTTP/1.0\r\n\r\n".encode())
            line = sock.makefile("rb").readline().decode()
        assert line.split()[1] == str(status), (path, line)
