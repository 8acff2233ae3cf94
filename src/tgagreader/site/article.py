"""An article page (`view=article`) → `Article`.

Joomla 3 wraps the text in `[itemprop=articleBody]`; Joomla 2.5 has no wrapper at all: the text
is whatever `div.item-page` holds after the title and the info block and before the page
navigation. Other templates (K2, T3, Helix, hand-made ones) move things around, so every field is
found by what it means (schema.org microdata, Joomla's class names, then the Vietnamese or
English label in front of it) rather than by where one template puts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from selectolax.lexbor import LexborNode

from tgagreader.models import Article, Block, Category, Image, Paragraph
from tgagreader.site.blocks import BlockInfo, BodyWalker, inline_text
from tgagreader.site.dates import parse_date
from tgagreader.site.page import (
    LoginRequired,
    Page,
    TruncatedPage,
    UnexpectedPage,
    _has_login_form,
    is_inside,
)
from tgagreader.site.urls import (
    canonical_article_url,
    category_of,
    resolve,
    route,
    synthetic_id,
    with_start,
)
from tgagreader.text import clean, fold, slugify

# Elements inside an article's container that are not its text.
NOT_TEXT_CLASSES = frozenset(
    {
        "article-info",
        "actions",
        "icons",
        "pagenav",
        "pager",
        "pagination",
        "pagenavcounter",
        "article-index",
        "tags",
        "page-header",
        "items-more",
        "btn-group",
        "dropdown-menu",
        "print-icon",
        "email-icon",
        "readmore",
        "breadcrumb",
        "breadcrumbs",
        "jcomments-links",
        "addthis_toolbox",
        "addthis_inline_share_toolbox",
        "sharethis",
        "social-share",
        "share-buttons",
        "fb-like",
        "relateditems",
        "related-items",
        "article-tools",
        "itemToolbar",
        "itemRatingBlock",
        "itemSocialSharing",
        "itemNavigation",
        "itemRelated",
        "itemAuthorBlock",
        "itemCommentsBlock",
        "itemLinks",
        "itemTagsBlock",
        "itemHeader",
        "itemDateModified",
        "itemHitsTwitter",
        "content_rating",
        "content_vote",
        "contentheading",
        "buttonheading",
        "createdate",
        "modifydate",
    }
)
NOT_TEXT_IDS = frozenset({"article-index", "comments", "jc", "system-message-container"})

_ROOT = "div.item-page, article.item-page, div.itemView, div.item_page, div.article-page"
_BODY = "[itemprop=articleBody], div.itemFullText, div.article-content, div.entry-content"
# Where templates put an article's title (one query: Lexbor compiles a selector per call).
_TITLES = (
    ".page-header h2, .contentheading, h2.itemTitle, h1.article-title, h2.article-title,"
    " .article-header h1, .article-header h2, .entry-title"
)
_LISTINGS = "div.blog, div.blog-featured, div.category-list, div.itemListView"
_FALLBACK_ROOTS = "article, div.post, div.entry, div.article, div#content, main, div#main"
_FULLTEXT_IMAGE = (
    ".item-image img, [class*=img-fulltext] img, .itemImage img, .full-image img, .entry-image img"
)
_INFO = (
    "dl.article-info dd, .article-info dd, [itemprop=datePublished], [itemprop=dateCreated],"
    " [itemprop=dateModified], [itemprop=author], [itemprop=interactionCount], .createdate,"
    " .modifydate, .createby, .created-by, .itemDateCreated, .itemAuthor, .itemHits,"
    " .itemCategory, span.hits, .article-date, .post-date, span.small"
)
_PAGE_LINKS = (
    "#article-index a, .article-index a, .pagination a, .pager a, .pagenav a, a[rel=prev],"
    " a[rel=next]"
)
_LABEL = re.compile(r"^[^:：]{1,40}[:：]\s*")
_DIGITS = re.compile(r"\d[\d.,  ]*")
_CREDIT = re.compile(
    r"^\(?(?:theo|nguồn|tin|ảnh|bài|tin,? ảnh|bài,? ảnh|tin và ảnh|bài và ảnh|thực hiện|"
    r"tổng hợp|lược dịch|source|by)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;]$")


@dataclass(slots=True)
class Info:
    """What the info block (and its equivalents elsewhere) says about the article."""

    author: str | None = None
    category: Category | None = None
    published: datetime | None = None
    created: datetime | None = None
    modified: datetime | None = None
    hits: int | None = None


def parse_article_page(page: Page) -> Article:
    root = page.tree.css_first(_ROOT)
    body = (root or page.tree).css_first(_BODY)
    page.check_not_error(content_found=root is not None or body is not None)
    if root is None and body is None:
        root, body = _legacy_layout(page)
    if root is None and body is None:
        if page.tree.css_first(_LISTINGS) is not None:
            raise UnexpectedPage(page.url, "this is a category listing, not an article")
        if _has_login_form(page):  # Joomla's login form where the article should be
            raise LoginRequired(page.url)
        root = _fallback_root(page)
        if root is None:
            page.raise_for_missing_content("article")
    container = root if root is not None else body
    assert container is not None

    title_node = _title_node(container, body)
    title = inline_text(title_node, page.base)[0] if title_node is not None else ""
    if not title:
        title = clean(page.meta("og:title") or "") or page.own_title
    skip_ids = {title_node.mem_id} if title_node is not None else set()
    heading = _page_heading(container, title_node)
    if heading is not None:
        skip_ids.add(heading.mem_id)

    def skip(node: LexborNode) -> bool:
        if node.mem_id in skip_ids:
            return True
        attrs = node.attributes
        classes = attrs.get("class")
        if classes and not NOT_TEXT_CLASSES.isdisjoint(classes.split()):
            return True
        return attrs.get("id") in NOT_TEXT_IDS

    walker = BodyWalker(page.base, skip)
    if body is not None and root is not None:
        image = root.css_first(_FULLTEXT_IMAGE)
        if image is not None and not is_inside(image, {body.mem_id}):
            walker.add_image(image)  # J3 puts the full-text image outside the text
    walker.walk(body if body is not None else container)
    blocks = walker.finish()
    truncated = page.is_truncated
    if not title or not _has_text(blocks):
        if truncated and (title or root is not None):
            raise TruncatedPage(page.url)
        page.raise_for_missing_content("article text")

    info = read_info(container, page.base)
    category = info.category or _category_from_breadcrumbs(page) or _category_from_url(page.url)
    where = route(page.url)
    if category.id is None and where.category_id is not None and where.kind == "article":
        category = replace(category, id=where.category_id)  # non-SEF URLs carry catid
    article_id = where.article_id if where.kind == "article" else None
    if article_id is None:
        article_id = _id_from_page(page) or synthetic_id(page.url)
    pages, prev_url, next_url = _navigation(container, page, article_id)
    return Article(
        id=article_id,
        title=title,
        url=canonical_article_url(page.url),
        category=category,
        author=info.author,
        byline=_byline(blocks, walker.info),
        published=info.published or info.created,
        modified=info.modified,
        hits=info.hits,
        summary=_summary(blocks),
        body=tuple(blocks),
        pages=pages,
        prev_url=prev_url,
        next_url=next_url,
        complete=not truncated and not _is_teaser(container),
    )


def merge_pages(first: Article, others: list[Article]) -> Article:
    """One article from the pages of a pagebreak article, in page order (`first` is page 1)."""
    pages = [first, *others]
    return replace(
        first,
        body=tuple(block for page in pages for block in page.body),
        complete=all(page.complete for page in pages),
        # The credit closes the article: a short bold line on page 1 is more likely a heading.
        byline=next((page.byline for page in reversed(pages) if page.byline), None),
    )


def read_info(container: LexborNode, base: str) -> Info:
    """The info block of an article or of a blog item."""
    info = Info()
    # Joomla's own info block first (one cheap query); the long list of other templates'
    # markers only when the page has none.
    nodes = container.css("dl.article-info dd")
    if nodes:
        for node in nodes:
            _read_info_item(node, base, info)
        return info
    seen: set[int] = set()
    for node in container.css(_INFO):  # entries may nest here: read the outermost only
        if node.mem_id in seen:
            continue
        _read_info_item(node, base, info)
        seen.update(inner.mem_id for inner in node.traverse())
    return info


def _read_info_item(node: LexborNode, base: str, info: Info) -> None:
    attrs = node.attributes
    text = clean(node.text(deep=True) or "")  # needed for labels and most values anyway
    role = _role(attrs.get("class"), attrs.get("itemprop"), text)
    if role is None and node.tag == "time":
        role = "published"
    if role is None:
        return
    if role == "author":
        name = node.css_first("[itemprop=name]")
        value = clean(name.text(deep=True) or "") if name is not None else _strip_label(text)
        value = strip_author_label(value)
        if value and info.author is None:
            info.author = value
    elif role == "category":
        if info.category is None:
            info.category = _category_from_node(node, base, text)
    elif role == "hits":
        if info.hits is None:
            info.hits = _hits(node, text)
    else:
        moment = read_date(node, text)
        if moment is not None and getattr(info, role) is None:
            setattr(info, role, moment)


_CLASS_ROLES = {
    **dict.fromkeys(("createdby", "created-by", "createby", "itemAuthor", "author"), "author"),
    **dict.fromkeys(("published", "publishdate"), "published"),
    **dict.fromkeys(("create", "createdate", "itemDateCreated", "created"), "created"),
    **dict.fromkeys(("modified", "modifydate", "itemDateModified"), "modified"),
    **dict.fromkeys(("hits", "itemHits"), "hits"),
    **dict.fromkeys(("category-name", "itemCategory"), "category"),
    "parent-category-name": "parent",
}
_PROP_ROLES = {
    "author": "author",
    "datePublished": "published",
    "dateCreated": "created",
    "dateModified": "modified",
    "interactionCount": "hits",
}
_LABEL_ROLES = (
    (("viet boi", "tac gia", "written by", "nguoi viet"), "author"),
    (("chuyen muc chinh", "danh muc cha", "parent category"), "parent"),
    (("chuyen muc", "danh muc", "category"), "category"),
    (("cap nhat", "last updated", "ngay sua", "modified", "chinh sua"), "modified"),
    (("duoc dang", "ngay dang", "published", "dang ngay", "dang luc"), "published"),
    (("duoc viet", "ngay viet", "ngay tao", "created", "viet ngay"), "created"),
    (("luot xem", "so lan xem", "hits", "luot doc", "da xem"), "hits"),
)
_AUTHOR_LABEL = re.compile(r"^(?:viết bởi|tác giả|written by|by)\b\s*:?\s*", re.IGNORECASE)


def strip_author_label(text: str) -> str:
    """ "Viết bởi Quốc Hùng" → "Quốc Hùng"."""
    return _AUTHOR_LABEL.sub("", text)


def _role(classes: str | None, prop: str | None, text: str) -> str | None:
    """What an info-block entry says: by its microdata, its Joomla class, or its label."""
    role = _PROP_ROLES.get(prop) if prop else None
    if role is None and classes:
        role = next((_CLASS_ROLES[c] for c in classes.split() if c in _CLASS_ROLES), None)
    if role is None:
        label = fold(text[:40])
        role = next((r for prefixes, r in _LABEL_ROLES if label.startswith(prefixes)), None)
    return None if role == "parent" else role


def read_date(node: LexborNode, text: str | None = None) -> datetime | None:
    """The date an element shows: its `<time datetime>`, its `content`, else its text."""
    time = next((n for n in node.traverse() if n.tag == "time"), None)  # the node included
    if time is not None:
        moment = parse_date(time.attributes.get("datetime"))
        if moment is not None:
            return moment
    content = node.attributes.get("content")
    if content:
        moment = parse_date(content)
        if moment is not None:
            return moment
    return parse_date(clean(node.text(deep=True) or "") if text is None else text)


def _hits(node: LexborNode, text: str) -> int | None:
    meta = node if node.tag == "meta" else node.css_first("meta[itemprop=interactionCount]")
    if meta is not None:
        digits = re.sub(r"\D", "", meta.attributes.get("content") or "")
        if digits:
            return int(digits)
    return parse_count(text)


def parse_count(text: str) -> int | None:
    """A count as Joomla prints it ("Lượt xem: 1523"), tolerating thousands separators."""
    match = _DIGITS.search(text)
    if not match:
        return None
    digits = re.sub(r"\D", "", match.group(0))
    return int(digits) if digits else None


def _category_from_node(node: LexborNode, base: str, text: str) -> Category | None:
    link = node.css_first("a[href]")
    if link is not None:
        name = clean(link.text(deep=True) or "")
        url = resolve(base, link.attributes.get("href"))
        if name and url:
            return category_from_link(name, url)
    name = _strip_label(text)
    return Category(None, slugify(name), name) if name else None


def category_from_link(name: str, url: str) -> Category:
    """A category named `name` whose listing is at `url`."""
    number, alias = category_of(url)
    return Category(number, alias or slugify(name), name, url)


def _category_from_breadcrumbs(page: Page) -> Category | None:
    links = page.tree.css(".breadcrumbs a, .breadcrumb a, [itemtype*=BreadcrumbList] a, .pathway a")
    links = [link for link in links if link.attributes.get("href")]
    if len(links) < 2:  # the trail starts at "Trang chủ"; a category follows it
        return None
    last = links[-1]
    url = resolve(page.base, last.attributes.get("href"))
    name = clean(last.text(deep=True) or "")
    if not url or not name or route(url).kind in ("home", "article"):
        return None
    return category_from_link(name, url)


def _category_from_url(url: str) -> Category:
    where = route(url)
    if where.category_alias:
        return Category(where.category_id, where.category_alias, where.category_alias)
    if where.category_id is not None:
        return Category(where.category_id, str(where.category_id), "")
    return Category(None, "", "")


def _title_node(container: LexborNode, body: LexborNode | None) -> LexborNode | None:
    node = container.css_first("[itemprop=headline]")
    if node is not None and (body is None or not is_inside(node, {body.mem_id})):
        return node
    node = container.css_first(_TITLES)
    if node is not None:
        return node
    # J2.5: an optional h1 (the menu item's page heading, often the category name) and then the
    # title in an h2. Only headings before the text count.
    headings = []
    child = container.child
    while child is not None:
        if child.tag in ("h1", "h2"):
            headings.append(child)
        elif child.tag in ("p", "dl", "table") or (
            body is not None and child.mem_id == body.mem_id
        ):
            break
        child = child.next
    for tag in ("h2", "h1"):
        for heading in headings:
            if heading.tag == tag:
                return heading
    return container.css_first("h1") if body is None else None


def _page_heading(container: LexborNode, title: LexborNode | None) -> LexborNode | None:
    """The J2.5/J3 page heading (an h1 naming the menu item) that precedes the title: J2.5 puts
    it beside the title, J3 in a `div.page-header` of its own before the title's. An h1 after
    the title is the article's own."""
    if title is None or title.tag != "h2":
        return None
    node = title
    while node is not None and node.mem_id != container.mem_id:
        sibling = node.prev
        while sibling is not None:
            if sibling.tag == "h1":
                return sibling
            found = sibling.css_first("h1") if sibling.tag[0] != "-" else None
            if found is not None:
                return found
            sibling = sibling.prev
        node = node.parent
    return None


def _legacy_layout(page: Page) -> tuple[LexborNode | None, LexborNode | None]:
    """Joomla 1.5's layout, kept by many 2.5 templates: `table.contentpaneopen` for the title
    and for the text, the date in `td.createdate`, the author in a `span.small`."""
    first = page.tree.css_first("table.contentpaneopen")
    if first is None or first.parent is None:
        return None, None
    root = first.parent
    body = _densest(root.css("p"))
    return root, body


def _densest(paragraphs: list[LexborNode]) -> LexborNode | None:
    """The element whose own paragraphs hold the most text."""
    scores: dict[int, tuple[int, LexborNode]] = {}
    for paragraph in paragraphs:
        parent = paragraph.parent
        if parent is None:
            continue
        length = len((paragraph.text(deep=True) or "").strip())
        old = scores.get(parent.mem_id)
        scores[parent.mem_id] = ((old[0] if old else 0) + length, parent)
    if not scores:
        return None
    total, best = max(scores.values(), key=lambda pair: pair[0])
    return best if total >= 200 else None


def _fallback_root(page: Page) -> LexborNode | None:
    """For templates Joomla's class names do not describe: the element holding the most
    paragraph text."""
    return _densest(page.tree.css("p")) or page.tree.css_first(_FALLBACK_ROOTS)


def _has_text(blocks: list[Block]) -> bool:
    return any(isinstance(block, Image) or block.text for block in blocks)


def _summary(blocks: list[Block]) -> str:
    paragraphs = [block.text for block in blocks if isinstance(block, Paragraph)]
    lead = next((text for text in paragraphs if len(text) >= 40), None)
    return (lead or (paragraphs[0] if paragraphs else "")).replace("\n", " ")


def _byline(blocks: list[Block], info: list[BlockInfo]) -> str | None:
    """The trailing credit ("Quốc Hùng", "Tin, ảnh: Thanh Tiến", "Theo TTXVN")."""
    for index in range(len(blocks) - 1, max(-1, len(blocks) - 3), -1):
        block = blocks[index]
        if isinstance(block, Image):
            continue
        if not isinstance(block, Paragraph) or index == 0:
            return None
        lines = [line.strip() for line in block.text.split("\n") if line.strip()]
        credit = info[index]
        if 1 < len(lines) <= 3 and all(_looks_like_credit(line, credit, True) for line in lines):
            return ", ".join(lines)  # "TS. Nguyễn Thanh Bình" / "Trường Chính trị Tôn Đức Thắng"
        line = lines[-1] if lines else ""
        return line if _looks_like_credit(line, info[index], len(lines) == 1) else None
    return None


def _looks_like_credit(line: str, info: BlockInfo, whole_paragraph: bool) -> bool:
    words = line.split()
    if not words or len(line) > 80 or len(words) > 14:
        return False
    if _CREDIT.match(line):
        return True
    if _SENTENCE_END.search(line.rstrip(")")):
        return False
    if whole_paragraph and (info.align == "right" or info.bold or info.italic):
        return True
    # A bare name: every word capitalised ("Quốc Hùng", "Hạnh Châu (TH)").
    named = [word for word in words if not word.startswith("(")]
    return 0 < len(named) <= 5 and all(word[0].isupper() for word in named)


def _navigation(
    container: LexborNode, page: Page, article_id: int
) -> tuple[tuple[str, ...], str | None, str | None]:
    """Other pages of a pagebreak article, and the previous/next article links."""
    here = route(page.url)
    pages: dict[int, str] = {}
    prev_url = next_url = None
    for link in container.css(_PAGE_LINKS):
        url = resolve(page.base, link.attributes.get("href"))
        if url is None:
            continue
        target = route(url)
        rel = (link.attributes.get("rel") or "").lower().split()
        same = target.kind == "article" and target.article_id == article_id
        if same or _same_path(url, page.url):
            if not target.showall and target.start != here.start:
                pages.setdefault(target.start, canonical_page_url(url))
            continue
        if target.kind != "article":
            continue
        direction = "prev" if "prev" in rel else "next" if "next" in rel else _direction(link)
        if direction == "prev" and prev_url is None:
            prev_url = canonical_article_url(url)
        elif direction == "next" and next_url is None:
            next_url = canonical_article_url(url)
    return tuple(pages[start] for start in sorted(pages)), prev_url, next_url


def canonical_page_url(url: str) -> str:
    """A pagebreak page's URL: the article's canonical URL plus its page offset."""
    start = route(url).start
    base = canonical_article_url(url)
    return with_start(base, start) if start else base


def _same_path(url: str, other: str) -> bool:
    return canonical_article_url(url) == canonical_article_url(other)


def _direction(link: LexborNode) -> str | None:
    classes = " ".join(
        (node.attributes.get("class") or "") for node in (link, link.parent) if node is not None
    )
    text = fold(clean(link.text(deep=True) or "") + " " + (link.attributes.get("title") or ""))
    if "prev" in classes or "truoc" in text or "prev" in text:
        return "prev"
    if "next" in classes or "trang sau" in text or "tiep" in text or "next" in text:
        return "next"
    return None


def _id_from_page(page: Page) -> int | None:
    """Some pages name the article's id only in their forms (vote, print) or data attributes."""
    node = page.tree.css_first("input[name=cid], input[name=a_id], [data-article-id]")
    if node is None:
        return None
    value = node.attributes.get("value") or node.attributes.get("data-article-id") or ""
    return int(value) if value.isdecimal() else None


def _is_teaser(container: LexborNode) -> bool:
    """A registered-only article seen as a guest: the intro and "Đăng ký để xem tiếp..."."""
    for link in container.css("a.register, p.readmore a, a.readmore"):
        href = (link.attributes.get("href") or "").lower()
        text = fold(clean(link.text(deep=True) or ""))
        if "com_users" in href or "view=login" in href or "/users/" in href or "dang ky" in text:
            return True
    return False


def _strip_label(text: str) -> str:
    return _LABEL.sub("", text, count=1).strip()
