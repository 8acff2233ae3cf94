"""The deterministic caches of tgagreader.demo.fixture: what they hold, that two builds are the
same whatever the clock says, and that the demo cache is what a full sync of the site makes."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import fast_options
from tgagreader.codec import article_to_dict
from tgagreader.demo.fixture import (
    DEMO_BOOKMARKED,
    DEMO_NOW,
    DEMO_READ,
    FixtureError,
    build_demo_cache,
    build_synthetic_cache,
)
from tgagreader.models import Category, Table
from tgagreader.store import Store
from tgagreader.sync import run_sync


def flatten(menu) -> list[Category]:
    found = []
    for category in menu:
        found.append(category)
        found.extend(flatten(category.children))
    return found


def dump(path: Path) -> dict:
    """Everything the Store API shows of a cache, and tgagreader's own tables row by row."""
    with Store(path) as store:
        entries = store.entries()
        site = store.site()
        keys = ["front"] + [c.key for c in flatten(site[2])]
        dumped = {
            "entries": entries,
            "articles": {
                entry.id: json.dumps(
                    article_to_dict(store.get_article(entry.id, touch=False)),
                    ensure_ascii=False,
                    sort_keys=True,
                )
                for entry in entries
            },
            "site": site,
            "listings": {
                (key, page): store.get_listing(key, page) for key in keys for page in range(1, 6)
            },
            "stats": store.stats_history(),
            "states": {entry.id: store.state(entry.id) for entry in entries},
            "bookmarks": store.bookmarked_ids(),
            "failures": store.failures(),
            "last_sync": store.last_sync(),
        }
    with sqlite3.connect(path / "cache.db") as db:
        tables = [
            row[0]
            for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'tgag%'"
            )
        ]
        for table in tables:
            dumped[table] = db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    return dumped


@pytest.fixture(scope="module")
def demo_cache(tmp_path_factory) -> Path:
    return build_demo_cache(tmp_path_factory.mktemp("fixture") / "cache")


def test_demo_cache_holds_the_whole_site(demo_cache):
    with Store(demo_cache) as store:
        assert len(store.entries()) == 58
        assert not store.failures()
        site, name, menu, _fetched = store.site()
        assert site == "http://tgag.demo/"
        assert name == "Ban Tuyên giáo Tỉnh ủy An Giang"
        assert len(menu) == 7
        assert len(flatten(menu)) == 9
        assert store.last_sync() == DEMO_NOW
        assert store.get_listing("front", 1) is not None
        assert store.get_listing("8", 4) is not None  # every page of every category
        assert store.get_listing("8", 4)[0].next_url is None
        assert all(
            entry.summary.url.startswith("http://tgag.demo/index.php?") for entry in store.entries()
        )


def test_demo_cache_merges_the_multi_page_article(demo_cache):
    with Store(demo_cache) as store:
        article = store.get_article(2185, touch=False)
        table = store.get_article(1771, touch=False)
    assert article is not None
    assert article.complete
    assert len(article.body) > 20  # three pages' worth
    assert any(isinstance(block, Table) for block in table.body)


def test_demo_cache_statistics_history(demo_cache):
    with Store(demo_cache) as store:
        history = store.stats_history()
    assert len(history) == 12
    times = [when for when, _stats in history]
    assert times == sorted(times)
    assert times[0] > DEMO_NOW - 5 * 86400
    assert times[-1] <= DEMO_NOW
    hits = [stats.article_hits for _when, stats in history]
    guests = [stats.guests_online for _when, stats in history]
    assert hits == sorted(hits)  # a running total that grows
    assert len(set(hits)) == 12
    assert len(set(guests)) > 6  # a shape, not a flat line
    latest = history[-1][1]
    assert (latest.guests_online, latest.members_online, latest.article_hits) == (211, 2, 36954660)


def test_demo_cache_reader_state(demo_cache):
    with Store(demo_cache) as store:
        read = {entry.id for entry in store.entries() if entry.read}
        assert read == set(DEMO_READ)
        assert store.bookmarked_ids() == list(DEMO_BOOKMARKED)
        assert store.entries(unread_only=True)[0].id == 2544  # the newest unread


def test_two_builds_are_identical_whatever_the_clock(tmp_path, monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)
    first = build_demo_cache(tmp_path / "first")
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    second = build_demo_cache(tmp_path / "second")
    monkeypatch.undo()
    one, two = dump(first), dump(second)
    assert one.keys() == two.keys()
    for key in one:
        assert one[key] == two[key], key
    assert (first / "state.db").read_bytes() == (second / "state.db").read_bytes()


def test_demo_cache_is_what_a_full_sync_makes(tmp_path, j3_server):
    with Store(tmp_path / "synced") as store:
        summary = run_sync(store, j3_server.url, fast_options(all_pages=True))
    assert not summary.failed
    built = dump(build_demo_cache(tmp_path / "built", base=j3_server.url))
    synced = dump(tmp_path / "synced")

    def without_times(entries):
        return [replace(entry, fetched_at=0.0, read=False, bookmarked=False) for entry in entries]

    assert without_times(built["entries"]) == without_times(synced["entries"])
    assert built["articles"] == synced["articles"]
    assert built["site"][:3] == synced["site"][:3]
    assert {k: v and v[0] for k, v in built["listings"].items()} == {
        k: v and v[0] for k, v in synced["listings"].items()
    }


def test_joomla_25_demo_cache(tmp_path):
    with Store(build_demo_cache(tmp_path / "cache", "j25")) as store:
        assert len(store.entries()) == 58
        assert len(flatten(store.site().menu)) == 9


def test_base_must_be_an_origin(tmp_path):
    with pytest.raises(ValueError, match="origin"):
        build_demo_cache(tmp_path / "cache", base="http://tgag.demo/sub/")
    with pytest.raises(ValueError, match="origin"):
        build_demo_cache(tmp_path / "cache", base="tgag.demo")


def test_a_demo_page_missing_is_an_error(tmp_path, monkeypatch):
    from tgagreader.demo import fixture

    class Broken(fixture._DemoFiles):
        def read(self, url: str) -> bytes:
            if "id=1392" in url:
                raise FixtureError(f"{url} is a 404 on the demo site")
            return super().read(url)

    monkeypatch.setattr(fixture, "_DemoFiles", Broken)
    with pytest.raises(FixtureError, match="1392"):
        build_demo_cache(tmp_path / "cache")


def test_synthetic_cache(tmp_path):
    path = build_synthetic_cache(tmp_path / "a", 120, categories=10)
    with Store(path) as store:
        entries = store.entries()
        assert len(entries) == 120
        assert [entry.id for entry in entries[:3]] == [120, 119, 118]
        menu = store.site().menu
        assert len(menu) == 10
        assert {entry.summary.category.key for entry in entries} <= {c.key for c in menu}
        article = store.get_article(7, touch=False)
        assert article is not None
        assert len(article.body) >= 5
        assert any(ch in article.title for ch in "ăâđêôơư")  # Vietnamese, with diacritics
    again = dump(build_synthetic_cache(tmp_path / "b", 120, categories=10))
    assert dump(path) == again
    other = dump(build_synthetic_cache(tmp_path / "c", 120, seed=8, categories=10))
    assert other["articles"] != again["articles"]
