"""The plain data every layer shares: parsers produce it, the store keeps it, views show it.

Every class is a frozen dataclass of plain values (str, int, datetime, tuples of the same), so
it can be compared, cached and turned into JSON without knowing where it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, TypeAlias


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink found in text: what it says and where it goes (absolute URL)."""

    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Category:
    """A content category. Joomla 2.5 SEF pages never show the numeric id, so `id` may be None
    and `alias` is then what identifies the category."""

    id: int | None
    alias: str
    name: str
    url: str | None = None
    children: tuple[Category, ...] = ()

    @property
    def key(self) -> str:
        """A stable identifier: the numeric id when known, else the alias."""
        return str(self.id) if self.id is not None else self.alias

    def walk(self) -> Iterator[Category]:
        """This category, then its subcategories, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def keys(self) -> list[str]:
        """The keys and aliases an article of this category or of a subcategory is stored
        under (a Joomla 2.5 listing knows only the alias)."""
        walked = list(self.walk())
        return [c.key for c in walked] + [c.alias for c in walked]

    def totals(self, counts: dict[str, tuple[int, int]]) -> tuple[int, int]:
        """(articles, unread) of this category with its subcategories', from `counts` by key
        (as `Store.category_counts` gives them)."""
        total = unread = 0
        for category in self.walk():
            own_total, own_unread = counts.get(category.key, (0, 0))
            total += own_total
            unread += own_unread
        return total, unread


def walk_menu(menu: Iterable[Category]) -> Iterator[Category]:
    """Every category of a menu, depth first."""
    for category in menu:
        yield from category.walk()


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    links: tuple[Link, ...] = ()
    type: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 3
    links: tuple[Link, ...] = ()
    type: ClassVar[str] = "heading"


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[str, ...]
    ordered: bool = False
    links: tuple[Link, ...] = ()
    type: ClassVar[str] = "list"

    @property
    def text(self) -> str:
        return "\n".join(self.items)


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    links: tuple[Link, ...] = ()
    type: ClassVar[str] = "quote"


@dataclass(frozen=True, slots=True)
class Table:
    """A data table. `header` says whether the first row holds column headings."""

    rows: tuple[tuple[str, ...], ...]
    header: bool = False
    caption: str | None = None
    links: tuple[Link, ...] = ()
    type: ClassVar[str] = "table"

    @property
    def text(self) -> str:
        return "\n".join(" | ".join(row) for row in self.rows)


@dataclass(frozen=True, slots=True)
class Image:
    src: str
    caption: str | None = None
    alt: str | None = None
    type: ClassVar[str] = "image"

    @property
    def text(self) -> str:
        return self.caption or self.alt or ""


Block: TypeAlias = Paragraph | Heading | ListBlock | Quote | Table | Image


@dataclass(frozen=True, slots=True)
class Article:
    """One article, all its pages merged into `body` once sync has fetched them."""

    id: int
    title: str
    url: str
    category: Category
    author: str | None
    byline: str | None
    published: datetime | None
    modified: datetime | None
    hits: int | None
    summary: str
    body: tuple[Block, ...]
    pages: tuple[str, ...] = ()
    prev_url: str | None = None
    next_url: str | None = None
    complete: bool = True

    @property
    def credit(self) -> str | None:
        """Who wrote it, as a reader would name them: the author field, else the byline."""
        return self.author or self.byline

    @property
    def images(self) -> tuple[Image, ...]:
        return tuple(block for block in self.body if isinstance(block, Image))

    @property
    def links(self) -> tuple[Link, ...]:
        """Every link in the body, in reading order, without repeats."""
        seen: dict[str, Link] = {}
        for block in self.body:
            for link in getattr(block, "links", ()):
                seen.setdefault(link.url, link)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article as a listing shows it: enough to list it and to know whether it changed."""

    id: int
    title: str
    url: str
    published: datetime | None = None
    modified: datetime | None = None
    hits: int | None = None
    summary: str = ""
    image: str | None = None
    author: str | None = None
    category: Category | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a category listing (blog or list layout) or of the featured front page."""

    category: Category | None
    items: tuple[ArticleSummary, ...]
    more: tuple[ArticleSummary, ...] = ()
    page: int = 1
    page_count: int = 1
    next_url: str | None = None
    layout: str = "blog"
    subcategories: tuple[Category, ...] = ()
    feeds: tuple[str, ...] = ()

    @property
    def articles(self) -> tuple[ArticleSummary, ...]:
        """Items and "more articles" links together, in page order, without repeats."""
        seen: dict[int, ArticleSummary] = {}
        for item in (*self.items, *self.more):
            seen.setdefault(item.id, item)
        return tuple(seen.values())


@dataclass(frozen=True, slots=True)
class SiteStats:
    """The site's counters (mod_whosonline, mod_stats); a figure the page does not show is None."""

    guests_online: int | None = None
    members_online: int | None = None
    article_hits: int | None = None
    other: dict[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class FrontPage:
    """What sync takes from the front page in one parse."""

    site_name: str | None
    menu: tuple[Category, ...]
    stats: SiteStats | None
    listing: Listing | None
