"""SVG snapshots of the reader (pytest-textual-snapshot): the main screen, the reader, the
statistics, the keys, at 120×40, and the narrow layout at 80×24.

The reader runs offline on the deterministic demo cache (`build_demo_cache`, the site at
`http://tgag.demo/`), with a fixed clock, so the pictures hold no time, port or path.
After a deliberate change of the reader's look, look at the new pictures and accept them:

    .venv/bin/python -m pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tgagreader.demo.fixture import DEMO_NOW, build_demo_cache
from tgagreader.store import Store
from tgagreader.tui.app import ReaderApp
from tgagreader.tui.widgets.article_list import ArticleList
from tgagreader.tui.widgets.article_view import ArticleView

SITE = "http://tgag.demo/"
CLOCK = DEMO_NOW + 5 * 60  # the status bar says the cache is five minutes old
WIDE = (120, 40)
NARROW = (80, 24)


@pytest.fixture(scope="session")
def snapshot_cache(tmp_path_factory) -> Path:
    return build_demo_cache(tmp_path_factory.mktemp("snapshots") / "demo")


@pytest.fixture
def reader(snapshot_cache, tmp_path) -> Iterator[Callable[[], ReaderApp]]:
    """Makes the reader on a fresh copy of the demo cache."""
    stores: list[Store] = []

    def make() -> ReaderApp:
        store = Store(shutil.copytree(snapshot_cache, tmp_path / f"cache{len(stores)}"))
        stores.append(store)
        return ReaderApp(store, SITE, offline=True, refresh_on_start=False, clock=lambda: CLOCK)

    yield make
    for store in stores:
        store.close()


def select(article_id: int, *then: str) -> Callable:
    """A `run_before`: the list's cursor on an article, then keys."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        articles = pilot.app.screen.query_one(ArticleList)
        articles.cursor = [entry.id for entry in articles.entries].index(article_id)
        await pilot.pause()
        await pilot.press(*then)

    return run_before


def test_main_screen(snap_compare, reader):
    """The three panes: categories with unread counts, the list (read, unread, bookmarked
    rows) and, beside it, the article under the cursor (a picture with its caption)."""
    assert snap_compare(reader(), press=["j"] * 6, terminal_size=WIDE)


def test_reader_with_a_table(snap_compare, reader):
    """An article opened in the reader, scrolled to its table, which is too wide for the pane
    and reads as one record per row."""

    async def run_before(pilot) -> None:
        await select(1771, "enter")(pilot)
        view = pilot.app.screen.query_one(ArticleView)
        first = next(n for n, line in enumerate(view.lines) if line.plain.startswith("STT:"))
        view.scroll_to(y=first - 6, animate=False)

    assert snap_compare(reader(), run_before=run_before, terminal_size=WIDE)


def test_statistics_screen(snap_compare, reader):
    assert snap_compare(reader(), press=["s"], terminal_size=WIDE)


def test_help_screen(snap_compare, reader):
    assert snap_compare(reader(), press=["question_mark"], terminal_size=WIDE)


def test_narrow_list(snap_compare, reader):
    """Under 100 columns, one pane at a time: the list, wider."""
    assert snap_compare(reader(), terminal_size=NARROW)


def test_narrow_reader(snap_compare, reader):
    """Under 100 columns, `enter` puts the reader in the list's place."""
    assert snap_compare(reader(), run_before=select(1392, "enter"), terminal_size=NARROW)
