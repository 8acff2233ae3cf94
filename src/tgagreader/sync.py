"""The one orchestrator of network → parse → store.

A sync reads the front page (menu, statistics, featured articles), then each category's
listing pages, newest first, and fetches the articles that are not cached yet, were cut off
last time, or whose listing shows a newer modification date. Joomla rarely sends ETag or
Last-Modified, so "unchanged" is decided from what the cache holds and what the listings say,
and conditional requests are a bonus when the server offers them. A category's older pages are
not walked once a page brings nothing new, unless the next page was never walked or still lists
articles that are missing or cut off (what an interrupted sync leaves behind).

Every article is stored in its own transaction, so an interrupted sync (Ctrl-C, kill -9) leaves
a consistent cache and the next sync fetches what is still missing; a page's validators are kept
only once what it brought is stored. A failed fetch or parse is recorded with its URL and reason
and never replaces a cached article; an error of the cache itself (a full disk) stops the whole
sync at once.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import errno
import time
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from tgagreader.fetch import Fetcher, FetchError, FetchResult, FetchSettings, NetworkError
from tgagreader.models import Article, ArticleSummary, Category, Listing
from tgagreader.site import parse
from tgagreader.site.urls import site_root
from tgagreader.store import Store, StoreError

try:  # POSIX only; elsewhere two syncs simply do not wait for each other
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class SyncOptions:
    pages: int = 2
    """Listing pages walked per category (`all_pages` walks every page)."""
    all_pages: bool = False
    categories: tuple[str, ...] | None = None
    """Only these categories (keys or aliases); None means all of the menu."""
    start_page: int = 1
    """First listing page to walk (the reader asks for older pages on demand)."""
    front_page: bool = True
    settings: FetchSettings = field(default_factory=FetchSettings)
    lock_timeout: float | None = None
    """Seconds to wait for another sync of the same cache; None waits as long as it takes,
    0 gives up at once."""


@dataclass(frozen=True, slots=True)
class SyncEvent:
    """Progress: `done` of `total` planned requests, and what just happened."""

    kind: str  # "start", "page", "article", "failure", "waiting", "done"
    url: str
    done: int
    total: int
    detail: str = ""


@dataclass(slots=True)
class SyncSummary:
    pages_fetched: int = 0
    not_modified: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    """Articles fetched again (cut off, or listed as modified) that had not changed."""
    failed: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0
    elapsed: float = 0.0
    skipped: bool = False

    def line(self) -> str:
        """The one-line summary printed at the end of a sync."""
        if self.skipped:
            return "another sync is running on this cache; nothing done"
        return (
            f"{self.pages_fetched} pages fetched, {self.not_modified} unchanged (304), "
            f"{self.new} new, {self.updated} updated, {len(self.failed)} failed "
            f"in {self.elapsed:.1f} s"
        )


class SiteUnreachable(Exception):
    """The front page (or, for `fetch_article`, the article) could not be fetched at all."""

    def __init__(self, reason: str, summary: SyncSummary | None = None) -> None:
        super().__init__(reason)
        self.summary = summary if summary is not None else SyncSummary()
        """What the sync did until then."""


Progress = Callable[[SyncEvent], None]
T = TypeVar("T")
_CUT_OFF = "the page was cut off; will fetch it again next time"


class _Run:
    """The state of one sync."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        site: str,
        options: SyncOptions,
        progress: Progress | None,
        group: asyncio.TaskGroup | None = None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.site = site
        self.options = options
        self.progress = progress
        self.group = group
        """Where listed articles are fetched, each as its own task (None: nothing is queued)."""
        self.summary = SyncSummary()
        self.planned = 0
        self.done = 0
        self.queued: set[int] = set()
        self.cached = store.cached_ids()
        self.network_error = False

    def emit(self, kind: str, url: str, detail: str = "") -> None:
        if self.progress is not None:
            self.progress(SyncEvent(kind, url, self.done, max(self.planned, self.done), detail))

    def fail(self, url: str, reason: str) -> None:
        self.summary.failed.append((url, reason))
        self.store.record_failure(url, reason)
        self.emit("failure", url, reason)

    async def get(self, url: str, *, conditional: bool = True) -> FetchResult | None:
        """Fetch a page, sending its stored validators if `conditional`. None when it failed
        (the failure is recorded). Validators are not saved here (see `remember`)."""
        info = self.store.page_info(url) if conditional else None
        failure: FetchError | None = None
        try:
            result = await self.fetcher.get(
                url,
                etag=info.etag if info else None,
                last_modified=info.last_modified if info else None,
            )
        except FetchError as error:
            failure = error
        self.done += 1
        if failure is not None:
            self.network_error = self.network_error or isinstance(failure, NetworkError)
            self.fail(url, failure.reason)
            return None
        if result.not_modified:
            self.summary.not_modified += 1
        else:
            self.summary.pages_fetched += 1
        if result.status >= 400:
            self.fail(url, f"HTTP {result.status}")
            return None
        return result

    async def fresh(
        self, url: str, cached: Callable[[], T | None]
    ) -> tuple[FetchResult | None, T | None]:
        """The front page or a listing, asked for conditionally: (the response, None), or
        (None, `cached()`) when the server says the page has not changed. A 304 for a page whose
        copy is gone (lost, unreadable) is asked again without validators."""
        result = await self.get(url)
        if result is not None and result.not_modified:
            copy = cached()
            if copy is not None:
                self.remember(url, result)
                return None, copy
            result = await self.get(url, conditional=False)
        return result, None

    def remember(self, url: str, result: FetchResult) -> None:
        """Keep a page's validators for the next conditional GET, once what the page brought is
        stored: saved any sooner, a page cut off (or a sync killed before storing it) would be
        answered 304 next time, and its stale copy used for good."""
        self.store.put_page_info(
            url, etag=result.etag, last_modified=result.last_modified, status=result.status
        )

    # -- the front page ------------------------------------------------------------------------

    async def front_page(self) -> list[Category]:
        url = site_root(self.site)
        self.planned += 1
        self.emit("start", url)
        result, cached = await self.fresh(url, self.cached_front_page)
        if cached is not None:
            menu, listing = cached
            if listing is not None:
                self.consider(listing.articles, "front page")
            return menu
        if result is None:
            raise SiteUnreachable(self.summary.failed[-1][1], self.summary)
        partial: list[Category] = []
        try:
            parsed = _page(result)
            front = parse.front_page_from(parsed)
            partial = list(front.menu)
            _check_whole(parsed)
            if not front.menu and front.listing is None:
                raise parse.UnexpectedPage(url, "no menu and no articles on the front page")
        except parse.ParseError as error:
            self.fail(url, error.reason)
            return self.store.site().menu or partial
        self.store.clear_failure(url)
        menu = list(front.menu)
        if not menu and front.listing is not None:
            menu = _categories_of(front.listing)
        self.store.put_site(self.site, front.site_name, menu)
        if front.stats is not None:
            self.store.add_stats(front.stats)
        if front.listing is not None:
            self.store.put_listing("front", 1, front.listing)
            self.consider(front.listing.articles, "front page")
        self.remember(url, result)
        self.emit("page", url, "front page")
        return menu

    def cached_front_page(self) -> tuple[list[Category], Listing | None] | None:
        """The menu and the front page's articles from the last sync; None without a menu."""
        menu = self.store.site().menu
        if not menu:
            return None
        listing = self.store.get_listing("front", 1)
        return menu, listing[0] if listing is not None else None

    # -- listings ------------------------------------------------------------------------------

    async def category(self, category: Category) -> None:
        url = category.url
        page = 1
        while url is not None:
            if page >= self.options.start_page:
                self.planned += 1
                listing = await self.listing(category, page, url)
                if listing is None:
                    return
                fresh = self.consider(listing.articles, category.name)
                last = (
                    not self.options.all_pages
                    and page >= self.options.start_page + self.options.pages - 1
                )
                if last or listing.next_url is None:
                    return
                if not (fresh or self.options.all_pages or self.older_page_needed(category, page)):
                    return
                url = listing.next_url
            else:
                cached = self.store.get_listing(category.key, page)
                if cached is None or cached[0].next_url is None:
                    return
                url = cached[0].next_url
            page += 1

    def older_page_needed(self, category: Category, page: int) -> bool:
        """Whether the page after `page`, which brought nothing new, must still be walked: it was
        never walked (a sync interrupted before it), or it lists articles still missing or cut
        off (an interrupted sync, a failed fetch)."""
        cached = self.store.get_listing(category.key, page + 1)
        return cached is None or any(
            item.id not in self.queued and self.needs_fetch(item) for item in cached[0].articles
        )

    async def listing(self, category: Category, page: int, url: str) -> Listing | None:
        result, cached = await self.fresh(url, lambda: self.store.get_listing(category.key, page))
        if cached is not None:
            return cached[0]
        if result is None:
            return None
        try:
            parsed = _page(result)
            listing = parse.listing_from(parsed)
            _check_whole(parsed)
        except parse.ParseError as error:
            self.fail(url, error.reason)
            return None
        self.store.clear_failure(url)
        self.store.put_listing(category.key, page, listing)
        self.store.update_hits(
            {item.id: item.hits for item in listing.articles if item.hits is not None}
        )
        self.remember(url, result)
        self.emit("page", url, f"{category.name} {page}/{listing.page_count}")
        return listing

    def consider(self, items: tuple[ArticleSummary, ...], where: str) -> bool:
        """Queue the listed articles that need fetching; True if any did."""
        assert self.group is not None, "articles are queued only during a sync"
        fresh = False
        for item in items:
            if item.id in self.queued:
                continue
            if not self.needs_fetch(item):
                continue
            fresh = True
            self.queued.add(item.id)
            self.planned += 1
            self.group.create_task(self.article(item))
        return fresh

    def needs_fetch(self, item: ArticleSummary) -> bool:
        if item.id not in self.cached:
            return True
        status = self.store.article_status(item.id)
        if status is None:
            return True
        complete, modified = status
        if not complete:
            return True
        return item.modified is not None and (
            modified is None or item.modified.isoformat() > modified
        )

    # -- articles ------------------------------------------------------------------------------

    async def article(self, item: ArticleSummary) -> Article | None:
        """Fetch and store a listed article (all its pages). Returns it as stored (under the
        listing's id: see `reconcile`), or None when it failed (the failure is recorded)."""
        result = await self.get(item.url, conditional=False)
        if result is None:
            return None
        try:
            article = parse.article_from(_page(result))
            if article.pages:
                article = await self.other_pages(article)
        except parse.ParseError as error:
            self.fail(item.url, error.reason)
            return None
        if article is None:
            return None
        article = reconcile(article, item)
        change = self.store.put_article(article)
        if change == "kept":
            self.fail(item.url, "the page was cut off; the complete cached copy is kept")
            return None
        if article.complete:
            self.store.clear_failure(item.url)
        else:
            self.fail(item.url, _CUT_OFF)
        if change == "new":
            self.summary.new += 1
        elif change == "updated":
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1
        self.cached.add(article.id)
        self.emit("article", item.url, article.title)
        return article

    async def other_pages(self, first: Article) -> Article | None:
        self.planned += len(first.pages)
        pages: list[Article] = []
        for url in first.pages:
            result = await self.get(url, conditional=False)
            if result is None:
                return None
            pages.append(parse.article_from(_page(result)))
        return parse.merge_pages(first, pages)


async def sync(
    store: Store,
    site: str,
    options: SyncOptions | None = None,
    progress: Progress | None = None,
) -> SyncSummary:
    """Bring the cache up to date with the site. Raises `SiteUnreachable` when the front page
    cannot be fetched (with the summary in its `summary`), and `StoreError` when the cache
    cannot be written (every fetch then stops at once)."""
    options = options or SyncOptions()
    started = time.monotonic()
    async with _sync_lock(store.path, options.lock_timeout, progress) as acquired:
        if not acquired:
            return SyncSummary(skipped=True)
        async with Fetcher(site=site, settings=options.settings) as fetcher:
            run = _Run(store, fetcher, site, options, progress)
            try:
                await _crawl(run)
            finally:
                run.summary.elapsed = time.monotonic() - started
                run.summary.requests = fetcher.stats.requests
        # Still under the lock: no other sync starts before this one is recorded, and no two
        # evictions overlap. Not after an error or Ctrl-C: an interrupted sync is not a sync.
        store.mark_synced()
        store.evict()
    run.emit("done", site, run.summary.line())
    return run.summary


async def _crawl(run: _Run) -> None:
    """The front page, then every category's listings, all at once; each listed article is its
    own task, started as soon as a page lists it. An error that is not one page's failure (a
    full disk, a bug) cancels every other task at once, and is raised as it is."""
    try:
        async with asyncio.TaskGroup() as group:
            run.group = group
            menu = await run.front_page() if run.options.front_page else run.store.site().menu
            categories = flatten_menu(menu)
            if run.options.categories is not None:
                wanted = set(run.options.categories)
                categories = [c for c in categories if c.key in wanted or c.alias in wanted]
            for category in categories:
                group.create_task(run.category(category))
    except ExceptionGroup as errors:
        raise errors.exceptions[0] from None


def fetch_article(
    store: Store, site: str, url: str, options: SyncOptions | None = None
) -> tuple[Article | None, str]:
    """Fetch one article (all its pages) into the cache: `tgag read` of an uncached id or URL.
    Returns the article, or None and the reason it could not be had; raises `SiteUnreachable`
    when the site could not be reached at all."""
    from tgagreader.site.urls import article_id, synthetic_id

    options = options or SyncOptions()

    async def run() -> tuple[Article | None, str]:
        async with Fetcher(site=site, settings=options.settings) as fetcher:
            job = _Run(store, fetcher, site, options, None)
            number = article_id(url) or synthetic_id(url)
            article = await job.article(ArticleSummary(id=number, title="", url=url))
            if job.summary.failed:
                reason = job.summary.failed[-1][1]
                if job.network_error:
                    raise SiteUnreachable(reason, job.summary)
                return None, reason
            return article, ""

    return asyncio.run(run())


def run_sync(
    store: Store, site: str, options: SyncOptions | None = None, progress: Progress | None = None
) -> SyncSummary:
    """`sync` for callers without an event loop (the CLI)."""
    return asyncio.run(sync(store, site, options, progress))


def _check_whole(page: parse.Page) -> None:
    """Raises `TruncatedPage` for a body that stopped early without saying so (delimited by
    the connection's close): a listing or front page cut off is not stored at all."""
    if page.is_truncated:
        raise parse.TruncatedPage(page.url, _CUT_OFF)


def _page(result: FetchResult) -> parse.Page:
    """The fetched page, parsed once; raises `ParseError` for a body that is no web page at all
    (an image or a PDF where a page was expected), which the parser would call cut off."""
    head = result.content[:1024]
    if (
        head.strip()
        and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        and (b"\x00" in head or b"<" not in head)
    ):
        kind = (result.content_type or "").split(";")[0].strip() or "no Content-Type"
        raise parse.ParseError(result.url, f"not an HTML page ({kind})")
    return parse.parse_page(result.content, result.url, result.content_type)


def flatten_menu(menu: Iterable[Category]) -> list[Category]:
    """The menu's categories that have a listing, parents before children, each URL once:
    what a sync walks."""
    found: list[Category] = []
    seen: set[str] = set()

    def visit(category: Category) -> None:
        if category.url and category.url not in seen:
            seen.add(category.url)
            found.append(category)
        for child in category.children:
            visit(child)

    for category in menu:
        visit(category)
    return found


def _categories_of(listing: Listing) -> list[Category]:
    """A menu for sites whose navigation tgagreader cannot read: the categories the front
    page's articles name."""
    found: dict[str, Category] = {}
    for item in listing.articles:
        if item.category is not None and item.category.url:
            found.setdefault(item.category.url, item.category)
    return list(found.values())


def reconcile(article: Article, item: ArticleSummary) -> Article:
    """Fill what the article page did not show from what the listing showed."""
    changes: dict[str, object] = {}
    if article.id != item.id:
        # The listing's id is the one sync and `tgag read URL` look the article up by (both
        # derive it from the URL); a page may name another (its real id behind an id-less URL).
        changes["id"] = item.id
    if not article.category.alias and item.category is not None:
        changes["category"] = item.category
    if article.published is None and item.published is not None:
        changes["published"] = item.published
    if article.hits is None and item.hits is not None:
        changes["hits"] = item.hits
    return replace(article, **changes) if changes else article


@contextlib.asynccontextmanager
async def _sync_lock(
    directory: Path, timeout: float | None, progress: Progress | None
) -> AsyncIterator[bool]:
    """One sync per cache at a time: the TUI's background refresh and cron's `tgag sync` take
    turns instead of fetching every page twice. Yields False when `timeout` ran out first."""
    if fcntl is None:
        yield True
        return
    path = directory / "sync.lock"
    try:
        handle = open(path, "a")  # noqa: SIM115 - closed by the `with` below
    except OSError as error:
        raise StoreError(_cannot_lock(directory, error)) from error
    with handle:
        deadline = None if timeout is None else time.monotonic() + timeout
        told = False
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if deadline is not None and time.monotonic() >= deadline:
                    yield False
                    return
                if not told and progress is not None:
                    progress(SyncEvent("waiting", str(path), 0, 0, "waiting for another sync"))
                    told = True
                await asyncio.sleep(0.2)
            except OSError as error:  # a file system without locks
                raise StoreError(_cannot_lock(directory, error)) from error
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _cannot_lock(directory: Path, error: OSError) -> str:
    reason = error.strerror or str(error)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"the cache at {directory} is read-only (cannot open sync.lock: {reason}); "
            "use --cache-dir to pick another"
        )
    return f"cannot lock the cache at {directory}: {reason}"
