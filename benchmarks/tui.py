"""The reader's speed: start-up, key press to article, a 10,000-article list, against Textual's
own list widgets in the same run.

    python benchmarks/tui.py [--articles 5000] [--big 10000] [--presses 50] [--runs 5]

Caches are synthetic (`tgagreader.demo.fixture.build_synthetic_cache`), built first. Every
reader measurement runs `ReaderApp(offline=True, refresh_on_start=False)` at 120×40 under
Textual's headless pilot, except one start-up that runs the real `tgag --offline` in a
pseudo-terminal. "Painted" means Textual's compositor has rendered the frame (headless, the
frame is rendered and then not written anywhere).

* Start-up, from process start (just before the child process is spawned) to the first frame
  with list rows. The headless child also reports when `import textual.app` finished, when
  tgagreader's reader was imported and when `ReaderApp` was created, hence the time from App
  creation to the first frame. The pty run waits for the second article's title in the output
  of `tgag --offline` (a real terminal, real escape codes). Target: ≤ 0.8 s.
* Key press to article: with the list focused, `j` until `ArticleView.article` is the next
  article and the frame is rendered; `enter` until the article is open in the focused reader.
  Keys go in as a terminal's do (the driver posts a Key event); `Pilot.press` is not used to
  time them, because it then waits for the process to go idle (about 40 ms a key). The frame
  timer's own wait (at most 1/60 s) is not counted. Target: median and p95 ≤ 50 ms.
* 10,000 articles in one list: `G` paging in 200 more at a time, as a reader gets there;
  `Store.entries()` for all; `ArticleList.set_entries` with all until painted (target
  ≤ 0.5 s); `k` at the end of the list and `j` at the top, until the article is shown
  (target at the end: median and p95 ≤ 50 ms).
* Baselines, each in a fresh process capped at `--cap` seconds: Textual's `ListView` with
  1,000 and 10,000 `ListItem(Label(...))`, `OptionList` and `DataTable` with 10,000 rows, and
  `ArticleList` alone with the same rows: time to mount until painted, the resident set's
  growth, and `up` from the last row (target: ArticleList mounts faster than any of them).

Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

SIZE = (120, 40)
SITE = "http://tgag.example.vn/"
CLOCK = 1795741200.0  # the fixture's "now": the status bar reads the same in every run

TARGET_STARTUP = 0.8  # s, process start to first frame with rows
TARGET_KEY = 0.050  # s, key press to article shown (median and p95)
TARGET_BIG_LOAD = 0.5  # s, 10,000 rows into the list until painted
TARGET_BIG_MOVE = 0.050  # s, a cursor move at the end of 10,000 rows (median and p95)


@dataclass
class Row:
    what: str
    value: str
    target: str = ""
    ok: bool | None = None  # None: a baseline or a breakdown, no target


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def median_p95(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def machine_load() -> str:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} CPUs, load average {load}"


# -- start-up ----------------------------------------------------------------------------------

STARTUP_CHILD = r"""
import time
T0 = time.monotonic()
import asyncio, json, sys
import textual.app
T1 = time.monotonic()
from tgagreader.store import Store
from tgagreader.tui.app import ReaderApp
from tgagreader.tui.widgets.article_list import ArticleList
T2 = time.monotonic()
marks = {}
row = ArticleList._row
def counted_row(self, *args):
    marks.setdefault("row", time.monotonic())
    return row(self, *args)
ArticleList._row = counted_row
display = ReaderApp._display
def timed_display(self, screen, renderable):
    display(self, screen, renderable)
    if renderable is not None and "row" in marks:
        marks.setdefault("paint", time.monotonic())
ReaderApp._display = timed_display
app = ReaderApp(Store(sys.argv[1]), sys.argv[2], offline=True, refresh_on_start=False,
                clock=lambda: float(sys.argv[3]))
T3 = time.monotonic()
async def main():
    async with app.run_test(size=(120, 40)):
        deadline = time.monotonic() + 20
        while "paint" not in marks and time.monotonic() < deadline:
            await asyncio.sleep(0.001)
        print(json.dumps({"start": T0, "textual": T1, "tgagreader": T2, "app": T3, **marks}),
              flush=True)
try:
    asyncio.run(main())
except Exception as error:
    print(f"on exit: {type(error).__name__}: {error}", file=sys.stderr)
"""


def startup_headless(cache: Path, runs: int) -> tuple[dict[str, float], str]:
    """Median times (s) from spawning a process to each mark of STARTUP_CHILD."""
    samples: dict[str, list[float]] = {}
    errors = ""
    for _ in range(runs):
        spawned = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", STARTUP_CHILD, str(cache), SITE, str(CLOCK)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
        if not lines:
            raise RuntimeError(f"the start-up child printed nothing: {done.stderr[-2000:]}")
        errors = errors or done.stderr.strip()
        for key, value in json.loads(lines[-1]).items():
            samples.setdefault(key, []).append(value - spawned)
    return {key: statistics.median(values) for key, values in samples.items()}, errors


def startup_pty(cache: Path, runs: int, needle: str) -> tuple[float | None, str]:
    """Median time from spawning `tgag --offline` in a 120×40 pseudo-terminal until `needle`
    (a title on the first screen) has been written; None where there are no pseudo-terminals."""
    try:
        import fcntl
        import pty
        import select
        import struct
        import termios
    except ImportError:
        return None, "no pseudo-terminals here"
    tgag = Path(sys.executable).with_name("tgag")
    if not tgag.exists():
        return None, f"{tgag} is not installed"
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        "TGAG_CONFIG": str(cache.parent / "no-config.toml"),
    }
    env.pop("NO_COLOR", None)
    wanted = needle.encode()
    times: list[float] = []
    trouble = ""
    for _ in range(runs):
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
        spawned = time.monotonic()
        process = subprocess.Popen(
            [str(tgag), "--offline", "--cache-dir", str(cache)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        output = b""
        seen: float | None = None
        quit_sent: float | None = None
        while time.monotonic() - spawned < 20:
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            if seen is None and wanted in output:
                seen = time.monotonic() - spawned
            if seen is not None and quit_sent is None:
                os.write(master, b"\x11")  # ctrl+q; keep reading so the app can write
                quit_sent = time.monotonic()
            if process.poll() is not None or (quit_sent and time.monotonic() - quit_sent > 5):
                break
        try:
            process.wait(5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            trouble = trouble or "`tgag` did not quit within 5 s of ctrl+q"
        if process.returncode:
            trouble = trouble or f"`tgag` exited with status {process.returncode}"
        os.close(master)
        if b"Traceback" in output:
            tail = output[output.index(b"Traceback") :].decode(errors="replace")
            trouble = trouble or "on quit: " + tail.replace("\r", "").strip().splitlines()[-1]
        if seen is None:
            return None, f"the first screen never showed {needle!r}"
        times.append(seen)
    return statistics.median(times), trouble


# -- the reader, in this process ---------------------------------------------------------------

SHUTDOWN_ERRORS: list[str] = []


async def run_reader(cache: Path, body: Callable[[Any], Awaitable[T]]) -> T:
    """`body(pilot)` on a ReaderApp of `cache`; an error raised only while the app shuts down,
    after `body` finished, is noted rather than raised."""
    from tgagreader.store import Store
    from tgagreader.tui.app import ReaderApp

    finished = False
    with Store(cache) as store:
        app = ReaderApp(store, SITE, offline=True, refresh_on_start=False, clock=lambda: CLOCK)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                result = await body(pilot)
                finished = True
        except Exception as error:
            if not finished:
                raise
            SHUTDOWN_ERRORS.append(f"{type(error).__name__}: {error}")
    return result


async def key_presses(cache: Path, presses: int) -> dict[str, list[float]]:
    from tgagreader.tui.widgets.article_list import ArticleList
    from tgagreader.tui.widgets.article_view import ArticleView

    async def body(pilot: Any) -> dict[str, list[float]]:
        results: dict[str, list[float]] = {"j": [], "enter": []}
        articles = pilot.app.screen.query_one(ArticleList)
        view = pilot.app.screen.query_one(ArticleView)
        assert articles.has_focus, "the list is not focused at start"
        for _ in range(5):  # warm up: the first layouts build caches
            await pilot.press("j")
        await pilot.pause()
        for _ in range(presses):
            expected = articles.entries[articles.cursor + 1].id
            results["j"].append(await _timed(pilot, "j", lambda e=expected: _shows(view, e)))
        # enter opens the article for reading (marks it read, moves to the reader pane)
        for _ in range(min(20, presses)):
            await pilot.press("j")
            await pilot.pause()
            expected = articles.entries[articles.cursor].id
            results["enter"].append(
                await _timed(pilot, "enter", lambda e=expected: _shows(view, e) and view.has_focus)
            )
            await pilot.press("escape")  # back to the list
            assert articles.has_focus
        return results

    return await run_reader(cache, body)


def _shows(view: object, article_id: int) -> bool:
    article = view.article  # type: ignore[attr-defined]
    return article is not None and article.id == article_id


async def _timed(pilot: Any, key: str, done: Callable[[], bool]) -> float:
    """Seconds from a key press until `done()` holds and the frame is rendered.

    The key goes in as a terminal's does (the driver posts a Key event to the app); Pilot.press
    is not used to time it, as it then waits for the process to be idle (about 40 ms)."""
    from textual import events

    app = pilot.app
    await pilot.pause(0)  # what earlier keys left to do is done, without waiting for idle
    gc.collect()
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    started = time.perf_counter()
    app._driver.send_message(event)
    deadline = started + 5
    while not done() and time.perf_counter() < deadline:
        await asyncio.sleep(0)
    if not done():
        raise RuntimeError(f"pressing {key} did not do what it should within 5 s")
    app.screen._on_timer_update()  # render the frame now (Textual would within 1/60 s)
    return time.perf_counter() - started


async def big_list(cache: Path, count: int, presses: int) -> dict[str, Any]:
    from tgagreader.tui.widgets.article_list import ArticleList
    from tgagreader.tui.widgets.article_view import ArticleView

    async def body(pilot: Any) -> dict[str, Any]:
        app = pilot.app
        store = app.store
        found: dict[str, Any] = {}
        articles = app.screen.query_one(ArticleList)
        view = app.screen.query_one(ArticleView)

        # a reader paging everything in: G, the list grows by a page, G again...
        total = store.count()
        pages: list[float] = []
        while len(articles.entries) < total:
            before = len(articles.entries)
            pages.append(await _timed(pilot, "G", lambda b=before: len(articles.entries) > b))
        found["paged"] = pages

        started = time.perf_counter()
        entries = store.entries()
        found["query"] = (time.perf_counter() - started, len(entries))
        await pilot.press("g")
        await pilot.pause()
        gc.collect()
        started = time.perf_counter()
        articles.set_entries(entries)
        app.screen._on_timer_update()
        await pilot.pause()
        found["load"] = time.perf_counter() - started

        await pilot.press("G")
        await pilot.pause()
        assert articles.cursor == len(entries) - 1
        found["end"] = []
        for _ in range(presses):
            expected = articles.entries[articles.cursor - 1].id
            found["end"].append(await _timed(pilot, "k", lambda e=expected: _shows(view, e)))
        await pilot.press("g")
        await pilot.pause()
        found["top"] = []
        for _ in range(presses):
            expected = articles.entries[articles.cursor + 1].id
            found["top"].append(await _timed(pilot, "j", lambda e=expected: _shows(view, e)))
        return found

    return await run_reader(cache, body)


# -- baselines, each in its own process ------------------------------------------------------


def widget_child(kind: str, count: int, cache: str, presses: int) -> None:
    """Mount `count` rows in one widget of `kind`, then move its cursor up from the last row
    `presses` times; print JSON lines: the resident set's growth every half second while it
    works, then the result."""
    import threading

    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Label, ListItem, ListView, OptionList

    from tgagreader.store import Store
    from tgagreader.tui.widgets.article_list import ArticleList

    with Store(cache) as store:
        entries = store.entries(limit=count)
    titles = [entry.summary.title for entry in entries]
    table_rows = [
        (
            entry.summary.published.strftime("%d/%m/%y") if entry.summary.published else "",
            str(entry.summary.hits or ""),
            Text(entry.summary.title),
        )
        for entry in entries
    ]
    widgets: dict[str, Any] = {
        "ListView": ListView,
        "OptionList": OptionList,
        "DataTable": DataTable,
        "ArticleList": ArticleList,
    }
    cursors: dict[str, Callable[[Any], int | None]] = {
        "ListView": lambda widget: widget.index,
        "OptionList": lambda widget: widget.highlighted,
        "DataTable": lambda widget: widget.cursor_row,
        "ArticleList": lambda widget: widget.cursor,
    }
    baseline = {"rss": 0}
    stop = threading.Event()
    lock = threading.Lock()

    def say(data: dict[str, Any]) -> None:
        with lock:
            print(json.dumps(data), flush=True)

    def sample() -> None:
        while not stop.wait(0.5):
            say({"rss": rss_bytes() - baseline["rss"]})

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            yield widgets[kind]()

    async def run() -> None:
        app = Bench()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            widget = app.query_one(widgets[kind])
            gc.collect()
            baseline["rss"] = rss_bytes()
            threading.Thread(target=sample, daemon=True).start()
            started = time.perf_counter()
            if kind == "ListView":
                await widget.extend(ListItem(Label(Text(title))) for title in titles)
            elif kind == "OptionList":
                widget.add_options([Text(title) for title in titles])
            elif kind == "DataTable":
                widget.add_columns("Date", "Hits", "Title")
                widget.add_rows(table_rows)
            else:
                widget.set_entries(entries)
            await pilot.pause()
            elapsed = time.perf_counter() - started
            gc.collect()
            grown = rss_bytes() - baseline["rss"]
            stop.set()
            say({"seconds": elapsed, "rss": grown})
            widget.focus()
            if kind == "ListView":
                widget.index = count - 1
            elif kind == "OptionList":
                widget.highlighted = count - 1
            elif kind == "DataTable":
                widget.move_cursor(row=count - 1)
            else:
                widget.cursor = count - 1
            await pilot.pause()
            cursor = cursors[kind]
            moves: list[float] = []
            budget = time.perf_counter() + 4  # a slow widget gets fewer presses, not a timeout
            while len(moves) < presses and time.perf_counter() < budget:
                wanted = (cursor(widget) or 0) - 1
                moves.append(await _timed(pilot, "up", lambda w=wanted: cursor(widget) == w))
            say({"rss": grown, "moves": moves})

    asyncio.run(run())


def widget_baseline(
    kind: str, count: int, cache: Path, cap: float, presses: int
) -> tuple[float | None, int, list[float]]:
    """(seconds to mount, or None when the cap stopped it first; resident set growth in bytes;
    cursor move times, as many as fitted in the cap) of one `widget_child`."""
    command = [
        sys.executable,
        __file__,
        "--widget-child",
        kind,
        str(count),
        str(cache),
        str(presses),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=cap, check=False)
        output = done.stdout
        if done.returncode != 0:
            raise RuntimeError(f"{kind} × {count} failed: {done.stderr[-2000:]}")
    except subprocess.TimeoutExpired as expired:
        raw = expired.stdout or b""
        output = raw.decode() if isinstance(raw, bytes) else raw
    seconds: float | None = None
    memory = 0
    moves: list[float] = []
    for line in output.splitlines():
        try:
            data = json.loads(line)
        except ValueError:
            continue  # a line cut short by the time cap
        if isinstance(data, dict):
            memory = max(memory, data["rss"])
            seconds = data.get("seconds", seconds)
            moves = data.get("moves", moves)
    return seconds, memory, moves


# -- the table -------------------------------------------------------------------------------


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--articles", type=int, default=5000)
    options.add_argument("--big", type=int, default=10000)
    options.add_argument("--presses", type=int, default=50)
    options.add_argument("--runs", type=int, default=5, help="start-up runs of each kind")
    options.add_argument("--cap", type=float, default=10.0, help="seconds per baseline at most")
    options.add_argument("--widget-child", nargs=4, help=argparse.SUPPRESS)
    args = options.parse_args()
    if args.widget_child:
        kind, count, cache, presses = args.widget_child
        widget_child(kind, int(count), cache, int(presses))
        return 0

    from tgagreader.demo.fixture import build_synthetic_cache
    from tgagreader.store import Store

    begun = time.perf_counter()
    print(machine_load(), "(other work on the machine slows every figure)", flush=True)
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        big = Path(tmp) / "big"
        started = time.perf_counter()
        build_synthetic_cache(cache, args.articles)
        build_synthetic_cache(big, args.big)
        print(
            f"built caches of {args.articles:,} and {args.big:,} articles"
            f" in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
        with Store(cache) as store:
            needle = store.entries(limit=2)[1].summary.title[:12]

        # start-up
        marks, trouble = startup_headless(cache, args.runs)
        if trouble:
            notes.append(f"headless start-up child: {trouble.splitlines()[-1]}")
        paint = marks.get("paint")
        rows.append(Row("start-up: interpreter running (headless child)", ms(marks["start"])))
        rows.append(Row("start-up: + import textual.app", ms(marks["textual"])))
        rows.append(Row("start-up: + import tgagreader.tui.app", ms(marks["tgagreader"])))
        rows.append(Row("start-up: + ReaderApp created", ms(marks["app"])))
        if paint is None:
            rows.append(Row("start-up: first frame with rows", "never", "≤ 800 ms", False))
        else:
            rows.append(
                Row(
                    "start-up: first frame with rows (process start)",
                    ms(paint),
                    "≤ 800 ms",
                    paint <= TARGET_STARTUP,
                )
            )
            rows.append(
                Row("start-up: first frame with rows (from App creation)", ms(paint - marks["app"]))
            )
        pty_time, pty_trouble = startup_pty(cache, args.runs, needle)
        if pty_trouble:
            notes.append(f"`tgag --offline` in a pty: {pty_trouble}")
        if pty_time is not None:
            rows.append(
                Row(
                    "start-up: `tgag --offline` in a 120×40 pty, rows written",
                    ms(pty_time),
                    "≤ 800 ms",
                    pty_time <= TARGET_STARTUP,
                )
            )
        print(f"start-up measured ({time.perf_counter() - begun:.0f} s)", flush=True)

        # key presses
        pressed = asyncio.run(key_presses(cache, args.presses))
        for key, label in (
            ("j", f"key press: j → next article shown ({args.articles:,} cached)"),
            ("enter", "key press: enter → article opened in the reader"),
        ):
            middle, p95 = median_p95(pressed[key])
            rows.append(
                Row(
                    label + f", median / p95 of {len(pressed[key])}",
                    f"{ms(middle)} / {ms(p95)}",
                    "≤ 50 ms",
                    middle <= TARGET_KEY and p95 <= TARGET_KEY,
                )
            )
        print(f"key presses measured ({time.perf_counter() - begun:.0f} s)", flush=True)

        # 10,000 articles
        found = asyncio.run(big_list(big, args.big, args.presses))
        middle, p95 = median_p95(found["paged"])
        rows.append(
            Row(
                f"{args.big:,} list: G pages in 200 more, median / p95 of {len(found['paged'])}",
                f"{ms(middle)} / {ms(p95)}",
            )
        )
        query_time, _count = found["query"]  # type: ignore[misc]
        rows.append(Row(f"{args.big:,} list: Store.entries() for all", ms(query_time)))
        load = found["load"]
        rows.append(
            Row(
                f"{args.big:,} list: ArticleList.set_entries until painted",
                ms(load),  # type: ignore[arg-type]
                "≤ 500 ms",
                load <= TARGET_BIG_LOAD,  # type: ignore[operator]
            )
        )
        middle, p95 = median_p95(found["end"])  # type: ignore[arg-type]
        rows.append(
            Row(
                f"{args.big:,} list: k at the end → article shown, median / p95",
                f"{ms(middle)} / {ms(p95)}",
                "≤ 50 ms",
                middle <= TARGET_BIG_MOVE and p95 <= TARGET_BIG_MOVE,
            )
        )
        top_middle, top_p95 = median_p95(found["top"])  # type: ignore[arg-type]
        rows.append(
            Row(
                f"{args.big:,} list: j at the top → article shown, median / p95",
                f"{ms(top_middle)} / {ms(top_p95)}",
            )
        )
        print(f"10,000-article list measured ({time.perf_counter() - begun:.0f} s)", flush=True)

        # baselines
        fastest_widget = None
        ours = None
        for kind, count in (
            ("ArticleList", args.big),
            ("ListView", 1000),
            ("ListView", args.big),
            ("OptionList", args.big),
            ("DataTable", args.big),
        ):
            seconds, memory, moves = widget_baseline(kind, count, big, args.cap, args.presses)
            value = f"> {args.cap:.0f} s (capped)" if seconds is None else f"{seconds:.2f} s"
            if kind == "ArticleList":
                ours = seconds
            elif seconds is not None and count == args.big:
                fastest_widget = min(fastest_widget or seconds, seconds)
            name = "ArticleList (ours)" if kind == "ArticleList" else f"baseline: {kind}"
            rows.append(
                Row(
                    f"{name} × {count:,}: mounted until painted, RSS growth",
                    f"{value}, {'≥ ' if seconds is None else ''}{memory / 2**20:,.0f} MB",
                )
            )
            if moves:
                middle, p95 = median_p95(moves)
                rows.append(
                    Row(
                        f"{name} × {count:,}: up at the end, median / p95 of {len(moves)}",
                        f"{ms(middle)} / {ms(p95)}",
                    )
                )
            print(f"{kind} × {count:,} measured ({time.perf_counter() - begun:.0f} s)", flush=True)
        if ours is not None and fastest_widget is not None:
            rows.append(
                Row(
                    f"ArticleList vs the fastest widget at {args.big:,} rows",
                    f"{fastest_widget / max(ours, 1e-6):,.0f}× faster",
                    "faster",
                    ours < fastest_widget,
                )
            )

    width = max(len(row.what) for row in rows)
    value_width = max(len(row.value) for row in rows)
    print()
    print(f"| {'measurement':<{width}} | {'result':>{value_width}} | target   | met |")
    print(f"| {'-' * width} | {'-' * value_width}:| -------- | --- |")
    for row in rows:
        met = "" if row.ok is None else ("yes" if row.ok else "NO")
        print(f"| {row.what:<{width}} | {row.value:>{value_width}} | {row.target:<8} | {met:<3} |")
    notes.extend(f"reader shut down with {error}" for error in sorted(set(SHUTDOWN_ERRORS)))
    for note in notes:
        print(f"note: {note}")
    missed = [row for row in rows if row.ok is False]
    print(f"\ntotal run time {time.perf_counter() - begun:.0f} s; {machine_load()}")
    print(
        "MISSED: " + "; ".join(f"{row.what} {row.value} (target {row.target})" for row in missed)
        if missed
        else "All targets met."
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
