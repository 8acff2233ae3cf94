"""The main screen: categories, the article list and the reader, side by side on a wide terminal
and one at a time (with back navigation) on a narrow one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Label, Tree

from tgagreader.store import Entry
from tgagreader.text import is_openable_url
from tgagreader.tui import bindings
from tgagreader.tui.guard import shows_store_errors
from tgagreader.tui.screens.search import SearchScreen
from tgagreader.tui.widgets.article_list import ArticleList
from tgagreader.tui.widgets.article_view import ArticleView
from tgagreader.tui.widgets.category_tree import ALL, BOOKMARKS, CategoryTree
from tgagreader.tui.widgets.find_bar import FindBar
from tgagreader.tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from tgagreader.tui.app import ReaderApp

PANES = ("tree", "list", "reader")
NARROW = 100  # columns under which one pane is shown at a time
PAGE = 200  # articles loaded into the list at a time


class MainScreen(Screen[None]):
    BINDINGS = bindings.MAIN
    DEFAULT_CSS = """
    MainScreen #find-row { height: auto; }  /* under the panes, above the docked footer */
    MainScreen #find-count { display: none; width: auto; padding: 0 1; color: $text-muted; }
    MainScreen #find-count.-visible { display: block; }
    """
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
        with Horizontal(id="find-row"):
            yield FindBar(id="find")
            yield Label(id="find-count")
        yield Footer(compact=True)

    @shows_store_errors
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

    @shows_store_errors
    def reload(self) -> None:
        """Read everything shown from the store again (after a sync, or at start)."""
        store = self.reader_app.store
        name = store.site().name
        status = self.query_one(StatusBar)
        status.site_name = name or self.reader_app.site
        status.last_sync = store.last_sync()
        self.refresh_counts()
        self.load_list(keep=self.showing)

    @shows_store_errors
    def load_list(self, *, keep: int | None = None) -> None:
        articles = self.query_one(ArticleList)
        articles.set_entries(self._entries(0), keep=keep)

    def _entries(self, offset: int) -> list[Entry]:
        store = self.reader_app.store
        if self.category == BOOKMARKS:
            # Last bookmarked first, as `tgag bookmarks` lists them (bookmarks are few: sorted
            # here whole, then paged).
            ids = store.bookmarked_ids()
            order = {number: index for index, number in enumerate(ids)}
            marked = store.entries(ids=ids, unread_only=self.unread_only) if ids else []
            marked.sort(key=lambda entry: order[entry.id])
            return marked[offset : offset + PAGE]
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
    @shows_store_errors
    def list_end(self) -> None:
        articles = self.query_one(ArticleList)
        more = self._entries(len(articles.entries))
        if more:
            articles.append_entries(more)
        elif self.category not in (ALL, BOOKMARKS):
            self.reader_app.fetch_older(self.category)

    @shows_store_errors
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
        label = self.query_one("#find-count", Label)
        label.update(Text(f"{count} match{'' if count == 1 else 'es'}"))
        label.set_class(bool(event.value.strip()), "-visible")

    @on(FindBar.Closed)
    def find_closed(self, event: FindBar.Closed) -> None:
        view = self.query_one(ArticleView)
        self.query_one("#find-count", Label).remove_class("-visible")
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

    def current_id(self) -> int | None:
        """The article the keys act on: the one in the reader when the reader has the focus
        (opened from search, it need not be in the list), else the one under the list's
        cursor."""
        if self.pane == "reader":
            return self.showing
        entry = self.query_one(ArticleList).current
        return entry.id if entry is not None else None

    @shows_store_errors
    def toggle_bookmark(self, article_id: int) -> bool | None:
        """Bookmark the article, or remove its bookmark; returns whether it is bookmarked."""
        store = self.reader_app.store
        bookmarked = not store.state(article_id)[1]
        store.set_bookmark(article_id, bookmarked)
        self.query_one(ArticleList).update_entry(article_id, bookmarked=bookmarked)
        self.notify("Bookmarked." if bookmarked else "Bookmark removed.", timeout=2)
        self.refresh_counts()
        return bookmarked

    @shows_store_errors
    def toggle_read(self, article_id: int) -> bool | None:
        """Mark the article read, or unread; returns whether it is read."""
        store = self.reader_app.store
        read = not store.state(article_id)[0]
        store.set_read(article_id, read)
        self.query_one(ArticleList).update_entry(article_id, read=read)
        self.refresh_counts()
        return read

    def action_toggle_bookmark(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            self.toggle_bookmark(article_id)

    def action_toggle_read(self) -> None:
        article_id = self.current_id()
        if article_id is not None:
            self.toggle_read(article_id)

    @shows_store_errors
    def action_toggle_unread_only(self) -> None:
        self.unread_only = not self.unread_only
        self.query_one(StatusBar).filter = "unread only" if self.unread_only else ""
        self.load_list(keep=self.showing)
        self.notify("Unread articles only." if self.unread_only else "All articles.", timeout=2)

    def action_search(self) -> None:
        self.app.push_screen(SearchScreen(), self._search_done)

    @shows_store_errors
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
        menu = store.site().menu
        self.query_one(CategoryTree).load(
            menu,
            store.category_counts(),
            total=store.totals(),
            bookmarks=len(store.bookmarked_ids()),
        )

    @shows_store_errors
    def url_of(self, article_id: int) -> str | None:
        view = self.query_one(ArticleView)
        if view.article is not None and view.article.id == article_id:
            return view.article.url
        entries = self.reader_app.store.entries(ids=[article_id])
        return entries[0].summary.url if entries else None

    def copy_url(self, url: str) -> None:
        if is_openable_url(url):
            self.app.copy_to_clipboard(url)
            self.notify(url, title="Copied", timeout=3, markup=False)

    def action_browser(self) -> None:
        article_id = self.current_id()
        url = self.url_of(article_id) if article_id is not None else None
        if url:
            self.reader_app.open_url(url)

    def action_copy_url(self) -> None:
        article_id = self.current_id()
        url = self.url_of(article_id) if article_id is not None else None
        if url:
            self.copy_url(url)

    def action_open_link(self, number: int) -> None:
        links = self.query_one(ArticleView).links.links
        if 1 <= number <= len(links):
            self.reader_app.open_url(links[number - 1].url)
        else:
            self.notify(f"This article has no link {number}.", severity="warning", timeout=2)
