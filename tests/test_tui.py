"""The reader under Textual's pilot: every key binding (by its id in `tgagreader.tui.bindings`)
and every screen, on a copy of the deterministic demo cache, offline, with a fixed clock.

Each test runs `ReaderApp` with `app.run_test()` inside `asyncio.run` (no pytest-asyncio) and
declares the binding ids it exercises with `@covers(...)`; `test_every_binding_is_covered`
fails when a binding is added that no test presses. Keys are looked up by id (`keys(id)`), so a
key moved in the tables is tested where it now is, and a key bound twice in one place (the
second binding unreachable) makes a test fail.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import socket
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path

import pytest
from rich.console import Console
from rich.style import Style
from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from conftest import fast_options
from hostile import CAPTION_ACTION, CAPTION_BAD_TAG, FORBIDDEN, MARKUP, store_hostile_article
from tgagreader.config import Config
from tgagreader.demo import faults
from tgagreader.demo.fixture import (
    DEMO_BOOKMARKED,
    DEMO_NOW,
    build_demo_cache,
    build_synthetic_cache,
)
from tgagreader.fetch import FetchSettings
from tgagreader.models import Article, Category, Link, Paragraph, Table
from tgagreader.store import Store, StoreError
from tgagreader.sync import SyncOptions, run_sync
from tgagreader.text import fold
from tgagreader.tui import bindings
from tgagreader.tui.app import DARK, LIGHT, ReaderApp
from tgagreader.tui.screens.help import HelpScreen
from tgagreader.tui.screens.main import MainScreen
from tgagreader.tui.screens.search import SearchScreen
from tgagreader.tui.screens.stats import StatsScreen
from tgagreader.tui.widgets.article_list import ArticleList
from tgagreader.tui.widgets.article_view import ArticleView, Styles, layout
from tgagreader.tui.widgets.category_tree import ALL, BOOKMARKS, CategoryTree
from tgagreader.tui.widgets.find_bar import FindBar
from tgagreader.tui.widgets.status_bar import StatusBar

SITE = "http://tgag.demo/"
CLOCK = DEMO_NOW + 5 * 60  # the cache is five minutes old
WIDE = (120, 40)
NARROW = (80, 24)
LONG = 1392  # "An Giang: 4 năm thực hiện Quy chế công tác dân vận ...": long, unread, "dân vận"
CONG_TAC_DAN_VAN = "12"  # a category without subcategories: 8 articles, 5 a listing page

# -- which test presses which binding -------------------------------------------------------

SCREEN_BINDINGS = [
    *HelpScreen.BINDINGS,
    *StatsScreen.BINDINGS,
    *SearchScreen.BINDINGS,
    *FindBar.BINDINGS,
]
EVERY_BINDING = [binding for group in bindings.ALL.values() for binding in group]
assert all(binding in EVERY_BINDING for binding in SCREEN_BINDINGS)
COVERED: dict[str, set[str]] = {}


def covers(*ids: str) -> Callable:
    """Declare the binding ids a test presses."""

    def mark(test: Callable) -> Callable:
        for binding_id in ids:
            COVERED.setdefault(binding_id, set()).add(test.__name__)
        return test

    return mark


def keys(binding_id: str) -> list[str]:
    """The keys bound to `binding_id`, as the tables say."""
    for binding in EVERY_BINDING:
        if binding.id == binding_id:
            return [key.strip() for key in binding.key.split(",")]
    raise KeyError(binding_id)


def test_every_binding_is_covered():
    every = [binding.id for binding in EVERY_BINDING]
    assert all(every), [binding.key for binding in EVERY_BINDING if not binding.id]
    assert len(every) == len(set(every)), "a binding id is used twice"
    missing = set(every) - set(COVERED)
    assert not missing, f"no test presses {sorted(missing)}"
    assert not set(COVERED) - set(every), "a test claims an id that is no binding"
    tests = {name for names in COVERED.values() for name in names}
    assert tests <= set(globals()), tests - set(globals())


def test_no_key_is_bound_twice_where_it_works():
    """Within a widget's table, or between it and the app's, a second binding of one key is
    never reached (the first one wins)."""
    for name in ("Category tree", "Article list", "Reader"):
        seen: dict[str, str] = {}
        for binding in bindings.APP + bindings.ALL[name]:
            for key in binding.key.split(","):
                assert key not in seen, f"{name}: {key!r} is {seen[key]} and {binding.id}"
                seen[key] = binding.id


# -- running the reader ----------------------------------------------------------------------


def reader(store: Store, site: str, **options: object) -> ReaderApp:
    """The reader, remembering its notifications in `app.notices` as (title, message)."""
    app = ReaderApp(store, site, **options)
    app.animation_level = "none"  # page keys scroll at once (their animation costs a second)
    notices: list[tuple[str, str]] = []
    notify = app.notify

    def remembered(message, *, title="", **kwargs) -> None:
        notices.append((title, str(message)))
        notify(message, title=title, **kwargs)

    app.notify = remembered
    app.notices = notices  # type: ignore[attr-defined]
    return app


def noticed(app: ReaderApp, text: str) -> bool:
    """Whether a notification (title and message) said `text`."""
    return any(text in f"{title} {message}" for title, message in app.notices)


Scenario = Callable[[Pilot, ReaderApp, Store], Awaitable[None]]


def run(
    cache: Path, scenario: Scenario, *, size=WIDE, site: str = SITE, **options: object
) -> ReaderApp:
    """Run `scenario` against the reader on `cache` (offline, no refresh, fixed clock unless
    `options` say otherwise); returns the app once it has stopped."""
    options = {"offline": True, "refresh_on_start": False, "clock": lambda: CLOCK} | options
    app: ReaderApp | None = None

    async def main() -> None:
        nonlocal app
        with Store(cache) as store:
            app = reader(store, site, **options)
            async with app.run_test(size=size) as pilot:
                await pilot.pause()
                await scenario(pilot, app, store)

    asyncio.run(main())
    assert app is not None
    return app


async def wait_for(pilot: Pilot, condition: Callable[[], object], what: str, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await pilot.pause(0.02)


def panes(app: ReaderApp) -> tuple[MainScreen, CategoryTree, ArticleList, ArticleView]:
    screen = app.main_screen
    assert screen is not None
    return (
        screen,
        screen.query_one(CategoryTree),
        screen.query_one(ArticleList),
        screen.query_one(ArticleView),
    )


async def select(pilot: Pilot, app: ReaderApp, article_id: int) -> None:
    """Put the list's cursor on an article (without a key press per row)."""
    _, _, articles, _ = panes(app)
    articles.cursor = [entry.id for entry in articles.entries].index(article_id)
    await pilot.pause()


def line_text(strip) -> str:
    return "".join(segment.text for segment in strip)


def rendered(widget) -> list[str]:
    """The lines a line-API widget draws now."""
    return [line_text(widget.render_line(y)) for y in range(widget.size.height)]


def screen_text(app: App) -> str:
    """The whole terminal as text, as the compositor paints it."""
    width, height = app.size
    console = Console(
        width=width, height=height, file=io.StringIO(), record=True, force_terminal=True
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)


def status_text(app: ReaderApp) -> str:
    return app.screen.query_one(StatusBar).render().plain


def unread_label(tree: CategoryTree) -> str:
    return tree.root.children[0].label.plain


# -- caches ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def demo_built(tmp_path_factory) -> Path:
    return build_demo_cache(tmp_path_factory.mktemp("tui") / "demo")


@pytest.fixture
def cache(demo_built, tmp_path) -> Path:
    """A private copy of the demo cache."""
    return Path(shutil.copytree(demo_built, tmp_path / "cache"))


@pytest.fixture(scope="session")
def hostile_built(tmp_path_factory, demo_built) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("tui") / "hostile"
    shutil.copytree(demo_built, path)
    return path, store_hostile_article(path)


@pytest.fixture
def hostile_cache(hostile_built, tmp_path) -> tuple[Path, int]:
    path, article_id = hostile_built
    return Path(shutil.copytree(path, tmp_path / "cache")), article_id


@pytest.fixture
def browser(monkeypatch) -> list[str]:
    """What the reader hands to the web browser."""
    opened: list[str] = []

    def fake_open(url: str, *args, **kwargs) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("webbrowser.open", fake_open)
    return opened


# -- the list --------------------------------------------------------------------------------


@covers("list.down", "list.up", "list.first", "list.last", "list.page_down", "list.page_up")
def test_list_keys_move_the_cursor_and_preview_without_marking_read(cache):
    async def scenario(pilot, app, store):
        _, _, articles, view = panes(app)
        assert app.focused is articles
        assert len(articles.entries) == 58
        assert view.article is not None
        assert view.article.id == articles.entries[0].id
        for key in keys("list.down"):
            before = articles.cursor
            await pilot.press(key)
            assert articles.cursor == before + 1
            previewed = articles.entries[articles.cursor]
            assert view.article.id == previewed.id
            assert not store.state(previewed.id)[0], "a preview is not a read"
        for key in keys("list.up"):
            before = articles.cursor
            await pilot.press(key)
            assert articles.cursor == before - 1
        for key in keys("list.last"):
            await pilot.press(*keys("list.first")[:1], key)
            assert articles.cursor == 57
            assert view.article.id == articles.entries[-1].id
            # scrolled: the last row is the bottom line
            assert articles.scroll_offset.y == 58 - articles.size.height
            assert articles.entries[-1].summary.title[:20] in rendered(articles)[-1]
        for key in keys("list.first"):
            await pilot.press(*keys("list.last")[:1], key)
            assert articles.cursor == 0
            assert articles.scroll_offset.y == 0
        page = articles.size.height - 1
        assert page > 10
        for key in keys("list.page_down"):
            await pilot.press(key)
            assert articles.cursor == page
            await pilot.press(key)
            assert articles.cursor == 57  # not past the end
            assert articles.scroll_offset.y > 0  # the cursor's row is on screen
            row = rendered(articles)[articles.cursor - round(articles.scroll_offset.y)]
            assert articles.entries[57].summary.title[:20] in row
            await pilot.press(*keys("list.page_up"))
            assert articles.cursor == 57 - page
            await pilot.press(*keys("list.page_up"))
            assert articles.cursor == 0

    run(cache, scenario)


@covers("list.open")
def test_enter_opens_the_article_in_the_reader_and_marks_it_read(cache):
    async def scenario(pilot, app, store):
        screen, tree, articles, view = panes(app)
        assert unread_label(tree).endswith("53")
        for number, key in enumerate(keys("list.open"), start=1):
            entry = articles.entries[number]  # 2544, 2531: unread
            assert not entry.read
            assert not store.state(entry.id)[0]
            if number > 1:
                await pilot.press(*keys("back")[:1])  # back to the list
            assert app.focused is articles
            await select(pilot, app, entry.id)
            await pilot.press(key)
            assert screen.pane == "reader"
            assert app.focused is view
            assert view.article.id == entry.id
            assert view.lines[0].plain.startswith(entry.summary.title[:30])
            assert store.state(entry.id)[0]
            assert articles.entries[number].read
            assert unread_label(tree).endswith(str(53 - number))
            assert store.totals() == (58, 53 - number)

    run(cache, scenario)


@covers("list.toggle_read", "reader.toggle_read")
def test_m_toggles_read_in_the_list_and_in_the_reader(cache):
    async def scenario(pilot, app, store):
        _, _, articles, view = panes(app)
        first = articles.entries[0]  # 2556: read in the demo cache
        assert store.state(first.id)[0]
        await pilot.press(*keys("list.toggle_read"))
        assert not store.state(first.id)[0]
        assert not articles.entries[0].read
        assert rendered(articles)[0].startswith(" ● ")  # the unread mark
        await pilot.press(*keys("list.toggle_read"))
        assert store.state(first.id)[0]
        assert articles.entries[0].read

        await select(pilot, app, LONG)
        await pilot.press("enter")
        assert store.state(LONG)[0]
        await pilot.press(*keys("reader.toggle_read"))
        assert app.focused is view
        assert not store.state(LONG)[0]
        await pilot.press(*keys("reader.toggle_read"))
        assert store.state(LONG)[0]

    run(cache, scenario)


@covers("list.toggle_bookmark", "reader.toggle_bookmark")
def test_b_bookmarks_and_the_bookmarks_entry_lists_them(cache):
    async def scenario(pilot, app, store):
        _, tree, articles, view = panes(app)
        assert set(store.bookmarked_ids()) == set(DEMO_BOOKMARKED)
        second = articles.entries[1]
        await pilot.press("j", *keys("list.toggle_bookmark"))
        assert store.state(second.id)[1]
        assert articles.entries[1].bookmarked
        assert rendered(articles)[1].startswith(" ★ ")
        assert noticed(app, "Bookmarked.")
        assert tree.root.children[1].label.plain.split()[-1] == "3"

        await select(pilot, app, LONG)
        await pilot.press("enter", "j", "j")
        position = view.position
        await pilot.press(*keys("reader.toggle_bookmark"))
        assert store.state(LONG)[1], "b in the reader bookmarks"
        assert view.position == position, "and does not page up"

        await pilot.press("q", "q", "j", "enter")  # the tree's Bookmarks entry
        assert tree.cursor_node.data == BOOKMARKS
        assert app.focused is articles
        assert {entry.id for entry in articles.entries} == {*DEMO_BOOKMARKED, second.id, LONG}
        assert all(entry.bookmarked for entry in articles.entries)
        shown = [entry.id for entry in articles.entries]
        assert shown[:2] == [LONG, second.id], "last bookmarked first, as `tgag bookmarks`"
        assert shown == store.bookmarked_ids()

        await select(pilot, app, LONG)
        await pilot.press("enter", *keys("reader.toggle_bookmark"))
        assert view.article.id == LONG
        assert not store.state(LONG)[1]
        assert noticed(app, "Bookmark removed.")

    run(cache, scenario)


@covers("list.unread_only")
def test_u_shows_unread_articles_only(cache):
    async def scenario(pilot, app, store):
        _, _, articles, _ = panes(app)
        assert len(articles.entries) == 58
        await pilot.press(*keys("list.unread_only"))
        assert len(articles.entries) == 53
        assert not any(entry.read for entry in articles.entries)
        assert "[unread only]" in status_text(app)
        await pilot.press("enter")  # read one: it stays listed until the list is reloaded
        await pilot.press("q", *keys("list.unread_only"))
        assert len(articles.entries) == 58
        assert "unread only" not in status_text(app)

    run(cache, scenario)


# -- the category tree -----------------------------------------------------------------------


@covers("previous_pane", "tree.down", "tree.up", "tree.first", "tree.last", "tree.open")
def test_tree_keys_choose_the_category_listed(cache):
    async def scenario(pilot, app, store):
        screen, tree, articles, _ = panes(app)
        await pilot.press(*keys("previous_pane"))
        assert app.focused is tree
        assert tree.cursor_node.data == ALL
        down, up = keys("tree.down"), keys("tree.up")
        await pilot.press(down[0])
        assert tree.cursor_node.data == BOOKMARKS
        assert [entry.id for entry in articles.entries] == list(DEMO_BOOKMARKED)
        await pilot.press(down[1])
        assert tree.cursor_node.data == "8"  # Tin tức - Sự kiện, with its two subcategories
        assert len(articles.entries) == 17
        await pilot.press(up[0])
        assert tree.cursor_node.data == BOOKMARKS
        await pilot.press(up[1])
        assert tree.cursor_node.data == ALL
        assert len(articles.entries) == 58
        for key in keys("tree.last"):
            await pilot.press(key)
            assert tree.cursor_node.data == "17"  # Văn hóa - Văn nghệ, the last of the menu
            assert len(articles.entries) == 6
            await pilot.press(keys("tree.first")[keys("tree.last").index(key)])
            assert tree.cursor_node.data == ALL

        for key, steps in zip(keys("tree.open"), (5, 1), strict=True):
            await pilot.press(*["j"] * steps, key)
            assert screen.pane == "list"
            assert app.focused is articles
            expected = store.entries(categories=[tree.cursor_node.data])
            assert [e.id for e in articles.entries] == [e.id for e in expected]
            assert all(e.summary.category.key == tree.cursor_node.data for e in articles.entries)
            await pilot.press("shift+tab")
        assert tree.cursor_node.data == "13"

    run(cache, scenario)


def test_reading_in_a_category_keeps_the_category(cache):
    """Reading, marking and syncing relabel or rebuild the tree; the list stays on its
    category (a rebuilt tree put its cursor back on Latest, and the list followed)."""

    async def scenario(pilot, app, store):
        screen, tree, articles, _ = panes(app)
        screen.go_to_category(CONG_TAC_DAN_VAN)
        await pilot.pause()
        assert len(articles.entries) == 8
        await pilot.press("enter", "m", "q", "m", "b", "u")
        assert screen.category == CONG_TAC_DAN_VAN
        assert tree.cursor_node.data == CONG_TAC_DAN_VAN
        await pilot.press("u")
        assert len(articles.entries) == 8
        screen.reload()  # as after a sync
        await pilot.pause()
        assert tree.cursor_node.data == CONG_TAC_DAN_VAN
        assert len(articles.entries) == 8

        # A sync that brings a new menu: the tree is built again.
        site, name, menu, _ = store.site()
        store.put_site(site, name, [*menu, Category(99, "muc-moi", "Mục mới")], fetched_at=CLOCK)
        screen.reload()
        await pilot.pause()
        assert tree.root.children[-1].label.plain.startswith("Mục mới")
        assert tree.cursor_node.data == CONG_TAC_DAN_VAN
        assert screen.category == CONG_TAC_DAN_VAN
        assert len(articles.entries) == 8

    run(cache, scenario)


# -- panes and going back --------------------------------------------------------------------


@covers("next_pane", "previous_pane")
def test_tab_and_shift_tab_move_between_panes(cache):
    async def scenario(pilot, app, store):
        screen, tree, articles, view = panes(app)
        order = [articles, view, tree, articles]
        for widget in order[1:]:
            await pilot.press(*keys("next_pane"))
            assert app.focused is widget
            assert screen.pane == widget.id
        for widget in reversed(order[:-1]):
            await pilot.press(*keys("previous_pane"))
            assert app.focused is widget

    run(cache, scenario)


@covers("back")
@pytest.mark.parametrize("key", keys("back"))
def test_back_goes_reader_list_tree_then_quits(cache, key):
    async def scenario(pilot, app, store):
        screen, tree, articles, view = panes(app)
        await pilot.press("enter")
        assert app.focused is view
        await pilot.press(key)
        assert app.focused is articles
        assert screen.pane == "list"
        await pilot.press(key)
        assert app.focused is tree
        assert screen.pane == "tree"
        assert app.is_running
        await pilot.press(key)
        await pilot.pause()
        assert not app.is_running

    run(cache, scenario)


@covers("reader.next_article", "reader.previous_article")
def test_brackets_read_the_next_and_previous_article(cache):
    async def scenario(pilot, app, store):
        _, _, articles, view = panes(app)
        first, second, third = articles.entries[:3]
        await pilot.press("enter")
        await pilot.press(*keys("reader.next_article"))
        assert view.article.id == second.id
        assert articles.cursor == 1
        assert store.state(second.id)[0], "reading the next article marks it read"
        await pilot.press(*keys("reader.next_article"))
        assert view.article.id == third.id
        await pilot.press(*keys("reader.previous_article"), *keys("reader.previous_article"))
        assert view.article.id == first.id
        assert articles.cursor == 0
        await pilot.press(*keys("reader.previous_article"))
        assert view.article.id == first.id
        assert noticed(app, "No more articles this way.")

    run(cache, scenario)


# -- the reader ------------------------------------------------------------------------------


@covers(
    "reader.down",
    "reader.up",
    "reader.top",
    "reader.bottom",
    "reader.page_down",
    "reader.page_up",
)
def test_reader_keys_scroll_the_article(cache):
    async def scenario(pilot, app, store):
        _, _, _, view = panes(app)
        await select(pilot, app, LONG)
        await pilot.press("enter")
        assert view.position == 0
        assert view.max_scroll_y > 2 * view.size.height
        for key in keys("reader.down"):
            before = view.position
            await pilot.press(key)
            assert view.position == before + 1
        for key in keys("reader.up"):
            before = view.position
            await pilot.press(key)
            assert view.position == before - 1
        for key in keys("reader.page_down"):
            await pilot.press(key)
            assert view.position == view.size.height
            await pilot.press(*keys("reader.page_up"))
            assert view.position == 0
        for key in keys("reader.bottom"):
            await pilot.press(key)
            assert view.position == view.max_scroll_y
            shown = [line.strip() for line in rendered(view) if line.strip()]
            assert "".join(shown[-2:]) == view.article.url  # its address, last, on 2 lines
            await pilot.press(keys("reader.top")[keys("reader.bottom").index(key)])
            assert view.position == 0

    run(cache, scenario)


@covers("reader.find", "reader.find_next", "reader.find_previous", "find.cancel")
def test_slash_in_the_reader_finds_without_diacritics(cache):
    async def scenario(pilot, app, store):
        screen, _, _, view = panes(app)
        find = screen.query_one(FindBar)
        await select(pilot, app, LONG)
        await pilot.press("enter", *keys("reader.find"))
        assert find.has_class("-visible")
        assert app.focused is find
        await pilot.press(*"dan van")
        assert len(view.matches) == 33
        # The query as typed and the count, on one line (review A4: while focused, Input's
        # border took the bar's only line; neither the query nor the count were ever seen).
        await pilot.pause()
        assert find.size.height == 1
        row = screen_text(app).splitlines()[-2]  # above the footer
        assert "dan van" in row
        assert row.rstrip().endswith("33 matches")
        words = {view.lines[row].plain[start:end] for row, start, end in view.matches}
        assert "dân vận" in words
        assert {fold(word) for word in words} == {"dan van"}

        def drawn(index: int, component: str) -> str:
            """The text of match `index` as drawn on screen, if drawn in `component`'s style
            (the styles blend with the pane's background, which changes with the focus)."""
            row, start, end = view.matches[index]
            assert view.position <= row < view.position + view.size.height
            background = view.get_component_rich_style(component).bgcolor
            cells, text = 0, ""
            for segment in view.render_line(row - view.position):
                if start <= cells < end:
                    assert segment.style.bgcolor == background, (segment, component)
                    text += segment.text
                cells += len(segment.text)
            return text

        current, other = "article-view--current-match", "article-view--match"
        assert fold(drawn(0, current)) == "dan van"
        assert fold(drawn(1, other)) == "dan van"
        await pilot.press("enter")  # keeps the matches, back to the reader
        assert not find.has_class("-visible")
        assert app.focused is view
        assert fold(drawn(0, current)) == "dan van"
        assert drawn(1, other) == "dân vận"
        for key, index in (("n", 1), ("n", 2), ("N", 1), ("N", 0), ("N", 32)):
            binding = "reader.find_next" if key == "n" else "reader.find_previous"
            assert keys(binding) == [key]
            await pilot.press(key)
            assert view.match_index == index
            row = view.matches[index][0]
            assert view.position <= row < view.position + view.size.height
        assert fold(drawn(32, current)) == "dan van"
        assert fold(drawn(31, other)) == "dan van"

        await pilot.press("slash", *"quy che")
        assert len(view.matches) > 3
        await pilot.press(*keys("find.cancel"))
        assert not find.has_class("-visible")
        assert app.focused is view
        assert view.matches == [], "escape clears the highlights"

    run(cache, scenario)


# -- search ----------------------------------------------------------------------------------


@covers("list.search", "tree.search", "search.results", "search.cancel")
def test_slash_in_the_lists_searches_as_you_type(cache, monkeypatch):
    searches: list[str] = []
    original = SearchScreen.run_search

    def counted(self) -> None:
        searches.append(self.query_one(Input).value)
        original(self)

    monkeypatch.setattr(SearchScreen, "run_search", counted)

    async def scenario(pilot, app, store):
        screen, _, _, view = panes(app)
        await pilot.press(*keys("list.search"))
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one(ArticleList)
        await pilot.press(*"dan van")
        # A slow moment may let the debounce fire mid-word: wait for the last query's answer.
        await wait_for(pilot, lambda: app.screen.answered == "dan van", "results")
        assert searches[-1] == "dan van"
        assert len(searches) < len("dan van"), f"not debounced: {searches}"
        assert len(results.entries) > 10
        assert app.screen.query_one("#summary", Static).content.plain.endswith("articles")
        # Matches are highlighted in the titles.
        match = results.get_component_rich_style("article-list--match")
        marked = [
            segment.text
            for strip in (results.render_line(y) for y in range(5))
            for segment in strip
            if segment.style and segment.style.bgcolor == match.bgcolor
        ]
        assert marked
        assert {fold(text).strip() for text in marked} <= {"dan", "van", "dan van"}
        assert any("dân" in text.lower() for text in marked)
        snippet = app.screen.query_one("#snippet", Static).content
        assert any(span.style == "bold reverse" for span in snippet.spans)

        chosen = results.entries[0]
        await pilot.press(*keys("search.results"))
        assert app.focused is results
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        assert screen.pane == "reader"
        assert app.focused is view
        assert view.article.id == chosen.id
        assert store.state(chosen.id)[0]
        assert view.query == "dan van"
        assert view.matches

        await pilot.press("q", "shift+tab", *keys("tree.search"))  # from the tree
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"xyzzy")
        await wait_for(pilot, lambda: app.screen.answered == "xyzzy", "the answer")
        await pilot.pause()
        assert app.screen.query_one(ArticleList).entries == []
        assert "No match." in screen_text(app)
        await pilot.press(*keys("search.cancel"))
        assert isinstance(app.screen, MainScreen)
        assert view.article.id == chosen.id

    run(cache, scenario)


# -- browser and clipboard -------------------------------------------------------------------


@covers("list.browser", "reader.browser", "list.copy_url", "reader.copy_url")
def test_o_opens_and_y_copies_the_article_address(cache, browser, monkeypatch):
    copied: list[str] = []
    monkeypatch.setattr(App, "copy_to_clipboard", lambda self, text: copied.append(text))

    async def scenario(pilot, app, store):
        _, _, articles, view = panes(app)
        first = articles.entries[0]
        await pilot.press(*keys("list.browser"))
        await wait_for(pilot, lambda: browser, "the browser")
        assert browser == [first.summary.url]
        await pilot.press(*keys("list.copy_url"))
        assert copied == [first.summary.url]
        assert noticed(app, f"Copied {first.summary.url}")

        await select(pilot, app, LONG)
        await pilot.press("enter", *keys("reader.browser"), *keys("reader.copy_url"))
        await wait_for(pilot, lambda: len(browser) == 2, "the browser")
        assert browser[1] == copied[1] == view.article.url
        assert view.article.url.startswith("http://tgag.demo/")
        assert "id=1392" in copied[1]

    run(cache, scenario)


@covers(*(f"reader.link_{n}" for n in range(1, 10)))
def test_digits_open_the_numbered_links_and_only_web_links(cache, browser):
    article_id = 9001
    urls = [f"https://example.vn/bai-{n}" for n in range(1, 12)]
    links = [Link(f"liên kết {n}", url) for n, url in enumerate(urls, start=1)]
    links.insert(2, Link("kịch bản", "javascript:alert(1)"))
    links.insert(5, Link("tệp", "file:///etc/passwd"))
    with Store(cache) as store:
        base = store.get_article(LONG)
        body = tuple(Paragraph(f"Đoạn {link.text}.", (link,)) for link in links)
        store.put_article(replace(base, id=article_id, title="Mười một liên kết", body=body))
        # and one whose own address is no web address
        store.put_article(replace(base, id=9002, title="Địa chỉ lạ", url="file:///etc/passwd"))

    async def scenario(pilot, app, store):
        _, _, _, view = panes(app)
        await select(pilot, app, article_id)
        await pilot.press("enter")
        assert [link.url for link in view.links.links] == urls
        for n in range(1, 10):
            await pilot.press(*keys(f"reader.link_{n}"))
            await wait_for(pilot, lambda n=n: len(browser) == n, f"link {n}")
            assert browser[-1] == urls[n - 1]
        assert "[3]" in " ".join(line.plain for line in view.lines)

        await select(pilot, app, 9002)
        await pilot.press("enter", "o", "y")
        await pilot.pause(0.1)
        assert noticed(app, "only http(s) links are opened")
        assert not noticed(app, "Copied")
        await pilot.press("1")
        assert noticed(app, "This article has no link 1.")
        assert len(browser) == 9

    run(cache, scenario)


def test_a_missing_link_number_notifies(cache, browser):
    async def scenario(pilot, app, store):
        _, _, _, view = panes(app)
        await select(pilot, app, 2449)  # one link
        await pilot.press("enter", "2", "1")
        await wait_for(pilot, lambda: browser, "the browser")
        assert noticed(app, "This article has no link 2.")
        assert browser == [view.links.links[0].url]

    run(cache, scenario)


# -- other screens ---------------------------------------------------------------------------


@covers("help", "help.close")
def test_help_lists_every_binding_and_its_id(cache):
    async def scenario(pilot, app, store):
        for key in keys("help.close"):
            await pilot.press(*keys("help"))
            assert isinstance(app.screen, HelpScreen)
            text = help_text(app.screen)
            for binding in (b for group in bindings.ALL.values() for b in group):
                assert binding.id in text
                assert binding.description in text
            assert "question_mark" not in text
            assert "?" in text
            await pilot.press(key)
            assert isinstance(app.screen, MainScreen)

    run(cache, scenario)


def help_text(screen: HelpScreen) -> str:
    console = Console(width=200, file=io.StringIO(), record=True)
    for static in screen.query(Static):
        console.print(static.content)
    return console.export_text()


@covers("statistics", "stats.back", "stats.down", "stats.up")
def test_s_shows_the_site_statistics(cache):
    async def scenario(pilot, app, store):
        await pilot.press(*keys("statistics"))
        assert isinstance(app.screen, StatsScreen)
        await wait_for(pilot, lambda: "Guests online" in screen_text(app), "statistics")
        text = screen_text(app)
        assert "Guests online                            211" in text
        assert "Article view hits                 36.954.660" in text
        assert "Guests online, 12 syncs since 23/11/2026 15:59" in text
        assert "max 228 guests" in text
        assert "Văn hóa - Văn nghệ" not in text  # below, on 24 rows
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 2
        await pilot.press(*keys("stats.down"))
        assert scroll.scroll_y == len(keys("stats.down"))
        await pilot.press(*keys("stats.up"))
        assert scroll.scroll_y == 0
        await pilot.press(*["j"] * int(scroll.max_scroll_y))
        rows = {
            " ".join(line.split()[:-2]): line.split()[-2:]
            for line in screen_text(app).splitlines()
            if len(line.split()) > 2
        }
        assert rows["Công tác dân vận"] == ["8", "7"]  # cached, unread
        assert rows["Văn hóa - Văn nghệ"] == ["6", "6"]
        assert rows["All"] == ["58", "53"]
        for key in keys("stats.back"):
            assert isinstance(app.screen, StatsScreen)
            await pilot.press(key)
            assert isinstance(app.screen, MainScreen)
            await pilot.press(*keys("statistics"))

    run(cache, scenario, size=NARROW)


@covers("toggle_theme")
def test_ctrl_t_switches_light_and_dark(cache):
    async def scenario(pilot, app, store):
        assert app.theme == LIGHT
        await pilot.press(*keys("toggle_theme"))
        assert app.theme == DARK
        assert app.current_theme.dark
        await pilot.press(*keys("toggle_theme"))
        assert app.theme == LIGHT
        assert not app.current_theme.dark

    run(cache, scenario, config=Config(theme=LIGHT))


# Every binding that does something to an article or the app, and its command in the palette;
# the others move a cursor, a pane or a scroll position.
PALETTE = {
    "quit": "Quit",
    "help": "Keys",
    "statistics": "Site statistics",
    "refresh": "Refresh from the site",
    "toggle_theme": "Toggle light/dark theme",
    "list.toggle_read": "Mark read/unread",
    "reader.toggle_read": "Mark read/unread",
    "list.toggle_bookmark": "Bookmark",
    "reader.toggle_bookmark": "Bookmark",
    "list.unread_only": "Unread only",
    "list.search": "Search",
    "tree.search": "Search",
    "list.browser": "Open in browser",
    "reader.browser": "Open in browser",
    "list.copy_url": "Copy URL",
    "reader.copy_url": "Copy URL",
    "reader.find": "Find in article",
    "reader.next_article": "Next article",
    "reader.previous_article": "Previous article",
}
MOVES = {"down", "up", "first", "last", "top", "bottom", "page_down", "page_up", "open"}
MOVES |= {"next_pane", "previous_pane", "back", "find_next", "find_previous"}
MOVES |= {f"link_{n}" for n in range(1, 10)}


async def palette(pilot: Pilot, app: ReaderApp, query: str) -> list[tuple[str, str]]:
    """Open the command palette, type `query`; the commands offered (name, help)."""
    await pilot.press("ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    options = app.screen.query_one(OptionList)
    if query:
        await pilot.press(*query)
    await wait_for(pilot, lambda: options.option_count, "commands")
    await pilot.pause(0.1)
    offered = []
    for index in range(options.option_count):
        name, _, help_text = str(options.get_option_at_index(index).prompt).partition("\n")
        offered.append((name, help_text))
    return offered


def test_every_action_is_in_the_command_palette(cache):
    actions = ("Everywhere", "Category tree", "Article list", "Reader")  # not a screen's own keys
    for binding in (b for name in actions for b in bindings.ALL[name]):
        assert binding.id in PALETTE or binding.id.split(".")[-1] in MOVES, binding.id

    async def scenario(pilot, app, store):
        _, _, articles, _ = panes(app)
        offered = await palette(pilot, app, "")
        names = {name for name, _ in offered}
        assert set(PALETTE.values()) <= names, set(PALETTE.values()) - names
        # Textual has a "Keys" and a "Quit" of its own: these are the reader's.
        assert ("Keys", "Every key binding (?)") in offered
        assert ("Quit", "Leave tgagreader (ctrl+q)") in offered
        categories = ["Latest", "Bookmarks", "Công tác dân vận", "Tin trong nước"]
        assert {f"Go to {name}" for name in categories} <= names
        await pilot.press("escape")

        first = articles.entries[0]
        assert not store.state(first.id)[1]
        offered = await palette(pilot, app, "bookmark")
        assert offered[0][0] == "Bookmark"
        await pilot.press("enter")
        await pilot.pause()
        assert store.state(first.id)[1]

        await palette(pilot, app, "site statistics")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StatsScreen), "statistics")

    run(cache, scenario)


@pytest.mark.parametrize("typed", ["Go to Công tác dân vận", "cong tac dan van"])
def test_the_palette_goes_to_a_category(cache, typed):
    async def scenario(pilot, app, store):
        screen, tree, articles, _ = panes(app)
        offered = await palette(pilot, app, typed)
        assert offered[0][0] == "Go to Công tác dân vận"
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), "the main screen")
        await pilot.pause()
        assert screen.category == CONG_TAC_DAN_VAN
        assert tree.cursor_node.data == "12"
        assert len(articles.entries) == 8
        assert app.focused is articles

    run(cache, scenario)


@covers("reader.find_next", "refresh")
def test_keys_remapped_in_the_config(cache):
    config = Config(keys={"reader.find_next": "x", "refresh": "f5", "no.such.binding": "z"})

    async def scenario(pilot, app, store):
        _, _, _, view = panes(app)
        assert noticed(app, "Unknown key binding ids in [keys]: no.such.binding")
        await select(pilot, app, LONG)
        await pilot.press("enter", "slash", *"dan van", "enter")
        assert view.match_index == 0
        await pilot.press("n")
        assert view.match_index == 0, "n is no longer bound"
        await pilot.press("x")
        assert view.match_index == 1
        await pilot.press("r")
        assert not noticed(app, "Offline mode")
        await pilot.press("f5")
        assert noticed(app, "Offline mode: not fetching anything.")
        await pilot.press("question_mark")
        rows = help_text(app.screen).splitlines()
        assert any(row.split()[:1] == ["x"] and "reader.find_next" in row for row in rows)
        assert any(row.split()[:1] == ["f5"] and "refresh" in row for row in rows)

    run(cache, scenario, config=config)


# -- the mouse -------------------------------------------------------------------------------


def test_clicking_a_row_opens_it_and_a_category_lists_it(cache):
    async def scenario(pilot, app, store):
        screen, tree, articles, view = panes(app)
        target = articles.entries[4]
        assert not store.state(target.id)[0]
        assert await pilot.click(ArticleList, offset=(20, 4))
        assert articles.cursor == 4
        assert view.article.id == target.id
        assert screen.pane == "reader"
        assert store.state(target.id)[0]
        assert await pilot.click(CategoryTree, offset=(4, 1))  # Bookmarks
        await pilot.pause()
        assert tree.cursor_node.data == BOOKMARKS
        assert [entry.id for entry in articles.entries] == list(DEMO_BOOKMARKED)
        assert screen.pane == "list"

    run(cache, scenario)


# -- state that lasts ------------------------------------------------------------------------


@covers("quit")
def test_reading_positions_and_read_marks_last(cache):
    kept: dict[str, int] = {}

    async def reading(pilot, app, store):
        _, _, articles, view = panes(app)
        await select(pilot, app, LONG)
        following = articles.entries[articles.cursor + 1]
        await pilot.press("enter", "j", "j", "j", "j", "j")
        assert view.position == 5
        await pilot.press("]")  # another article, from its top
        assert view.article.id == following.id
        assert view.position == 0
        await pilot.press("j", "j")
        await pilot.press("[")  # back: where it was left
        assert view.article.id == LONG
        assert view.position == 5
        await pilot.press("q", "k")  # the list, one up
        await pilot.press("j")  # the preview comes back at the same place too
        assert view.article.id == LONG
        assert view.position == 5
        await pilot.press("enter", "pagedown")
        assert view.position == 5 + view.size.height
        await pilot.press("slash")
        kept["position"], kept["following"] = view.position, following.id
        await pilot.press(*keys("quit"))  # even from the find bar
        await pilot.pause()
        assert not app.is_running

    run(cache, reading)

    async def again(pilot, app, store):
        _, _, articles, view = panes(app)
        assert store.state(LONG) == (True, False, kept["position"])
        assert store.state(kept["following"]) == (True, False, 2)
        assert next(e for e in articles.entries if e.id == LONG).read
        await select(pilot, app, LONG)
        assert view.article.id == LONG
        assert view.position == kept["position"]
        await select(pilot, app, kept["following"])
        assert view.position == 2

    run(cache, again)


# -- narrow terminals ------------------------------------------------------------------------


def test_a_narrow_terminal_shows_one_pane_at_a_time(cache):
    async def scenario(pilot, app, store):
        screen, tree, articles, view = panes(app)

        def shown() -> list[str]:
            return [widget.id for widget in (tree, articles, view) if widget.display]

        assert screen.narrow
        assert shown() == ["list"]
        assert articles.size.width > 70
        await pilot.press("j")
        assert view.article is None or view.article.id != articles.entries[1].id, "no preview"
        await pilot.press("enter")
        assert shown() == ["reader"]
        assert app.focused is view
        assert view.article.id == articles.entries[1].id
        assert store.state(view.article.id)[0]
        assert view.size.width > 70
        await pilot.press("q")
        assert shown() == ["list"]
        assert app.focused is articles
        await pilot.press("q")
        assert shown() == ["tree"]
        assert app.focused is tree
        await pilot.press("j", "enter")  # Bookmarks
        assert shown() == ["list"]
        assert [entry.id for entry in articles.entries] == list(DEMO_BOOKMARKED)
        await pilot.press("tab")
        assert shown() == ["reader"]
        await pilot.resize_terminal(*WIDE)
        await wait_for(pilot, lambda: not screen.narrow, "the wide layout")
        await pilot.pause()
        assert shown() == ["tree", "list", "reader"]
        assert app.focused is view
        assert tree.cursor_node.data == BOOKMARKS, "resizing keeps the category"
        await pilot.resize_terminal(*NARROW)
        await wait_for(pilot, lambda: screen.narrow, "the narrow layout")
        assert shown() == ["reader"]

    run(cache, scenario, size=NARROW)


# -- refreshing from the site ----------------------------------------------------------------


@covers("refresh")
def test_r_refreshes_in_the_background_with_progress(tmp_path, serve):
    server = serve("j3")
    server.inject(faults.front_page(), faults.Hang(seconds=0.5), times=1)  # a slow start
    seen: list[str] = []

    async def scenario(pilot, app, store):
        _, _, articles, _ = panes(app)
        assert articles.entries == []
        assert "nothing cached yet" in status_text(app)
        await pilot.press(*keys("refresh"))
        await wait_for(pilot, lambda: "syncing" in status_text(app), "progress")
        seen.append(status_text(app))
        assert app.is_running
        assert app.syncing
        await pilot.press("j")  # the reader still answers while it syncs
        await wait_for(pilot, lambda: not app.syncing, "the end of the sync", timeout=30)
        await pilot.pause()
        assert "● online" in status_text(app)
        assert "syncing" not in status_text(app)
        assert "cache" in status_text(app)
        assert noticed(app, "Refreshed")
        assert len(articles.entries) > 30
        assert server.requests

    run(tmp_path / "empty", scenario, site=server.url, offline=False, options=fast_options(pages=1))
    assert seen[0].startswith("TGAG")
    assert "syncing" in seen[0]


def test_refresh_at_start_only_when_the_cache_is_old(tmp_path, serve):
    server = serve("j3")
    cache = tmp_path / "cache"
    options = {"site": server.url, "offline": False, "options": fast_options(pages=1)}

    async def starts(pilot, app, store):
        await wait_for(pilot, lambda: noticed(app, "Refreshed"), "the refresh at start", 30)
        assert panes(app)[2].entries

    run(cache, starts, refresh_on_start=True, clock=time.time, **options)
    count = len(server.requests)

    async def fresh(pilot, app, store):
        await pilot.pause(0.2)
        assert not app.syncing

    run(cache, fresh, refresh_on_start=True, clock=time.time, **options)
    assert len(server.requests) == count


def test_a_failed_refresh_notifies_and_the_reader_goes_on(cache):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]  # closed again when the test runs

    async def scenario(pilot, app, store):
        _, _, articles, _ = panes(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: app.notices, "a notification", timeout=30)
        await wait_for(pilot, lambda: not app.syncing, "the end of the sync")
        assert app.notices[-1][0] == "Refresh failed"
        assert "○ site unreachable" in status_text(app)
        assert app.is_running
        assert len(articles.entries) == 58
        await pilot.press("j", "enter")
        assert panes(app)[3].article.id == articles.entries[1].id

    run(
        cache,
        scenario,
        site=f"http://127.0.0.1:{port}/",
        offline=False,
        options=fast_options(),
    )


def test_the_end_of_a_list_fetches_older_pages(tmp_path, serve):
    server = serve("j3")
    cache = tmp_path / "cache"
    with Store(cache) as store:
        summary = run_sync(store, server.url, fast_options(pages=1))
        assert not summary.failed
        assert store.get_listing(CONG_TAC_DAN_VAN, 2) is None

    def page_two(category: str) -> list[str]:
        return [
            r.path
            for r in server.requests
            if "view=category" in r.path
            and f"id={category}&" in r.path
            and "limitstart=5" in r.path
        ]

    async def scenario(pilot, app, store):
        screen, _, articles, _ = panes(app)
        server.requests.clear()
        screen.go_to_category(CONG_TAC_DAN_VAN)
        await pilot.pause()
        assert len(articles.entries) == 6
        assert not page_two(CONG_TAC_DAN_VAN)
        await pilot.press("G")
        shown = articles.current.id
        await wait_for(pilot, lambda: len(articles.entries) == 8, "the second page", 30)
        assert len(page_two(CONG_TAC_DAN_VAN)) == 1
        assert screen.category == CONG_TAC_DAN_VAN
        assert articles.current.id == shown, "the cursor stays where it was"
        await wait_for(pilot, lambda: not app.syncing, "the end of the sync")
        await pilot.press("G", "j")  # the last page: nothing more to ask for
        await pilot.pause(0.2)
        assert len(page_two(CONG_TAC_DAN_VAN)) == 1
        assert not app.syncing

        screen.go_to_category("13")  # Tiến tới đại hội đảng: j down to the end
        await pilot.pause()
        count = len(articles.entries)
        await pilot.press(*["j"] * count)
        await wait_for(pilot, lambda: len(articles.entries) > count, "more of 13", 30)
        assert len(page_two("13")) == 1

    run(cache, scenario, site=server.url, offline=False, options=fast_options())


# -- hostile text ----------------------------------------------------------------------------


def test_hostile_markup_is_shown_literally_and_runs_nothing(hostile_cache, browser):
    _, article_id = hostile_cache

    async def scenario(pilot, app, store):
        _, _, articles, view = panes(app)
        assert articles.entries[0].id == article_id
        assert "Tin khẩn cấp esrever" in rendered(articles)[0]
        await pilot.press("enter")
        assert view.article.id == article_id
        text = "".join(line.plain for line in view.lines[:40])
        for literal in MARKUP.split():
            assert literal in text.replace(" ", ""), literal
        page = screen_text(app)
        assert "[@click=app.quit]x[/]" in page  # the title, as typed
        assert "[bold]đậm[/bold]" in page
        assert "[link=https://evil.example/]bấm[/link]" in "".join(page.split())
        assert "[@click=app.quit]thoát[/]" in "".join(page.split())
        svg = app.export_screenshot()
        drawn = rendered(view) + rendered(articles) + [status_text(app), page, svg]
        for line in drawn:
            for char in FORBIDDEN:
                assert char not in line, repr(char)

        # Click on the markup where it is on screen: nothing happens but a click.
        row = next(y for y, line in enumerate(rendered(view)) if "[@click=app.quit]" in line)
        column = rendered(view)[row].index("[@click=app.quit]") + 3
        await pilot.click(ArticleView, offset=(column + 1, row))  # +1: the padding
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, MainScreen)
        assert view.article.id == article_id

        for n in range(1, 10):
            await pilot.press(str(n))
        await wait_for(pilot, lambda: browser, "the one web link")
        assert browser == ["http://dangcongsan.vn/bai-viet"]  # javascript:, data:, file: never
        assert noticed(app, "This article has no link 2.")
        assert app.is_running

        # The search screen: the title in the results, the paragraph in the snippet.
        await pilot.press("q", "slash", *"esrever dam")
        results = app.screen.query_one(ArticleList)
        await wait_for(pilot, lambda: app.screen.answered == "esrever dam", "results")
        assert [entry.id for entry in results.entries] == [article_id]
        page = screen_text(app)
        assert "[@click=app.quit]x[/]" in page
        assert "[bold]đậm[/bold]" in page
        await pilot.press("down", "enter")
        assert isinstance(app.screen, MainScreen)
        assert view.article.id == article_id
        assert app.is_running

    run(hostile_cache[0], scenario)


def test_hostile_markup_in_every_kind_of_block_is_text(hostile_cache):
    """Review A1: a table's caption went to Rich as a `str` title, which Rich parses as markup:
    a click on "[@click=app.quit]Bảng 1[/]" quit the reader, and "Giá [/b] lúa" crashed it as
    soon as the article was opened."""
    _, article_id = hostile_cache

    async def scenario(pilot, app, store):
        _, _, _, view = panes(app)
        await pilot.press("enter")
        assert view.article.id == article_id
        text = "".join("".join(line.plain for line in view.lines[:60]).split())
        for literal in (
            CAPTION_ACTION,
            CAPTION_BAD_TAG,
            "[@click=app.quit]Tiêu đề phụ[/]",
            "[bold]mục một[/bold]",
            "[@click=app.quit]mục hai[/]",
            "[link=https://evil.example/]trích dẫn[/link]",
            "[bold]Huyện[/bold]",
            "[@click=app.quit]Chợ Mới[/]",
            "[@click=app.quit]ảnh[/]",
        ):
            assert "".join(literal.split()) in text, literal
        row = next(y for y, line in enumerate(view.lines) if CAPTION_ACTION in line.plain)
        view.scroll_to(y=row, animate=False)
        await pilot.pause()
        for y in range(view.size.height):  # no cell on screen carries an action
            for segment in view.render_line(y):
                assert not (segment.style and segment.style.meta), segment
        column = view.lines[row].plain.index(CAPTION_ACTION) + 3
        await pilot.click(ArticleView, offset=(column + 1, 0))  # +1: the padding
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, MainScreen)

    run(hostile_cache[0], scenario)


def _article_with(*body) -> Article:
    return Article(
        id=1,
        title="Bảng",
        url="http://tgag.demo/index.php?option=com_content&view=article&id=1",
        category=Category(12, "cong-tac-dan-van", "Công tác dân vận"),
        author=None,
        byline=None,
        published=None,
        modified=None,
        hits=None,
        summary="",
        body=body,
    )


PLAIN_STYLES = Styles(*[Style()] * 7)


def test_a_table_too_wide_reads_as_records_with_every_cell():
    """Review A9: a body row longer than the header lost its last cells."""
    table = Table(
        (("Huyện", "Số hộ"), ("Chợ Mới", "1.200", "ghi chú của huyện về số hộ nghèo")),
        header=True,
    )
    lines = [line.plain for line in layout(_article_with(table), 30, Console(), PLAIN_STYLES)]
    assert "Huyện: Chợ Mới" in lines
    assert "Số hộ: 1.200" in lines
    assert "3: ghi chú của huyện về số hộ" in " ".join(lines)


def test_a_table_is_measured_against_the_pane_not_the_terminal():
    """Rich clamps a measure to the console's width: an 83-cell table on a 40-column console
    measured 40 and was drawn squeezed into a 60-cell pane, its cells cut."""
    wide = "một ô có nội dung rất dài, dài hơn nữa"
    table = Table((("A", "B"), (wide, wide)), header=True)
    lines = layout(_article_with(table), 60, Console(width=40), PLAIN_STYLES)
    text = [line.plain for line in lines]
    assert f"A: {wide}" in text
    assert f"B: {wide}" in text


# -- syncing in the background: quitting, refreshing twice, other screens --------------------


def test_quitting_during_a_sync_with_a_site_that_never_answers_is_at_once(tmp_path, serve):
    """Review A2: the sync ran in a thread, which cannot be cancelled, and quitting waited for
    it: read timeout x attempts (80 s with the defaults) before the shell got its prompt back."""
    server = serve("j3")
    silent = server.inject(faults.front_page(), faults.Hang(seconds=600))
    patient = SyncOptions(settings=FetchSettings(delay=0.0))  # 20 s timeout, 3 retries
    assert patient.settings.read_timeout * (patient.settings.retries + 1) >= 80
    quit_at: list[float] = []

    async def scenario(pilot, app, store):
        await pilot.press(*keys("refresh"))
        await wait_for(pilot, lambda: silent.hits, "the request the site never answers")
        await pilot.pause(0.3)
        assert app.syncing
        quit_at.append(time.monotonic())
        await pilot.press(*keys("quit"))

    run(tmp_path / "cache", scenario, site=server.url, offline=False, options=patient)
    assert time.monotonic() - quit_at[0] < 5
    # and the connection was closed, not left to the server's patience
    deadline = time.monotonic() + 5
    while not any(r.status == 0 for r in server.requests) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [r.status for r in server.requests] == [0]


def test_refresh_while_a_refresh_runs_says_so_and_starts_no_other(cache, serve):
    """Review A2: a second `r` "cancelled" the first sync (whose thread went on), started one
    that the lock skipped, and marked the reader as no longer syncing while the first went on."""
    server = serve("j3")
    slow = server.inject(faults.front_page(), faults.Hang(seconds=1.0), times=1)

    async def scenario(pilot, app, store):
        await pilot.press(*keys("refresh"))
        await wait_for(pilot, lambda: slow.hits, "the front page")
        await pilot.press(*keys("refresh"))
        assert noticed(app, "A refresh is already running.")
        assert app.syncing
        assert "syncing" in status_text(app)
        await wait_for(pilot, lambda: not app.syncing, "the end of the sync", timeout=30)
        assert noticed(app, "Refreshed")
        assert not noticed(app, "Another sync")
        assert slow.hits == 1  # one sync asked for the front page

    run(cache, scenario, site=server.url, offline=False, options=fast_options(pages=1))


def test_a_sync_ending_under_another_screen_updates_the_main_screen(cache, serve):
    """The status bar is the main screen's: the progress and the end of a sync reach it while
    another screen is on top, and the reader goes on."""
    server = serve("j3")
    server.inject(faults.front_page(), faults.Hang(seconds=0.5), times=1)

    async def scenario(pilot, app, store):
        await pilot.press(*keys("refresh"), *keys("statistics"))
        assert isinstance(app.screen, StatsScreen)
        await wait_for(pilot, lambda: not app.syncing, "the end of the sync", timeout=30)
        assert app.is_running
        assert noticed(app, "Refreshed")
        await pilot.press(keys("stats.back")[0])
        assert "● online" in status_text(app)
        assert "syncing" not in status_text(app)

    run(cache, scenario, site=server.url, offline=False, options=fast_options(pages=1))


def test_a_reloaded_list_never_fetches_older_pages_by_itself(tmp_path, serve):
    """Review A5: the list asked for older pages whenever its cursor landed on the last row,
    also when a reload put it there: a one-row list fetched as soon as it was shown, and every
    sync's reload fetched again. Only the reader's own moves ask."""
    server = serve("j3")
    cache = tmp_path / "cache"
    with Store(cache) as store:
        assert not run_sync(store, server.url, fast_options(pages=1)).failed
        listed = [e.id for e in store.entries(categories=[CONG_TAC_DAN_VAN])]
        for article_id in listed[1:]:
            store.set_read(article_id)

    def older_pages() -> list[str]:
        return [r.path for r in server.requests if "limitstart=" in r.path]

    async def scenario(pilot, app, store):
        screen, _, articles, _ = panes(app)
        server.requests.clear()
        screen.go_to_category(CONG_TAC_DAN_VAN)
        await pilot.press(*keys("list.unread_only"))
        assert [e.id for e in articles.entries] == listed[:1]  # one row: the first is the last
        for _ in range(3):
            screen.reload()  # as after a sync
            await pilot.pause(0.2)
        assert not app.syncing
        assert older_pages() == []
        await pilot.press(*keys("list.down")[:1])  # the reader asks
        await wait_for(pilot, lambda: older_pages(), "the second listing page", 30)

    run(cache, scenario, site=server.url, offline=False, options=fast_options())


# -- the current article, the search screen, a failing cache ---------------------------------


def test_b_and_m_act_on_an_article_from_search_that_the_list_does_not_show(cache):
    """Review A6: the reader's actions looked the article up in the list and did nothing,
    silently, when search had opened one the list (here, Bookmarks) does not hold."""

    async def scenario(pilot, app, store):
        screen, tree, articles, view = panes(app)
        screen.go_to_category(BOOKMARKS)
        await pilot.pause()
        assert {entry.id for entry in articles.entries} == set(DEMO_BOOKMARKED)
        await pilot.press("slash", *"dan van")
        results = app.screen.query_one(ArticleList)
        await wait_for(pilot, lambda: app.screen.answered == "dan van", "results")
        target = next(e for e in results.entries if e.id not in DEMO_BOOKMARKED)
        await pilot.press("down")
        results.cursor = results.entries.index(target)
        await pilot.press("enter")
        assert view.article.id == target.id
        assert target.id not in {entry.id for entry in articles.entries}
        assert store.state(target.id)[0]
        await pilot.press(*keys("reader.toggle_bookmark"))
        assert store.state(target.id)[1]
        assert noticed(app, "Bookmarked.")
        assert tree.root.children[1].label.plain.split()[-1] == "3"
        await pilot.press(*keys("reader.toggle_read"))
        assert not store.state(target.id)[0]

    run(cache, scenario)


def test_the_list_keys_on_the_search_screen_act_on_the_highlighted_result(
    cache, browser, monkeypatch
):
    """Review A7: the search screen's footer offered b, u, / and q, which did nothing there."""
    copied: list[str] = []
    monkeypatch.setattr(App, "copy_to_clipboard", lambda self, text: copied.append(text))

    async def scenario(pilot, app, store):
        _, tree, _, _ = panes(app)
        await pilot.press("slash", *"dan van")
        results = app.screen.query_one(ArticleList)
        await wait_for(pilot, lambda: app.screen.answered == "dan van", "results")
        await pilot.press(*keys("search.results"))
        assert app.focused is results
        footer = screen_text(app).splitlines()[-1]
        assert "Bookmark" in footer
        assert "Unread only" not in footer  # it means nothing among search results
        entry = results.current
        read, bookmarked, _ = store.state(entry.id)
        await pilot.press(*keys("list.toggle_bookmark"))
        assert store.state(entry.id)[1] is not bookmarked
        assert results.current.bookmarked is not bookmarked
        await pilot.press(*keys("list.toggle_read"))
        assert store.state(entry.id)[0] is not read
        assert results.current.read is not read
        await pilot.press(*keys("list.browser"), *keys("list.copy_url"))
        await wait_for(pilot, lambda: browser, "the browser")
        assert browser == copied == [entry.summary.url]
        await pilot.press(*keys("list.unread_only"))
        assert isinstance(app.screen, SearchScreen)
        assert len(results.entries) > 10
        await pilot.press(*keys("list.search"))
        assert app.focused is app.screen.query_one(Input)
        await pilot.press("down", keys("back")[0])  # q, from the results
        assert isinstance(app.screen, MainScreen)
        # the tree counts what was done on the search screen
        assert unread_label(tree).endswith(str(store.totals()[1]))

    run(cache, scenario)


def test_search_runs_off_the_event_loop(cache):
    """Review A11: the index was asked on Textual's event loop; a slow query (a short prefix
    over a big cache) froze typing."""
    threads: list[threading.Thread] = []
    release = threading.Event()

    async def scenario(pilot, app, store):
        search = store.search

        def slow_search(text: str, **options: object) -> list:
            threads.append(threading.current_thread())
            release.wait(3)
            return search(text, **options)

        store.search = slow_search
        await pilot.press("slash", *"dan")
        await wait_for(pilot, lambda: threads, "the search")
        await pilot.press(*" van")  # typing goes on while the index is busy
        query = app.screen.query_one(Input)
        assert query.value == "dan van"
        await wait_for(pilot, lambda: len(threads) == 2, "the search of what was typed since")
        assert app.screen.query_one(ArticleList).entries == []
        release.set()
        await wait_for(pilot, lambda: app.screen.query_one(ArticleList).entries, "results")
        summary = app.screen.query_one("#summary", Static).content.plain
        assert summary == f"{len(search('dan van', limit=200))} articles"
        assert threading.main_thread() not in threads

    run(cache, scenario)


def test_a_failing_cache_is_a_notification_not_a_crash(cache):
    """Review A12: these paths had no guard; a StoreError (a full disk, a damaged file) ended
    the reader with a traceback."""

    def broken(*args: object, **kwargs: object):
        raise StoreError("cannot read the cache (disk I/O error)")

    async def scenario(pilot, app, store):
        _, _, articles, _ = panes(app)

        async def fails(what: str, method: str, *presses: str, call=None) -> None:
            app.notices.clear()
            setattr(store, method, broken)
            try:
                await pilot.press(*presses)
                if call is not None:
                    call()
                await pilot.pause(0.3)
                assert app.is_running, what
                assert noticed(app, "Cache error"), what
            finally:
                delattr(store, method)
            if not isinstance(app.screen, MainScreen):
                await pilot.press("escape")
            assert app.is_running
            assert isinstance(app.screen, MainScreen)

        await fails("search as you type", "search", "slash", *"dan")
        await fails("the statistics", "stats_history", *keys("statistics"))
        await fails("unread only", "entries", *keys("list.unread_only"))
        app.offline = False  # for the next two, which do nothing offline
        await fails("older pages", "get_listing", call=lambda: app.fetch_older("12"))
        await fails("refresh at start", "last_sync", call=app.refresh_if_stale)
        app.offline = True

        await pilot.press("slash", *"dan van")
        await wait_for(pilot, lambda: app.screen.answered == "dan van", "results")
        await pilot.press("down")
        await fails("opening a result", "entries", "enter")
        assert len(articles.entries) > 10

    run(cache, scenario)


def test_statistics_of_one_sync_show_no_views_added(tmp_path, serve):
    """Review A15: with one snapshot the "views added between syncs" plot showed the running
    total (millions of views "added")."""
    server = serve("j3")
    cache = tmp_path / "cache"
    with Store(cache) as store:
        assert not run_sync(store, server.url, fast_options(pages=1)).failed
        assert len(store.stats_history()) == 1

    async def scenario(pilot, app, store):
        await pilot.press(*keys("statistics"))
        await wait_for(pilot, lambda: "Guests online" in screen_text(app), "statistics")
        text = screen_text(app)
        assert "Article view hits" in text
        assert "Needs two syncs." in text
        assert "views" not in text.split("Article views added between syncs")[1]

    run(cache, scenario)


def test_the_wheel_at_the_bottom_of_the_list_loads_more(tmp_path):
    """A mouse user scrolls with the wheel, never moving the cursor: reaching the bottom of
    the first 200 rows must bring the next ones, as `j` on the last row does."""
    cache = build_synthetic_cache(tmp_path / "cache", 450, categories=2)

    async def scenario(pilot, app, store):
        _, _, articles, _ = panes(app)
        assert len(articles.entries) == 200
        for _ in range(400):
            if len(articles.entries) > 200:
                break
            articles.post_message(
                events.MouseScrollDown(articles, 1, 1, 0, 1, 0, False, False, False)
            )
            await pilot.pause()
        assert len(articles.entries) == 400
        assert articles.cursor == 0, "the wheel scrolls; it does not move the cursor"

    run(cache, scenario)
