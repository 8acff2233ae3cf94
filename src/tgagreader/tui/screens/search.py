"""`/` from the lists: search every cached article as you type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from tgagreader.search import matcher, parse_query
from tgagreader.store import Found
from tgagreader.tui import bindings
from tgagreader.tui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from tgagreader.tui.app import ReaderApp

DEBOUNCE = 0.15  # seconds of quiet typing before the index is asked


class SearchScreen(Screen[tuple[int, str] | None]):
    """Dismissed with (article id, query) when a result is opened, None when cancelled."""

    BINDINGS = bindings.SEARCH
    DEFAULT_CSS = """
    SearchScreen Input { dock: top; margin: 0 1; }
    SearchScreen #summary { height: 1; padding: 0 2; color: $text-muted; }
    SearchScreen ArticleList { height: 1fr; }
    SearchScreen #snippet {
        height: auto; max-height: 6; padding: 0 2; border-top: solid $primary 30%;
    }
    """

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.initial = query
        self.found: list[Found] = []
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(
            self.initial,
            placeholder="Search cached articles — no accents needed: dan van",
            id="query",
        )
        yield Static(id="summary")
        yield ArticleList(id="results")
        yield Static(id="snippet")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).empty_text = "Type to search the cached articles."
        self.query_one(Input).focus()
        if self.initial:
            self.run_search()

    @on(Input.Changed, "#query")
    def typed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.run_search)

    @on(Input.Submitted, "#query")
    def submitted(self) -> None:
        self.run_search()
        self.action_focus_results()

    def run_search(self) -> None:
        app: ReaderApp = self.app  # type: ignore[assignment]
        text = self.query_one(Input).value
        self.found = app.store.search(text, limit=200) if text.strip() else []
        results = self.query_one(ArticleList)
        results.highlight = matcher(parse_query(text))
        results.empty_text = "No match." if text.strip() else "Type to search the cached articles."
        results.set_entries([found.entry for found in self.found])
        count = len(self.found)
        self.query_one("#summary", Static).update(
            Text(f"{count}{'+' if count == 200 else ''} articles" if text.strip() else "")
        )
        self._show_snippet(0)

    @on(ArticleList.Highlighted, "#results")
    def highlighted(self, event: ArticleList.Highlighted) -> None:
        index = next((i for i, f in enumerate(self.found) if f.entry.id == event.entry.id), 0)
        self._show_snippet(index)

    def _show_snippet(self, index: int) -> None:
        snippet = self.query_one("#snippet", Static)
        if not self.found:
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
