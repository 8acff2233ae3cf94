"""The offline cache: everything sync fetched and everything the reader did, on disk.

Two SQLite files in one directory (mode 0700):

* `cache.db`: a diskcache store of JSON values (articles, listings, the front page; no pickle)
  plus tables tgagreader keeps in the same file: an index of articles (what lists, `latest` and
  unread counts read without decoding a single article), page validators and fetch times,
  statistics history and parse failures. An article's value and its index row are written in
  one transaction, so a sync killed at any point leaves them consistent.
* `state.db`: what the reader did (read marks, bookmarks, reading positions, which articles
  `latest --new` has announced). It is kept apart because it cannot be fetched again: clearing
  or rebuilding the cache leaves it alone.

Values carry a schema version; an entry from a newer tgagreader is ignored, never fatal (and
fetched again). Eviction, after each sync, is least-recently-read and never touches a
bookmarked article; it also thins the history every sync adds to (statistics, failures).
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import sqlite3
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from tgagreader import search
from tgagreader.codec import (
    article_from_dict,
    article_to_dict,
    category_from_dict,
    category_to_dict,
    from_iso,
    iso,
    listing_from_dict,
    listing_to_dict,
    stats_from_dict,
    stats_to_dict,
    summary_of,
)
from tgagreader.config import DEFAULT_CACHE_SIZE
from tgagreader.models import Article, ArticleSummary, Category, Listing, SiteStats

SCHEMA = 1
DAY = 86400.0
STATS_THINNED_AFTER = 7 * DAY
"""Statistics snapshots older than this are thinned to the first of each hour."""
FORGOTTEN_AFTER = 30 * DAY
"""Failures not seen again, and validators of pages not fetched again, for this long are dropped."""

_INDEX_SCHEMA = """
CREATE TABLE IF NOT EXISTS tgag_article (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    category_key TEXT NOT NULL,
    category_id INTEGER,
    category_alias TEXT NOT NULL,
    category_name TEXT NOT NULL,
    published TEXT,
    modified TEXT,
    hits INTEGER,
    author TEXT,
    summary TEXT NOT NULL,
    image TEXT,
    complete INTEGER NOT NULL,
    digest TEXT NOT NULL,
    size INTEGER NOT NULL,
    fetched_at REAL NOT NULL,
    last_read REAL
);
CREATE INDEX IF NOT EXISTS tgag_article_newest ON tgag_article (published DESC, id DESC);
CREATE INDEX IF NOT EXISTS tgag_article_category ON tgag_article (category_key, published DESC);
CREATE TABLE IF NOT EXISTS tgag_page (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    status INTEGER,
    fetched_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS tgag_stats (fetched_at REAL PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tgag_failure (
    url TEXT PRIMARY KEY,
    reason TEXT NOT NULL,
    at REAL NOT NULL,
    count INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS tgag_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_STATE_SCHEMA = """
CREATE TABLE IF NOT EXISTS tgag_state (
    id INTEGER PRIMARY KEY,
    read_at REAL,
    bookmarked_at REAL,
    position INTEGER NOT NULL DEFAULT 0,
    announced_at REAL
);
"""
_WITH_STATE = "LEFT JOIN state.tgag_state s ON s.id = a.id"
_ENTRY_COLUMNS = (
    "a.id, a.title, a.url, a.category_id, a.category_alias, a.category_name, a.published,"
    " a.modified, a.hits, a.author, a.summary, a.image, a.complete, a.fetched_at,"
    " s.read_at, s.bookmarked_at"
)


class StoreError(Exception):
    """The cache cannot be used; the message says why and what to do, in one line."""


@dataclass(frozen=True, slots=True)
class Entry:
    """An article as a list shows it, with what the reader did with it."""

    summary: ArticleSummary
    read: bool
    bookmarked: bool
    complete: bool
    fetched_at: float

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True, slots=True)
class Found:
    """A search result: the article, the passage that matches, the matches' spans in it, and
    whether the accents matched as typed."""

    entry: Entry
    snippet: str
    spans: tuple[tuple[int, int], ...]
    exact: bool


class SiteInfo(NamedTuple):
    """What the last sync learnt of the site itself."""

    url: str | None
    name: str | None
    menu: list[Category]
    fetched_at: float | None


@dataclass(frozen=True, slots=True)
class PageInfo:
    """The HTTP validators the last fetch of a page left behind, for a conditional GET."""

    etag: str | None
    last_modified: str | None


@dataclass(frozen=True, slots=True)
class Failure:
    url: str
    reason: str
    at: float
    count: int


@dataclass(frozen=True, slots=True)
class CacheInfo:
    path: Path
    size_bytes: int
    size_limit: int
    articles: int
    incomplete: int
    listings: int
    bookmarks: int
    read: int
    failures: int
    stats_snapshots: int
    last_sync: float | None


class Store:
    """The cache directory, opened. Safe to use from several processes at once (SQLite WAL):
    readers never wait for a sync, and a sync's writes are short transactions."""

    def __init__(
        self,
        directory: Path | str,
        *,
        size_limit: int = DEFAULT_CACHE_SIZE,
        timeout: float = 10.0,
    ) -> None:
        self.path = Path(directory).expanduser()
        self.size_limit = size_limit
        """Bytes of article JSON (uncompressed) that `evict` keeps the cache to."""
        self.notices: list[str] = []
        """One-line messages about what opening the cache had to repair (for the views)."""
        self._timeout = timeout
        self._diskcache: Any = None
        self._local = threading.local()
        with _explained(self.path, "open"):
            _make_private_directory(self.path)
        # A cache on read-only storage (a mounted copy, a locked-down account) can still be
        # read, as long as this tgagreader wrote it (an index of another version would have to
        # be rebuilt): SQLite opens it immutable, values are read without diskcache, nothing is
        # saved, and `cache info` (which counts diskcache's values) is refused.
        self.read_only = (self.path / "cache.db").exists() and not os.access(self.path, os.W_OK)
        with _explained(self.path, "open"):
            if not (self.path / "cache.db").exists():
                self._open_values()  # a new cache: diskcache creates its file first
            try:
                self._prepare()
            except sqlite3.DatabaseError as error:
                if self.read_only or not _is_damage(error):
                    raise
                self._set_aside_damaged(str(error))
                self._prepare()

    # -- plumbing ------------------------------------------------------------------------------
    #
    # Values (articles, listings) live in a diskcache store; tgagreader's own tables (the index,
    # validators, statistics) live in the same SQLite file, so that a value and its index row
    # commit in one transaction on diskcache's connection. Diskcache itself is opened only when
    # a value is read or written: `tgag latest` answers from the index alone, with a plain
    # SQLite connection, and so neither imports diskcache nor writes at start-up.

    @property
    def _cache(self) -> Any:
        if self._diskcache is None:
            if self.read_only:
                raise StoreError(_explain(sqlite3.OperationalError("readonly"), self.path))
            with _explained(self.path, "open"):
                self._open_values()
        return self._diskcache

    def _set_aside_damaged(self, reason: str) -> None:
        """A damaged database is renamed `<name>.damaged` and a new one started: articles come
        back with the next sync; read marks and bookmarks, kept apart, are kept when readable."""
        self.close()
        damaged = []
        for name in ("cache.db", "state.db"):
            path = self.path / name
            if path.exists() and not _readable_database(path):
                damaged.append(name)
                for suffix in ("", "-wal", "-shm"):
                    source = self.path / (name + suffix)
                    if source.exists():
                        source.replace(self.path / (name + suffix + ".damaged"))
        if "cache.db" in damaged:
            for folder in self.path.iterdir():  # diskcache's files of big values, now orphans
                if folder.is_dir() and len(folder.name) == 2:
                    import shutil

                    shutil.rmtree(folder, ignore_errors=True)
            self._open_values()
        lost = (
            "read marks and bookmarks were lost"
            if "state.db" in damaged
            else ("read marks and bookmarks are kept")
        )
        self.notices.append(
            f"the cache at {self.path} was damaged ({reason}); it was set aside as "
            f"{' and '.join(d + '.damaged' for d in damaged) or 'nothing'} and is refilled at "
            f"the next sync; {lost}"
        )

    def _open_values(self) -> None:
        if self._diskcache is not None:
            return
        import diskcache

        self._diskcache = diskcache.Cache(
            str(self.path),
            timeout=self._timeout,
            disk=diskcache.JSONDisk,
            eviction_policy="none",  # tgagreader evicts itself: it knows what is bookmarked
            size_limit=2**62,
            disk_compress_level=1,
        )

    @property
    def _db(self) -> sqlite3.Connection:
        if self._diskcache is not None:
            connection: sqlite3.Connection = self._diskcache._con  # one per thread
        else:
            connection = getattr(self._local, "connection", None)
            if connection is None:
                connection = sqlite3.connect(
                    self._uri("cache.db"), timeout=self._timeout, isolation_level=None, uri=True
                )
                self._local.connection = connection
        # The connection itself is kept, not its id(): a finished thread's connection is freed,
        # and the next thread's (the reader refreshes in a new one each time) may get its id.
        if getattr(self._local, "attached", None) is not connection:
            connection.execute("ATTACH DATABASE ? AS state", (self._uri("state.db"),))
            self._local.attached = connection
        return connection

    def _uri(self, name: str) -> str:
        path = (self.path / name).resolve().as_posix().replace("?", "%3f").replace("#", "%23")
        return f"file:{path}?mode=ro&immutable=1" if self.read_only else f"file:{path}"

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._cache.transact():
            yield self._db

    def _prepare(self) -> None:
        db = self._db
        version = self._meta("schema")
        state_ready = db.execute(
            "SELECT 1 FROM state.sqlite_master WHERE type = 'table' AND name = 'tgag_state'"
        ).fetchone()
        search_version = self._meta("search")
        if not db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tgag_fts'"
        ).fetchone():
            search_version = None  # the index is missing (deleted): build it again
        if version == str(SCHEMA) and search_version == str(search.SCHEMA) and state_ready:
            return  # the usual case: nothing to create, no write at start-up
        self._open_values()  # tables are created through diskcache's connection
        db = self._db
        if version is not None and version != str(SCHEMA):
            # An index from another tgagreader version: drop it and rebuild from the values.
            for table in ("tgag_article", "tgag_page", "tgag_failure"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
        if search_version != str(search.SCHEMA):
            db.execute("DROP TABLE IF EXISTS tgag_fts")  # missing, or of another version
        db.executescript(_INDEX_SCHEMA)
        db.executescript(search.DDL)
        db.executescript(_STATE_SCHEMA.replace("tgag_state", "state.tgag_state"))
        if version != str(SCHEMA) or search_version != str(search.SCHEMA):
            self.rebuild_index()
            # Only now: a rebuild cut short (kill -9) is done again at the next start.
            self._set_meta("schema", str(SCHEMA))
            self._set_meta("search", str(search.SCHEMA))

    def _meta(self, key: str) -> str | None:
        try:
            row = self._db.execute("SELECT value FROM tgag_meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO tgag_meta VALUES (?, ?)", (key, value))

    def _get(self, key: str) -> dict | None:
        """A value of this schema version, or None (missing, unreadable or from the future)."""
        # SQLite's own errors are not caught: they are the database's damage, not one value's,
        # and are reported as such.
        try:
            value = self._read_only_value(key) if self.read_only else self._cache.get(key)
        except (ValueError, OSError, zlib.error):
            return None
        if not isinstance(value, dict) or value.get("v") != SCHEMA:
            return None
        return value

    def _read_only_value(self, key: str) -> object:
        """A value read the way diskcache's JSONDisk wrote it (opening diskcache would write)."""
        stored_key = zlib.compress(json.dumps(key).encode("utf-8"), 1)
        row = self._db.execute(
            "SELECT mode, filename, value FROM Cache WHERE key = ? AND raw = 1", (stored_key,)
        ).fetchone()
        if row is None:
            return None
        mode, filename, value = row
        data = bytes(value) if mode == 1 else (self.path / filename).read_bytes()
        return json.loads(zlib.decompress(data).decode("utf-8"))

    def close(self) -> None:
        if self._diskcache is not None:
            self._diskcache.close()
            # A closed diskcache reconnects by itself, to whatever file is there then: after
            # `_set_aside_damaged`, a new empty one without diskcache's tables.
            self._diskcache = None
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None
        self._local.attached = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- articles ------------------------------------------------------------------------------

    def put_article(self, article: Article, *, fetched_at: float | None = None) -> str:
        """Store an article. Returns "new", "updated", "unchanged" or "kept" (an incomplete copy
        never replaces a complete one)."""
        fetched_at = time.time() if fetched_at is None else fetched_at
        data = article_to_dict(article)
        digest, size = _fingerprint(data)
        with self._transaction() as db:
            row = db.execute(
                "SELECT digest, complete FROM tgag_article WHERE id = ?", (article.id,)
            ).fetchone()
            if row is not None and row[1] and not article.complete:
                return "kept"
            if row is not None and row[0] == digest:
                db.execute(
                    "UPDATE tgag_article SET fetched_at = ?, hits = ? WHERE id = ?",
                    (fetched_at, article.hits, article.id),
                )
                return "unchanged"
            self._cache.set(
                f"article:{article.id}", {"v": SCHEMA, "fetched_at": fetched_at, "article": data}
            )
            self._index(db, article, digest, size, fetched_at)
            return "new" if row is None else "updated"

    def _index(
        self, db: sqlite3.Connection, article: Article, digest: str, size: int, fetched_at: float
    ) -> None:
        summary = summary_of(article)
        search.index(db, article)
        db.execute(
            "INSERT INTO tgag_article (id, title, url, category_key, category_id, category_alias,"
            " category_name, published, modified, hits, author, summary, image, complete, digest,"
            " size, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(id) DO UPDATE SET title = excluded.title, url = excluded.url,"
            " category_key = excluded.category_key, category_id = excluded.category_id,"
            " category_alias = excluded.category_alias, category_name = excluded.category_name,"
            " published = excluded.published, modified = excluded.modified, hits = excluded.hits,"
            " author = excluded.author, summary = excluded.summary, image = excluded.image,"
            " complete = excluded.complete, digest = excluded.digest, size = excluded.size,"
            " fetched_at = excluded.fetched_at",
            (
                article.id,
                article.title,
                article.url,
                article.category.key,
                article.category.id,
                article.category.alias,
                article.category.name,
                iso(article.published),
                iso(article.modified),
                article.hits,
                summary.author,
                article.summary,
                summary.image,
                int(article.complete),
                digest,
                size,
                fetched_at,
            ),
        )

    def get_article(self, article_id: int, *, touch: bool = True) -> Article | None:
        """The cached article, or None. `touch` records the read for eviction."""
        article = _article_of(self._get(f"article:{article_id}"))
        if article is None:
            self._unreadable(article_id)
            return None
        row = self._db.execute(
            "SELECT hits FROM tgag_article WHERE id = ?", (article_id,)
        ).fetchone()
        if row is not None and row[0] is not None and row[0] != article.hits:
            article = replace(article, hits=row[0])  # listings refresh the count more often
        if touch:
            with contextlib.suppress(sqlite3.OperationalError):
                self._db.execute(
                    "UPDATE tgag_article SET last_read = ? WHERE id = ?", (time.time(), article_id)
                )
        return article

    def _unreadable(self, article_id: int) -> None:
        """An indexed article whose value cannot be read (damaged, lost by a `clear` cut short,
        written by a newer tgagreader) is marked incomplete and changed: sync then fetches it
        again, and `put_article` writes the new copy instead of finding it unchanged."""
        if self.read_only:
            return
        row = self._db.execute(
            "SELECT digest FROM tgag_article WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None or not row[0]:
            return  # not cached (no write for a miss), or marked already
        with contextlib.suppress(sqlite3.OperationalError):  # busy: the next read marks it
            self._db.execute(
                "UPDATE tgag_article SET complete = 0, digest = '' WHERE id = ?", (article_id,)
            )

    def article_status(self, article_id: int) -> tuple[bool, str | None] | None:
        """(complete, modified ISO date) of a cached article, or None when it is not cached."""
        row = self._db.execute(
            "SELECT complete, modified FROM tgag_article WHERE id = ?", (article_id,)
        ).fetchone()
        return (bool(row[0]), row[1]) if row else None

    def cached_ids(self) -> set[int]:
        return {row[0] for row in self._db.execute("SELECT id FROM tgag_article")}

    def update_hits(self, hits: dict[int, int]) -> None:
        """Refresh view counts that a listing showed, without refetching the articles."""
        if not hits:
            return
        with self._transaction() as db:
            db.executemany(
                "UPDATE tgag_article SET hits = ? WHERE id = ?", [(h, i) for i, h in hits.items()]
            )

    def entries(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        categories: Iterable[str] | None = None,
        since: datetime | None = None,
        unread_only: bool = False,
        ids: Iterable[int] | None = None,
    ) -> list[Entry]:
        """Cached articles, newest first (undated ones last: SQLite sorts NULL lowest), filtered."""
        where, params = _filters(categories, since, unread_only, ids)
        sql = f"SELECT {_ENTRY_COLUMNS} FROM tgag_article a {_WITH_STATE}{where}"
        sql += " ORDER BY a.published DESC, a.id DESC"  # the order of tgag_article_newest
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params.extend([limit, offset])
        return [_entry(row) for row in self._db.execute(sql, params)]

    def count(self) -> int:
        """Articles in the cache."""
        return int(self._db.execute("SELECT COUNT(*) FROM tgag_article").fetchone()[0])

    def totals(self) -> tuple[int, int]:
        """(articles, unread) in the whole cache, in one query."""
        row = self._db.execute(
            "SELECT COUNT(*), COALESCE(SUM(s.read_at IS NULL), 0)"
            f" FROM tgag_article a {_WITH_STATE}"
        ).fetchone()
        return int(row[0]), int(row[1])

    def category_counts(self) -> dict[str, tuple[int, int]]:
        """(articles, unread) by category key and by alias."""
        counts: dict[str, tuple[int, int]] = {}
        rows = self._db.execute(
            "SELECT a.category_key, a.category_alias, COUNT(*), SUM(s.read_at IS NULL)"
            f" FROM tgag_article a {_WITH_STATE} GROUP BY a.category_key, a.category_alias"
        )
        for key, alias, total, unread in rows:
            for name in {key, alias}:
                old = counts.get(name, (0, 0))
                counts[name] = (old[0] + total, old[1] + (unread or 0))
        return counts

    def search(
        self, text: str, *, limit: int = 20, categories: Iterable[str] | None = None
    ) -> list[Found]:
        """Cached articles matching `text` (see `tgagreader.search`), best first, each with the
        passage that matches and where the matches are in it."""
        query = search.parse_query(text)
        hits = search.search(self._db, query, limit=limit, categories=categories)
        if not hits:
            return []
        ids = [hit.id for hit in hits]
        entries = {entry.id: entry for entry in self.entries(ids=ids)}
        marks = ",".join("?" * len(ids))
        bodies = dict(
            self._db.execute(f"SELECT rowid, body FROM tgag_fts WHERE rowid IN ({marks})", ids)
        )
        found = []
        for hit in hits:
            entry = entries.get(hit.id)
            if entry is None:
                continue
            passage, spans = search.snippet(bodies.get(hit.id) or entry.summary.summary, query)
            found.append(Found(entry, passage, tuple(spans), hit.exact))
        return found

    def rebuild_index(self) -> int:
        """Rebuild the article index from the stored values (after a schema change or damage)."""
        count = 0
        keys = [
            key
            for key in self._cache.iterkeys()
            if isinstance(key, str) and key.startswith("article:")
        ]
        for key in keys:
            value = self._get(key)
            article = _article_of(value)
            if value is None or article is None:
                continue
            digest, size = _fingerprint(value["article"])
            with self._transaction() as db:
                self._index(db, article, digest, size, float(value.get("fetched_at") or 0))
            count += 1
        return count

    # -- listings and the front page -----------------------------------------------------------

    def put_listing(
        self, key: str, page: int, listing: Listing, *, fetched_at: float | None = None
    ) -> None:
        value = {
            "v": SCHEMA,
            "fetched_at": time.time() if fetched_at is None else fetched_at,
            "listing": listing_to_dict(listing),
        }
        self._cache.set(f"listing:{key}:{page}", value)

    def get_listing(self, key: str, page: int) -> tuple[Listing, float] | None:
        value = self._get(f"listing:{key}:{page}")
        if value is None:
            return None
        try:
            return listing_from_dict(value["listing"]), float(value["fetched_at"])
        except (KeyError, TypeError, ValueError):
            return None

    def put_site(
        self,
        site: str,
        name: str | None,
        menu: Iterable[Category],
        *,
        fetched_at: float | None = None,
    ) -> None:
        self._cache.set(
            "site",
            {
                "v": SCHEMA,
                "site": site,
                "name": name,
                "menu": [category_to_dict(category) for category in menu],
                "fetched_at": time.time() if fetched_at is None else fetched_at,
            },
        )

    def site(self) -> SiteInfo:
        """The site's address, name and category menu from the last sync, and when fetched."""
        value = self._get("site")
        if value is None:
            return SiteInfo(None, None, [], None)
        try:
            menu = [category_from_dict(item) for item in value.get("menu") or ()]
        except (KeyError, TypeError, ValueError):
            menu = []
        return SiteInfo(value.get("site"), value.get("name"), menu, value.get("fetched_at"))

    # -- pages (validators, fetch times) and failures ------------------------------------------

    def page_info(self, url: str) -> PageInfo | None:
        row = self._db.execute(
            "SELECT etag, last_modified FROM tgag_page WHERE url = ?", (url,)
        ).fetchone()
        return PageInfo(*row) if row else None

    def put_page_info(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        status: int,
        fetched_at: float | None = None,
    ) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO tgag_page VALUES (?, ?, ?, ?, ?)",
            (url, etag, last_modified, status, time.time() if fetched_at is None else fetched_at),
        )

    def record_failure(self, url: str, reason: str) -> None:
        self._db.execute(
            "INSERT INTO tgag_failure (url, reason, at) VALUES (?, ?, ?) ON CONFLICT(url) DO UPDATE"
            " SET reason = excluded.reason, at = excluded.at, count = count + 1",
            (url, reason, time.time()),
        )

    def clear_failure(self, url: str) -> None:
        self._db.execute("DELETE FROM tgag_failure WHERE url = ?", (url,))

    def failures(self) -> list[Failure]:
        rows = self._db.execute("SELECT url, reason, at, count FROM tgag_failure ORDER BY at DESC")
        return [Failure(*row) for row in rows]

    # -- sync bookkeeping ----------------------------------------------------------------------

    def mark_synced(self, when: float | None = None) -> None:
        self._set_meta("last_sync", repr(time.time() if when is None else when))

    def last_sync(self) -> float | None:
        value = self._meta("last_sync")
        return float(value) if value else None

    def add_stats(self, stats: SiteStats, *, fetched_at: float | None = None) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO tgag_stats VALUES (?, ?)",
            (
                time.time() if fetched_at is None else fetched_at,
                json.dumps(stats_to_dict(stats), ensure_ascii=False),
            ),
        )

    def stats_history(self, limit: int | None = None) -> list[tuple[float, SiteStats]]:
        """Statistics snapshots, oldest first (the last `limit` ones)."""
        sql = "SELECT fetched_at, data FROM tgag_stats ORDER BY fetched_at DESC"
        rows = self._db.execute(
            sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ()
        ).fetchall()
        history = []
        for fetched_at, data in reversed(rows):
            try:
                history.append((fetched_at, stats_from_dict(json.loads(data))))
            except (ValueError, TypeError):
                continue
        return history

    # -- what the reader did -------------------------------------------------------------------

    def _state(self, article_id: int, column: str, value: object) -> None:
        if self.read_only:
            return  # a read-only cache remembers nothing new; reading it is still allowed
        self._db.execute(
            f"INSERT INTO state.tgag_state (id, {column}) VALUES (?, ?)"
            f" ON CONFLICT(id) DO UPDATE SET {column} = excluded.{column}",
            (article_id, value),
        )

    def set_read(self, article_id: int, read: bool = True, *, at: float | None = None) -> None:
        self._state(article_id, "read_at", (time.time() if at is None else at) if read else None)

    def set_bookmark(
        self, article_id: int, bookmarked: bool = True, *, at: float | None = None
    ) -> None:
        moment = (time.time() if at is None else at) if bookmarked else None
        self._state(article_id, "bookmarked_at", moment)

    def set_position(self, article_id: int, position: int) -> None:
        self._state(article_id, "position", max(0, int(position)))

    def state(self, article_id: int) -> tuple[bool, bool, int]:
        """(read, bookmarked, reading position) of an article."""
        row = self._db.execute(
            "SELECT read_at, bookmarked_at, position FROM state.tgag_state WHERE id = ?",
            (article_id,),
        ).fetchone()
        return (row[0] is not None, row[1] is not None, row[2]) if row else (False, False, 0)

    def bookmarked_ids(self) -> list[int]:
        rows = self._db.execute(
            "SELECT id FROM state.tgag_state WHERE bookmarked_at IS NOT NULL"
            " ORDER BY bookmarked_at DESC"
        )
        return [row[0] for row in rows]

    def unannounced(self, ids: Iterable[int]) -> list[int]:
        """Those of `ids` that `latest --new` has not printed yet, in the given order."""
        wanted = list(ids)
        if not wanted:
            return []
        marks = ",".join("?" * len(wanted))
        done = {
            row[0]
            for row in self._db.execute(
                "SELECT id FROM state.tgag_state"
                f" WHERE announced_at IS NOT NULL AND id IN ({marks})",
                wanted,
            )
        }
        return [i for i in wanted if i not in done]

    def mark_announced(self, ids: Iterable[int]) -> None:
        if self.read_only:
            return  # as `_state`: `latest --new` still prints, it cannot remember
        now = time.time()
        with self._transaction():
            for article_id in ids:
                self._state(article_id, "announced_at", now)

    # -- maintenance ---------------------------------------------------------------------------

    def size(self) -> int:
        """Bytes on disk: the SQLite files and diskcache's spill-over files."""
        total = 0
        for root, _dirs, files in os.walk(self.path):
            for name in files:
                with contextlib.suppress(OSError):
                    total += os.path.getsize(os.path.join(root, name))
        return total

    def evict(self, size_limit: int | None = None) -> int:
        """Drop least-recently-read articles, never bookmarked ones, until the articles' JSON
        (UTF-8, uncompressed: not the files' size, which adds the search index and SQLite's
        own room) fits in `size_limit` bytes; and thin the history that every sync adds to
        (see `_prune`). Returns how many articles were dropped."""
        self._prune(time.time())
        limit = self.size_limit if size_limit is None else size_limit
        total = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM tgag_article").fetchone()[0]
        if total <= limit:
            return 0
        candidates = self._db.execute(
            f"SELECT a.id, a.size FROM tgag_article a {_WITH_STATE} WHERE s.bookmarked_at IS NULL"
            " ORDER BY MAX(COALESCE(a.last_read, 0), COALESCE(s.read_at, 0), a.fetched_at) ASC"
        ).fetchall()
        dropped = 0
        for article_id, size in candidates:
            if total <= limit:
                break
            with self._transaction() as db:
                self._cache.delete(f"article:{article_id}")
                db.execute("DELETE FROM tgag_article WHERE id = ?", (article_id,))
                search.remove(db, article_id)
            total -= size
            dropped += 1
        return dropped

    def _prune(self, now: float) -> None:
        """Statistics older than a week are thinned to one snapshot an hour (the first), and
        failures and page validators not seen for a month are dropped: a sync every few
        minutes would otherwise grow these tables for ever."""
        with self._transaction() as db:
            db.execute(
                "DELETE FROM tgag_stats WHERE fetched_at < :old AND fetched_at NOT IN"
                " (SELECT MIN(fetched_at) FROM tgag_stats WHERE fetched_at < :old"
                " GROUP BY CAST(fetched_at / 3600 AS INTEGER))",
                {"old": now - STATS_THINNED_AFTER},
            )
            db.execute("DELETE FROM tgag_failure WHERE at < ?", (now - FORGOTTEN_AFTER,))
            db.execute("DELETE FROM tgag_page WHERE fetched_at < ?", (now - FORGOTTEN_AFTER,))

    def clear(self, *, keep_state: bool = True) -> None:
        """Remove everything fetched; keep read marks and bookmarks unless told otherwise."""
        # One transaction: cut short, it leaves no index row without its value behind.
        with self._transaction() as db:
            self._cache.clear()
            for table in ("tgag_article", "tgag_page", "tgag_stats", "tgag_failure", "tgag_fts"):
                db.execute(f"DELETE FROM {table}")
            db.execute("DELETE FROM tgag_meta WHERE key NOT IN ('schema', 'search')")
            if not keep_state:
                db.execute("DELETE FROM state.tgag_state")

    def info(self) -> CacheInfo:
        db = self._db

        def scalar(sql: str) -> int:
            return int(db.execute(sql).fetchone()[0] or 0)

        listings = sum(
            1
            for key in self._cache.iterkeys()
            if isinstance(key, str) and key.startswith("listing:")
        )
        return CacheInfo(
            path=self.path,
            size_bytes=self.size(),
            size_limit=self.size_limit,
            articles=scalar("SELECT COUNT(*) FROM tgag_article"),
            incomplete=scalar("SELECT COUNT(*) FROM tgag_article WHERE complete = 0"),
            listings=listings,
            bookmarks=scalar(
                "SELECT COUNT(*) FROM state.tgag_state WHERE bookmarked_at IS NOT NULL"
            ),
            read=scalar("SELECT COUNT(*) FROM state.tgag_state WHERE read_at IS NOT NULL"),
            failures=scalar("SELECT COUNT(*) FROM tgag_failure"),
            stats_snapshots=scalar("SELECT COUNT(*) FROM tgag_stats"),
            last_sync=self.last_sync(),
        )


def _filters(
    categories: Iterable[str] | None,
    since: datetime | None,
    unread_only: bool,
    ids: Iterable[int] | None,
) -> tuple[str, list[object]]:
    """The WHERE clause of `entries`, and its parameters."""
    where: list[str] = []
    params: list[object] = []
    if categories is not None:
        condition, keys = search.category_clause(categories)
        where.append(condition)
        params.extend(keys)
    if since is not None:
        where.append("a.published >= ?")
        params.append(iso(since))
    if unread_only:
        where.append("s.read_at IS NULL")
    if ids is not None:
        wanted = list(ids)
        where.append(f"a.id IN ({','.join('?' * len(wanted)) or 'NULL'})")
        params.extend(wanted)
    return (" WHERE " + " AND ".join(where) if where else ""), params


def _entry(row: tuple) -> Entry:
    (
        article_id,
        title,
        url,
        category_id,
        alias,
        name,
        published,
        modified,
        hits,
        author,
        summary,
        image,
        complete,
        fetched_at,
        read_at,
        bookmarked_at,
    ) = row
    return Entry(
        summary=ArticleSummary(
            id=article_id,
            title=title,
            url=url,
            published=from_iso(published),
            modified=from_iso(modified),
            hits=hits,
            summary=summary,
            image=image,
            author=author,
            category=Category(category_id, alias, name),
        ),
        read=read_at is not None,
        bookmarked=bookmarked_at is not None,
        complete=bool(complete),
        fetched_at=fetched_at,
    )


def _article_of(value: dict[str, Any] | None) -> Article | None:
    """The article in a stored value, or None when there is none or it cannot be read."""
    if value is None:
        return None
    try:
        return article_from_dict(value["article"])
    except (KeyError, TypeError, ValueError):
        return None


def _fingerprint(data: dict[str, Any]) -> tuple[str, int]:
    """(digest, size) of a stored article, from one serialisation. The digest decides whether
    an article changed, so it covers everything but the view count; the size is what eviction
    counts: the JSON's UTF-8 bytes, uncompressed."""
    import hashlib  # only writers need it; `tgag latest` starts without

    content = {key: value for key, value in data.items() if key != "hits"}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.blake2b(text, digest_size=16).hexdigest(), len(text)


def _make_private_directory(path: Path) -> None:
    try:
        path.mkdir(parents=True, mode=0o700)
    except FileExistsError:
        return  # made earlier, or just now by another tgag starting at the same time
    path.chmod(0o700)  # mkdir's mode is filtered by the umask


def remove_cache(directory: Path | str, *, keep_state: bool = True) -> None:
    """Remove a cache's files without opening it (for a cache too damaged to open or clear);
    `state.db`, the reader's marks and bookmarks, stays unless `keep_state` is false."""
    import shutil

    path = Path(directory).expanduser()
    if not path.is_dir():
        return
    for item in path.iterdir():
        if keep_state and item.name.startswith("state.db") and not item.name.endswith(".damaged"):
            continue
        if item.is_dir():
            shutil.rmtree(item, ignore_errors=True)
        else:
            item.unlink(missing_ok=True)


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    message = str(error).lower()
    # (a text cell that is not UTF-8 any more: scribbled over inside an intact page)
    return any(sign in message for sign in ("not a database", "malformed", "corrupt", "decode"))


def _is_busy(error: Exception) -> bool:
    """Whether this is diskcache's Timeout: another process held the database too long."""
    diskcache = sys.modules.get("diskcache")  # not imported: it cannot have raised anything
    return diskcache is not None and isinstance(error, diskcache.Timeout)


def _readable_database(path: Path) -> bool:
    try:
        connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
        try:
            return connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return False


@contextlib.contextmanager
def _explained(path: Path, doing: str = "use") -> Iterator[None]:
    """SQLite's, the file system's and diskcache's errors as a one-line `StoreError`."""
    try:
        yield
    except StoreError:
        raise
    except sqlite3.DatabaseError as error:
        # SQLite undoes a transaction that hit a full disk itself; diskcache's ROLLBACK then
        # fails and hides the reason, which is in the context.
        cause = error.__context__
        if "cannot rollback" in str(error) and isinstance(cause, sqlite3.DatabaseError):
            raise StoreError(_explain(cause, path)) from cause
        raise StoreError(_explain(error, path)) from error
    except OSError as error:
        if error.errno == errno.ENOSPC:
            raise StoreError(_explain(sqlite3.OperationalError("disk is full"), path)) from error
        raise StoreError(
            f"cannot {doing} the cache at {path}: {error.strerror or error}"
        ) from error
    except Exception as error:
        if not _is_busy(error):
            raise
        raise StoreError(_explain(sqlite3.OperationalError("database is locked"), path)) from error


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    """A store method whose errors become a one-line `StoreError` (see `_explained`)."""

    @functools.wraps(method)
    def guarded(self: Store, *args: Any, **kwargs: Any) -> Any:
        with _explained(self.path):
            return method(self, *args, **kwargs)

    return guarded


# Every public method: callers (the CLI, the reader, sync) get a StoreError they can show in one
# line, whatever SQLite or the disk said.
for _name, _member in list(vars(Store).items()):
    if callable(_member) and not _name.startswith("_"):
        setattr(Store, _name, _guarded(_member))


def _explain(error: sqlite3.DatabaseError, path: Path) -> str:
    # Without the undecodable text SQLite quotes: its bytes would go to the terminal.
    message = str(error).split(" with text ", 1)[0]
    if _is_damage(error):
        return f"the cache at {path} is damaged ({message}); run `tgag cache clear` to start afresh"
    if "locked" in message:
        return f"the cache at {path} is busy (locked by another process); try again"
    if "readonly" in message or "read-only" in message:
        return f"the cache at {path} is read-only ({message}); use --cache-dir to pick another"
    if "disk is full" in message or "database or disk is full" in message:
        return f"no space left for the cache at {path}; free some space or run `tgag cache clear`"
    return f"cannot use the cache at {path} ({message})"
