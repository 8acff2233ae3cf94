"""The modules every page carries: the category menu (mod_menu), who is online
(mod_whosonline) and the site counters (mod_stats).

The menu is the one whose items lead to category listings; a site has other menus (links to
other government sites, "Giới thiệu" pages) that are not categories. Who's online is a sentence
filled from the language pack ("Đang có 93 khách và không thành viên đang online", "We have 12
guests and one member online"), so it is read as a sentence: a number or number word before
"khách"/"guest" and before "thành viên"/"member".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from tgagreader.models import Category, SiteStats
from tgagreader.site.article import category_from_link, parse_count
from tgagreader.site.page import Page, is_inside
from tgagreader.site.urls import is_same_site, resolve, route
from tgagreader.text import clean, fold, slugify

_MENU_ITEM = re.compile(r"^item-?\d+$")
# Menu items every Vietnamese government site has that lead to pages, not to categories.
_NOT_CATEGORIES = re.compile(
    r"^(?:trang chu|home|lien he|contact|gioi thieu|about|so do|site ?map|tim kiem|search|"
    r"dang nhap|dang ky|login|hoi dap|gop y|thu vien (?:anh|video)|lich cong tac|rss)\b"
)

_MENUS = (
    "ul.menu, ul.nav.menu, ul.mod-menu, ul.mod-list, ul.nav, ul[class*=menu], nav ul,"
    " div[class*=menu] > ul, div#mainmenu ul"
)
_NOT_MENUS = frozenset(
    {
        "pagination",
        "pagination-list",
        "pager",
        "pagenav",
        "breadcrumb",
        "latestnews",
        "mostread",
        "relateditems",
        "category-module",
        "dropdown-menu",
        "actions",
        "nav-tabs",
    }
)
_MODULES = (
    "div[class*=moduletable], div[class*=module], div.well, aside, div[class*=whosonline],"
    " div[class*=stats], div[class*=sidebar], div[id*=right], div[id*=left], footer"
)
# Number words as folded text: "một" → "mot", "không (có)" → "khong (co)".
_NUMBER = r"\b(\d[\d.,]*|mot|khong co|khong|no|one|an?)"
_GUESTS_AND_MEMBERS = re.compile(
    _NUMBER
    + r"\s*(?:khach|guests?|visitors?)\s*(?:va|&|and|,)\s*"
    + _NUMBER
    + r"\s*(?:thanh vien|members?|users?)\b"
)
_GUESTS = re.compile(_NUMBER + r"\s*(?:khach|guests?)\b")
_ONLINE = re.compile(r"(?:online|truc tuyen)")
_MEMBERS_ONLINE = re.compile(r"(?:dang truc tuyen|online now|dang online)\s*:?\s*" + _NUMBER)
_HITS_LABELS = ("so lan xem cac bai viet", "content view hits", "article view hits")
_HITS_TEXT = re.compile("(?:" + "|".join(_HITS_LABELS) + r")\s*:?\s*(\d[\d.,]*)")
_WORD_NUMBERS = {"mot": 1, "one": 1, "a": 1, "an": 1, "khong": 0, "khong co": 0, "no": 0}


def parse_menu_page(page: Page) -> list[Category]:
    """The category navigation: menus whose items lead to listings, nested as they nest."""
    # Same host is enough: a page URL does not tell where a site installed in a folder begins.
    site = urljoin(page.base, "/")
    menus: list[list[Category]] = []
    taken: set[int] = set()
    for ul in page.tree.css(_MENUS):
        if ul.mem_id in taken or is_inside(ul, taken):
            continue
        if not _NOT_MENUS.isdisjoint((ul.attributes.get("class") or "").split()):
            continue
        entries = _menu_items(ul, page.base, site)
        if _count(entries) >= 2:
            menus.append(entries)
            taken.add(ul.mem_id)
    merged: list[Category] = []
    seen: set[str] = set()
    for menu in sorted(menus, key=_count, reverse=True):
        for entry in menu:
            key = entry.url or entry.alias
            if key not in seen:
                seen.add(key)
                merged.append(entry)
    return merged


def _menu_items(ul: LexborNode, base: str, site: str) -> list[Category]:
    entries: list[Category] = []
    child = ul.child
    while child is not None:
        if child.tag == "li":
            entry = _menu_item(child, base, site)
            if entry is not None:
                entries.append(entry)
        child = child.next
    return entries


def _menu_item(li: LexborNode, base: str, site: str) -> Category | None:
    link = submenu = None
    child = li.child
    while child is not None:
        if child.tag in ("a", "span") and link is None:
            link = child
        elif child.tag in ("ul", "div") and submenu is None:
            submenu = child if child.tag == "ul" else child.css_first("ul")
        child = child.next
    children = tuple(_menu_items(submenu, base, site)) if submenu is not None else ()
    if link is None:
        return None
    name = clean(link.text(deep=True) or "")
    url = resolve(base, link.attributes.get("href")) if link.tag == "a" else None
    if url is None or not _is_listing(url, site, li):
        # A heading, a separator or a link elsewhere: kept only as a parent of categories.
        keep = children and name and (url is not None or not _NOT_CATEGORIES.match(fold(name)))
        return Category(None, slugify(name), name, None, children) if keep else None
    if not name or _NOT_CATEGORIES.match(fold(name)):
        return None
    category = category_from_link(name, url)
    return Category(category.id, category.alias, name, url, children)


def _is_listing(url: str, site: str, li: LexborNode) -> bool:
    if not is_same_site(url, site):
        return False
    classes = (li.attributes.get("class") or "").split()
    where = route(url)
    if "default" in classes or where.kind == "home" or where.start:
        return False
    if where.kind in ("category", "menu"):
        return True
    # A SEF menu alias may start with digits (/index.php/40-nam-giai-phong) and pass for an
    # article's "123-slug"; mod_menu marks its items "item-<menu id>", article lists do not.
    return where.kind == "article" and "?" not in url and any(_MENU_ITEM.match(c) for c in classes)


def _count(entries: Sequence[Category]) -> int:
    """How many entries lead to a listing, at any depth."""
    return sum((1 if entry.url else 0) + _count(entry.children) for entry in entries)


# -- statistics -------------------------------------------------------------------------------


def parse_stats_page(page: Page) -> SiteStats | None:
    """Who is online and the mod_stats rows, or None when the page shows neither."""
    other: dict[str, str] = {}
    article_hits: int | None = None
    for dl in page.tree.css("dl[class*=stats]"):
        label = None
        child = dl.child
        while child is not None:
            if child.tag == "dt":
                label = clean(child.text(deep=True) or "").rstrip(":").strip()
            elif child.tag == "dd" and label:
                value = clean(child.text(deep=True) or "")
                if fold(label) in _HITS_LABELS and article_hits is None:
                    article_hits = parse_count(value)
                else:
                    other[label] = value
                label = None
            child = child.next
    texts = _module_texts(page)
    if article_hits is None:
        for text in texts:
            match = _HITS_TEXT.search(text)
            if match:
                article_hits = parse_count(match.group(1))
                break
    guests = members = None
    for text in texts:
        guests, members = _who_is_online(text)
        if guests is not None or members is not None:
            break
    if guests is None and members is None and article_hits is None and not other:
        return None
    return SiteStats(guests, members, article_hits, other)


def _who_is_online(text: str) -> tuple[int | None, int | None]:
    """Counts from mod_whosonline's sentence, given as folded text."""
    both = _GUESTS_AND_MEMBERS.search(text)
    if both:
        return _number(both.group(1)), _number(both.group(2))
    if not _ONLINE.search(text):
        return None, None
    guests = _GUESTS.search(text)
    if guests:
        return _number(guests.group(1)), None
    members = _MEMBERS_ONLINE.search(text)
    if members:
        return None, _number(members.group(1))
    return None, None


def _number(word: str) -> int | None:
    return _WORD_NUMBERS[word] if word in _WORD_NUMBERS else parse_count(word)


def _module_texts(page: Page) -> list[str]:
    """The folded text of each module (the page's side columns), or of the whole page."""
    nodes = page.tree.css(_MODULES)
    ids = {node.mem_id for node in nodes}
    roots = [node for node in nodes if not is_inside(node, ids)]
    if not roots:
        roots = [page.tree.body]
    return [fold(clean(node.text(deep=True, separator=" ") or "")) for node in roots]
