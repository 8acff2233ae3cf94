"""Articles as plain text and Markdown, for `tgag read`, `tgag export` and the pager-less terminal.

Plain text wraps to a width, marks each link with a number in brackets and lists the numbers at
the end, as text-mode browsers do. Only http(s) links get a number: the others are not links a
reader can follow. Text from the site is already clean (`tgagreader.text.clean`); nothing here
adds escape sequences unless `style` is given, and then only around text tgagreader chose.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from tgagreader.models import (
    Article,
    Block,
    Heading,
    Image,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    SiteStats,
    Table,
)
from tgagreader.text import is_openable_url

Style = Callable[[str, str], str]
"""`style(text, kind)` wraps text of a kind ("title", "heading", "meta", "link", "dim") in
terminal attributes; the identity when output is not a terminal."""


def age(seconds: float) -> str:
    """A duration as people say it: "45 s", "12 min", "3.5 h", "4 days"."""
    if seconds < 90:
        return f"{int(seconds)} s"
    if seconds < 5400:
        return f"{int(seconds // 60)} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} h"
    return f"{int(seconds // 86400)} days"


def plain(text: str, kind: str) -> str:
    return text


CUT_OFF = "This copy was cut off; it will be fetched again at the next sync."


def number(value: int | None, missing: str = "–") -> str:
    """A count as Vietnamese writes it (15.230), or `missing` when the site did not say."""
    return missing if value is None else f"{value:,}".replace(",", ".")


def stats_rows(stats: SiteStats, fetched_at: str, missing: str = "–") -> list[tuple[str, str]]:
    """The site's statistics as (label, value) rows, as `tgag stats` and the reader show them."""
    return [
        ("Guests online", number(stats.guests_online, missing)),
        ("Members online", number(stats.members_online, missing)),
        ("Article view hits", number(stats.article_hits, missing)),
        *stats.other.items(),
        ("Fetched at", fetched_at),
    ]


@dataclass(frozen=True, slots=True)
class NumberedLinks:
    links: tuple[Link, ...]
    _numbers: dict[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        numbers: dict[str, int] = {}
        for index, link in enumerate(self.links, start=1):
            numbers.setdefault(link.url, index)
        object.__setattr__(self, "_numbers", numbers)

    def number(self, url: str) -> int | None:
        return self._numbers.get(url)


def numbered_links(article: Article) -> NumberedLinks:
    """The article's followable links in reading order (the numbers `1`-`9` open in the TUI)."""
    return NumberedLinks(tuple(link for link in article.links if is_openable_url(link.url)))


def link_marks(
    text: str, links: tuple[Link, ...], numbers: NumberedLinks
) -> list[tuple[int, int, int]]:
    """Where each numbered link's words are in `text`: (start, end, number), in text order,
    never overlapping. A block lists its links in reading order, so each is looked for after
    the one before (two links both saying "đây" are two places); one that is not found there
    falls back to its first free occurrence."""
    marks: list[tuple[int, int, int]] = []
    cursor = 0
    for link in links:
        found = numbers.number(link.url)
        if found is None or not link.text:
            continue
        start = text.find(link.text, cursor)
        if start < 0:  # out of reading order: its first occurrence, if no mark holds it
            start = text.find(link.text)
        end = start + len(link.text)
        # A place found after `cursor` lies past every mark: only the fallback can overlap.
        if start < 0 or any(start < e and s < end for s, e, _ in marks):
            continue
        marks.append((start, end, found))
        cursor = max(cursor, end)
    return sorted(marks)


def meta_line(article: Article) -> str:
    parts = [article.category.name or article.category.alias]
    if article.credit:
        parts.append(article.credit)
    if article.published is not None:
        parts.append(article.published.strftime("%d/%m/%Y %H:%M"))
    if article.hits is not None:
        parts.append(f"{number(article.hits)} lượt xem")
    return " · ".join(part for part in parts if part)


def to_text(article: Article, width: int = 80, style: Style = plain) -> str:
    """The whole article as wrapped plain text with numbered links listed at the end."""
    width = max(20, width)
    links = numbered_links(article)
    out: list[str] = []
    out.extend(style(line, "title") for line in textwrap.wrap(article.title, width))
    out.extend(style(line, "meta") for line in textwrap.wrap(meta_line(article), width))
    out.append(style(article.url, "dim"))
    for block in article.body:
        out.append("")
        out.extend(_block_text(block, width, links, style))
    if not article.complete:
        out += ["", style(f"[{CUT_OFF}]", "dim")]
    if links.links:
        out += ["", style("Links:", "heading")]
        out.extend(f"[{n}] {link.url}" for n, link in enumerate(links.links, start=1))
    return "\n".join(out) + "\n"


def body_text(article: Article) -> str:
    """The body as unwrapped plain text, paragraphs separated by blank lines (for JSON)."""
    return "\n\n".join(text for text in map(_unwrapped, article.body) if text)


def _unwrapped(block: Block) -> str:
    if isinstance(block, Image):
        return block.caption or ""
    if isinstance(block, ListBlock):
        return "\n".join(_bullet(block, i) + item for i, item in enumerate(block.items, start=1))
    return block.text


def _bullet(block: ListBlock, index: int) -> str:
    return f"{index}. " if block.ordered else "• "


def _mark_links(text: str, links: tuple[Link, ...], numbers: NumberedLinks) -> str:
    """Put `[n]` after each link's words (styled later, once wrapped: see `_style_markers`)."""
    out, last = [], 0
    for _start, end, found in link_marks(text, links, numbers):
        out += [text[last:end], f"[{found}]"]
        last = end
    out.append(text[last:])
    return "".join(out)


_MARKER = re.compile(r"\[\d+\]")


def _style_markers(lines: list[str], style: Style) -> list[str]:
    """Style the `[n]` link markers once the text is wrapped: textwrap counts the characters of
    escape sequences, so styling before wrapping would wrap coloured text short."""
    if style is plain:
        return lines
    return [_MARKER.sub(lambda match: style(match.group(), "link"), line) for line in lines]


def _block_text(block: Block, width: int, links: NumberedLinks, style: Style) -> list[str]:
    if isinstance(block, Image):
        caption = block.caption or block.alt or "Ảnh"
        lines = [*textwrap.wrap(f"[Ảnh: {caption}]", width), block.src]
        return [style(line, "dim") for line in lines]
    if isinstance(block, Heading):
        return [style(line, "heading") for line in textwrap.wrap(block.text, width)]
    if isinstance(block, ListBlock):
        lines: list[str] = []
        for index, item in enumerate(block.items, start=1):
            bullet = _bullet(block, index)
            lines += textwrap.wrap(
                _mark_links(item, block.links, links),
                width,
                initial_indent="  " + bullet,
                subsequent_indent="  " + " " * len(bullet),
            )
        return _style_markers(lines, style)
    if isinstance(block, Quote):
        text = _mark_links(block.text, block.links, links)
        return _style_markers(
            [
                "  │ " + line
                for paragraph in text.split("\n")
                for line in (textwrap.wrap(paragraph, width - 4) or [""])
            ],
            style,
        )
    if isinstance(block, Table):
        return _table_text(block, width)
    assert isinstance(block, Paragraph)
    text = _mark_links(block.text, block.links, links)
    lines = [line for part in text.split("\n") for line in (textwrap.wrap(part, width) or [""])]
    return _style_markers(lines, style)


def _table_text(table: Table, width: int) -> list[str]:
    columns = max(len(row) for row in table.rows)
    rows = [list(row) + [""] * (columns - len(row)) for row in table.rows]
    natural = [max(display_width(row[c]) for row in rows) for c in range(columns)]
    available = max(columns * 4, width - 3 * columns - 1)
    widths = _fit(natural, available)
    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    lines = [border]
    for index, row in enumerate(rows):
        wrapped = [textwrap.wrap(cell, w) or [""] for cell, w in zip(row, widths, strict=True)]
        for line in range(max(len(cell) for cell in wrapped)):
            parts = [
                pad(cell[line] if line < len(cell) else "", w)
                for cell, w in zip(wrapped, widths, strict=True)
            ]
            lines.append("| " + " | ".join(parts) + " |")
        if index == 0 and table.header:
            lines.append(border.replace("-", "="))
    lines.append(border)
    if table.caption:
        lines.insert(0, table.caption)
    return lines


def _fit(natural: list[int], available: int) -> list[int]:
    """Column widths that fit `available`, shrinking the widest columns first."""
    widths = [max(1, w) for w in natural]
    while sum(widths) > available and max(widths) > 4:
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def display_width(text: str) -> int:
    """Terminal cells `text` takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def to_markdown(article: Article) -> str:
    """The article as Markdown (for `read --format md` and `export`)."""
    out = [
        f"# {_escape(article.title)}",
        "",
        f"*{_escape(meta_line(article))}*",
        "",
        f"<{article.url}>",
    ]
    links = numbered_links(article)
    for block in article.body:
        out.append("")
        out.append(_block_markdown(block, links))
    if not article.complete:
        out += ["", f"*{CUT_OFF}*"]
    return "\n".join(out).rstrip() + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def _escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _linked(text: str, links: tuple[Link, ...], numbers: NumberedLinks) -> str:
    """`text` escaped, each followable link's words made a Markdown link. The places are found
    in the text as it is, before any markup goes in: a link's words can then never be matched
    inside the address of a link made before it."""
    out, last = [], 0
    for start, end, found in link_marks(text, links, numbers):
        target = numbers.links[found - 1].url.replace(")", "%29").replace(" ", "%20")
        out += [_escape(text[last:start]), f"[{_escape(text[start:end])}]({target})"]
        last = end
    out.append(_escape(text[last:]))
    return "".join(out)


def _block_markdown(block: Block, links: NumberedLinks) -> str:
    if isinstance(block, Image):
        caption = _escape(block.caption or block.alt or "")
        image = f"![{caption}]({block.src.replace(')', '%29')})"
        return image + (f"\n*{caption}*" if block.caption else "")
    if isinstance(block, Heading):
        return "#" * max(2, min(block.level, 6)) + " " + _linked(block.text, block.links, links)
    if isinstance(block, ListBlock):
        return "\n".join(
            (f"{i}. " if block.ordered else "- ") + _linked(item, block.links, links)
            for i, item in enumerate(block.items, start=1)
        )
    if isinstance(block, Quote):
        linked = _linked(block.text, block.links, links)
        return "\n".join("> " + line for line in linked.split("\n"))
    if isinstance(block, Table):
        rows = [[_escape(cell) for cell in row] for row in block.rows]
        columns = max(len(row) for row in rows)
        rows = [row + [""] * (columns - len(row)) for row in rows]
        header = rows[0] if block.header else [""] * columns
        body = rows[1:] if block.header else rows
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * columns]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        if block.caption:
            lines[:0] = [f"*{_escape(block.caption)}*", ""]
        return "\n".join(lines)
    assert isinstance(block, Paragraph)
    return _linked(block.text, block.links, links).replace("\n", "  \n")
