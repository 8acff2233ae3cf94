"""Screenshots of the reader, as SVG, for the README and for review.

    python tools/screenshots.py [--out screenshots] [--only main,reader]

Each screenshot runs the real reader (`ReaderApp`, offline, no refresh at start, a fixed
clock) under Textual's headless pilot on a fresh copy of the demo cache that
`tgagreader.demo.fixture.build_demo_cache` builds, drives it with key presses and saves what
the terminal would show. Nothing depends on the time, the network or the terminal, so running
it again gives the same files unless the reader's look changed.

    main.svg     120×40  the list focused, an article previewed beside it
    reader.svg   120×40  an article with a table, opened in the reader and scrolled to it
    stats.svg    120×40  the statistics screen (`s`)
    help.svg     120×40  the keys (`?`)
    narrow.svg    80×24  an article in the reader on a narrow terminal (one pane at a time)
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from tgagreader.demo.fixture import DEMO_NOW, build_demo_cache
from tgagreader.store import Store
from tgagreader.tui.app import ReaderApp
from tgagreader.tui.widgets.article_list import ArticleList
from tgagreader.tui.widgets.article_view import ArticleView

ROOT = Path(__file__).resolve().parents[1]
SITE = "http://tgag.demo/"
CLOCK = DEMO_NOW + 5 * 60  # the cache is five minutes old in every screenshot

Steps = Callable[[Any], Awaitable[None]]


async def select(pilot: Any, article_id: int) -> None:
    """Move the list's cursor to an article with `j` and `k`, as a reader would."""
    articles = pilot.app.screen.query_one(ArticleList)
    target = [entry.id for entry in articles.entries].index(article_id)
    step = "j" if target > articles.cursor else "k"
    await pilot.press(*[step] * abs(target - articles.cursor))


async def main_screen(pilot: Any) -> None:
    await select(pilot, 2449)  # a picture with a caption and a link, already read


async def reader(pilot: Any) -> None:
    await select(pilot, 1771)  # a table of figures
    await pilot.press("enter")
    view = pilot.app.screen.query_one(ArticleView)
    table = next(
        (number for number, line in enumerate(view.lines) if line.plain.lstrip().startswith("┏")),
        0,
    )
    view.scroll_to(y=max(0, table - 12), animate=False)


async def statistics(pilot: Any) -> None:
    await pilot.press("s")


async def help_screen(pilot: Any) -> None:
    await pilot.press("question_mark")


async def narrow(pilot: Any) -> None:
    await select(pilot, 1392)  # the article of the README's examples
    await pilot.press("enter")


SHOTS: dict[str, tuple[tuple[int, int], Steps]] = {
    "main": ((120, 40), main_screen),
    "reader": ((120, 40), reader),
    "stats": ((120, 40), statistics),
    "help": ((120, 40), help_screen),
    "narrow": ((80, 24), narrow),
}


async def shoot(cache: Path, size: tuple[int, int], steps: Steps, target: Path) -> None:
    with Store(cache) as store:
        app = ReaderApp(store, SITE, offline=True, refresh_on_start=False, clock=lambda: CLOCK)
        finished = False
        try:
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                await steps(pilot)
                await pilot.pause()
                app.save_screenshot(filename=target.name, path=str(target.parent))
                finished = True
        except Exception as error:
            if not finished:
                raise
            # the screenshot is saved; the reader failed while shutting down
            print(f"  (the reader failed on exit: {type(error).__name__}: {error})")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--out", type=Path, default=ROOT / "screenshots")
    options.add_argument("--only", help="comma-separated names: " + ", ".join(SHOTS))
    args = options.parse_args()
    names = args.only.split(",") if args.only else list(SHOTS)
    unknown = set(names) - set(SHOTS)
    if unknown:
        options.error(f"no screenshot called {', '.join(sorted(unknown))}")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        built = build_demo_cache(Path(tmp) / "demo")
        for name in names:
            size, steps = SHOTS[name]
            cache = Path(tmp) / name
            shutil.copytree(built, cache)  # each screenshot starts from the same cache
            target = args.out / f"{name}.svg"
            asyncio.run(shoot(cache, size, steps, target))
            print(f"{target} ({size[0]}×{size[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
