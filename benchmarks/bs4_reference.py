"""tgagreader's own extraction, run on a BeautifulSoup (lxml) tree instead of a Lexbor one.

`benchmarks/parse.py` compares against this. Rather than a second, simplified scraper (which
would do less work and flatter neither side), the very same extraction code of
`tgagreader.site` runs here over an adapter that gives a BeautifulSoup tree the few node
operations the parsers use (tag, child, next, parent, attributes, text, css, traverse). The
difference measured is then the tree library's: parsing, navigation and CSS queries.
"""

from __future__ import annotations

from collections.abc import Iterator

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from tgagreader.models import Article, Listing
from tgagreader.site.article import parse_article_page
from tgagreader.site.decode import decode_html
from tgagreader.site.listing import parse_listing_page
from tgagreader.site.page import Page


class SoupNode:
    """A BeautifulSoup node with the interface of selectolax's LexborNode that tgagreader uses."""

    __slots__ = ("_node",)

    def __init__(self, node: Tag | NavigableString) -> None:
        self._node = node

    @property
    def tag(self) -> str:
        node = self._node
        if isinstance(node, Comment):
            return "-comment"
        if isinstance(node, NavigableString):
            return "-text"
        return node.name

    @property
    def mem_id(self) -> int:
        return id(self._node)

    @property
    def child(self) -> SoupNode | None:
        node = self._node
        if isinstance(node, Tag) and node.contents:
            return SoupNode(node.contents[0])
        return None

    @property
    def next(self) -> SoupNode | None:
        sibling = self._node.next_sibling
        return SoupNode(sibling) if sibling is not None else None

    @property
    def prev(self) -> SoupNode | None:
        sibling = self._node.previous_sibling
        return SoupNode(sibling) if sibling is not None else None

    @property
    def parent(self) -> SoupNode | None:
        parent = self._node.parent
        return (
            SoupNode(parent)
            if parent is not None and not isinstance(parent, BeautifulSoup)
            else None
        )

    @property
    def attributes(self) -> dict[str, str | None]:
        node = self._node
        if not isinstance(node, Tag):
            return {}
        return {k: " ".join(v) if isinstance(v, list) else v for k, v in node.attrs.items()}

    @property
    def text_content(self) -> str:
        return str(self._node)

    @property
    def html(self) -> str:
        return str(self._node)

    def text(self, deep: bool = True, separator: str = "") -> str:
        node = self._node
        if isinstance(node, NavigableString):
            return str(node)
        if not deep:
            return "".join(str(c) for c in node.contents if isinstance(c, NavigableString))
        return node.get_text(separator)

    def css(self, query: str) -> list[SoupNode]:
        node = self._node
        return [SoupNode(found) for found in node.select(query)] if isinstance(node, Tag) else []

    def css_first(self, query: str) -> SoupNode | None:
        node = self._node
        found = node.select_one(query) if isinstance(node, Tag) else None
        return SoupNode(found) if found is not None else None

    def traverse(self) -> Iterator[SoupNode]:
        yield self
        node = self._node
        if isinstance(node, Tag):
            for inner in node.descendants:
                if isinstance(inner, Tag):
                    yield SoupNode(inner)


class SoupTree(SoupNode):
    """The document, answering what the parsers ask of LexborHTMLParser."""

    __slots__ = ()

    @property
    def body(self) -> SoupNode | None:
        body = self._node.body
        return SoupNode(body) if body is not None else None


def soup_page(html: bytes | str, url: str) -> Page:
    page = Page.__new__(Page)
    page.url = url
    page._raw = html
    page.source = decode_html(html) if isinstance(html, bytes) else html
    page.tree = SoupTree(BeautifulSoup(page.source, "lxml"))
    return page


def bs4_article(html: bytes | str, url: str) -> Article:
    return parse_article_page(soup_page(html, url))


def bs4_listing(html: bytes | str, url: str) -> Listing:
    return parse_listing_page(soup_page(html, url))
