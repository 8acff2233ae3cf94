"""An HTML subtree → the ordered blocks of an article body, in one walk of the tree.

Editors paste from Word, so the markup means less than it says: spans nest ten deep, paragraphs
are `&nbsp;`, captions are italic paragraphs under a picture or the second row of a one-image
table, and e-mail addresses are hidden behind Joomla's cloaking script. The walker keeps what a
reader needs: paragraphs (with the links in them), headings, lists, quotes, data tables, and
images with their captions. It never uses `text(strip=True)`, which glues words together around
inline tags; whitespace is collapsed here instead.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from selectolax.lexbor import LexborNode

from tgagreader.models import Block, Heading, Image, Link, ListBlock, Paragraph, Quote, Table
from tgagreader.site.urls import resolve
from tgagreader.text import clean, clean_lines

BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul caption".split()
)
SKIP_TAGS = frozenset(
    "script style noscript template iframe object embed applet button input select textarea "
    "option svg canvas audio video map area head title meta link base frame frameset".split()
)
_HEADING_LEVEL = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_ITALIC = frozenset({"em", "i", "cite", "q"})
_BOLD = frozenset({"strong", "b"})
_MAX_DEPTH = 120  # deeper than this, a subtree is read as plain text (no recursion limit hit)
_ALIGN = re.compile(r"text-align\s*:\s*(right|center|justify|left)", re.IGNORECASE)
_PIXEL = re.compile(r"(?:^|/)(?:spacer|pixel|blank|clear)\.(?:gif|png)$|printButton|emailButton")
_CLOAK_ASSIGN = re.compile(r"(addy\w*)\s*=\s*((?:'(?:[^'\\]|\\.)*'|[^;'])*);")
# JLIB_HTML_CLOAKING, in English and in the Vietnamese language packs.
_CLOAK_PLACEHOLDER = re.compile(
    r"This email address is being protected from spambots\.?\s*You need JavaScript enabled"
    r" to view it\.?|Địa chỉ e-?mail này (?:đang )?được bảo vệ[^.]*?\.(?:\s*Bạn cần[^.]*\.)?",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")

# Bits of a piece of inline text's style.
ITALIC, BOLD = 1, 2
_PLAIN_CANDIDATES = frozenset({"p", "div", "center", "address", "dd", "li"})
# Inside a paragraph read in one go there is none of these (a span with an id may be a
# cloaked e-mail address).
_NOT_PLAIN = BLOCK_TAGS | SKIP_TAGS | {"a", "img", "br"}
_SKIP_DEPTH = 4
_PLAIN_MIN = 300  # shorter paragraphs may be captions or bylines: their emphasis matters


@dataclass(slots=True)
class BlockInfo:
    """What the walker saw around a block, for the decisions taken after the walk (which
    paragraph is the byline, which italic line is a caption)."""

    align: str | None = None
    italic: bool = False
    bold: bool = False


class BodyWalker:
    """Walks one subtree and collects blocks. `skip(node)` says which elements (navigation,
    info blocks, share buttons) are not part of the text."""

    def __init__(
        self,
        base: str,
        skip: Callable[[LexborNode], bool] | None = None,
        skip_depth: int = _SKIP_DEPTH,
    ) -> None:
        self.base = base
        self.skip = skip
        self._skip_depth = skip_depth
        self.blocks: list[Block] = []
        self.info: list[BlockInfo] = []
        self._buffer: list[tuple[str, int]] = []
        self._links: list[Link] = []
        self._style = 0
        self._align: list[str | None] = [None]

    # -- walking -------------------------------------------------------------------------------

    def walk(self, node: LexborNode, depth: int = 0) -> BodyWalker:
        child = node.child
        while child is not None:
            tag = child.tag
            if tag == "-text":
                text = child.text_content or ""
                # Whitespace between blocks (the source's indentation) starts no paragraph.
                if self._buffer or not text.isspace():
                    self._buffer.append((text, self._style))
            elif tag == "script":
                self._script(child)
            # What is not text (navigation, info blocks, share buttons) is a block near the top
            # of the container; asking about every span and strong would cost more.
            elif (
                tag[0] != "-"
                and tag not in SKIP_TAGS
                and not (
                    self.skip
                    and depth < self._skip_depth
                    and tag in BLOCK_TAGS
                    and self.skip(child)
                )
            ):
                self._element(child, tag, depth + 1)
            child = child.next
        return self

    def finish(self) -> list[Block]:
        self.flush()
        return self.blocks

    def _element(self, node: LexborNode, tag: str, depth: int) -> None:
        if depth > _MAX_DEPTH:
            self._buffer.append((node.text(deep=True) or "", self._style))
            return
        if tag == "br":
            self._buffer.append(("\n", -1))
        elif tag == "img":
            self.add_image(node)
        elif tag in _HEADING_LEVEL:
            self.flush()
            text, links = inline_text(node, self.base)
            if text:
                self._add(Heading(text, _HEADING_LEVEL[tag], links), BlockInfo(bold=True))
        elif tag in ("ul", "ol"):
            self.flush()
            self._list(node, depth)
        elif tag == "blockquote":
            self.flush()
            self._quote(node, depth)
        elif tag == "table":
            self.flush()
            self._table(node, depth)
        elif tag == "figure":
            self.flush()
            self._figure(node, depth)
        elif tag == "hr":
            self.flush()
        elif tag == "a":
            self._anchor(node, depth)
        elif tag == "span" and (node.attributes.get("id") or "").startswith("cloak"):
            pass  # the placeholder of a cloaked address: the script after it has the address
        elif tag in BLOCK_TAGS:
            self.flush()
            self._align.append(_alignment(node) or self._align[-1])
            if tag not in _PLAIN_CANDIDATES or not self._plain_block(node):
                self.walk(node, depth)
                self.flush()
            self._align.pop()
        else:
            style = self._style
            if tag in _ITALIC:
                self._style |= ITALIC
            elif tag in _BOLD:
                self._style |= BOLD
            self.walk(node, depth)
            self._style = style

    def _plain_block(self, node: LexborNode) -> bool:
        """The fast path for the bulk of an article: a paragraph of text with at most plain
        formatting inside (no link, image, break, list, script or nested block) is read in one
        call to Lexbor instead of element by element. Short paragraphs take the full walk: their
        emphasis decides captions and bylines."""
        text = node.text(deep=True) or ""
        if len(text) < _PLAIN_MIN or not _is_plain(node):
            return False
        text = clean_lines(text.replace("\n", " ").replace("\r", " "))
        if text:
            info = BlockInfo(align=self._align[-1])
            if not self._caption_for_previous_image(text, info):
                self._add(Paragraph(text), info)
        return True

    def _anchor(self, node: LexborNode, depth: int) -> None:
        start = len(self._buffer)
        self.walk(node, depth)
        url = resolve(self.base, node.attributes.get("href"))
        if url is None:
            return
        text = clean("".join(part for part, style in self._buffer[start:] if style >= 0))
        if text:
            self._links.append(Link(text, url))

    def add_image(self, node: LexborNode) -> None:
        attrs = node.attributes
        src = attrs.get("src") or attrs.get("data-src") or attrs.get("data-original")
        url = resolve(self.base, src)
        if url is None or _PIXEL.search(url) or attrs.get("width") == "1":
            return
        classes = (attrs.get("class") or "").split()
        caption = clean(attrs.get("title") or "") if "caption" in classes else ""
        alt = clean(attrs.get("alt") or "")
        self.flush()
        self._add(Image(url, caption or None, alt or None), BlockInfo(align=self._align[-1]))

    def _script(self, node: LexborNode) -> None:
        """Joomla's e-mail cloaking: a script assembles the address from quoted pieces (J3
        fills a placeholder span, J2.5 `document.write`s it). Show the address itself."""
        source = node.text(deep=True) or ""
        if "addy" in source:
            address = decode_cloaked_email(source)
            if address:
                self._buffer.append((address, self._style))

    # -- structures ----------------------------------------------------------------------------

    def _list(self, node: LexborNode, depth: int) -> None:
        items: list[str] = []
        links: list[Link] = []
        _collect_items(node, self.base, items, links, depth)
        if items:
            self._add(ListBlock(tuple(items), node.tag == "ol", tuple(links)), BlockInfo())

    def _quote(self, node: LexborNode, depth: int) -> None:
        inner = BodyWalker(self.base, self.skip).walk(node, depth).finish()
        texts = [block.text for block in inner if not isinstance(block, Image)]
        links = tuple(link for block in inner for link in getattr(block, "links", ()))
        if texts:
            self._add(Quote("\n".join(texts), links), BlockInfo(italic=True))
        for block in inner:
            if isinstance(block, Image):
                self._add(block, BlockInfo())

    def _figure(self, node: LexborNode, depth: int) -> None:
        caption_node = node.css_first("figcaption")
        caption = inline_text(caption_node, self.base)[0] if caption_node else ""
        before = len(self.blocks)
        for img in node.css("img"):
            self.add_image(img)
        if len(self.blocks) > before:  # spacers and data: pictures are not kept
            if caption:
                self.blocks[-1] = replace(self.blocks[-1], caption=caption)
        else:
            self._align.append(self._align[-1])
            self.walk(node, depth)
            self.flush()
            self._align.pop()

    def _table(self, node: LexborNode, depth: int) -> None:
        rows = [cells_of(row) for row in rows_of(node)]
        rows = [row for row in rows if row]
        images = node.css("img")
        if images and len(images) * 3 + 1 >= sum(len(row) for row in rows):
            self._image_table(rows, depth)
            return
        if all(len(row) <= 1 for row in rows):  # a framed box: its cells are just containers
            for row in rows:
                for cell in row:
                    self.walk(cell, depth)
                    self.flush()
            return
        texts: list[tuple[str, ...]] = []
        links: list[Link] = []
        for row in rows:
            cells = []
            for cell in row:
                text, cell_links = inline_text(cell, self.base)
                cells.append(text)
                links.extend(cell_links)
            if any(cells):
                texts.append(tuple(cells))
        if not texts:
            return
        header = _has_header(node, rows)
        caption_node = node.css_first("caption")
        caption = inline_text(caption_node, self.base)[0] if caption_node else None
        self._add(Table(tuple(texts), header, caption or None, tuple(links)), BlockInfo())

    def _image_table(self, rows: list[list[LexborNode]], depth: int) -> None:
        """A layout table holding pictures: each image takes the text of its own cell, or of
        the cell below it, as caption."""
        used: set[int] = set()
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell.css_first("img") is None:
                    continue
                walker = BodyWalker(self.base, self.skip).walk(cell, depth)
                blocks = walker.finish()
                images = [b for b in blocks if isinstance(b, Image)]
                text = " ".join(b.text for b in blocks if not isinstance(b, Image) and b.text)
                if not text and r + 1 < len(rows) and c < len(rows[r + 1]):
                    below = rows[r + 1][c]
                    if below.css_first("img") is None:
                        text = inline_text(below, self.base)[0]
                        used.add(below.mem_id)
                for image in images:
                    caption = image.caption or text or None
                    self._add(replace(image, caption=caption), BlockInfo(align="center"))
                    text = ""
        for row in rows:
            for cell in row:
                if cell.css_first("img") is None and cell.mem_id not in used:
                    self.walk(cell, depth)
                    self.flush()

    # -- paragraphs ----------------------------------------------------------------------------

    def flush(self) -> None:
        """Turn the inline text gathered so far into paragraphs (a blank line, i.e. two `<br>`,
        separates paragraphs)."""
        if not self._buffer:
            self._links.clear()
            return
        # Line breaks in the HTML source are spaces; only <br> (style -1) breaks a line.
        raw = "".join(
            "\n" if style < 0 else part.replace("\n", " ").replace("\r", " ")
            for part, style in self._buffer
        )
        styles = [style for part, style in self._buffer if style >= 0 and part.strip()]
        self._buffer.clear()
        links, self._links = self._links, []
        if "spambots" in raw or "thư rác" in raw:
            raw = _CLOAK_PLACEHOLDER.sub("", raw)
        text = clean_lines(raw)
        if not text:
            return
        info = BlockInfo(
            align=self._align[-1],
            italic=bool(styles) and all(style & ITALIC for style in styles),
            bold=bool(styles) and all(style & BOLD for style in styles),
        )
        chunks = text.split("\n\n")
        for chunk in chunks:
            mine = (
                tuple(link for link in links if link.text in chunk)
                if len(chunks) > 1
                else tuple(links)
            )
            if not self._caption_for_previous_image(chunk, info):
                self._add(Paragraph(chunk, mine), info)

    def _caption_for_previous_image(self, text: str, info: BlockInfo) -> bool:
        if not self.blocks or not isinstance(self.blocks[-1], Image) or self.blocks[-1].caption:
            return False
        if not (
            (info.italic and len(text) <= 300) or (info.align == "center" and len(text) <= 160)
        ):
            return False
        self.blocks[-1] = replace(self.blocks[-1], caption=text.replace("\n", " "))
        return True

    def _add(self, block: Block, info: BlockInfo) -> None:
        self.blocks.append(block)
        self.info.append(info)


def _is_plain(node: LexborNode) -> bool:
    """Whether `node` holds only text and plain formatting (checked by walking its few
    descendants: a CSS query would cost more, Lexbor compiling the selector on every call)."""
    descendants = node.traverse()
    next(descendants)  # the node itself
    for inner in descendants:
        tag = inner.tag
        if tag in _NOT_PLAIN or (tag == "span" and "id" in inner.attributes):
            return False
    return True


def inline_text(node: LexborNode, base: str) -> tuple[str, tuple[Link, ...]]:
    """The text of an element read as one line (titles, cells, list items), with its links."""
    if _is_plain(node):
        return clean(node.text(deep=True) or ""), ()
    walker = BodyWalker(base).walk(node)
    walker.flush()
    text = " ".join(block.text for block in walker.blocks if not isinstance(block, Image))
    links = tuple(link for block in walker.blocks for link in getattr(block, "links", ()))
    return clean(text), links


def decode_cloaked_email(script: str) -> str | None:
    """The address Joomla's email-cloaking script assembles (`'user' + '&#64;' + 'host'`)."""
    values: dict[str, str] = {}
    for name, expression in _CLOAK_ASSIGN.findall(script):
        pieces = "".join(_QUOTED.findall(expression))
        prefix = values.get(name, "") if expression.strip().startswith(name) else ""
        values[name] = prefix + pieces
    address = next((v for k, v in values.items() if not k.startswith("addy_text")), "")
    shown = next((v for k, v in values.items() if k.startswith("addy_text")), "")
    result = clean(html.unescape(shown or address).replace("\\", ""))
    return result if "@" in result or shown else None


def _collect_items(
    node: LexborNode, base: str, items: list[str], links: list[Link], depth: int
) -> None:
    child = node.child
    while child is not None:
        if child.tag == "li":
            nested: list[LexborNode] = []
            walker = BodyWalker(
                base, lambda n, nested=nested: _defer_list(n, nested), skip_depth=_MAX_DEPTH
            )
            blocks = walker.walk(child, depth).finish()
            text = clean(" ".join(b.text for b in blocks if not isinstance(b, Image)))
            if text:
                items.append(text)
                links.extend(link for b in blocks for link in getattr(b, "links", ()))
            for sub in nested:
                _collect_items(sub, base, items, links, depth + 1)
        elif child.tag in ("ul", "ol"):
            _collect_items(child, base, items, links, depth + 1)
        child = child.next


def _defer_list(node: LexborNode, nested: list[LexborNode]) -> bool:
    """Skip nested lists while reading an item's own text; they become items of their own."""
    if node.tag in ("ul", "ol"):
        nested.append(node)
        return True
    return False


def rows_of(table: LexborNode) -> list[LexborNode]:
    """The table's own rows, not those of tables nested in its cells."""
    rows: list[LexborNode] = []
    child = table.child
    while child is not None:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("tbody", "thead", "tfoot"):
            rows.extend(rows_of(child))
        child = child.next
    return rows


def cells_of(row: LexborNode) -> list[LexborNode]:
    cells: list[LexborNode] = []
    child = row.child
    while child is not None:
        if child.tag in ("td", "th"):
            cells.append(child)
        child = child.next
    return cells


def _has_header(table: LexborNode, rows: list[list[LexborNode]]) -> bool:
    if not rows:
        return False
    first = rows[0]
    if all(cell.tag == "th" for cell in first) or (first and first[0].parent.tag == "thead"):
        return True
    # Editors bold the first row instead: every cell's text sits in <strong>/<b>.
    for cell in first:
        text = clean(cell.text(deep=True) or "")
        bold = " ".join(clean(b.text(deep=True) or "") for b in cell.css("strong, b"))
        if text and bold.strip() != text:
            return False
    return any(clean(cell.text(deep=True) or "") for cell in first)


def _alignment(node: LexborNode) -> str | None:
    attrs = node.attributes
    align = attrs.get("align")
    if align:
        return align.lower()
    style = attrs.get("style")
    if style:
        match = _ALIGN.search(style)
        if match:
            return match.group(1).lower()
    if node.tag == "center":
        return "center"
    return None
