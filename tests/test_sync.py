"""Sync over real HTTP against the bundled demo site: what a sync asks for, what it stores, what a
second sync leaves alone, and what failures, interruptions and a second process leave behind.

What was fetched is read from the demo server's own request log and mapped to the site's files,
so these tests do not trust the code under test to report on itself."""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli_tools import isolate
from conftest import FAST, fast_options
from demo_tools import (
    article_files,
    article_requests,
    category_pages,
    closed_port_url,
    drop_from_manifest,
    edit,
    gets,
    j3_default_sync_ids,
    listing_requests,
    replace_everywhere,
    truncate,
)
from httpserver import ScriptedServer, ok
from tgagreader.cli import main
from tgagreader.demo import faults, site_root
from tgagreader.demo.server import DemoServer
from tgagreader.site.urls import synthetic_id
from tgagreader.store import Store, StoreError
from tgagreader.sync import (
    SiteUnreachable,
    SyncEvent,
    fetch_article,
    flatten_menu,
    run_sync,
    sync,
)

HEADINGS_2185 = [
    "I. MỤC ĐÍCH, YÊU CẦU",  # page 1
    "II. NỘI DUNG TUYÊN TRUYỀN",  # page 2
    "III. HÌNH THỨC TUYÊN TRUYỀN",  # page 3
    "IV. KHẨU HIỆU TUYÊN TRUYỀN",
    "V. TỔ CHỨC THỰC HIỆN",
]
# 2279 (Công tác dân vận, page 1) shows a modification date in its listing entry and page.
MODIFIED_2279 = "2015-04-15T09:40:00+07:00"
LATER = "2015-06-01T10:00:00+07:00"


def sync_into(path: Path, url: str, progress=None, **options):
    with Store(path) as store:
        return run_sync(store, url, fast_options(**options), progress)


def readable_and_consistent(path: Path) -> set[int]:
    """Every article the index lists can be read whole; returns the cached ids."""
    with Store(path) as store:
        entries = store.entries()
        ids = store.cached_ids()
        assert {entry.id for entry in entries} == ids
        for entry in entries:
            article = store.get_article(entry.id, touch=False)
            assert article is not None, entry.id
            assert article.title == entry.summary.title
            assert article.body
        return ids


def env_without_tgag(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TGAG_")}
    env.update(extra)
    return env


# -- a first sync --------------------------------------------------------------------------------


@pytest.mark.parametrize("generation", ["j3", "j25"])
def test_first_sync_walks_front_page_menu_listings_and_articles(serve, tmp_path, generation):
    server = serve(generation)
    events: list[SyncEvent] = []
    summary = sync_into(tmp_path / "cache", server.url, events.append)

    requests = gets(server)
    assert requests[0][0] == "index.html"  # the front page comes first
    assert all(status == 200 for _file, status, _headers in requests)
    # Each category's first two listing pages, once each, and never an older one.
    pages = category_pages(server)
    expected = {
        (alias, page) for alias, count in pages.items() for page in range(1, min(2, count) + 1)
    }
    walked = listing_requests(server)
    assert sorted(walked) == sorted(expected)
    # Each article page once; 2185's three pages included.
    fetched = article_files(server)
    assert len(fetched) == len(set(fetched))
    assert {"article/2185/page-2.html", "article/2185/page-3.html"} <= set(fetched)

    with Store(tmp_path / "cache") as store:
        cached = store.cached_ids()
        assert cached == set(article_requests(server))
        # The menu, nested as the site nests it, and the statistics.
        menu = store.site().menu
        aliases = {c.alias for c in menu} | {k.alias for c in menu for k in c.children}
        assert aliases == set(pages)
        parent = next(c for c in menu if c.alias == "tin-tuc-su-kien")
        assert {c.alias for c in parent.children} == {"tin-trong-tinh", "tin-trong-nuoc"}
        history = store.stats_history()
        assert len(history) == 1
        assert history[0][1].guests_online > 0
        assert history[0][1].article_hits > 0
        # Every article the walked listings name is cached.
        categories = [*menu, *(k for c in menu for k in c.children)]
        for category in categories:
            for page in range(1, min(2, pages[category.alias]) + 1):
                listing = store.get_listing(category.key, page)
                assert listing is not None, (category.alias, page)
                assert {item.id for item in listing[0].articles} <= cached
        assert store.last_sync() is not None
        assert not store.failures()
    if generation == "j3":
        assert cached == j3_default_sync_ids(site_root("j3"))
    else:
        assert len(cached) == 57  # the same content: everything but the 4th page's last item

    assert summary.new == len(cached)
    assert (summary.updated, summary.unchanged, summary.not_modified) == (0, 0, 0)
    assert summary.failed == []
    assert summary.pages_fetched == len(requests)
    assert summary.requests == len(requests)
    line = summary.line()
    assert f"{len(requests)} pages fetched" in line
    assert f"{len(cached)} new" in line
    assert "0 failed" in line

    # Progress: start, pages, articles, done; counters that only grow and end at the total.
    kinds = [event.kind for event in events]
    assert kinds[0] == "start"
    assert kinds[-1] == "done"
    assert events[-1].detail == line
    assert kinds.count("article") == summary.new
    assert kinds.count("page") == 1 + len(walked)
    assert "failure" not in kinds
    done = [event.done for event in events]
    assert done == sorted(done)
    assert all(event.done <= event.total for event in events)
    assert events[-1].done == events[-1].total == len(requests)


@pytest.fixture(scope="module", params=["j3", "j25"])
def full_sync(request, tmp_path_factory):
    """One `--all` sync of each generation, with the server that served it."""
    with DemoServer(request.param) as server:
        path = tmp_path_factory.mktemp(f"full-{request.param}") / "cache"
        summary = sync_into(path, server.url, all_pages=True)
        yield server, path, summary


def test_all_pages_walks_every_listing_page_and_caches_every_article(full_sync):
    server, path, summary = full_sync
    pages = category_pages(server)
    every = [(alias, page) for alias, count in pages.items() for page in range(1, count + 1)]
    assert sorted(listing_requests(server)) == sorted(every)
    ids = readable_and_consistent(path)
    assert ids == set(server.sitemap.articles)
    assert summary.new == len(ids) == 58
    assert summary.failed == []
    with Store(path) as store:
        assert store.info().incomplete == 0


def test_multipage_article_is_stored_whole(full_sync):
    server, path, _summary = full_sync
    files = article_files(server)
    assert [f for f in files if f.startswith("article/2185")] == [
        "article/2185.html",
        "article/2185/page-2.html",
        "article/2185/page-3.html",
    ]
    with Store(path) as store:
        article = store.get_article(2185)
    assert article.complete
    headings = [block.text for block in article.body if block.type == "heading"]
    assert headings == HEADINGS_2185  # all three pages, in order, the page index left out
    text = " ".join(getattr(block, "text", "") for block in article.body)
    assert "Chỉ mục bài viết" not in text
    assert text.count("I. MỤC ĐÍCH, YÊU CẦU") == 1  # page 1 not merged twice


# -- the second sync -----------------------------------------------------------------------------


@pytest.mark.parametrize("generation", ["j3", "j25"])
def test_second_sync_of_an_unchanged_site_fetches_no_article_and_no_older_page(
    serve, tmp_path, generation
):
    server = serve(generation)
    cache = tmp_path / "cache"
    first = sync_into(cache, server.url)
    before = readable_and_consistent(cache)
    mark = len(server.requests)

    second = sync_into(cache, server.url)

    assert article_requests(server, mark) == []
    assert sorted(listing_requests(server, mark)) == sorted((a, 1) for a in category_pages(server))
    assert [f for f, _s, _h in gets(server, mark)].count("index.html") == 1
    assert (second.new, second.updated) == (0, 0)
    assert second.failed == []
    assert second.pages_fetched == 1 + len(category_pages(server)) < first.pages_fetched
    assert readable_and_consistent(cache) == before
    with Store(cache) as store:
        assert len(store.stats_history()) == 2  # a statistics snapshot per sync


def test_changed_article_is_refetched_and_only_it(serve, site_copy, tmp_path):
    server = serve("j3", root=site_copy)
    cache = tmp_path / "cache"
    sync_into(cache, server.url)
    # The site edits 2279: a new title on its page, a later modification date everywhere.
    edit(
        site_copy,
        "article/2279.html",
        "\t\t\tNâng cao hiệu quả công tác dân vận trong vùng đồng bào có đạo\t\t</h2>",
        "Tiêu đề đã sửa</h2>",
    )
    assert replace_everywhere(site_copy, MODIFIED_2279, LATER) == 2
    mark = len(server.requests)

    summary = sync_into(cache, server.url)

    assert article_requests(server, mark) == [2279]
    walked = listing_requests(server, mark)
    # The page that brought the change leads on to the next; every other category stops.
    assert ("cong-tac-dan-van", 2) in walked
    assert sorted(a for a, p in walked if p > 1) == ["cong-tac-dan-van"]
    assert (summary.new, summary.updated, summary.failed) == (0, 1, [])
    with Store(cache) as store:
        article = store.get_article(2279)
        assert article.title == "Tiêu đề đã sửa"
        assert article.modified.isoformat() == LATER
    mark = len(server.requests)
    again = sync_into(cache, server.url)
    assert article_requests(server, mark) == []
    assert (again.new, again.updated) == (0, 0)


def test_article_new_on_the_site_is_fetched(serve, site_copy, tmp_path):
    server = serve("j3", root=site_copy)
    cache = tmp_path / "cache"
    sync_into(cache, server.url)
    # A new article 2600 takes 2279's place at the top of Công tác dân vận.
    page = (site_copy / "article/2279.html").read_text(encoding="utf-8")
    page = page.replace("id=2279", "id=2600").replace("-2279", "-2600")
    page = page.replace("Nâng cao hiệu quả công tác dân vận", "Bài mới về công tác dân vận")
    page = page.replace("2015-04-14T15:20:00+07:00", "2015-06-02T08:00:00+07:00")
    (site_copy / "article/2600.html").write_text(page, encoding="utf-8")
    listing = "category/cong-tac-dan-van/page-1.html"
    edit(site_copy, listing, "id=2279", "id=2600")
    edit(site_copy, listing, "Nâng cao hiệu quả công tác dân vận", "Bài mới về công tác dân vận")
    manifest = json.loads((site_copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["articles"]["2600"] = manifest["articles"]["2279"] | {"file": "article/2600.html"}
    (site_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    server.stop()
    server = serve("j3", root=site_copy, port=server.port)  # same address, new manifest

    summary = sync_into(cache, server.url)

    assert article_requests(server) == [2600]
    assert (summary.new, summary.updated, summary.failed) == (1, 0, [])
    with Store(cache) as store:
        newest = store.entries(limit=1)[0]
        assert newest.id == 2600
        assert newest.summary.title.startswith("Bài mới về công tác dân vận")
        assert newest.summary.published.isoformat() == "2015-06-02T08:00:00+07:00"
        assert store.get_article(2600).body


def test_incomplete_articles_are_refetched_wherever_they_are_listed(serve, site_copy, tmp_path):
    original = site_root("j3")
    # 2424 is on the first page of Giải phóng miền Nam, 1527 on the second of Công tác dân vận
    # (whose first page has nothing new to lead the walk on to it).
    truncate(site_copy, "article/2424.html")
    truncate(site_copy, "article/1527.html")
    server = serve("j3", root=site_copy)
    cache = tmp_path / "cache"
    first = sync_into(cache, server.url)
    cut = dict(first.failed)
    assert len(cut) == 2
    assert all("cut off" in reason for reason in cut.values())
    with Store(cache) as store:
        assert store.article_status(2424)[0] is False
        assert store.article_status(1527)[0] is False
        assert store.get_article(1527).body  # what arrived is readable meanwhile
        assert {failure.url for failure in store.failures()} == set(cut)
        assert store.info().incomplete == 2
    for name in ("article/2424.html", "article/1527.html"):
        shutil.copyfile(original / name, site_copy / name)
    mark = len(server.requests)

    second = sync_into(cache, server.url)

    assert sorted(article_requests(server, mark)) == [1527, 2424]
    assert (second.updated, second.new, second.failed) == (2, 0, [])
    with Store(cache) as store:
        assert store.article_status(2424)[0] is True
        assert store.article_status(1527)[0] is True
        assert store.failures() == []
        assert store.info().incomplete == 0


def test_failures_are_recorded_and_never_replace_a_good_copy(serve, site_copy, tmp_path):
    server = serve("j3", root=site_copy)
    cache = tmp_path / "cache"
    sync_into(cache, server.url)
    with Store(cache) as store:
        before = {number: store.get_article(number) for number in (2279, 2449, 2514)}
    # Each of three articles shows a later modification date, and then:
    replace_everywhere(site_copy, MODIFIED_2279, LATER)
    replace_everywhere(site_copy, "2015-04-29T17:05:00+07:00", LATER)  # 2449
    replace_everywhere(site_copy, "2015-05-13T08:15:00+07:00", LATER)  # 2514
    drop_from_manifest(site_copy, 2279)  # ... 2279 is gone (HTTP 404),
    shutil.copyfile(  # ... 2449's address serves a listing page (a parse failure),
        site_copy / "category/giai-phong-mien-nam/page-2.html", site_copy / "article/2449.html"
    )
    truncate(site_copy, "article/2514.html")  # ... and 2514 arrives cut off.
    server.stop()
    server = serve("j3", root=site_copy, port=server.port)

    summary = sync_into(cache, server.url)

    assert sorted(set(article_requests(server))) == [2279, 2449, 2514]
    failed = dict(summary.failed)
    assert len(failed) == 3
    by_id = {
        next(n for n in (2279, 2449, 2514) if f"id={n}" in url): r for url, r in failed.items()
    }
    assert by_id[2279] == "HTTP 404"
    assert by_id[2449]  # a reason, whatever the parser calls it
    assert "cut off" in by_id[2514]
    assert "kept" in by_id[2514]
    with Store(cache) as store:
        for number, article in before.items():
            assert store.get_article(number) == article
            assert store.article_status(number)[0] is True
        recorded = {failure.url: failure.reason for failure in store.failures()}
        assert recorded == failed
    assert readable_and_consistent(cache) >= set(before)


def test_an_article_that_fails_on_the_first_sync_is_not_stored(serve, site_copy, tmp_path):
    drop_from_manifest(site_copy, 2279)
    server = serve("j3", root=site_copy)
    cache = tmp_path / "cache"
    summary = sync_into(cache, server.url)
    assert len(summary.failed) == 1
    url, reason = summary.failed[0]
    assert "id=2279" in url
    assert reason == "HTTP 404"
    ids = readable_and_consistent(cache)
    assert 2279 not in ids
    assert ids == j3_default_sync_ids(site_root("j3")) - {2279}
    with Store(cache) as store:
        assert [(f.url, f.reason) for f in store.failures()] == [(url, reason)]


# -- conditional GET -----------------------------------------------------------------------------


def test_conditional_get_gives_304s_and_they_are_counted(serve, site_copy, tmp_path):
    server = serve("j3", root=site_copy, validators=True)
    cache = tmp_path / "cache"
    first = sync_into(cache, server.url)
    assert first.not_modified == 0
    assert not any("If-None-Match" in headers for _f, _s, headers in gets(server))
    mark = len(server.requests)

    second = sync_into(cache, server.url)

    answered = gets(server, mark)
    assert article_requests(server, mark) == []
    assert all("If-None-Match" in headers for _f, _s, headers in answered)
    assert all(status == 304 for _f, status, _h in answered)
    assert second.not_modified == len(answered) == 1 + len(category_pages(server))
    assert second.pages_fetched == 0
    assert f"{len(answered)} unchanged (304)" in second.line()
    assert readable_and_consistent(cache) == j3_default_sync_ids(site_root("j3"))

    # A change shows up as a 200 for the pages that changed, 304 for the rest.
    replace_everywhere(site_copy, MODIFIED_2279, LATER)
    mark = len(server.requests)
    third = sync_into(cache, server.url)
    statuses = {file: status for file, status, _h in gets(server, mark)}
    assert statuses["category/cong-tac-dan-van/page-1.html"] == 200
    assert statuses["index.html"] == 304
    assert article_requests(server, mark) == [2279]
    assert third.updated == 1
    assert third.not_modified == sum(1 for s in statuses.values() if s == 304)


# -- interruptions -------------------------------------------------------------------------------


def test_cancelled_sync_leaves_a_consistent_cache_and_the_next_completes_it(serve, tmp_path):
    server = serve("j3")
    cache = tmp_path / "cache"
    store = Store(cache)

    async def interrupted() -> None:
        task: asyncio.Task | None = None
        articles = 0

        def progress(event: SyncEvent) -> None:
            nonlocal articles
            if event.kind == "article":
                articles += 1
                if articles == 15:
                    task.cancel()

        task = asyncio.create_task(sync(store, server.url, fast_options(), progress))
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(interrupted())
    store.close()
    partial = readable_and_consistent(cache)
    assert 15 <= len(partial) < 57
    with Store(cache) as store:
        assert store.last_sync() is None  # an interrupted sync is not a sync
    mark = len(server.requests)

    summary = sync_into(cache, server.url)

    assert summary.failed == []
    assert readable_and_consistent(cache) == j3_default_sync_ids(site_root("j3"))
    assert not set(article_requests(server, mark)) & partial  # nothing fetched twice
    assert summary.new == 57 - len(partial)


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_sync_process_killed_mid_way_leaves_a_consistent_cache(serve, tmp_path, how):
    server = serve("j3")
    cache = tmp_path / "cache"
    env = env_without_tgag(TGAG_CONFIG=str(tmp_path / "none.toml"), TGAG_DELAY="0.03")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tgagreader",
            "--site",
            server.url,
            "--cache-dir",
            str(cache),
            "sync",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while len(article_requests(server)) < 20:
            assert process.poll() is None, "the sync ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        process.send_signal(how)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if how == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
    else:  # Ctrl-C: one line, the conventional exit code, no traceback
        assert (process.returncode, out, err) == (130, "", "tgag: interrupted\n")
    partial = readable_and_consistent(cache)
    assert len(partial) < 57
    mark = len(server.requests)

    with Store(cache) as store:  # the dead process's lock is gone with it
        summary = run_sync(store, server.url, fast_options(lock_timeout=0))
    assert not summary.skipped
    assert summary.failed == []
    assert readable_and_consistent(cache) == j3_default_sync_ids(site_root("j3"))
    assert not set(article_requests(server, mark)) & partial


# -- two processes, one cache ----------------------------------------------------------------------


def test_latest_keeps_answering_while_another_process_syncs(serve, tmp_path, monkeypatch, capsys):
    server = serve("j3")
    cache = tmp_path / "cache"
    sync_into(cache, server.url, pages=1)
    env = env_without_tgag(TGAG_CONFIG=str(tmp_path / "none.toml"), TGAG_DELAY="0.03")
    monkeypatch.setenv("TGAG_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("TGAG_TTL", "0")  # every `latest` wants to refresh: it must not wait
    monkeypatch.setenv("TGAG_DELAY", "0")
    args = ["--site", server.url, "--cache-dir", str(cache)]
    capsys.readouterr()
    syncing = subprocess.Popen(
        [sys.executable, "-m", "tgagreader", *args, "sync", "--all"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    durations: list[float] = []
    try:
        while syncing.poll() is None:
            started = time.monotonic()
            code = main([*args, "latest", "-n", "5", "--format", "json"])
            durations.append(time.monotonic() - started)
            out, err = capsys.readouterr()
            assert code == 0, err
            assert err == ""
            assert len(json.loads(out)) == 5
            assert durations[-1] < 1.0, durations
        out, err = syncing.communicate(timeout=30)
    finally:
        if syncing.poll() is None:
            syncing.kill()
            syncing.wait()
    assert syncing.returncode == 0, err
    assert len(durations) >= 5, "the sync ended before `latest` could run alongside it"
    assert "0 failed" in out
    ids = readable_and_consistent(cache)
    assert ids == set(server.sitemap.articles)


# -- the lock --------------------------------------------------------------------------------------


def test_a_second_sync_of_one_cache_is_skipped_or_waits(serve, tmp_path):
    server = serve("j3")
    cache = tmp_path / "cache"
    Store(cache).close()
    events: list[SyncEvent] = []
    with open(cache / "sync.lock", "a") as held:  # another sync holds the lock
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        skipped = sync_into(cache, server.url, lock_timeout=0)
        started = time.monotonic()
        waited = sync_into(cache, server.url, events.append, lock_timeout=0.3)
        elapsed = time.monotonic() - started
    assert skipped.skipped
    assert waited.skipped
    assert skipped.line() == "another sync is running on this cache; nothing done"
    assert elapsed >= 0.3
    assert [event.kind for event in events] == ["waiting"]
    assert server.requests == []
    with Store(cache) as store:
        assert store.last_sync() is None
    done = sync_into(cache, server.url, lock_timeout=0)  # released: the next one runs
    assert not done.skipped
    assert done.new == 57


def test_unreachable_site_raises_with_the_summary(tmp_path):
    cache = tmp_path / "cache"
    url = closed_port_url()
    with Store(cache) as store, pytest.raises(SiteUnreachable) as caught:
        run_sync(store, url, fast_options())
    summary = caught.value.summary
    assert summary.failed[0][0] == url
    assert "connection refused" in summary.failed[0][1]
    with Store(cache) as store:
        assert store.cached_ids() == set()
        assert store.last_sync() is None


# -- validators after a bad page, the lock, errors of the cache, id-less URLs ----------------------


@dataclass(frozen=True)
class CutOffWithValidators:
    """A page cut off part-way (no Content-Length: only the HTML shows it) that still carries
    the validator of the whole page, as a server that computes its ETag before sending does."""

    fraction: float = 0.5

    def respond(self, exchange: faults.Exchange) -> bool:
        status, headers, body = exchange.response()
        headers["ETag"] = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'  # as the demo's own
        headers["Connection"] = "close"
        if exchange.send_head(status, headers):
            exchange.write(body[: int(len(body) * self.fraction)])
        exchange.close()
        return True


CUT_OFF = "the page was cut off; will fetch it again next time"


def test_a_listing_cut_off_is_fetched_whole_next_time_despite_its_etag(serve, site_copy, tmp_path):
    server = serve("j3", root=site_copy, validators=True)
    cache = tmp_path / "cache"
    sync_into(cache, server.url)
    replace_everywhere(site_copy, MODIFIED_2279, LATER)  # 2279 changes, and so does its listing
    server.inject(faults.listing("cong-tac-dan-van", 1), CutOffWithValidators(), times=1)
    cut = sync_into(cache, server.url)
    assert [reason for _url, reason in cut.failed] == [CUT_OFF]
    assert cut.updated == 0
    mark = len(server.requests)

    again = sync_into(cache, server.url)

    statuses = {file: status for file, status, _headers in gets(server, mark)}
    assert statuses["category/cong-tac-dan-van/page-1.html"] == 200
    assert (again.updated, again.failed) == (1, [])
    with Store(cache) as store:
        assert store.article_status(2279) == (True, LATER)


def test_a_front_page_cut_off_on_the_first_sync_is_fetched_whole_next_time(serve, tmp_path):
    server = serve("j3", validators=True)
    cache = tmp_path / "cache"
    server.inject(faults.front_page(), CutOffWithValidators(0.05), times=1)
    cut = sync_into(cache, server.url)
    assert [reason for _url, reason in cut.failed] == [CUT_OFF]

    again = sync_into(cache, server.url)

    assert again.failed == []
    assert readable_and_consistent(cache) == j3_default_sync_ids(site_root("j3"))


def test_a_304_for_a_page_whose_copy_is_gone_fetches_it_whole(serve, tmp_path):
    server = serve("j3", validators=True)
    cache = tmp_path / "cache"
    sync_into(cache, server.url)
    with Store(cache) as store:
        store._cache.delete("site")  # the menu, lost while its validators were kept
        store._cache.delete("listing:12:1")
    mark = len(server.requests)

    again = sync_into(cache, server.url)

    answered = [(file, status) for file, status, _headers in gets(server, mark)]
    assert answered.count(("index.html", 304)) == answered.count(("index.html", 200)) == 1
    page = "category/cong-tac-dan-van/page-1.html"
    assert answered.count((page, 304)) == answered.count((page, 200)) == 1
    assert again.failed == []
    with Store(cache) as store:
        assert len(flatten_menu(store.site().menu)) == len(category_pages(server))
        assert store.get_listing("12", 1) is not None


def test_validators_are_kept_for_the_front_page_and_listings_only(serve, tmp_path):
    server = serve("j3", validators=True)
    cache = tmp_path / "cache"
    sync_into(cache, server.url)
    with Store(cache) as store:
        urls = [row[0] for row in store._db.execute("SELECT url FROM tgag_page")]
    files = sorted(server.sitemap.resolve(url.removeprefix(server.url[:-1])).file for url in urls)
    walked = [f"category/{alias}/page-{page}.html" for alias, page in listing_requests(server)]
    assert files == sorted(["index.html", *walked])


def test_mark_synced_and_eviction_happen_under_the_sync_lock(serve, tmp_path):
    server = serve("j3")
    cache = tmp_path / "cache"
    held: dict[str, bool] = {}

    def locked() -> bool:
        with open(cache / "sync.lock", "a+") as other:
            try:
                fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(other.fileno(), fcntl.LOCK_UN)
            return False

    with Store(cache) as store:
        store.mark_synced = lambda: held.setdefault("mark_synced", locked())
        store.evict = lambda: held.setdefault("evict", locked())
        run_sync(store, server.url, fast_options(pages=1))
    assert held == {"mark_synced": True, "evict": True}


def test_a_store_error_stops_the_sync_at_once(serve, tmp_path):
    server = serve("j3")
    full = "no space left for the cache; free some space or run `tgag cache clear`"

    def put_article(*_args, **_kwargs):
        raise StoreError(full)

    with Store(tmp_path / "cache") as store:
        store.put_article = put_article
        with pytest.raises(StoreError, match=r"^no space left"):
            run_sync(store, server.url, fast_options())
    # Those already on their way when the first article could not be stored, not the whole site.
    assert len(article_requests(server)) <= 2 * FAST.concurrency


def test_a_lock_that_cannot_be_opened_is_one_line(serve, tmp_path, capsys, monkeypatch):
    server = serve("j3")
    cache = tmp_path / "cache"
    Store(cache).close()
    (cache / "sync.lock").mkdir()  # unopenable even by root, like a file of a read-only cache
    with Store(cache) as store, pytest.raises(StoreError, match=r"^cannot lock the cache at "):
        run_sync(store, server.url, fast_options())
    isolate(monkeypatch, tmp_path)
    capsys.readouterr()
    code = main(["--site", server.url, "--cache-dir", str(cache), "sync"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("tgag: cannot lock the cache at ")
    assert err.count("\n") == 1
    assert server.requests == []


def test_an_article_whose_url_has_no_id_is_found_under_that_url(tmp_path, capsys, monkeypatch):
    """Joomla's "advanced SEF" URLs carry no id; the page may still name one (a form's `cid`).
    The article is stored under the URL's id, which is what `tgag read URL` looks up."""
    page = (site_root("j25") / "article" / "1392.html").read_text(encoding="utf-8")
    page = page.replace("</body>", '<form><input type="hidden" name="cid" value="4242"></form>')
    cache = tmp_path / "cache"
    with ScriptedServer() as server:
        server.route("/tin-tuc/bai-viet-khong-so.html", ok(page.encode()))
        url = server.url("/tin-tuc/bai-viet-khong-so.html")
        with Store(cache) as store:
            article, reason = fetch_article(store, server.url(), url, fast_options())
            assert (reason, article.id) == ("", synthetic_id(url))
            assert store.cached_ids() == {article.id}
        isolate(monkeypatch, tmp_path)
        capsys.readouterr()
        read = ["--site", server.url(), "--cache-dir", str(cache), "read", url, "--format", "json"]
        for offline in ([], ["--offline"]):  # fetched, then read from the cache
            assert main([*offline, *read]) == 0
            out, err = capsys.readouterr()
            assert (json.loads(out)["id"], err) == (article.id, "")
    assert server.count("/tin-tuc/bai-viet-khong-so.html") == 1
