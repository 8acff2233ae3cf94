import json
import os
import sqlite3
import stat
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tgagreader.models import (
    Article,
    ArticleSummary,
    Category,
    Image,
    Link,
    Listing,
    Paragraph,
    SiteStats,
    Table,
)
from tgagreader.store import SCHEMA, Store, StoreError

ICT = timezone(timedelta(hours=7))
DAY = 86400
CATEGORY = Category(
    12,
    "cong-tac-dan-van",
    "Công tác dân vận",
    "http://h/index.php?option=com_content&view=category&id=12",
)


def make_article(number, *, day=1, complete=True, text="Nội dung", category=CATEGORY, hits=10):
    return Article(
        id=number,
        title=f"Bài {number}",
        url=f"http://h/index.php?option=com_content&view=article&id={number}",
        category=category,
        author=None,
        byline="Quốc Hùng",
        published=datetime(2014, 8, day, 8, 15, tzinfo=ICT),
        modified=None,
        hits=hits,
        summary="(TGAG)- Tóm tắt",
        body=(
            Paragraph(text, (Link("liên kết", "http://dangcongsan.vn/a"),)),
            Image("http://h/images/a.jpg", "Chú thích"),
            Table((("STT", "Huyện"), ("1", "Chợ Mới")), header=True),
        ),
        complete=complete,
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "cache") as opened:
        yield opened


def test_cache_directory_is_private(tmp_path):
    path = tmp_path / "new" / "cache"
    Store(path).close()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o700


def test_article_round_trip(store):
    article = make_article(1234)
    assert store.put_article(article) == "new"
    assert store.get_article(1234) == article
    assert store.put_article(article) == "unchanged"
    assert store.put_article(make_article(1234, text="Nội dung mới")) == "updated"
    assert store.get_article(1234).body[0].text == "Nội dung mới"


def test_values_are_json_not_pickle(store):
    store.put_article(make_article(1))
    raw = store._cache.get("article:1")
    assert raw["v"] == SCHEMA
    json.dumps(raw)  # plain JSON data all the way down


def test_incomplete_copy_never_replaces_a_complete_one(store):
    store.put_article(make_article(7))
    assert store.put_article(make_article(7, complete=False, text="cắt ngang")) == "kept"
    assert store.get_article(7).body[0].text == "Nội dung"
    store.put_article(make_article(8, complete=False))
    assert store.article_status(8) == (False, None)


def test_entries_newest_first_with_filters(store):
    other = Category(9, "tin-trong-tinh", "Tin trong tỉnh")
    for day in range(1, 6):
        store.put_article(make_article(day, day=day, category=CATEGORY if day % 2 else other))
    assert [e.id for e in store.entries()] == [5, 4, 3, 2, 1]
    assert [e.id for e in store.entries(limit=2)] == [5, 4]
    assert [e.id for e in store.entries(categories=["tin-trong-tinh"])] == [4, 2]
    assert [e.id for e in store.entries(categories=["12"])] == [5, 3, 1]
    since = datetime(2014, 8, 3, tzinfo=ICT)
    assert [e.id for e in store.entries(since=since)] == [5, 4, 3]
    store.set_read(5)
    assert [e.id for e in store.entries(unread_only=True)] == [4, 3, 2, 1]
    assert store.category_counts()["12"] == (3, 2)


def test_hits_from_listings_update_without_refetch(store):
    store.put_article(make_article(3, hits=10))
    store.update_hits({3: 99})
    assert store.get_article(3).hits == 99
    assert store.entries()[0].summary.hits == 99


def test_reader_state_survives_clearing_the_cache(store):
    store.put_article(make_article(3))
    store.set_read(3)
    store.set_bookmark(3)
    store.set_position(3, 42)
    store.clear()
    assert store.get_article(3) is None
    assert store.state(3) == (True, True, 42)
    store.clear(keep_state=False)
    assert store.state(3) == (False, False, 0)


def test_eviction_is_least_recently_read_and_spares_bookmarks(store):
    for number in range(1, 6):
        store.put_article(make_article(number, day=number), fetched_at=number)
    store.set_bookmark(1)  # the oldest, but bookmarked
    store.get_article(2)  # read just now: kept over 3, 4, 5
    size = store._db.execute("SELECT size FROM tgag_article WHERE id = 1").fetchone()[0]
    dropped = store.evict(size_limit=size * 2)
    assert dropped == 3
    assert store.cached_ids() == {1, 2}


def test_announced_articles_are_remembered(store):
    assert store.unannounced([1, 2, 3]) == [1, 2, 3]
    store.mark_announced([1, 2])
    assert store.unannounced([3, 2, 1]) == [3]


def test_listings_site_and_stats(store):
    listing = Listing(
        CATEGORY,
        (ArticleSummary(5, "Bài", "http://h/a"),),
        page=2,
        page_count=3,
        next_url="http://h/b",
    )
    store.put_listing("12", 2, listing)
    assert store.get_listing("12", 2)[0] == listing
    store.put_site("http://h/", "TGAG", [CATEGORY])
    assert store.site().menu == [CATEGORY]
    store.add_stats(SiteStats(93, 0, 36731382, {"Các bài viết": "1200"}), fetched_at=1.0)
    store.add_stats(SiteStats(95, 1, 36731400), fetched_at=2.0)
    history = store.stats_history()
    assert [s.guests_online for _, s in history] == [93, 95]
    assert history[0][1].other == {"Các bài viết": "1200"}


def test_entries_from_a_future_schema_are_ignored(store):
    store.put_article(make_article(4))
    store._cache.set("article:4", {"v": SCHEMA + 1, "article": {"id": "nonsense"}})
    assert store.get_article(4) is None


def test_damaged_entry_is_unreadable_not_fatal(store):
    store._cache.set("article:10", {"v": SCHEMA, "article": {"id": "x"}})
    assert store.get_article(10) is None


def test_index_is_rebuilt_from_values(store):
    store.put_article(make_article(1))
    store.put_article(make_article(2, day=2))
    store._db.execute("DELETE FROM tgag_article")
    assert store.rebuild_index() == 2
    assert [e.id for e in store.entries()] == [2, 1]


def test_a_damaged_cache_is_set_aside_and_reading_state_kept(tmp_path):
    path = tmp_path / "cache"
    with Store(path) as store:
        store.put_article(make_article(1))
        store.set_bookmark(1)
        store.set_read(1)
    (path / "cache.db").write_bytes(b"this is not sqlite" * 100)
    for leftover in ("cache.db-wal", "cache.db-shm"):
        (path / leftover).unlink(missing_ok=True)
    with Store(path) as store:
        assert len(store.notices) == 1
        assert "damaged" in store.notices[0]
        assert "read marks and bookmarks are kept" in store.notices[0]
        assert store.get_article(1) is None  # comes back with the next sync
        assert store.state(1) == (True, True, 0)
        store.put_article(make_article(2))
        assert store.cached_ids() == {2}
    assert (path / "cache.db.damaged").read_bytes().startswith(b"this is not sqlite")


def test_a_damaged_state_file_is_reported(tmp_path):
    path = tmp_path / "cache"
    with Store(path) as store:
        store.put_article(make_article(1))
        store.set_bookmark(1)
    (path / "state.db").write_bytes(b"garbage" * 500)
    with Store(path) as store:
        assert "read marks and bookmarks were lost" in store.notices[0]
        assert store.get_article(1) is not None
        assert store.state(1) == (False, False, 0)


def test_storage_errors_become_one_line_store_errors(tmp_path):
    with Store(tmp_path / "cache") as store:
        store.put_article(make_article(1))
        store._db.execute("PRAGMA max_page_count = 1")  # a full disk, as SQLite sees it
        big = make_article(2, text="x" * 500_000)
        with pytest.raises(StoreError, match=r"no space left.*tgag cache clear"):
            store.put_article(big)
        assert store.get_article(1) is not None


def test_two_stores_on_one_directory(tmp_path):
    first, second = Store(tmp_path / "c"), Store(tmp_path / "c")
    first.put_article(make_article(1))
    assert second.get_article(1) is not None
    second.set_bookmark(1)
    assert first.state(1)[1]
    first.close()
    second.close()


# -- threads, unreadable values, interrupted writes, a busy cache, pruning -------------------------


def test_every_thread_reads_the_reader_state(tmp_path):
    """The reader refreshes in a new thread each time; each thread has its own connection, and
    a finished thread's connection may be freed and its address reused by the next one's."""
    path = tmp_path / "cache"
    with Store(path) as store:
        store.put_article(make_article(1))
        store.set_bookmark(1)
    failures: list[BaseException] = []

    def read(store: Store) -> None:
        try:
            assert store.state(1)[1]
            store.evict()
        except BaseException as error:  # reported by the main thread
            failures.append(error)

    for writing in (False, True):  # the index's own connections, then diskcache's
        with Store(path) as store:
            if writing:
                store.put_article(make_article(2, day=2))
            for _ in range(30):
                worker = threading.Thread(target=read, args=(store,))
                worker.start()
                worker.join()
    assert failures == []


@pytest.mark.parametrize("damage", ["lost", "damaged"])
def test_an_unreadable_article_is_stored_again_when_fetched(store, damage):
    article = make_article(1)
    store.put_article(article)
    if damage == "lost":  # what a `cache clear` killed half-way leaves behind
        store._cache.delete("article:1")
    else:
        store._db.execute("UPDATE Cache SET value = X'00'")
    assert store.get_article(1) is None
    # Still listed, but no longer complete: sync fetches it again, and the copy is written.
    assert store.article_status(1) == (False, None)
    assert store.put_article(article) == "updated"
    assert store.get_article(1) == article
    assert store.article_status(1) == (True, None)


def test_a_cache_damaged_after_diskcache_was_opened_is_started_afresh(tmp_path):
    """Damage found while diskcache is open (in the tables' DDL or an index rebuild, after a
    version change): the cache is set aside and a new one opened. Simulated by the steps
    `Store.__init__` takes then, as no file can be damaged at exactly that moment on purpose."""
    path = tmp_path / "cache"
    store = Store(path)
    store.put_article(make_article(1))  # diskcache is open
    (path / "cache.db").write_bytes(b"this is not sqlite" * 100)
    for leftover in ("cache.db-wal", "cache.db-shm"):
        (path / leftover).unlink(missing_ok=True)
    store._set_aside_damaged("simulated")
    store._prepare()
    assert store.put_article(make_article(2)) == "new"
    assert store.get_article(2) == make_article(2)
    assert store.cached_ids() == {2}
    store.close()
    assert (path / "cache.db.damaged").exists()


def test_an_index_rebuild_killed_half_way_is_done_again(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    with Store(path) as store:
        for number in (1, 2, 3):
            store.put_article(make_article(number, day=number))
        store._db.execute("UPDATE tgag_meta SET value = '0' WHERE key = 'schema'")
    original = Store._index
    indexed = 0

    def killed_after_one(self, *args):
        nonlocal indexed
        indexed += 1
        if indexed == 2:
            raise KeyboardInterrupt  # as good as a kill -9 for what is on disk
        original(self, *args)

    monkeypatch.setattr(Store, "_index", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        Store(path)
    monkeypatch.setattr(Store, "_index", original)
    with Store(path) as store:
        assert store.cached_ids() == {1, 2, 3}
        assert [found.entry.id for found in store.search("bai 2")] == [2]


def test_clear_is_all_or_nothing(store):
    store.put_article(make_article(1))
    db = store._db
    # The index cannot be emptied (a kill at that moment, as far as the cache can tell).
    db.execute(
        "CREATE TEMP TRIGGER interrupt BEFORE DELETE ON main.tgag_article"
        " BEGIN SELECT RAISE(ABORT, 'interrupted'); END"
    )
    with pytest.raises(StoreError):
        store.clear()
    db.execute("DROP TRIGGER interrupt")
    assert store.cached_ids() == {1}
    assert store.get_article(1) == make_article(1)  # the value was not removed either


def test_a_busy_cache_is_a_one_line_store_error(tmp_path):
    path = tmp_path / "cache"
    with Store(path, timeout=0.1) as store:
        store.put_article(make_article(1))
        other = sqlite3.connect(path / "cache.db")
        other.execute("BEGIN IMMEDIATE")  # another process writing, for longer than we wait
        try:
            for write in (
                lambda: store.put_site("http://h/", "TGAG", [CATEGORY]),
                lambda: store.put_listing("12", 1, Listing(CATEGORY, ())),
                lambda: store.clear(),
                lambda: store.put_article(make_article(2)),
                lambda: store.mark_announced([1]),
            ):
                with pytest.raises(StoreError, match=r"^the cache at .* is busy"):
                    write()
        finally:
            other.rollback()
            other.close()
        assert store.get_article(1) is not None


def test_two_processes_creating_the_cache_directory_at_once(tmp_path, monkeypatch):
    path = tmp_path / "new" / "cache"
    original = Path.mkdir

    def the_other_process_first(self, *args, **kwargs):
        if self == path and not path.exists():
            original(self, parents=True)  # the other process wins the race
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", the_other_process_first)
    Store(path).close()
    assert (path / "cache.db").exists()


def test_article_sizes_are_counted_one_way(store):
    store.put_article(make_article(1, text="Công tác dân vận của hệ thống chính trị " * 50))
    sizes = "SELECT size FROM tgag_article WHERE id = 1"
    stored = store._db.execute(sizes).fetchone()[0]
    value = store._cache.get("article:1")["article"]
    assert stored >= len(json.dumps(value, ensure_ascii=False).encode()) - len('"hits": 10, ')
    store._db.execute("DELETE FROM tgag_article")
    store.rebuild_index()
    assert store._db.execute(sizes).fetchone()[0] == stored


def test_old_history_is_thinned_and_old_failures_dropped(store):
    now = time.time()
    month_ago = (int(now) - 30 * DAY) // 3600 * 3600  # the start of an hour
    for minutes in range(0, 60, 10):  # six syncs within an hour, a month ago, and just now
        store.add_stats(SiteStats(minutes, 0, 1), fetched_at=month_ago + minutes * 60)
        store.add_stats(SiteStats(minutes, 0, 2), fetched_at=now - 3600 + minutes * 60)
    store.record_failure("http://h/gone", "HTTP 404")
    store.record_failure("http://h/failing", "HTTP 503 after 4 attempts")
    store._db.execute("UPDATE tgag_failure SET at = ? WHERE url = 'http://h/gone'", (month_ago,))
    for url, when in (("http://h/old-page", month_ago), ("http://h/page", now)):
        store.put_page_info(url, etag='"e"', last_modified=None, status=200, fetched_at=when)

    store.evict()

    history = store.stats_history()
    assert [(s.guests_online, s.article_hits) for _when, s in history] == [
        (0, 1),  # the first snapshot of that hour is kept
        *((minutes, 2) for minutes in range(0, 60, 10)),
    ]
    assert [failure.url for failure in store.failures()] == ["http://h/failing"]
    assert store.page_info("http://h/old-page") is None
    assert store.page_info("http://h/page") is not None


def test_a_read_only_cache_does_not_remember_announcements(tmp_path):
    with Store(tmp_path / "cache") as store:
        store.put_article(make_article(1))
    with Store(tmp_path / "cache") as store:
        store.read_only = True  # as a cache on read-only storage is opened
        store.mark_announced([1])  # `latest --new` works, as `_state` lets it
        assert store.unannounced([1]) == [1]


def test_newest_first_without_a_sort_of_its_own(store):
    undated = replace(make_article(3), published=None)
    for article in (make_article(1, day=1), undated, make_article(2, day=2)):
        store.put_article(article)
    statements: list[str] = []
    store._db.set_trace_callback(statements.append)
    assert [entry.id for entry in store.entries(limit=20)] == [2, 1, 3]  # undated ones last
    store._db.set_trace_callback(None)
    (query,) = [sql for sql in statements if sql.startswith("SELECT")]
    plan = store._db.execute("EXPLAIN QUERY PLAN " + query).fetchall()
    assert not any("TEMP B-TREE" in row[-1] for row in plan), plan  # the index gives the order
