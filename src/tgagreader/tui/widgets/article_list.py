"""The list of articles: one line each, drawn with Textual's line API.

A list of widgets costs seconds to mount at a thousand rows (ListView) and a second at ten
thousand (DataTable); this list draws only the lines on screen, so ten thousand rows open as
fast as ten. Scraped titles are drawn as plain `Text`, never parsed as markup.
"""

from __future__ import annotations

import re
from dataclasses import replace

from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tgagreader.store import Entry
from tgagreader.text import fold
from tgagreader.tui import bindings
from tgagreader.tui.rendering import styled_segments

WIDE = 60  # from this width on, rows show the view count too


class ArticleList(ScrollView, can_focus=True):
    """Articles, newest first: a read mark, the date, the view count and the title."""

    BINDINGS = bindings.LIST
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--read",
        "article-list--meta",
        "article-list--mark",
        "article-list--match",
    }
    DEFAULT_CSS = """
    ArticleList {
        background: $surface;
        overflow-x: hidden;
    }
    ArticleList > .article-list--cursor { background: $primary 40%; }
    ArticleList:focus > .article-list--cursor { background: $primary; color: $text; }
    ArticleList > .article-list--unread { text-style: bold; }
    ArticleList > .article-list--read { color: $text-muted; }
    ArticleList > .article-list--meta { color: $text-muted; }
    ArticleList > .article-list--mark { color: $accent; }
    ArticleList > .article-list--match { background: $warning 50%; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class _Message(Message):
        def __init__(self, article_list: ArticleList) -> None:
            self.article_list = article_list
            super().__init__()

        @property
        def control(self) -> ArticleList:
            """The list that sent it (for `@on(..., "#id")`). Not `_sender`: a message posted
            by a key binding's action has the app as its sender, and `@on` then raises."""
            return self.article_list

    class Highlighted(_Message):
        """The cursor moved to `entry`."""

        def __init__(self, article_list: ArticleList, entry: Entry) -> None:
            self.entry = entry
            super().__init__(article_list)

    class Opened(_Message):
        """The reader asked to read `entry` (enter, or a click)."""

        def __init__(self, article_list: ArticleList, entry: Entry) -> None:
            self.entry = entry
            super().__init__(article_list)

    class EndReached(_Message):
        """The reader moved the cursor to the last row: time to load older articles."""

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.entries: list[Entry] = []
        self.empty_text = "No articles here yet."
        self.highlight: re.Pattern[str] | None = None
        """Marks matches in titles (a pattern over folded text, see `search.matcher`)."""

    # -- data ----------------------------------------------------------------------------------

    def set_entries(self, entries: list[Entry], *, keep: int | None = None) -> None:
        """Show `entries`; keep the cursor on article `keep` when it is among them."""
        self.entries = list(entries)
        index = next((i for i, e in enumerate(self.entries) if e.id == keep), 0) if keep else 0
        self.virtual_size = Size(self._width, len(self.entries))
        self.cursor = min(index, max(0, len(self.entries) - 1))
        self.refresh()

    def append_entries(self, entries: list[Entry]) -> None:
        known = {entry.id for entry in self.entries}
        self.entries.extend(entry for entry in entries if entry.id not in known)
        self.virtual_size = Size(self._width, len(self.entries))
        self.refresh()

    def update_entry(self, article_id: int, **changes: bool) -> None:
        for index, entry in enumerate(self.entries):
            if entry.id == article_id:
                self.entries[index] = replace(entry, **changes)
                self.refresh(Region(0, index - round(self.scroll_offset.y), self._width, 1))
                return

    @property
    def _width(self) -> int:
        """Cells a row may use: the pane's width less its scrollbar."""
        return self.scrollable_content_region.width

    @property
    def current(self) -> Entry | None:
        if 0 <= self.cursor < len(self.entries):
            return self.entries[self.cursor]
        return None

    def neighbour(self, step: int) -> Entry | None:
        """The article `step` rows from the cursor, moving the cursor there."""
        index = self.cursor + step
        if 0 <= index < len(self.entries):
            self._moved_to(index)
            return self.entries[index]
        return None

    # -- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_offset.y)
        width = self._width
        if not self.entries:
            if y == 0:
                text = Text(
                    self.empty_text, style=self.get_component_rich_style("article-list--meta")
                )
                return Strip(styled_segments(text, self.app.console)).adjust_cell_length(width)
            return Strip.blank(width)
        if index >= len(self.entries):
            return Strip.blank(width)
        return self._row(self.entries[index], index == self.cursor, width)

    def _row(self, entry: Entry, selected: bool, width: int) -> Strip:
        summary = entry.summary
        meta_style = self.get_component_rich_style("article-list--meta")
        mark_style = self.get_component_rich_style("article-list--mark")
        title_style = self.get_component_rich_style(
            "article-list--read" if entry.read else "article-list--unread"
        )
        mark = "★" if entry.bookmarked else ("●" if not entry.read else " ")
        date = summary.published.strftime("%d/%m/%y") if summary.published else "        "
        row = Text(no_wrap=True, overflow="ellipsis", end="")
        row.append(f" {mark} ", mark_style)
        row.append(date, meta_style)
        if width >= WIDE:  # narrow panes keep the room for the title
            hits = f"{summary.hits:>6}" if summary.hits is not None else "      "
            row.append(f" {hits}", meta_style)
        row.append(" ")
        title_start = len(row)
        row.append(summary.title, title_style)
        if not entry.complete:
            row.append(" …", meta_style)
        if self.highlight is not None:
            style = self.get_component_rich_style("article-list--match")
            for match in self.highlight.finditer(fold(row.plain), title_start):
                row.stylize(style, match.start(), match.end())
        if selected:
            row.stylize(self.get_component_rich_style("article-list--cursor"))
        row.truncate(width, overflow="ellipsis", pad=True)
        return Strip(row.render(self.app.console), width).adjust_cell_length(width)

    # -- movement ------------------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.entries:
            return
        top = round(self.scroll_offset.y)
        self.scroll_to_region(Region(0, new, self._width, 1), animate=False, force=True)
        if round(self.scroll_offset.y) != top:
            self.refresh()
        else:  # only the two rows whose cursor mark changed
            for row in (old, new):
                self.refresh(Region(0, row - top, self.size.width, 1))
        self.post_message(self.Highlighted(self, self.entries[new]))

    def _moved_to(self, index: int) -> None:
        """The reader moved the cursor. Only the reader's own moves to the last row ask for
        older articles: a list loaded again (after every sync) that happens to end under the
        cursor must not crawl the site page after page by itself."""
        if index != self.cursor:
            self.cursor = index
        if self.entries and index == len(self.entries) - 1:
            self.post_message(self.EndReached(self))

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        # Runs after the widget scrolled for the wheel: at the bottom, the wheel is the reader's
        # own move to the end, like `j` on the last row (the list holds 200 rows at a time).
        if self.entries and round(self.scroll_offset.y) >= self.max_scroll_y:
            self.post_message(self.EndReached(self))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.entries))

    def on_click(self, event: events.Click) -> None:
        index = event.y + round(self.scroll_offset.y)
        if 0 <= index < len(self.entries):
            self._moved_to(index)
            self.post_message(self.Opened(self, self.entries[index]))

    def action_cursor_down(self) -> None:
        if self.entries:
            self._moved_to(min(self.cursor + 1, len(self.entries) - 1))

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        if self.entries:
            self._moved_to(len(self.entries) - 1)

    def action_page_down(self) -> None:
        if self.entries:
            self._moved_to(min(len(self.entries) - 1, self.cursor + max(1, self.size.height - 1)))

    def action_page_up(self) -> None:
        self.cursor = max(0, self.cursor - max(1, self.size.height - 1))

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self, self.current))
