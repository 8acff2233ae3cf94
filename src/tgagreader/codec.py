"""Models ↔ JSON-able dicts: what the store keeps and what `--format json` prints.

The store's dicts carry every field; the CLI's dicts (`summary_json`, `article_json`) carry
exactly the keys the command line documents. Dates are ISO 8601 with the +07:00 offset.
Decoding is lenient: a missing key gets its default (an entry written by an older tgagreader
still loads), and text is taken as text (`str()`). What cannot be read as what it stands for
(an id that is not a whole number, a date that is not ISO text, an unknown kind of block)
raises `ValueError` or `KeyError`, which the store treats as an unreadable entry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tgagreader.localtime import to_site_time
from tgagreader.models import (
    Article,
    ArticleSummary,
    Block,
    Category,
    Heading,
    Image,
    Link,
    ListBlock,
    Listing,
    Paragraph,
    Quote,
    SiteStats,
    Table,
)

JSON = dict[str, Any]


def iso(moment: datetime | None) -> str | None:
    return to_site_time(moment).isoformat() if moment is not None else None


def from_iso(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    return to_site_time(datetime.fromisoformat(value))


# -- categories and links ---------------------------------------------------------------------


def category_json(category: Category | None) -> JSON | None:
    """The category as the CLI shows it: `{"id", "alias", "name"}`."""
    if category is None:
        return None
    return {"id": category.id, "alias": category.alias, "name": category.name}


def category_to_dict(category: Category) -> JSON:
    return {
        "id": category.id,
        "alias": category.alias,
        "name": category.name,
        "url": category.url,
        "children": [category_to_dict(child) for child in category.children],
    }


def category_from_dict(data: JSON) -> Category:
    number = data.get("id")
    if number is not None and not isinstance(number, int):
        raise ValueError(f"bad category id {number!r}")
    return Category(
        id=number,
        alias=str(data.get("alias") or ""),
        name=str(data.get("name") or ""),
        url=data.get("url"),
        children=tuple(category_from_dict(child) for child in data.get("children") or ()),
    )


def _links(data: object) -> tuple[Link, ...]:
    return tuple(Link(str(link["text"]), str(link["url"])) for link in data or ())  # type: ignore[attr-defined]


def _links_json(links: tuple[Link, ...]) -> list[JSON]:
    return [{"text": link.text, "url": link.url} for link in links]


# -- blocks -----------------------------------------------------------------------------------


def block_to_dict(block: Block) -> JSON:
    if isinstance(block, Image):
        return {"type": "image", "src": block.src, "caption": block.caption, "alt": block.alt}
    if isinstance(block, ListBlock):
        return {
            "type": "list",
            "items": list(block.items),
            "ordered": block.ordered,
            "links": _links_json(block.links),
        }
    if isinstance(block, Table):
        return {
            "type": "table",
            "rows": [list(row) for row in block.rows],
            "header": block.header,
            "caption": block.caption,
            "links": _links_json(block.links),
        }
    if isinstance(block, Heading):
        return {
            "type": "heading",
            "text": block.text,
            "level": block.level,
            "links": _links_json(block.links),
        }
    return {"type": block.type, "text": block.text, "links": _links_json(block.links)}


def block_from_dict(data: JSON) -> Block:
    kind = data.get("type")
    links = _links(data.get("links"))
    if kind == "paragraph":
        return Paragraph(str(data["text"]), links)
    if kind == "heading":
        return Heading(str(data["text"]), int(data.get("level") or 3), links)
    if kind == "quote":
        return Quote(str(data["text"]), links)
    if kind == "list":
        return ListBlock(tuple(map(str, data["items"])), bool(data.get("ordered")), links)
    if kind == "table":
        rows = tuple(tuple(map(str, row)) for row in data["rows"])
        return Table(rows, bool(data.get("header")), data.get("caption"), links)
    if kind == "image":
        return Image(str(data["src"]), data.get("caption"), data.get("alt"))
    raise ValueError(f"unknown block type {kind!r}")


# -- articles ---------------------------------------------------------------------------------


def article_to_dict(article: Article) -> JSON:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "category": category_to_dict(article.category),
        "author": article.author,
        "byline": article.byline,
        "published": iso(article.published),
        "modified": iso(article.modified),
        "hits": article.hits,
        "summary": article.summary,
        "body": [block_to_dict(block) for block in article.body],
        "pages": list(article.pages),
        "prev_url": article.prev_url,
        "next_url": article.next_url,
        "complete": article.complete,
    }


def _article_id(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"bad article id {value!r}")
    return value


def article_from_dict(data: JSON) -> Article:
    hits = data.get("hits")
    return Article(
        id=_article_id(data["id"]),
        title=str(data["title"]),
        url=str(data["url"]),
        category=category_from_dict(data.get("category") or {}),
        author=data.get("author"),
        byline=data.get("byline"),
        published=from_iso(data.get("published")),
        modified=from_iso(data.get("modified")),
        hits=int(hits) if hits is not None else None,
        summary=str(data.get("summary") or ""),
        body=tuple(block_from_dict(block) for block in data.get("body") or ()),
        pages=tuple(data.get("pages") or ()),
        prev_url=data.get("prev_url"),
        next_url=data.get("next_url"),
        complete=bool(data.get("complete", True)),
    )


def summary_of(article: Article) -> ArticleSummary:
    """What a list shows of an article that is in the cache."""
    return ArticleSummary(
        id=article.id,
        title=article.title,
        url=article.url,
        published=article.published,
        modified=article.modified,
        hits=article.hits,
        summary=article.summary,
        image=article.images[0].src if article.images else None,
        author=article.credit,
        category=article.category,
    )


def summary_json(summary: ArticleSummary) -> JSON:
    """Exactly the keys `tgag latest --format json` documents."""
    return {
        "id": summary.id,
        "title": summary.title,
        "url": summary.url,
        "category": category_json(summary.category) or {"id": None, "alias": "", "name": ""},
        "published": iso(summary.published),
        "author": summary.author,
        "hits": summary.hits,
        "summary": summary.summary,
    }


def article_json(article: Article, text: str) -> JSON:
    """`tgag read --format json`: the `latest` keys plus modified, complete, body, text and
    images. `complete` is false for a page that was cut off (fetched again at the next sync)."""
    data = summary_json(summary_of(article))
    data.update(
        modified=iso(article.modified),
        complete=article.complete,
        body=[block_to_dict(block) for block in article.body],
        text=text,
        images=[{"src": image.src, "caption": image.caption} for image in article.images],
    )
    return data


def summary_to_dict(summary: ArticleSummary) -> JSON:
    return {
        "id": summary.id,
        "title": summary.title,
        "url": summary.url,
        "published": iso(summary.published),
        "modified": iso(summary.modified),
        "hits": summary.hits,
        "summary": summary.summary,
        "image": summary.image,
        "author": summary.author,
        "category": category_to_dict(summary.category) if summary.category else None,
    }


def summary_from_dict(data: JSON) -> ArticleSummary:
    category = data.get("category")
    hits = data.get("hits")
    return ArticleSummary(
        id=_article_id(data["id"]),
        title=str(data["title"]),
        url=str(data["url"]),
        published=from_iso(data.get("published")),
        modified=from_iso(data.get("modified")),
        hits=int(hits) if hits is not None else None,
        summary=str(data.get("summary") or ""),
        image=data.get("image"),
        author=data.get("author"),
        category=category_from_dict(category) if category else None,
    )


# -- listings and statistics ------------------------------------------------------------------


def listing_to_dict(listing: Listing) -> JSON:
    return {
        "category": category_to_dict(listing.category) if listing.category else None,
        "items": [summary_to_dict(item) for item in listing.items],
        "more": [summary_to_dict(item) for item in listing.more],
        "page": listing.page,
        "page_count": listing.page_count,
        "next_url": listing.next_url,
        "layout": listing.layout,
        "subcategories": [category_to_dict(c) for c in listing.subcategories],
        "feeds": list(listing.feeds),
    }


def listing_from_dict(data: JSON) -> Listing:
    category = data.get("category")
    return Listing(
        category=category_from_dict(category) if category else None,
        items=tuple(summary_from_dict(item) for item in data.get("items") or ()),
        more=tuple(summary_from_dict(item) for item in data.get("more") or ()),
        page=int(data.get("page") or 1),
        page_count=int(data.get("page_count") or 1),
        next_url=data.get("next_url"),
        layout=str(data.get("layout") or "blog"),
        subcategories=tuple(category_from_dict(c) for c in data.get("subcategories") or ()),
        feeds=tuple(data.get("feeds") or ()),
    )


def stats_to_dict(stats: SiteStats) -> JSON:
    return {
        "guests_online": stats.guests_online,
        "members_online": stats.members_online,
        "article_hits": stats.article_hits,
        "other": dict(stats.other),
    }


def stats_from_dict(data: JSON) -> SiteStats:
    def count(key: str) -> int | None:
        value = data.get(key)
        return int(value) if value is not None else None

    return SiteStats(
        guests_online=count("guests_online"),
        members_online=count("members_online"),
        article_hits=count("article_hits"),
        other={str(k): str(v) for k, v in (data.get("other") or {}).items()},
    )
