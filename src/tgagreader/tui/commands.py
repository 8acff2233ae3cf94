"""The command palette (ctrl+p): every action of the reader by name, and every category."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tgagreader.text import fold

if TYPE_CHECKING:
    from tgagreader.tui.app import ReaderApp


class ReaderCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        app: ReaderApp = self.app  # type: ignore[assignment]
        yield "Refresh from the site", app.action_refresh, "Fetch what is new (r)"
        yield "Site statistics", app.action_statistics, "Visitors online, view hits, history (s)"
        yield "Keys", app.action_help, "Every key binding (?)"
        yield (
            "Toggle light/dark theme",
            app.action_toggle_dark,
            "Switch between the light and dark theme",
        )
        screen = app.main_screen
        if screen is not None:
            yield "Mark read/unread", screen.action_toggle_read, "The current article (m)"
            yield "Bookmark", screen.action_toggle_bookmark, "Add or remove the current article (b)"
            yield (
                "Unread only",
                screen.action_toggle_unread_only,
                "Show only unread articles, or all again (u)",
            )
            yield "Search", screen.action_search, "Search every cached article (/)"
            yield "Open in browser", screen.action_browser, "The current article's page (o)"
            yield "Copy URL", screen.action_copy_url, "The current article's address (y)"
            yield "Find in article", screen.open_find, "Highlight words in the article (/)"
            yield "Next article", partial(screen.move_by, 1), "(])"
            yield "Previous article", partial(screen.move_by, -1), "([)"
            for name, key in screen.category_choices():
                yield f"Go to {name}", partial(screen.go_to_category, key), "Category"
        yield "Quit", app.exit, "Leave tgagreader (ctrl+q)"

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        # Folded like the search: "cong tac" finds "Go to Công tác dân vận" (fold keeps offsets,
        # so the highlight of the folded name fits the name).
        matcher = self.matcher(fold(query))
        for name, callback, help_text in self._commands():
            folded = fold(name)
            score = matcher.match(folded)
            if score > 0:
                shown = Content(name, spans=list(matcher.highlight(folded).spans))
                yield Hit(score, shown, callback, text=name, help=help_text)
