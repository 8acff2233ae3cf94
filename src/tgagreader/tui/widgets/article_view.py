"""The reader: an article laid out as lines for the terminal's width, drawn with the line API.

Laying the article out ourselves (rather than stacking a widget per paragraph) lets the reader
know on which line every paragraph, link and find match falls: `/` highlights matches and `n`
jumps to the line of the next one; the reading position is a line number. Everything from the
site is wrapped in `rich.text.Text` (a table's caption too: Rich parses a `str` title as
markup), so `[bold]` or `[@click=app.quit]` in an article is shown as those characters and
never interpreted; tests/test_hostile.py and tests/test_tui.py hold this to every block type.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tgagreader.models import Article, Heading, Image, Link, ListBlock, Paragraph, Quote, Table
from tgagreader.render import CUT_OFF, NumberedLinks, link_marks, meta_line, numbered_links
from tgagreader.text import fold
from tgagreader.tui import bindings
from tgagreader.tui.rendering import styled_segments


@dataclass(frozen=True, slots=True)
class Styles:
    title: Style
    meta: Style
    heading: Style
    link: Style
    quote: Style
    caption: Style
    dim: Style


def layout(article: Article, width: int, console: Console, styles: Styles) -> list[Text]:
    """The article as lines of at most `width` cells: title, meta line, body, numbered links."""
    width = max(20, width)
    links = numbered_links(article)
    lines: list[Text] = []

    def add(text: Text, indent: str = "", first: str | None = None) -> None:
        room = width - len(indent)
        for number, line in enumerate(text.wrap(console, room, overflow="fold")):
            prefix = first if first is not None and number == 0 else indent
            lines.append(Text(prefix).append_text(line) if prefix else line)

    add(Text(article.title, style=styles.title))
    add(Text(meta_line(article), style=styles.meta))
    for block in article.body:
        lines.append(Text())
        if isinstance(block, Paragraph):
            for part in _linked(block.text, block.links, links, styles).split("\n"):
                add(part)
        elif isinstance(block, Heading):
            add(_linked(block.text, block.links, links, styles, base=styles.heading))
        elif isinstance(block, ListBlock):
            for index, item in enumerate(block.items, start=1):
                bullet = f"{index}. " if block.ordered else "• "
                add(
                    _linked(item, block.links, links, styles),
                    indent="  " + " " * len(bullet),
                    first="  " + bullet,
                )
        elif isinstance(block, Quote):
            for part in _linked(block.text, block.links, links, styles, base=styles.quote).split(
                "\n"
            ):
                add(part, indent="  │ ")
        elif isinstance(block, Table):
            lines.extend(_table(block, width, console, styles))
        elif isinstance(block, Image):
            add(Text(f"[Ảnh] {block.caption or block.alt or ''}".rstrip(), style=styles.caption))
            add(Text(block.src, style=styles.dim), indent="      ")
    if not article.complete:
        lines.append(Text())
        add(Text(CUT_OFF, style=styles.dim))
    if links.links:
        lines += [Text(), Text("Links", style=styles.heading)]
        for number, link in enumerate(links.links, start=1):
            label = f"[{number}] "
            room = width - len(label)
            for start in range(0, len(link.url), room):  # URLs break anywhere, not at spaces
                prefix = Text(label, style=styles.link) if start == 0 else Text(" " * len(label))
                lines.append(prefix.append(link.url[start : start + room]))
    lines.append(Text())
    add(Text(article.url, style=styles.dim))  # the article's own address, last
    return lines


def _linked(
    text: str,
    block_links: tuple[Link, ...],
    numbers: NumberedLinks,
    styles: Styles,
    base: Style | None = None,
) -> Text:
    """`text` with each link's words underlined and its number after it."""
    parts: list[Text] = []
    last = 0
    for start, end, number in link_marks(text, block_links, numbers):
        parts += [
            Text(text[last:start]),
            Text(text[start:end], style=styles.link),
            Text(f"[{number}]", style=styles.link),
        ]
        last = end
    parts.append(Text(text[last:]))
    return Text.assemble(*parts, style=base or "")


def _table(table: Table, width: int, console: Console, styles: Styles) -> list[Text]:
    """A table drawn as a table when it fits; else each row as "heading: value" lines, which
    reads better than columns broken in the middle of words."""
    columns = max(len(row) for row in table.rows)
    # A `str` title would be parsed as Rich markup: a caption's "[@click=...]" would run.
    caption = Text(table.caption) if table.caption else None
    grid = RichTable(show_header=table.header, show_lines=False, expand=False, title=caption)
    for index in range(columns):
        heading = table.rows[0][index] if table.header and index < len(table.rows[0]) else ""
        grid.add_column(Text(heading), no_wrap=True)
    body = table.rows[1:] if table.header else table.rows
    for row in body:
        grid.add_row(*(Text(cell) for cell in row), *([""] * (columns - len(row))))
    # Measured without the console's width, which Rich would clamp the measure to.
    if console.measure(grid, options=console.options.update(max_width=10**6)).maximum <= width:
        options = console.options.update(width=width)
        rendered = console.render_lines(grid, options, pad=False)
        return [Text.assemble(*((s.text, s.style) for s in line)) for line in rendered]
    headings = list(table.rows[0]) if table.header else []
    headings += [f"{i + 1}" for i in range(len(headings), columns)]  # a row longer than them
    lines: list[Text] = [Text(table.caption, style=styles.heading)] if table.caption else []
    for number, row in enumerate(body):
        if number:
            lines.append(Text("─" * min(width, 20), style=styles.dim))
        for heading, cell in zip(headings, row, strict=False):  # short rows: no empty cells
            entry = Text.assemble((f"{heading}: " if heading else "", styles.heading), cell)
            lines.extend(entry.wrap(console, width, overflow="fold"))
    return lines


class ArticleView(ScrollView, can_focus=True):
    """One article, scrollable, with find-in-article."""

    BINDINGS = bindings.READER
    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--heading",
        "article-view--link",
        "article-view--quote",
        "article-view--caption",
        "article-view--dim",
        "article-view--match",
        "article-view--current-match",
    }
    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        padding: 0 1;
        scrollbar-gutter: stable;
        overflow-x: hidden;
    }
    ArticleView > .article-view--title { text-style: bold; color: $accent; }
    ArticleView > .article-view--meta { color: $text-muted; text-style: italic; }
    ArticleView > .article-view--heading { text-style: bold; }
    ArticleView > .article-view--link { color: $primary; text-style: underline; }
    ArticleView > .article-view--quote { text-style: italic; }
    ArticleView > .article-view--caption { text-style: italic; color: $text-muted; }
    ArticleView > .article-view--dim { color: $text-muted; }
    ArticleView > .article-view--match { background: $warning 40%; }
    ArticleView > .article-view--current-match { background: $warning; color: $background; }
    """

    matches: reactive[list[tuple[int, int, int]]] = reactive(list, always_update=True)

    class Moved(Message):
        """The reader asked for the previous (-1) or next (+1) article."""

        def __init__(self, step: int) -> None:
            self.step = step
            super().__init__()

    class FindRequested(Message):
        """The reader pressed `/`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.lines: list[Text] = []
        self.query = ""
        self.match_index = 0
        self._laid_out_width = 0
        self.placeholder = "Choose an article to read."

    # -- content -------------------------------------------------------------------------------

    def show(self, article: Article | None, *, position: int = 0) -> None:
        self.article = article
        self.query = ""
        self.matches = []
        self._layout()
        self.scroll_to(y=min(position, max(0, len(self.lines) - 1)), animate=False, force=True)

    @property
    def position(self) -> int:
        return round(self.scroll_offset.y)

    @property
    def links(self) -> NumberedLinks:
        return numbered_links(self.article) if self.article else NumberedLinks(())

    def _styles(self) -> Styles:
        def style(name: str) -> Style:
            # Foreground and attributes only: the pane's background shows through.
            found = self.get_component_rich_style(name)
            return Style(
                color=found.color,
                bold=found.bold,
                italic=found.italic,
                underline=found.underline,
                dim=found.dim,
            )

        return Styles(
            title=style("article-view--title"),
            meta=style("article-view--meta"),
            heading=style("article-view--heading"),
            link=style("article-view--link"),
            quote=style("article-view--quote"),
            caption=style("article-view--caption"),
            dim=style("article-view--dim"),
        )

    def _layout(self) -> None:
        width = max(20, self.scrollable_content_region.width)
        self._laid_out_width = width
        if self.article is None:
            self.lines = [
                Text(self.placeholder, style=self.get_component_rich_style("article-view--dim"))
            ]
        else:
            self.lines = layout(self.article, width, self.app.console, self._styles())
        self.virtual_size = Size(width, len(self.lines))
        if self.query:
            self.find(self.query, jump=False)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if max(20, self.scrollable_content_region.width) != self._laid_out_width:
            line = self.position
            total = max(1, len(self.lines))
            self._layout()
            self.scroll_to(y=round(line * len(self.lines) / total), animate=False)

    def render_line(self, y: int) -> Strip:
        index = y + round(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if index >= len(self.lines):
            return Strip.blank(width)
        line = self.lines[index]
        if self.matches:
            line = self._with_matches(line, index)
        return Strip(styled_segments(line, self.app.console), line.cell_len).adjust_cell_length(
            width
        )

    def _with_matches(self, line: Text, index: int) -> Text:
        marked = line.copy()
        match = self.get_component_rich_style("article-view--match")
        current = self.get_component_rich_style("article-view--current-match")
        for number, (row, start, end) in enumerate(self.matches):
            if row == index:
                marked.stylize(current if number == self.match_index else match, start, end)
        return marked

    # -- find ----------------------------------------------------------------------------------

    def find(self, query: str, *, jump: bool = True) -> int:
        """Highlight `query` (diacritics and case ignored: "dan van" finds "dân vận");
        returns how many matches there are."""
        self.query = query
        needle = fold(query.strip())
        found: list[tuple[int, int, int]] = []
        if needle:
            for row, line in enumerate(self.lines):
                haystack = fold(line.plain)
                position = haystack.find(needle)
                while position >= 0:
                    found.append((row, position, position + len(needle)))
                    position = haystack.find(needle, position + len(needle))
        self.match_index = 0
        if jump and found:
            top = self.position
            self.match_index = next((i for i, m in enumerate(found) if m[0] >= top), 0)
        self.matches = found
        if jump:
            self._show_match()
        return len(found)

    def _show_match(self) -> None:
        if self.matches:
            row = self.matches[self.match_index][0]
            if not self.position <= row < self.position + self.size.height:
                self.scroll_to(y=max(0, row - self.size.height // 3), animate=False)
        self.refresh()

    def action_find(self) -> None:
        self.post_message(self.FindRequested())

    def action_find_next(self) -> None:
        if self.matches:
            self.match_index = (self.match_index + 1) % len(self.matches)
            self._show_match()

    def action_find_previous(self) -> None:
        if self.matches:
            self.match_index = (self.match_index - 1) % len(self.matches)
            self._show_match()

    def action_next_article(self) -> None:
        self.post_message(self.Moved(+1))

    def action_previous_article(self) -> None:
        self.post_message(self.Moved(-1))
