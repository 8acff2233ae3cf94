"""`/` from the lists: search every cached article as you type."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from tgagreader.search import matcher, parse_query
from tgagreader.store import Entry, Found, StoreError
from tgagreader.tui import bindings
from tgagreader.tui.guard import notify_store_error
from tgagreader.tui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from tgagreader.tui.app import ReaderApp
    from tgagreader.tui.screens.main import MainScreen

DEBOUNCE = 0.15  # seconds of quiet typing before the index is asked
LIMIT = 200  # results listed: more than anyone reads, and a short prefix costs the index more


class SearchScreen(Screen[tuple[int, str] | None]):
    """Dismissed with (article id, query) when a result is opened, None when cancelled. The
    list keys work on the highlighted result; `/` goes back to the query."""

    BINDINGS = bindings.SEARCH
    DEFAULT_CSS = """
    SearchScreen Input { dock: top; margin: 0 1; }
    SearchScreen #summary { height: 1; padding: 0 2; color: $text-muted; }
    SearchScreen ArticleList { height: 1fr; }
    SearchScreen #snippet {
        height: auto; max-height: 6; padding: 0 2; border-top: solid $primary 30%;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.found: list[Found] = []
        self.answered: str | None = None
        """The query whose results are on screen (the index answers in a thread, after a
        debounce: what is typed may be ahead of it)."""
        self._timer: Timer | None = None
        self._focus_results = False  # enter was pressed: focus the results once they are in

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search cached articles — no accents needed: dan van", id="query")
        yield Static(id="summary")
        yield ArticleList(id="results")
        yield Static(id="snippet")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).empty_text = "Type to search the cached articles."
        self.query_one(Input).focus()

    @on(Input.Changed, "#query")
    def typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.run_search)

    @on(Input.Submitted, "#query")
    def submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._focus_results = True
        self.run_search()

    def run_search(self) -> None:
        self._search(self.query_one(Input).value)

    # In a thread: a short prefix over a large cache costs the index a tenth of a second or
    # more, and typing must not wait for it. A newer search cancels this one; its result,
    # should the thread still finish, is dropped with the cancelled task.
    @work(exclusive=True, group="search")
    async def _search(self, text: str) -> None:
        store = self.reader_app.store
        try:
            found = await asyncio.to_thread(store.search, text, limit=LIMIT) if text.strip() else []
        except StoreError as error:
            notify_store_error(self, error)
            found = []
        self._show_results(text, found)

    def _show_results(self, text: str, found: list[Found]) -> None:
        self.found = found
        self.answered = text
        results = self.query_one(ArticleList)
        results.highlight = matcher(parse_query(text))
        results.empty_text = "No match." if text.strip() else "Type to search the cached articles."
        results.set_entries([result.entry for result in found])
        count = len(found)
        self.query_one("#summary", Static).update(
            Text(f"{count}{'+' if count == LIMIT else ''} articles" if text.strip() else "")
        )
        self._show_snippet(0)
        if self._focus_results:
            self._focus_results = False
            self.action_focus_results()

    @on(ArticleList.Highlighted, "#results")
    def highlighted(self, event: ArticleList.Highlighted) -> None:
        self._show_snippet(event.article_list.cursor)  # the list mirrors `found`

    def _show_snippet(self, index: int) -> None:
        snippet = self.query_one("#snippet", Static)
        if not 0 <= index < len(self.found):
            snippet.update(Text())
            return
        found = self.found[index]
        text = Text(found.snippet)
        for start, end in found.spans:
            text.stylize("bold reverse", start, end)
        snippet.update(text)

    @on(ArticleList.Opened, "#results")
    def opened(self, event: ArticleList.Opened) -> None:
        self.dismiss((event.entry.id, self.query_one(Input).value))

    def action_focus_results(self) -> None:
        if self.found:
            self.query_one(ArticleList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    # -- the list's keys, on the highlighted result ---------------------------------------------

    action_back = action_cancel  # q, as in the lists (escape is the screen's own)

    def action_search(self) -> None:
        self.query_one(Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Results are everything that matches: "unread only" has no meaning here.
        return action != "toggle_unread_only"

    def _result(self) -> tuple[Entry | None, MainScreen | None]:
        return self.query_one(ArticleList).current, self.reader_app.main_screen

    def action_toggle_bookmark(self) -> None:
        entry, main = self._result()
        if entry is not None and main is not None:
            bookmarked = main.toggle_bookmark(entry.id)
            if bookmarked is not None:
                self.query_one(ArticleList).update_entry(entry.id, bookmarked=bookmarked)

    def action_toggle_read(self) -> None:
        entry, main = self._result()
        if entry is not None and main is not None:
            read = main.toggle_read(entry.id)
            if read is not None:
                self.query_one(ArticleList).update_entry(entry.id, read=read)

    def action_browser(self) -> None:
        entry, _main = self._result()
        if entry is not None:
            self.reader_app.open_url(entry.summary.url)

    def action_copy_url(self) -> None:
        entry, main = self._result()
        if entry is not None and main is not None:
            main.copy_url(entry.summary.url)
