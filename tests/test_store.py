import json
import os
import stat
from datetime import datetime, timedelta, timezone

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
    assert store.site()[2] == [CATEGORY]
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
