"""The main screen: categories, the article list and the reader, side by side on a wide terminal
and one at a time (with back navigation) on a narrow one."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Tree

from tgagreader.models import Article
from tgagreader.store import Entry, StoreError
from tgagreader.text import is_openable_url
from tgagreader.tui import bindings
from tgagreader.tui.screens.search import SearchScreen
from tgagreader.tui.widgets.article_list import ArticleList
from tgagreader.tui.widgets.article_view import ArticleView
from tgagreader.tui.widgets.category_tree import ALL, BOOKMARKS, CategoryTree
from tgagreader.tui.widgets.find_bar import FindBar
from tgagreader.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tgagreader.tui.app import ReaderApp

PANES = ("tree", "list", "reader")


def _shows_store_errors(method: Callable[..., None]) -> Callable[..., None]:
    """A cache that fails under the reader (a full disk, a damaged file) is a notification,
    not a crash: what is on screen stays usable."""

    @functools.wraps(method)
    def guarded(self: MainScreen, *args: object, **kwargs: object) -> None:
        try:
            method(self, *args, **kwargs)
        except StoreError as error:
            self.notify(str(error), title="Cache error", severity="error", timeout=8, markup=False)

    return guarded


NARROW = 100  # columns under which one pane is shown at a time
PAGE = 200  # articles loaded into the list at a time


class MainScreen(Screen[None]):
    # Textual's Screen binds tab and shift+tab to focus_next/focus_previous, and a screen's
    # bindings come before the app's: without these, tab never reached next_pane (it moved the
    # focus in the wide layout by chance, and did nothing in the narrow one).
    BINDINGS = [b for b in bindings.APP if b.id in ("next_pane", "previous_pane")]
    pane: reactive[str] = reactive("list")
    narrow: reactive[bool] = reactive(False)
    unread_only: reactive[bool] = reactive(False)

    def __init__(self) -> None:
        super().__init__()
        self.category = ALL
        self.showing: int | None = None
        self._saved_position = 0

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield StatusBar(self.reader_app.clock, id="status")
        with Horizontal(id="panes"):
            yield CategoryTree(id="tree")
            yield ArticleList(id="list")
            yield ArticleView(id="reader")
        yield FindBar(id="find")
        yield Footer(compact=True)

    @_shows_store_errors
    def save_position(self) -> None:
        """Remember where the reader is in the article shown (restored when it is opened)."""
        view = self.query_one(ArticleView)
        moved = view.position != self._saved_position  # no write for every key press
        if self.showing is not None and view.article is not None and moved:
            self.reader_app.store.set_position(self.showing, view.position)
            self._saved_position = view.position

    def on_mount(self) -> None:
        self.narrow = self.app.size.width < NARROW
        self.query_one(StatusBar).offline_mode = self.reader_app.offline
        self.reload()
        self.query_one(ArticleList).focus()
        for notice in self.reader_app.store.notices:
            self.notify(
                notice, title="Cache repaired", severity="warning", timeout=10, markup=False
            )
        self.reader_app.refresh_if_stale()

    # -- data ----------------------------------------------------------------------------------

    @_shows_store_errors
    def reload(self) -> None:
        """Read everything shown from the store again (after a sync, or at start)."""
        store = self.reader_app.store
        _site, name, _menu, _when = store.site()
        status = self.query_one(StatusBar)
        status.site_name = name or self.reader_app.site
        status.last_sync = store.last_sync()
        self.refresh_counts()
        self.load_list(keep=self.showing)

    @_shows_store_errors
    def load_list(self, *, keep: int | None = None) -> None:
        articles = self.query_one(ArticleList)
        articles.set_entries(self._entries(0), keep=keep)

    def _entries(self, offset: int) -> list[Entry]:
        store = self.reader_app.store
        if self.category == BOOKMARKS:
            ids = store.bookmarked_ids()
            if not ids:
                return []
            return store.entries(ids=ids, unread_only=self.unread_only, limit=PAGE, offset=offset)
        keys = None
        if self.category != ALL:
            keys = self.query_one(CategoryTree).keys_of(self.category) or [self.category]
        return store.entries(
            categories=keys, unread_only=self.unread_only, limit=PAGE, offset=offset
        )

    @on(Tree.NodeHighlighted, "#tree")
    def category_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None and event.node.data != self.category:
            self.category = event.node.data
            self.load_list()

    @on(Tree.NodeSelected, "#tree")
    def category_selected(self, event: Tree.NodeSelected[str]) -> None:
        self.pane = "list"

    @on(ArticleList.Highlighted)
    def article_highlighted(self, event: ArticleList.Highlighted) -> None:
        if not self.narrow:
            self.show(event.entry, mark_read=False)

    @on(ArticleList.Opened)
    def article_opened(self, event: ArticleList.Opened) -> None:
        self.show(event.entry, mark_read=True)
        self.pane = "reader"

    @on(ArticleList.EndReached)
    @_shows_store_errors
    def list_end(self) -> None:
        articles = self.query_one(ArticleList)
        more = self._entries(len(articles.entries))
        if more:
            articles.append_entries(more)
        elif self.category not in (ALL, BOOKMARKS):
            self.reader_app.fetch_older(self.category)

    @_shows_store_errors
    def show(self, entry: Entry, *, mark_read: bool) -> None:
        """Put an article in the reader (and mark it read when it is opened for reading)."""
        store = self.reader_app.store
        view = self.query_one(ArticleView)
        self.save_position()
        if self.showing != entry.id:
            # A preview (the cursor passing by) is not a read: it leaves the eviction order alone.
            article = store.get_article(entry.id, touch=mark_read)
            self.showing = entry.id
            self._saved_position = store.state(entry.id)[2] if article else 0
            view.show(article, position=self._saved_position)
        if mark_read and not entry.read:
            store.set_read(entry.id)
            self.query_one(ArticleList).update_entry(entry.id, read=True)
            self.refresh_counts()

    @on(ArticleView.Moved)
    def move(self, event: ArticleView.Moved) -> None:
        self.move_by(event.step)

    def move_by(self, step: int) -> None:
        """Read the next (+1) or previous (-1) article of the list."""
        entry = self.query_one(ArticleList).neighbour(step)
        if entry is None:
            self.notify("No more articles this way.", severity="information", timeout=2)
            return
        self.show(entry, mark_read=True)

    def category_choices(self) -> list[tuple[str, str]]:
        tree = self.query_one(CategoryTree)
        return [("Latest", ALL), ("Bookmarks", BOOKMARKS)] + [
            (category.name or category.alias, category.key) for category in tree.all_categories()
        ]

    def go_to_category(self, key: str) -> None:
        self.query_one(CategoryTree).select_key(key)
        self.pane = "list"

    # -- find in the article -------------------------------------------------------------------

    @on(ArticleView.FindRequested)
    def open_find(self) -> None:
        self.pane = "reader"
        self.query_one(FindBar).open()

    @on(FindBar.Changed)
    def find_changed(self, event: FindBar.Changed) -> None:
        count = self.query_one(ArticleView).find(event.value)
        event.input.border_subtitle = f"{count} matches"

    @on(FindBar.Closed)
    def find_closed(self, event: FindBar.Closed) -> None:
        view = self.query_one(ArticleView)
        if not event.keep:
            view.find("", jump=False)
        view.focus()

    # -- panes ---------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.narrow = self.app.size.width < NARROW

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "-narrow")
        self.watch_pane(self.pane)

    def watch_pane(self, pane: str) -> None:
        for name in PANES:
            self.query_one(f"#{name}").set_class(name == pane, "-active")
        widget = self.query_one(f"#{pane}")
        if not widget.has_focus:
            widget.focus()

    def on_descendant_focus(self, event: object) -> None:
        focused = self.focused
        if focused is not None and focused.id in PANES and focused.id != self.pane:
            self.pane = focused.id

    def action_focus_next_pane(self) -> None:
        self.pane = PANES[(PANES.index(self.pane) + 1) % len(PANES)]

    def action_focus_previous_pane(self) -> None:
        self.pane = PANES[(PANES.index(self.pane) - 1) % len(PANES)]

    def action_back(self) -> None:
        find = self.query_one(FindBar)
        if find.has_class("-visible"):
            find.action_cancel()
        elif self.pane == "reader":
            self.pane = "list"
        elif self.pane == "list":
            self.pane = "tree"
        else:
            self.app.exit()

    # -- actions on the current article --------------------------------------------------------

    def current_article(self) -> tuple[Entry | None, Article | None]:
        articles = self.query_one(ArticleList)
        view = self.query_one(ArticleView)
        if self.pane == "reader" and view.article is not None:
            entry = next((e for e in articles.entries if e.id == view.article.id), None)
            return entry, view.article
        entry = articles.current
        return entry, None

    @_shows_store_errors
    def action_toggle_bookmark(self) -> None:
        entry, _article = self.current_article()
        if entry is None:
            return
        store = self.reader_app.store
        bookmarked = not store.state(entry.id)[1]
        store.set_bookmark(entry.id, bookmarked)
        self.query_one(ArticleList).update_entry(entry.id, bookmarked=bookmarked)
        self.notify("Bookmarked." if bookmarked else "Bookmark removed.", timeout=2)
        self.refresh_counts()

    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.query_one(StatusBar).filter = "unread only" if self.unread_only else ""
        self.load_list(keep=self.showing)
        self.notify("Unread articles only." if self.unread_only else "All articles.", timeout=2)

    def action_search(self) -> None:
        self.app.push_screen(SearchScreen(), self._search_done)

    def _search_done(self, result: tuple[int, str] | None) -> None:
        if result is None:
            return
        article_id, query = result
        entries = self.reader_app.store.entries(ids=[article_id])
        if not entries:
            return
        self.show(entries[0], mark_read=True)
        self.query_one(ArticleView).find(query)
        self.pane = "reader"

    def refresh_counts(self) -> None:
        """The category tree with its unread and bookmark counts, read from the store."""
        store = self.reader_app.store
        _site, _name, menu, _when = store.site()
        self.query_one(CategoryTree).load(
            menu,
            store.category_counts(),
            total=store.totals(),
            bookmarks=len(store.bookmarked_ids()),
        )

    @_shows_store_errors
    def action_toggle_read(self) -> None:
        entry, _article = self.current_article()
        if entry is None:
            return
        read = not self.reader_app.store.state(entry.id)[0]
        self.reader_app.store.set_read(entry.id, read)
        self.query_one(ArticleList).update_entry(entry.id, read=read)
        self.refresh_counts()

    def _url(self) -> str | None:
        entry, article = self.current_article()
        return article.url if article is not None else (entry.summary.url if entry else None)

    def action_browser(self) -> None:
        url = self._url()
        if url:
            self.reader_app.open_url(url)

    def action_copy_url(self) -> None:
        url = self._url()
        if url and is_openable_url(url):
            self.app.copy_to_clipboard(url)
            self.notify(url, title="Copied", timeout=3, markup=False)

    def action_open_link(self, number: int) -> None:
        links = self.query_one(ArticleView).links.links
        if 1 <= number <= len(links):
            self.reader_app.open_url(links[number - 1].url)
        else:
            self.notify(f"This article has no link {number}.", severity="warning", timeout=2)
