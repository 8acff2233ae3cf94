"""A category listing (blog or list layout) or the featured front page → `Listing`.

Blog items are found by what they are (microdata `blogPost`, Joomla's `items-leading`/`items-row`
wrappers, K2's `catItemView`), list rows by the roles of their table columns (class, `headers`
attribute or heading text), and the pager by its counter ("Trang 2 / 3", "Page 2 of 3") and the
offsets its links carry, since templates often draw the next/previous links as bare icons.
"""

from __future__ import annotations

import re
from datetime import datetime

from selectolax.lexbor import LexborNode

from tgagreader.models import ArticleSummary, Category, Image, Listing
from tgagreader.site.article import (
    NOT_TEXT_CLASSES,
    category_from_link,
    parse_count,
    read_date,
    read_info,
    strip_author_label,
)
from tgagreader.site.blocks import BodyWalker, cells_of, inline_text, rows_of
from tgagreader.site.page import Page, UnexpectedPage, ancestors
from tgagreader.site.urls import (
    canonical_article_url,
    canonical_url,
    category_of,
    resolve,
    route,
    synthetic_id,
    with_start,
)
from tgagreader.text import clean, fold, slugify

_CONTAINER = (
    "div.blog, div.blog-featured, div.category-list, div.itemListView, div#k2Container,"
    " div.com-content-category-blog, div.com-content-featured, div.com-content-category"
)
_ITEMS = (
    "div.items-leading > div, div.items-row div.item, [itemprop=blogPost], div.catItemView,"
    " div.blog-item, div.com-content-category-blog__item, div.userItemView, article.item"
)
_MORE = "div.items-more a[href], .com-content-blog__links a[href]"
_CHILDREN = (
    "div.cat-children .item-title a[href], div.cat-children h3 a[href],"
    " div.cat-children li > a[href]"
)
_PAGER = (
    "div.pagination, nav.pagination, ul.pagination-list, div.k2Pagination,"
    " nav[role=navigation] ul.pagination, .pagination"
)
_INTRO_IMAGE = "[class*=img-intro] img, .item-image img, [itemprop=thumbnailUrl], .catItemImage img"
_COUNTER = re.compile(r"(\d+)\s*(?:/|of|trên|của|trong số|-)\s*(\d+)", re.IGNORECASE)
_ITEM_SKIP = NOT_TEXT_CLASSES | {"item-image", "catItemImageBlock", "catItemHeader"}
_COLUMN_WORDS = (
    ("title", ("title", "tieu de", "bai viet", "tin")),
    ("date", ("date", "ngay", "thoi gian")),
    ("author", ("author", "tac gia", "nguoi viet")),
    ("hits", ("hits", "luot xem", "so lan xem")),
)


def parse_listing_page(page: Page) -> Listing:
    page.check_not_error()
    container = page.tree.css_first(_CONTAINER)
    if container is None:
        if page.tree.css_first("div.item-page, [itemprop=articleBody], div.itemView") is not None:
            raise UnexpectedPage(page.url, "this is an article page, not a listing")
        container = _fallback_container(page)
        if container is None:
            page.raise_for_missing_content("article listing")

    table = _list_table(container, page.base)
    if table is not None:
        items = _table_items(table, page.base)
        layout = "list"
    else:
        items = _blog_items(container, page.base)
        layout = "blog"
    more = _more_items(container, page.base)
    classes = _classes(container)
    featured = "blog-featured" in classes or "com-content-featured" in classes
    category = (
        None
        if featured or route(page.url).kind in ("home", "featured")
        else _category(page, container)
    )
    page_number, page_count, next_url = _pagination(page, container, len(items) + len(more))
    children: dict[str, Category] = {}  # Lexbor lists a node once per selector it matches
    for link in container.css(_CHILDREN):
        url = resolve(page.base, link.attributes.get("href"))
        name = clean(link.text(deep=True) or "")
        if url and name and url not in children:
            children[url] = category_from_link(name, url)
    subcategories = tuple(children.values())
    return Listing(
        category=category,
        items=tuple(items),
        more=tuple(more),
        page=page_number,
        page_count=page_count,
        next_url=next_url,
        layout="featured" if featured else layout,
        subcategories=subcategories,
        feeds=_feeds(page),
    )


# -- blog layout ------------------------------------------------------------------------------


def _blog_items(container: LexborNode, base: str) -> list[ArticleSummary]:
    nodes = _innermost(container.css(_ITEMS))
    items: list[ArticleSummary] = []
    seen: set[int] = set()
    for node in nodes:
        item = _blog_item(node, base)
        if item is not None and item.id not in seen:
            seen.add(item.id)
            items.append(item)
    return items


def _blog_item(node: LexborNode, base: str) -> ArticleSummary | None:
    heading = node.css_first("[itemprop=name], [itemprop=headline], h2, h3, h1, h4, .catItemTitle")
    title = inline_text(heading, base)[0] if heading is not None else ""
    url = None
    if heading is not None:
        link = heading.css_first("a[href]") or (heading if heading.tag == "a" else None)
        url = resolve(base, link.attributes.get("href")) if link is not None else None
    if url is None:  # unlinked titles: the read-more link leads to the article
        for link in node.css("p.readmore a[href], a.readmore, a.btn[href], a[itemprop=url]"):
            url = resolve(base, link.attributes.get("href"))
            if url:
                break
    if not title or url is None:
        return None
    skip_ids = {heading.mem_id} if heading is not None else set()

    def skip(child: LexborNode) -> bool:
        if child.mem_id in skip_ids:
            return True
        classes = child.attributes.get("class")
        return bool(classes) and not _ITEM_SKIP.isdisjoint(classes.split())

    blocks = BodyWalker(base, skip).walk(node).finish()
    summary = " ".join(
        block.text for block in blocks if not isinstance(block, Image) and block.text
    )
    image_node = node.css_first(_INTRO_IMAGE)
    image = resolve(base, image_node.attributes.get("src")) if image_node is not None else None
    if image is None:
        image = next((block.src for block in blocks if isinstance(block, Image)), None)
    info = read_info(node, base)
    return ArticleSummary(
        id=_article_id(url),
        title=title,
        url=canonical_article_url(url),
        published=info.published or info.created,
        modified=info.modified,
        hits=info.hits,
        summary=clean(summary),
        image=image,
        author=info.author,
        category=info.category,
    )


def _more_items(container: LexborNode, base: str) -> list[ArticleSummary]:
    items: list[ArticleSummary] = []
    seen: set[int] = set()
    for link in container.css(_MORE):
        url = resolve(base, link.attributes.get("href"))
        title = inline_text(link, base)[0]
        if url and title and route(url).kind == "article":
            item = ArticleSummary(id=_article_id(url), title=title, url=canonical_article_url(url))
            if item.id not in seen:
                seen.add(item.id)
                items.append(item)
    return items


# -- list (table) layout ----------------------------------------------------------------------


def _list_table(container: LexborNode, base: str) -> LexborNode | None:
    table = container.css_first("table.category, table.category-list, table.table-category")
    if table is not None:
        return table
    for candidate in container.css("table"):
        links = [resolve(base, a.attributes.get("href")) for a in candidate.css("td a[href]")]
        if sum(1 for url in links if url and route(url).kind == "article") >= 2:
            return candidate
    return None


def _table_items(table: LexborNode, base: str) -> list[ArticleSummary]:
    header_roles = [_column_role(cell) for cell in table.css("thead th, thead td")]
    items: list[ArticleSummary] = []
    seen: set[int] = set()
    for row in rows_of(table):
        cells = cells_of(row)
        if not cells or row.parent.tag == "thead":
            continue
        roles = [
            _column_role(cell) or (header_roles[i] if i < len(header_roles) else None)
            for i, cell in enumerate(cells)
        ]
        values: dict[str, LexborNode] = {}
        for role, cell in zip(roles, cells, strict=True):
            if role and role not in values:
                values[role] = cell
        title_cell = values.get("title") or next((c for c in cells if c.css_first("a[href]")), None)
        if title_cell is None:
            continue
        link = title_cell.css_first("a[href]")
        url = resolve(base, link.attributes.get("href")) if link is not None else None
        if url is None or route(url).kind != "article":
            continue
        title = inline_text(link, base)[0]
        author = values.get("author")
        item = ArticleSummary(
            id=_article_id(url),
            title=title,
            url=canonical_article_url(url),
            published=_cell_date(values.get("date")),
            hits=parse_count(clean(values["hits"].text(deep=True) or ""))
            if "hits" in values
            else None,
            author=_author(author) if author is not None else None,
        )
        if item.id not in seen and title:
            seen.add(item.id)
            items.append(item)
    return items


def _column_role(cell: LexborNode) -> str | None:
    attrs = cell.attributes
    hints = fold(
        " ".join(filter(None, (attrs.get("class"), attrs.get("headers"), attrs.get("id"))))
    )
    for role, _ in _COLUMN_WORDS:
        if f"list-{role}" in hints or f"header_{role}" in hints:
            return role
    if cell.tag == "th" or (
        cell.parent is not None
        and cell.parent.parent is not None
        and cell.parent.parent.tag == "thead"
    ):
        text = fold(clean(cell.text(deep=True) or ""))
        for role, words in _COLUMN_WORDS:
            if any(text.startswith(word) for word in words):
                return role
    return None


def _cell_date(cell: LexborNode | None) -> datetime | None:
    return read_date(cell) if cell is not None else None


def _author(cell: LexborNode) -> str | None:
    text = clean(cell.text(deep=True) or "")
    text = strip_author_label(text)
    return text or None


# -- the page around the items ----------------------------------------------------------------


def _category(page: Page, container: LexborNode) -> Category | None:
    node = container.css_first(".subheading-category, .itemListCategory h2, .category-title")
    if node is None:
        node = container.css_first(".page-header h1, .page-header h2, h1, h2")
        if (
            node is not None
            and node.css_first("a[href]") is not None
            and container.css_first(_ITEMS)
        ):
            node = None  # an item's linked title, not the page's heading
    name = clean(node.text(deep=True) or "") if node is not None else ""
    if not name:
        name = page.own_title
    number, alias = category_of(page.url)
    if number is None and alias is None:
        for feed in _feeds(page):
            number, alias = category_of(feed)
            if number is not None or alias:
                break
    url = with_start(canonical_url(page.url), 0)
    return Category(number, alias or slugify(name), name, url)


def _pagination(page: Page, container: LexborNode, count: int) -> tuple[int, int, str | None]:
    here = route(page.url).start
    pager = container.css_first(_PAGER) or page.tree.css_first(_PAGER)
    counter_node = container.css_first("p.counter, .counter, .pagecounter") or page.tree.css_first(
        "p.counter"
    )
    page_number = page_count = None
    if counter_node is not None:
        match = _COUNTER.search(clean(counter_node.text(deep=True) or ""))
        if match:
            page_number, page_count = int(match.group(1)), int(match.group(2))
    starts: dict[int, str] = {}
    numbered: dict[int, int] = {}  # page number → start
    next_url = None
    if pager is not None:
        for link in pager.css("a[href]"):
            url = resolve(page.base, link.attributes.get("href"))
            if url is None:
                continue
            start = route(url).start
            starts.setdefault(start, canonical_url(url))
            label = clean(link.text(deep=True) or "")
            if label.isdecimal():
                numbered[int(label)] = start
            if next_url is None and _is_next(link, label) and start > here:
                next_url = canonical_url(url)
    later = sorted(start for start in starts if start > here)
    if next_url is None and later:
        next_url = starts[later[0]]
    size = _page_size(numbered) or count
    if page_number is None:
        page_number = here // size + 1 if size else 1
    if page_count is None:
        highest = max(numbered) if numbered else page_number
        last_start = max(starts) if starts else here
        page_count = max(highest, page_number, last_start // size + 1 if size else 1)
    if page_number >= page_count:
        next_url = None
    return page_number, page_count, next_url


def _page_size(numbered: dict[int, int]) -> int | None:
    for number, start in sorted(numbered.items()):
        if number > 1 and start > 0:
            return start // (number - 1)
    return None


def _is_next(link: LexborNode, label: str) -> bool:
    attrs = link.attributes
    parent = link.parent
    hints = " ".join(
        filter(
            None,
            (
                attrs.get("class"),
                attrs.get("rel"),
                attrs.get("title"),
                attrs.get("aria-label"),
                parent.attributes.get("class") if parent is not None else None,
                " ".join(span.attributes.get("class") or "" for span in link.css("span")),
                label,
            ),
        )
    )
    hints = fold(hints)
    return any(
        word in hints for word in ("pagination-next", "icon-next", "trang sau", "next", "tiep")
    ) or label in ("»", ">", "›")


def _feeds(page: Page) -> tuple[str, ...]:
    feeds = []
    for link in page.tree.css("link[rel=alternate]"):
        kind = (link.attributes.get("type") or "").lower()
        if "rss" in kind or "atom" in kind:
            url = resolve(page.base, link.attributes.get("href"))
            if url:
                feeds.append(url)
    return tuple(feeds)


def _fallback_container(page: Page) -> LexborNode | None:
    """An unknown template: the element whose headings link to the most articles."""
    counts: dict[int, tuple[int, LexborNode]] = {}
    for heading in page.tree.css("h2 a[href], h3 a[href], h4 a[href]"):
        url = resolve(page.base, heading.attributes.get("href"))
        if url is None or route(url).kind != "article":
            continue
        block = heading.parent
        while block is not None and block.tag in ("h2", "h3", "h4", "a", "span", "strong"):
            block = block.parent
        parent = block.parent if block is not None else None
        if parent is None:
            continue
        old = counts.get(parent.mem_id)
        counts[parent.mem_id] = ((old[0] if old else 0) + 1, parent)
    if not counts:
        return None
    total, best = max(counts.values(), key=lambda pair: pair[0])
    return best if total >= 2 else None


def _article_id(url: str) -> int:
    number = route(url).article_id
    return number if number is not None else synthetic_id(url)


def _innermost(nodes: list[LexborNode]) -> list[LexborNode]:
    """Drop matches that contain other matches (a wrapper around the real item)."""
    ids = {node.mem_id for node in nodes}
    outer = {parent.mem_id for node in nodes for parent in ancestors(node) if parent.mem_id in ids}
    kept: list[LexborNode] = []
    seen: set[int] = set()
    for node in nodes:
        if node.mem_id not in outer and node.mem_id not in seen:
            seen.add(node.mem_id)
            kept.append(node)
    return kept


def _classes(node: LexborNode) -> set[str]:
    return set((node.attributes.get("class") or "").split())
