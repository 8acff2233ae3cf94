"""The one orchestrator of network → parse → store.

A sync reads the front page (menu, statistics, featured articles), then each category's
listing pages, newest first, and fetches the articles that are not cached yet, were cut off
last time, or whose listing shows a newer modification date. Joomla rarely sends ETag or
Last-Modified, so "unchanged" is decided from what the cache holds and what the listings say,
and conditional requests are a bonus when the server offers them. A category's older pages are
not walked once a page brings nothing new, unless the next page was never walked or still lists
articles that are missing or cut off (what an interrupted sync leaves behind).

Every article is stored in its own transaction, so an interrupted sync (Ctrl-C, kill -9) leaves
a consistent cache and the next sync fetches what is still missing. A failed fetch or parse is
recorded with its URL and reason and never replaces a cached article.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import os
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tgagreader.fetch import Fetcher, FetchError, FetchResult, FetchSettings, NetworkError
from tgagreader.models import Article, ArticleSummary, Category, Listing
from tgagreader.site import parse
from tgagreader.site.urls import site_root
from tgagreader.store import Store

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
    failed: list[tuple[str, str]] = field(default_factory=list)
    requests: int = 0
    elapsed: float = 0.0
    reachable: bool = True
    interrupted: bool = False
    skipped: bool = False

    def line(self) -> str:
        """The one-line summary printed at the end of a sync."""
        if self.skipped:
            return "another sync is running on this cache; nothing done"
        text = (
            f"{self.pages_fetched} pages fetched, {self.not_modified} unchanged (304), "
            f"{self.new} new, {self.updated} updated, {len(self.failed)} failed "
            f"in {self.elapsed:.1f} s"
        )
        return text + (" (interrupted)" if self.interrupted else "")


class SiteUnreachable(Exception):
    """The front page could not be fetched at all."""


Progress = Callable[[SyncEvent], None]


class _Run:
    """The state of one sync."""

    def __init__(
        self,
        store: Store,
        fetcher: Fetcher,
        site: str,
        options: SyncOptions,
        progress: Progress | None,
    ) -> None:
        self.store = store
        self.fetcher = fetcher
        self.site = site
        self.options = options
        self.progress = progress
        self.summary = SyncSummary()
        self.planned = 0
        self.done = 0
        self.queued: set[int] = set()
        self.tasks: list[asyncio.Task[None]] = []
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
        """Fetch a page, recording validators and failures. None when it failed."""
        info = self.store.page_info(url) if conditional else None
        try:
            result = await self.fetcher.get(
                url,
                etag=info.etag if info else None,
                last_modified=info.last_modified if info else None,
            )
        except FetchError as error:
            self.done += 1
            self.network_error = self.network_error or isinstance(error, NetworkError)
            self.fail(url, error.reason)
            return None
        self.done += 1
        if result.not_modified:
            self.summary.not_modified += 1
        else:
            self.summary.pages_fetched += 1
        if result.status >= 400:
            self.fail(url, f"HTTP {result.status}")
            return None
        self.store.put_page_info(
            url,
            etag=result.etag,
            last_modified=result.last_modified,
            status=result.status,
        )
        return result

    # -- the front page ------------------------------------------------------------------------

    async def front_page(self) -> list[Category]:
        url = site_root(self.site)
        self.planned += 1
        self.emit("start", url)
        result = await self.get(url)
        if result is None:
            self.summary.reachable = False
            raise SiteUnreachable(self.summary.failed[-1][1] if self.summary.failed else url)
        if result.not_modified:
            _site, _name, menu, _when = self.store.site()
            cached = self.store.get_listing("front", 1)
            if cached is not None:
                self.consider(cached[0].articles, "front page")
            return menu
        partial: list[Category] = []
        try:
            parsed = _page(result)
            front = parse.front_page_from(parsed)
            partial = list(front.menu)
            if parsed.is_truncated:  # a close-delimited body that stopped early
                raise parse.TruncatedPage(
                    url, "the page was cut off; will fetch it again next time"
                )
            if not front.menu and front.listing is None:
                raise parse.UnexpectedPage(url, "no menu and no articles on the front page")
        except parse.ParseError as error:
            self.fail(url, error.reason)
            return self.store.site()[2] or partial
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
        self.emit("page", url, "front page")
        return menu

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
        result = await self.get(url)
        if result is None:
            return None
        if result.not_modified:
            cached = self.store.get_listing(category.key, page)
            if cached is not None:
                return cached[0]
            result = await self.get(url, conditional=False)
            if result is None:
                return None
        try:
            parsed = _page(result)
            listing = parse.listing_from(parsed)
            if parsed.is_truncated:  # a close-delimited body that stopped early
                raise parse.TruncatedPage(
                    url, "the page was cut off; will fetch it again next time"
                )
        except parse.ParseError as error:
            self.fail(url, error.reason)
            return None
        self.store.clear_failure(url)
        self.store.put_listing(category.key, page, listing)
        self.store.update_hits(
            {item.id: item.hits for item in listing.articles if item.hits is not None}
        )
        self.emit("page", url, f"{category.name} {page}/{listing.page_count}")
        return listing

    def consider(self, items: tuple[ArticleSummary, ...], where: str) -> bool:
        """Queue the listed articles that need fetching; True if any did."""
        fresh = False
        for item in items:
            if item.id in self.queued:
                continue
            if not self.needs_fetch(item):
                continue
            fresh = True
            self.queued.add(item.id)
            self.planned += 1
            self.tasks.append(asyncio.create_task(self.article(item)))
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

    async def article(self, item: ArticleSummary) -> None:
        result = await self.get(item.url, conditional=False)
        if result is None:
            return
        try:
            article = parse.article_from(_page(result))
            if article.pages:
                article = await self.other_pages(article)
        except parse.ParseError as error:
            self.fail(item.url, error.reason)
            return
        if article is None:
            return
        article = reconcile(article, item)
        change = self.store.put_article(article)
        if change == "kept":
            self.fail(item.url, "the page was cut off; the complete cached copy is kept")
            return
        if article.complete:
            self.store.clear_failure(item.url)
        else:
            self.fail(item.url, "the page was cut off; will fetch it again next time")
        if change == "new":
            self.summary.new += 1
        elif change == "updated":
            self.summary.updated += 1
        else:
            self.summary.unchanged += 1
        self.cached.add(article.id)
        self.emit("article", item.url, article.title)

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
    cannot be fetched (the summary is then in the exception's `summary` attribute)."""
    options = options or SyncOptions()
    started = time.monotonic()
    with _sync_lock(store.path, options.lock_timeout, progress) as acquired:
        if not acquired:
            return SyncSummary(skipped=True)
        async with Fetcher(site=site, settings=options.settings) as fetcher:
            run = _Run(store, fetcher, site, options, progress)
            try:
                await _crawl(run)
            except SiteUnreachable as error:
                run.summary.elapsed = time.monotonic() - started
                run.summary.requests = fetcher.stats.requests
                error.summary = run.summary  # type: ignore[attr-defined]
                raise
            except (asyncio.CancelledError, KeyboardInterrupt):
                run.summary.interrupted = True
                for task in run.tasks:
                    task.cancel()
                raise
            finally:
                run.summary.elapsed = time.monotonic() - started
                run.summary.requests = fetcher.stats.requests
    if not run.summary.interrupted:
        store.mark_synced()
        store.evict()
    run.emit("done", site, run.summary.line())
    return run.summary


async def _crawl(run: _Run) -> None:
    menu = await run.front_page() if run.options.front_page else run.store.site()[2]
    categories = flatten_menu(menu)
    if run.options.categories is not None:
        wanted = set(run.options.categories)
        categories = [c for c in categories if c.key in wanted or c.alias in wanted]
    await _all(run.category(category) for category in categories)
    # Articles discovered late are queued while earlier ones run; wait until none are left.
    while run.tasks:
        tasks, run.tasks = run.tasks, []
        await _all(tasks)


async def _all(work: Iterable[Awaitable[None]]) -> None:
    """Run everything to its end, then raise the first error (a full disk, say): no task is
    left running against a closed client, none has an error nobody looked at."""
    for result in await asyncio.gather(*work, return_exceptions=True):
        if isinstance(result, BaseException):
            raise result


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
            await job.article(ArticleSummary(id=number, title="", url=url))
            if job.summary.failed:
                if job.network_error:
                    raise SiteUnreachable(job.summary.failed[-1][1])
                return None, job.summary.failed[-1][1]
            return store.get_article(number), ""

    return asyncio.run(run())


def run_sync(
    store: Store, site: str, options: SyncOptions | None = None, progress: Progress | None = None
) -> SyncSummary:
    """`sync` for callers without an event loop (the CLI)."""
    return asyncio.run(sync(store, site, options, progress))


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


@contextlib.contextmanager
def _sync_lock(directory: Path, timeout: float | None, progress: Progress | None) -> Iterator[bool]:
    """One sync per cache at a time: the TUI's background refresh and cron's `tgag sync` take
    turns instead of fetching every page twice."""
    if fcntl is None:
        yield True
        return
    path = directory / "sync.lock"
    with open(path, "a+") as handle:
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
                time.sleep(0.2)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
