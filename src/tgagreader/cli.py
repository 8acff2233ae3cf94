"""`tgag`: the command line. Scripts and cron jobs get text, JSON, JSONL or TSV; `tgag` alone
opens the reader.

Imports are lazy on purpose: `tgag latest` answered from the cache loads neither httpx nor
Textual (together they cost about 300 ms of start-up); the network and the TUI are imported
only by the commands that use them.

Exit codes: 0 success; 1 runtime failure (a sync with failures, after its summary); 2 usage or
configuration error; 3 the site is unreachable and nothing is cached to show; 130 interrupted
(Ctrl-C), as shells report a process ended by SIGINT.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import re
import sys
import time
from typing import TYPE_CHECKING, Any, NoReturn

from tgagreader import __version__

if TYPE_CHECKING:
    from datetime import datetime

    from tgagreader.config import Config
    from tgagreader.demo.server import DemoServer
    from tgagreader.models import Article, Category, SiteStats
    from tgagreader.store import Entry, Store
    from tgagreader.sync import Progress, SyncEvent, SyncOptions, SyncSummary

EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class Failure(Exception):
    """A one-line error for stderr and its exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.code = code


# -- output -----------------------------------------------------------------------------------

_SGR = {
    "title": "1",
    "heading": "1",
    "meta": "36",
    "link": "34",
    "dim": "2",
    "id": "33",
}


class Output:
    """stdout with colour only for a terminal that wants it (not piped, no NO_COLOR)."""

    def __init__(self, stream: Any = None) -> None:
        self.stream = stream or sys.stdout
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        # no-color.org: NO_COLOR set to anything but the empty string turns colour off.
        self.color = (
            self.tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        )

    @property
    def width(self) -> int:
        return terminal_columns(self.stream) if self.tty else 80

    def style(self, text: str, kind: str) -> str:
        code = _SGR.get(kind)
        return f"\x1b[{code}m{text}\x1b[0m" if self.color and code else text

    def write(self, text: str = "") -> None:
        self.stream.write(text if text.endswith("\n") else text + "\n")


def _json(data: Any, **options: Any) -> str:
    import json  # only the JSON formats pay for it

    return json.dumps(data, **options)


def warn(message: str) -> None:
    sys.stderr.write(f"tgag: {message}\n")


# -- context: configuration, cache, site ------------------------------------------------------


class Context:
    """What every command needs, created on first use."""

    def __init__(self, args: argparse.Namespace, config: Config) -> None:
        self.args = args
        self.config = config
        self.out = Output()
        self._store: Store | None = None
        self._demo: DemoServer | None = None

    @property
    def offline(self) -> bool:
        return bool(self.args.offline)

    @property
    def site(self) -> str:
        if self.args.demo and self._demo is None:
            from tgagreader.demo.server import DemoServer

            generation = os.environ.get("TGAG_DEMO_GENERATION", "j3")
            try:
                self._demo = DemoServer(generation).start()
            except ValueError as error:  # an unknown TGAG_DEMO_GENERATION
                raise Failure(f"TGAG_DEMO_GENERATION: {error}", EXIT_USAGE) from error
            except OSError as error:
                raise Failure(
                    f"cannot serve the demo site on 127.0.0.1: {error.strerror or error}"
                ) from error
        return self._demo.url if self._demo is not None else self.config.site

    @property
    def store(self) -> Store:
        if self._store is None:
            from tgagreader.store import Store, StoreError

            try:
                self._store = Store(self.config.cache_dir, size_limit=self.config.cache_size)
            except StoreError as error:
                raise Failure(str(error)) from error
            for notice in self._store.notices:
                warn(f"warning: {notice}")
        return self._store

    def sync_options(self, *, concurrency: int | None = None, **changes: Any) -> SyncOptions:
        """The sync options the configuration gives, with `changes` to SyncOptions' fields."""
        from tgagreader.fetch import FetchSettings
        from tgagreader.sync import SyncOptions

        settings = FetchSettings(
            concurrency=concurrency or self.config.concurrency,
            delay=0.0 if self.args.demo else self.config.delay,
            read_timeout=self.config.timeout,
            total_timeout=max(60.0, 3 * self.config.timeout),  # the cap must not undercut it
            retries=self.config.retries,
        )
        return SyncOptions(**{"pages": self.config.pages, "settings": settings, **changes})

    def drop_store(self) -> None:
        """Close the cache (the next use opens it again); the demo server keeps running."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        self.drop_store()
        if self._demo is not None:
            self._demo.stop()


def unreachable_message(ctx: Context, reason: str) -> str:
    return (
        f"cannot reach {ctx.site} ({reason}) and nothing is cached yet; "
        "set the site's address with --site URL (or TGAG_SITE), or try `tgag --demo`"
    )


def refresh(ctx: Context, **changes: Any) -> SyncSummary | None:
    """Sync before answering: `latest` when the last sync is older than the TTL, `categories`
    and `stats` when the cache has nothing for them. Silent unless `-v` (the answer is the
    output). Returns None when the site could not be reached; warns instead of failing when
    the cache has something to show."""
    from tgagreader.sync import SiteUnreachable, run_sync

    progress = _progress_lines if ctx.args.verbose and not ctx.args.quiet else None
    try:
        return run_sync(ctx.store, ctx.site, ctx.sync_options(**changes), progress)
    except SiteUnreachable as error:
        if ctx.store.count() == 0:
            raise Failure(unreachable_message(ctx, str(error)), EXIT_UNREACHABLE) from error
        last = ctx.store.last_sync()
        from tgagreader.render import age

        when = f"{age(time.time() - last)} old" if last else "of unknown age"
        warn(f"warning: cannot reach {ctx.site} ({error}); showing the cache ({when})")
        return None


def _progress_bar(ctx: Context) -> Progress | None:
    if ctx.args.verbose:
        return _progress_lines
    if not sys.stderr.isatty():
        return None

    def show(event: SyncEvent) -> None:
        if event.kind == "done":
            sys.stderr.write("\r\x1b[K")
            return
        width = 30
        total = max(event.total, 1)
        filled = int(width * min(event.done, total) / total)
        label = (event.detail or event.url)[:40]
        sys.stderr.write(
            f"\r\x1b[K[{'#' * filled}{'.' * (width - filled)}] {event.done}/{event.total} {label}"
        )
        sys.stderr.flush()

    return show


def _progress_lines(event: SyncEvent) -> None:
    """`-v`: every step of a sync as a line on stderr."""
    if event.kind != "start":
        detail = f" ({event.detail})" if event.detail and event.kind != "done" else ""
        what = event.detail if event.kind == "done" else event.url
        sys.stderr.write(f"tgag: {event.kind}: {what}{detail}\n")


# -- commands ---------------------------------------------------------------------------------


def cmd_latest(ctx: Context) -> int:
    args = ctx.args
    if not (args.no_refresh or ctx.offline):
        last = ctx.store.last_sync()
        if last is None or time.time() - last > ctx.config.ttl:
            refresh(ctx, pages=1, lock_timeout=0.0)
    categories = _category_keys(ctx, args.category) if args.category else None
    since = parse_since(args.since) if args.since else None
    entries = ctx.store.entries(limit=args.number, categories=categories, since=since)
    if not entries and ctx.store.count() == 0:
        raise Failure(_nothing_cached(ctx), EXIT_UNREACHABLE)
    if args.new:
        fresh = set(ctx.store.unannounced(entry.id for entry in entries))
        entries = [entry for entry in entries if entry.id in fresh]
        ctx.store.mark_announced(fresh)
    print_entries(ctx, entries, args.format)
    return EXIT_OK


def _nothing_cached(ctx: Context) -> str:
    if ctx.offline:
        return (
            "nothing is cached yet and --offline forbids fetching; "
            "run `tgag sync` first, or try `tgag --demo`"
        )
    return unreachable_message(ctx, "no sync has succeeded")


def print_entries(ctx: Context, entries: list[Entry], fmt: str) -> None:
    from tgagreader.codec import summary_json

    out = ctx.out
    if fmt == "json":
        out.write(_json([summary_json(e.summary) for e in entries], ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for entry in entries:
            out.write(_json(summary_json(entry.summary), ensure_ascii=False))
    elif fmt == "tsv":
        columns = ["id", "published", "category", "title", "url", "author", "hits", "summary"]
        out.write("\t".join(columns))
        for entry in entries:
            data = summary_json(entry.summary)
            data["category"] = data["category"]["alias"]
            out.write("\t".join(_tsv(data[column]) for column in columns))
    else:
        for entry in entries:
            out.write(_entry_line(ctx, entry))


def _tsv(value: Any) -> str:
    return "" if value is None else re.sub(r"[\t\r\n]+", " ", str(value))


def _entry_line(ctx: Context, entry: Entry) -> str:
    summary = entry.summary
    date = summary.published.strftime("%Y-%m-%d %H:%M") if summary.published else " " * 16
    ident = f"{summary.id:>6}"  # synthetic ids (negative) are wider: never cut by offset
    title = summary.title
    category = summary.category.name if summary.category else ""
    tail = f"  · {category}" if category else ""
    if not ctx.out.tty:
        return f"{date}  {ident}  {title}{tail}"
    from tgagreader.render import display_width

    # One column short of the width: a line that fills it wraps on some terminals.
    room = ctx.out.width - 1 - display_width(f"{date}  {ident}  ")
    if display_width(title + tail) > room:
        tail = ""
    if display_width(title) > room:
        title = _cut(title, max(room, 1))
    out = ctx.out
    return (
        f"{out.style(date, 'dim')}  {out.style(ident, 'id')}  "
        f"{out.style(title, 'title' if not entry.read else '')}{out.style(tail, 'meta')}"
    )


def _cut(text: str, width: int) -> str:
    from tgagreader.render import display_width

    while display_width(text) > width and text:
        text = text[:-1]
    return text[:-1] + "…" if text else text


def parse_since(value: str) -> datetime:
    """An ISO date (`2014-08-01`, `2014-08-01T08:00`) or a duration back from now (`3d`, `12h`)."""
    from datetime import timedelta

    from tgagreader.config import parse_duration
    from tgagreader.localtime import now
    from tgagreader.site.dates import parse_date

    if re.match(r"^\s*\d+(\.\d+)?\s*[smhdw]\s*$", value.lower()):
        try:
            return now() - timedelta(seconds=parse_duration(value))
        except (ValueError, OverflowError) as error:  # before year 1, or past timedelta's range
            raise Failure(f"--since {value!r}: too far back", EXIT_USAGE) from error
    moment = parse_date(value) if re.match(r"^\s*\d{4}-\d{2}-\d{2}", value) else None
    if moment is None:
        raise Failure(
            f"--since {value!r}: expected an ISO date (2014-08-01) or a duration (3d, 12h)",
            EXIT_USAGE,
        )
    return moment


def _category_keys(ctx: Context, wanted: str) -> list[str]:
    """The keys of a category given by id, alias or name, and of all its subcategories."""
    from tgagreader.models import walk_menu
    from tgagreader.text import fold

    menu = ctx.store.site().menu
    target = fold(wanted.strip())
    for category in walk_menu(menu):
        if target in (category.key, fold(category.alias), fold(category.name)):
            return category.keys()
    if menu:
        raise Failure(f"no category {wanted!r}; `tgag categories` lists them", EXIT_USAGE)
    return [wanted]  # no menu cached yet: an id or alias may still name stored articles


def cmd_read(ctx: Context) -> int:
    from tgagreader import render
    from tgagreader.codec import article_json

    article = load_article(ctx, ctx.args.article)
    ctx.store.set_read(article.id)
    fmt = ctx.args.format
    if fmt == "json":
        ctx.out.write(
            _json(article_json(article, render.body_text(article)), ensure_ascii=False, indent=2)
        )
    elif fmt == "md":
        ctx.out.write(render.to_markdown(article))
    else:
        width = ctx.args.width or ctx.out.width
        ctx.out.stream.write(render.to_text(article, width, ctx.out.style))
    return EXIT_OK


def load_article(ctx: Context, wanted: str) -> Article:
    """A cached article by id or URL, fetched first if it is not cached and we may go online."""
    from tgagreader.site.urls import build_article_url

    number, url = _article_ref(wanted)
    article = ctx.store.get_article(number)
    if article is not None:
        return article
    if ctx.offline:
        if ctx.store.article_status(number) is not None:  # indexed, but its copy is unreadable
            raise Failure(
                f"the cached copy of article {number} cannot be read (damaged, or written by a "
                "newer tgagreader); `tgag sync` fetches it again"
            )
        raise Failure(f"article {number} is not cached and --offline forbids fetching it")
    from tgagreader.sync import SiteUnreachable, fetch_article

    url = url or build_article_url(ctx.site, number)
    try:
        article, reason = fetch_article(ctx.store, ctx.site, url, ctx.sync_options())
    except SiteUnreachable as error:
        if ctx.store.count() == 0:
            raise Failure(unreachable_message(ctx, str(error)), EXIT_UNREACHABLE) from error
        raise Failure(
            f"article {number} is not cached and {ctx.site} cannot be reached ({error})"
        ) from error
    if article is None:
        raise Failure(f"cannot fetch article {number}: {reason}")
    return article


# ASCII digits: `str.isdigit` also takes "²", which `int()` refuses. Negative: synthetic ids.
_ARTICLE_ID = re.compile(r"-?[0-9]+")


def _article_ref(wanted: str) -> tuple[int, str | None]:
    """An article named on the command line: its id, and its URL when given one."""
    from tgagreader.site.urls import article_id, synthetic_id

    wanted = wanted.strip()
    if _ARTICLE_ID.fullmatch(wanted):
        return int(wanted), None
    if wanted.startswith(("http://", "https://")):
        return article_id(wanted) or synthetic_id(wanted), wanted
    raise Failure(f"{wanted!r} is neither an article id nor an http(s) URL", EXIT_USAGE)


def cmd_categories(ctx: Context) -> int:
    menu = ctx.store.site().menu
    if not menu and not ctx.offline and not ctx.args.no_refresh:
        refresh(ctx, pages=1, lock_timeout=0.0)
        menu = ctx.store.site().menu
    if not menu:
        raise Failure(_nothing_cached(ctx), EXIT_UNREACHABLE)
    counts = ctx.store.category_counts()

    # With the subcategories' articles, as `latest --category` lists them and the reader counts.
    def as_json(category: Category) -> dict[str, Any]:
        total, unread = category.totals(counts)
        return {
            "id": category.id,
            "alias": category.alias,
            "name": category.name,
            "url": category.url,
            "articles": total,
            "unread": unread,
            "children": [as_json(child) for child in category.children],
        }

    if ctx.args.format == "json":
        ctx.out.write(_json([as_json(c) for c in menu], ensure_ascii=False, indent=2))
        return EXIT_OK

    def show(category: Category, depth: int) -> None:
        total, unread = category.totals(counts)
        ident = category.alias if category.id is None else f"{category.id}"
        ctx.out.write(
            f"{'  ' * depth}{ident:<24} {category.name}  ({total} cached, {unread} unread)"
        )
        for child in category.children:
            show(child, depth + 1)

    for category in menu:
        show(category, 0)
    return EXIT_OK


def cmd_stats(ctx: Context) -> int:
    from tgagreader.codec import iso, stats_to_dict
    from tgagreader.localtime import from_timestamp
    from tgagreader.render import number, stats_rows

    history = ctx.store.stats_history()
    if not history and not ctx.offline and not ctx.args.no_refresh:
        refresh(ctx, pages=1, lock_timeout=0.0)
        history = ctx.store.stats_history()
    if not history:
        raise Failure(_nothing_cached(ctx), EXIT_UNREACHABLE)
    rows = history if ctx.args.history else history[-1:]

    def as_json(fetched_at: float, stats: SiteStats) -> dict[str, Any]:
        data = stats_to_dict(stats)
        data["fetched_at"] = iso(from_timestamp(fetched_at))
        return {
            key: data[key]
            for key in ("guests_online", "members_online", "article_hits", "fetched_at", "other")
        }

    if ctx.args.format == "json":
        payload: Any = [as_json(*row) for row in rows] if ctx.args.history else as_json(*rows[-1])
        ctx.out.write(_json(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    if ctx.args.history:
        ctx.out.write(
            f"{'fetched at (+07:00)':<20} {'guests':>7} {'members':>8} {'article hits':>14}"
        )
        for fetched_at, stats in rows:
            when = from_timestamp(fetched_at).strftime("%Y-%m-%d %H:%M")
            guests, members = number(stats.guests_online, "-"), number(stats.members_online, "-")
            hits = number(stats.article_hits, "-")
            ctx.out.write(f"{when:<20} {guests:>7} {members:>8} {hits:>14}")
        return EXIT_OK
    fetched_at, stats = rows[-1]
    when = from_timestamp(fetched_at).strftime("%Y-%m-%d %H:%M (+07:00)")
    lines = stats_rows(stats, when, missing="-")
    width = max(len(label) for label, _ in lines)
    for label, value in lines:
        ctx.out.write(f"{label:<{width}}  {value}")
    return EXIT_OK


def cmd_sync(ctx: Context) -> int:
    from tgagreader.sync import SiteUnreachable, run_sync

    if ctx.offline:
        raise Failure("--offline forbids syncing", EXIT_USAGE)
    args = ctx.args
    changes: dict[str, Any] = {"all_pages": args.all}
    if args.pages:
        changes["pages"] = args.pages
    options = ctx.sync_options(concurrency=args.concurrency, **changes)
    progress = None if args.quiet else _progress_bar(ctx)
    try:
        summary = run_sync(ctx.store, ctx.site, options, progress)
    except SiteUnreachable as error:
        summary = error.summary
        code = EXIT_UNREACHABLE if ctx.store.count() == 0 else EXIT_FAILURE
        _print_summary(ctx, summary)
        raise Failure(
            unreachable_message(ctx, str(error))
            if code == EXIT_UNREACHABLE
            else f"cannot reach {ctx.site} ({error})",
            code,
        ) from error
    _print_summary(ctx, summary)
    return EXIT_FAILURE if summary.failed else EXIT_OK


def _print_summary(ctx: Context, summary: SyncSummary) -> None:
    if ctx.args.quiet and not summary.failed:
        return
    ctx.out.write(summary.line())
    for url, reason in summary.failed:
        ctx.out.write(f"  failed: {url}: {reason}")


def cmd_cache(ctx: Context) -> int:
    action = ctx.args.action
    if action == "path":
        ctx.out.write(str(ctx.config.cache_dir))
        return EXIT_OK
    if action == "clear":
        from tgagreader.store import StoreError, remove_cache

        try:
            ctx.store.clear(keep_state=not ctx.args.all)
        except (Failure, StoreError):  # too damaged to open or to clear: remove its files
            ctx.drop_store()
            remove_cache(ctx.config.cache_dir, keep_state=not ctx.args.all)
        ctx.out.write(
            f"cleared {ctx.config.cache_dir}"
            + ("" if ctx.args.all else " (bookmarks and read marks kept)")
        )
        return EXIT_OK
    info = ctx.store.info()
    from tgagreader.render import age

    last = f"{age(time.time() - info.last_sync)} ago" if info.last_sync else "never"
    rows = [
        ("path", str(info.path)),
        (
            "size",
            f"{info.size_bytes / 1048576:.1f} MiB (limit {info.size_limit / 1048576:.0f} MiB)",
        ),
        ("articles", f"{info.articles} ({info.incomplete} incomplete)"),
        ("listing pages", str(info.listings)),
        ("bookmarks", str(info.bookmarks)),
        ("read", str(info.read)),
        ("statistics snapshots", str(info.stats_snapshots)),
        ("recorded failures", str(info.failures)),
        ("last sync", last),
    ]
    for label, value in rows:
        ctx.out.write(f"{label:<22}{value}")
    return EXIT_OK


def cmd_open(ctx: Context) -> int:
    import webbrowser

    from tgagreader.text import is_openable_url

    url = ctx.args.article.strip()
    if _ARTICLE_ID.fullmatch(url):
        entries = ctx.store.entries(ids=[int(url)])
        if not entries:
            raise Failure(f"article {url} is not cached")
        url = entries[0].summary.url
    if not is_openable_url(url):
        raise Failure(f"refusing to open {url!r}: only http(s) links are opened", EXIT_USAGE)
    if not webbrowser.open(url):
        raise Failure(f"no browser could open {url}")
    return EXIT_OK


def cmd_config(ctx: Context) -> int:
    from tgagreader.config import config_path, describe

    if ctx.args.action == "path":
        ctx.out.write(str(config_path()))
        return EXIT_OK
    for key, value, origin in describe(ctx.config):
        ctx.out.write(f"{key:<12} {value}  [{origin}]")
    return EXIT_OK


def cmd_search(ctx: Context) -> int:
    from tgagreader.codec import summary_json

    args = ctx.args
    categories = _category_keys(ctx, args.category) if args.category else None
    found = ctx.store.search(" ".join(args.query), limit=args.number, categories=categories)
    if not found and ctx.store.count() == 0:
        raise Failure(_nothing_cached(ctx), EXIT_UNREACHABLE)
    if args.format == "text":
        for result in found:
            ctx.out.write(_entry_line(ctx, result.entry))
            ctx.out.write("    " + _marked(ctx, result.snippet, result.spans))
        return EXIT_OK
    results = [
        {**summary_json(result.entry.summary), "snippet": result.snippet} for result in found
    ]
    if args.format == "json":
        ctx.out.write(_json(results, ensure_ascii=False, indent=2))
    else:
        for data in results:
            ctx.out.write(_json(data, ensure_ascii=False))
    return EXIT_OK


def _marked(ctx: Context, text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The snippet with its matches marked: bold and reversed on a terminal, «» in a pipe."""
    out, last = [], 0
    for start, end in spans:
        out.append(text[last:start])
        match = text[start:end]
        out.append(f"\x1b[1;7m{match}\x1b[0m" if ctx.out.color else f"«{match}»")
        last = end
    out.append(text[last:])
    return "".join(out)


def cmd_bookmarks(ctx: Context) -> int:
    ids = ctx.store.bookmarked_ids()
    order = {number: index for index, number in enumerate(ids)}
    entries = sorted(ctx.store.entries(ids=ids), key=lambda entry: order[entry.id]) if ids else []
    print_entries(ctx, entries, ctx.args.format)
    return EXIT_OK


def cmd_export(ctx: Context) -> int:
    from pathlib import Path

    from tgagreader import export

    args = ctx.args
    if args.bookmarks:
        ids = ctx.store.bookmarked_ids()
    else:
        categories = _category_keys(ctx, args.category) if args.category else None
        ids = [entry.id for entry in ctx.store.entries(categories=categories)]
    articles = (
        article for number in ids if (article := ctx.store.get_article(number, touch=False))
    )
    target = Path(args.output).expanduser()
    try:
        count = (export.to_jsonl if args.format == "jsonl" else export.to_markdown)(
            articles, target
        )
    except OSError as error:
        raise Failure(f"cannot write {target}: {error.strerror or error}") from error
    if not ctx.args.quiet:
        warn(f"exported {count} articles to {target}")
    return EXIT_OK


def cmd_reader(ctx: Context) -> int:
    """`tgag` alone: the Textual reader, on the cache at once, refreshing in the background."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise Failure(
            "the reader needs a terminal; scripts can use `tgag latest`, `tgag read`", EXIT_USAGE
        )
    from tgagreader.tui.app import ReaderApp

    app = ReaderApp(
        ctx.store,
        ctx.site,
        config=ctx.config,
        options=ctx.sync_options(),
        offline=ctx.offline,
    )
    app.run()
    return EXIT_OK


# -- argument parsing -------------------------------------------------------------------------


def terminal_columns(stream: Any = None) -> int:
    """The terminal's width: `COLUMNS` when set, else what the terminal says, else 80. (What
    `shutil.get_terminal_size` does, without importing shutil, which brings bz2 and lzma.)"""
    with contextlib.suppress(ValueError):
        columns = int(os.environ.get("COLUMNS", ""))
        if columns > 0:
            return columns
    try:
        return os.get_terminal_size((stream or sys.stdout).fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


class _Formatter(argparse.HelpFormatter):
    # argparse builds a formatter for every add_argument and, given no width, asks shutil for
    # one: importing shutil cost 3 ms of every `tgag latest`.
    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=max(terminal_columns() - 2, 40))


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error told in one line (argparse prints the usage block too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see `{self.prog} --help`)\n")


def _global_options(parser: argparse.ArgumentParser, default: Any = None) -> None:
    def given(value: Any) -> Any:
        return value if default is None else default

    group = parser.add_argument_group("global options")
    group.add_argument(
        "--site", metavar="URL", default=default, help="the site's address (TGAG_SITE)"
    )
    group.add_argument(
        "--cache-dir", metavar="DIR", default=default, help="the cache (TGAG_CACHE_DIR)"
    )
    group.add_argument(
        "--offline", action="store_true", default=given(False), help="never touch the network"
    )
    group.add_argument(
        "--demo",
        action="store_true",
        default=given(False),
        help="the bundled demo site, on loopback",
    )
    group.add_argument("-v", "--verbose", action="count", default=given(0), help="say more")
    group.add_argument(
        "-q", "--quiet", action="store_true", default=given(False), help="say only what was asked"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tgag",
        description="A terminal reader for the TGAG news site (Ban Tuyên giáo Tỉnh ủy An Giang).",
        epilog="Run `tgag --demo` to try it on the bundled demo copy of the site.",
    )
    _global_options(parser)
    parser.add_argument("--version", action="version", version=f"tgag {__version__}")
    # The global options are accepted after the command too (`tgag latest --offline`).
    common = _Parser(add_help=False)
    _global_options(common, default=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    add = functools.partial(subparsers.add_parser, parents=[common])

    latest = add("latest", help="newest articles, newest first")
    latest.add_argument(
        "-n", "--number", type=_positive, default=20, metavar="N", help="how many (default 20)"
    )
    latest.add_argument(
        "--category", metavar="ID_OR_ALIAS", help="only this category (and its subcategories)"
    )
    latest.add_argument(
        "--since",
        metavar="DATE_OR_DURATION",
        help="published since 2014-08-01, or in the last 3d/12h",
    )
    latest.add_argument(
        "--new", action="store_true", help="only articles earlier --new runs have not printed"
    )
    latest.add_argument("--format", choices=("text", "json", "jsonl", "tsv"), default="text")
    latest.add_argument(
        "--no-refresh", action="store_true", help="answer from the cache even if it is stale"
    )

    read = add("read", help="one whole article")
    read.add_argument("article", metavar="ID_OR_URL")
    read.add_argument("--format", choices=("text", "md", "json"), default="text")
    read.add_argument(
        "--width",
        type=_positive,
        metavar="COLUMNS",
        help="wrap width (default: terminal, 80 piped)",
    )

    categories = add("categories", help="the site's categories with cached/unread counts")
    categories.add_argument("--format", choices=("text", "json"), default="text")
    categories.add_argument("--no-refresh", action="store_true")

    stats = add("stats", help="visitors online and article view hits")
    stats.add_argument("--history", action="store_true", help="every snapshot, one per sync")
    stats.add_argument("--format", choices=("text", "json"), default="text")
    stats.add_argument("--no-refresh", action="store_true")

    sync = add("sync", help="fetch what is new into the cache")
    sync.add_argument(
        "--pages", type=_positive, metavar="N", help="listing pages per category (default 2)"
    )
    sync.add_argument("--all", action="store_true", help="walk every listing page")
    sync.add_argument(
        "--concurrency", type=_positive, metavar="N", help="parallel requests (default 4)"
    )

    cache = add("cache", help="the cache: info, clear, path")
    cache.add_argument("action", choices=("info", "clear", "path"))
    cache.add_argument(
        "--all", action="store_true", help="with clear: also forget read marks and bookmarks"
    )

    open_ = add("open", help="open an article in the web browser")
    open_.add_argument("article", metavar="ID_OR_URL")

    config = add("config", help="the configuration: path, show")
    config.add_argument("action", choices=("path", "show"))

    search = add("search", help="search the cached articles")
    search.add_argument("query", nargs="+", help='words (no accents needed), "a phrase", prefix*')
    search.add_argument("-n", "--number", type=_positive, default=20, metavar="N")
    search.add_argument("--category", metavar="ID_OR_ALIAS", help="only this category")
    search.add_argument("--format", choices=("text", "json", "jsonl"), default="text")

    bookmarks = add("bookmarks", help="the bookmarked articles")
    bookmarks.add_argument("--format", choices=("text", "json", "jsonl", "tsv"), default="text")

    export = add("export", help="write cached articles to a file or folder")
    which = export.add_mutually_exclusive_group()
    which.add_argument("--bookmarks", action="store_true", help="the bookmarked articles")
    which.add_argument("--category", metavar="ID_OR_ALIAS", help="one category")
    which.add_argument("--all", action="store_true", help="every cached article (the default)")
    export.add_argument("--format", choices=("jsonl", "md"), default="jsonl")
    export.add_argument(
        "--output", "-o", metavar="PATH", required=True, help="file (jsonl) or folder (md)"
    )
    return parser


def _positive(value: str) -> int:
    if not re.fullmatch(r"[0-9]+", value) or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, not {value!r}")
    return int(value)


COMMANDS = {
    "latest": cmd_latest,
    "read": cmd_read,
    "categories": cmd_categories,
    "stats": cmd_stats,
    "sync": cmd_sync,
    "cache": cmd_cache,
    "open": cmd_open,
    "config": cmd_config,
    "search": cmd_search,
    "bookmarks": cmd_bookmarks,
    "export": cmd_export,
    None: cmd_reader,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help, --version, usage errors: a code, for callers of main()
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    from tgagreader.config import APP, ConfigError, load

    flags: dict[str, Any] = {"site": args.site, "cache_dir": args.cache_dir}
    try:
        config = load(flags)
    except ConfigError as error:
        warn(str(error))
        return EXIT_USAGE
    if args.demo and args.cache_dir is None:
        from dataclasses import replace

        from tgagreader.config import user_dir

        config = replace(config, cache_dir=user_dir("cache", APP + "-demo"))
    ctx = Context(args, config)
    try:
        code = COMMANDS[args.command](ctx)
        ctx.out.stream.flush()  # here, where a closed pipe is handled, not at interpreter exit
        return code
    except Failure as error:
        warn(str(error))
        return error.code
    except BrokenPipeError:  # before `Exception`, which it is
        # `tgag latest | head`: the reader went away; that is not an error. What is still
        # buffered for stdout would fail again at exit: stdout goes to /dev/null instead.
        with contextlib.suppress(OSError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        from tgagreader.store import StoreError

        if not isinstance(error, StoreError):
            raise
        warn(str(error))  # the cache failed mid-way (a full disk, a damaged file): one line too
        return EXIT_FAILURE
    except KeyboardInterrupt:
        warn("interrupted")
        return EXIT_INTERRUPTED
    finally:
        ctx.close()
