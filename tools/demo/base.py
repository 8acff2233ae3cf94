"""Shared machinery of the two generation builders.

:class:`Builder` builds the whole site the same way for both Joomla generations: which pages
exist (home pages, category listing pages, article pages with their page breaks, error pages,
the mail-to form), what goes on them (the items, the modules, the feeds) and the manifest.  A
generation's subclass supplies only what differs between the generations: its URL forms, its
markup and its templates (the methods and attributes under "to override" below).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from model import (
    FEED_LIMIT,
    HOME_COLUMNS,
    HOME_INTRO,
    HOME_ITEMID,
    HOME_LEADING,
    HOME_LINKS,
    Article,
    Category,
    Image,
    Site,
    amp,
    date_iso,
    date_lc2,
    date_lc3,
    date_rfc822,
    email_cloak,
    esc,
    esc_q,
    pagebreak_parts,
    rel_to_abs,
    stable_int,
    strip_pagebreaks,
    truncate,
    whosonline,
)
from tpl import Env

HOST = "http://__HOST__"  # replaced by the demo server with http://127.0.0.1:PORT

# The article options the site's menu items set alike in both generations (the few that
# differ are a generation's `article_options`); the category views add their own.
ARTICLE_OPTIONS: dict[str, Any] = {
    "show_page_heading": False,
    "page_heading": "",
    "show_title": True,
    "link_titles": True,
    "show_intro": True,
    "show_category": True,
    "link_category": True,
    "show_parent_category": True,
    "link_parent_category": True,
    "show_author": True,
    "show_create_date": True,
    "show_modify_date": True,
    "show_hits": True,
    "show_print_icon": True,
    "show_email_icon": True,
    "show_readmore": True,
}
CATEGORY_OPTIONS: dict[str, Any] = {
    "show_category_title": True,
    "page_subheading": "",
    "show_description": True,
    "show_description_image": False,
    "show_no_articles": True,
    "show_subcat_desc": False,
    "show_cat_num_articles": True,
    "show_pagination_limit": True,
    "show_headings": True,
    "list_show_date": "created",
    "list_show_author": True,
    "list_show_hits": True,
}

# JPagination's four navigation buttons: label, and the kind Protostar names its icon by
PAGINATION_BUTTONS = (
    ("Trang đầu", "first"),
    ("Trang trước", "previous"),
    ("Trang sau", "next"),
    ("Trang cuối", "last"),
)

# window.open() features of the print icon's pop-up
PRINT_STATUS = (
    "status=no,toolbar=no,scrollbars=yes,titlebar=no,menubar=no,resizable=yes,width=640,height=480,"
    "directories=no,location=no"
)

# The mod_custom "Liên kết" module links to these categories (when the content has them)
BANNER_CATEGORIES = ("Tiến tới đại hội đảng", "Giải phóng miền Nam")
SEARCH_MODULE_ID = 87

# JDocumentFeed's renderers open both feed formats alike
FEED_PROLOG = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<!-- generator="Joomla! - Open Source Content Management" -->\n'
)


def php_div(a: int, b: int) -> int | float:
    return a // b if a % b == 0 else a / b


@dataclass
class Page:
    """Bookkeeping for one generated page."""

    path: str  # canonical request path + query, e.g. "/index.php/tin-tuc.html?start=5"
    file: str  # file name under the site directory
    itemid: int  # active menu item
    trail: list[tuple[str, str | None]] = field(default_factory=list)  # breadcrumbs
    view: str = ""  # com_content view: "featured", "category" or "article"
    layout: str = ""  # the category's layout ("blog" or "list"), "" for the other views


@dataclass
class FeedEntry:
    """What a feed says of one article (the feed formats write it as RSS or Atom)."""

    link: str  # absolute, '&' escaped
    description: str  # HTML
    categories: list[str]
    date: datetime  # of <pubDate>, <published> and <updated>


class Builder:
    generation = ""
    template_dir = ""
    joomla_template = ""  # the site template's directory under /templates/

    # -- to override: options and texts that differ between the generations --------------------

    article_options: dict[str, Any] = {}  # the options left out of ARTICLE_OPTIONS
    not_found_message = ""  # what the 404 page for an unknown URL says
    limit_box_class = ""  # class of the list layout's "show N" <select>
    # mod_menu's markup: the opening tags of the menu and of a submenu, the home item's class
    menu_list_open = ""
    submenu_open = ""
    menu_home_class = ""
    feed_author_email = ""  # an e-mail address the feeds give with an author's name, if any
    atom_generator = ""  # the Atom feed's <generator> line
    atom_links_absolute = False  # whether Atom entries get relative links made absolute too

    def __init__(self, site: Site, out: Path) -> None:
        self.site = site
        self.out = out
        self.files: dict[str, bytes] = {}
        self.static: set[str] = set()
        self.manifest: dict[str, Any] = {
            "generation": self.generation,
            "site_name": site.name,
            "host_placeholder": HOST,
            "home": {},
            "categories": {},
            "articles": {},
            "menu": {},
            "errors": {},
            "special": {},
        }
        self.article_params = SimpleNamespace(**ARTICLE_OPTIONS, **self.article_options)
        self.category_params = SimpleNamespace(**vars(self.article_params), **CATEGORY_OPTIONS)
        # the featured view reads a page subheading too (none here)
        self.featured_params = SimpleNamespace(**vars(self.article_params), page_subheading="")
        helpers = {
            "esc": esc,
            "esc_q": esc_q,
            "amp": amp,
            "date_lc2": date_lc2,
            "date_lc3": date_lc3,
            "date_iso": date_iso,
            "php_div": php_div,
            "truncate": truncate,
            "len": len,
            "enumerate": enumerate,
            "range": range,
            "str": str,
            "limit_box": self.limit_box,
            "grid_sort": self.grid_sort,
        }
        self.env = Env(Path(__file__).resolve().parent / "templates" / self.template_dir, helpers)

    # -- to override: URL forms (raw, '&' unescaped) -------------------------------------------

    def cat_url(self, cat: Category) -> str:
        """A category's route (links of items and feeds to their category)."""
        raise NotImplementedError

    def cat_menu_url(self, cat: Category) -> str:
        """A category's menu link (menu, breadcrumbs, its listing's first page)."""
        raise NotImplementedError

    def cat_page_url(self, cat: Category, offset: int) -> str:
        """A category's listing from item `offset` on (its pagination)."""
        raise NotImplementedError

    def home_menu_url(self) -> str:
        """The home menu item's link."""
        raise NotImplementedError

    def home_page_url(self, offset: int) -> str:
        """The home page's featured items from item `offset` on (its pagination)."""
        raise NotImplementedError

    def art_url(self, art: Article) -> str:
        raise NotImplementedError

    def pagebreak_url(self, art: Article, page: int) -> str:
        """Page `page` (0 = the first) of an article split by page breaks."""
        raise NotImplementedError

    def showall_url(self, art: Article) -> str:
        """All pages of an article split by page breaks."""
        raise NotImplementedError

    def feed_url(self, cat: Category | None, kind: str) -> str:
        """The "rss" or "atom" feed of a category, or of the featured items (cat None)."""
        raise NotImplementedError

    def feed_channel_link(self, cat: Category | None) -> str:
        """The RSS feed's <link> back to its page."""
        raise NotImplementedError

    def atom_feed_id(self, cat: Category | None) -> str:
        raise NotImplementedError

    # -- to override: markup -------------------------------------------------------------------

    def page_html(
        self,
        page: Page,
        component: str,
        *,
        title: str,
        description: str,
        author: str | None = None,
        feeds: tuple[str, str] | None = None,
    ) -> str:
        """The whole page: the template around the component's output."""
        raise NotImplementedError

    def icons(self, art: Article) -> tuple[str, str]:
        """The print and e-mail icons of an item."""
        raise NotImplementedError

    def grid_sort(self, title: str, order: str) -> str:
        raise NotImplementedError

    def pagination_links(
        self, numbers: dict[str, int], limit: int, href: Callable[[int], str]
    ) -> str:
        """JPagination's list of links; href(offset) gives a page's link, '&' escaped."""
        raise NotImplementedError

    def pagenav_html(self, prev: Article | None, nxt: Article | None) -> str:
        """plgContentPagenavigation's links to the neighbouring articles."""
        raise NotImplementedError

    def toc(self, art: Article, titles: list[str], page: int, showall: bool) -> str:
        """plgContentPagebreak's table of contents."""
        raise NotImplementedError

    def pb_navigation(self, art: Article, titles: list[str], page: int, n: int) -> str:
        """plgContentPagebreak's previous/next links under a page, in their container."""
        raise NotImplementedError

    def error_page(self, message: str) -> str:
        raise NotImplementedError

    def mailto_head(self) -> str:
        """The <head> of the mail-to form (com_mailto)."""
        raise NotImplementedError

    def feed_entry(self, cat: Category | None, art: Article) -> FeedEntry:
        raise NotImplementedError

    # -- common helpers ------------------------------------------------------------------------

    def cat_key(self, cat: Category) -> str:
        """File-name key of a category: its alias (aliases are unique only per parent in Joomla)."""
        same = [c for c in self.site.categories if c.alias == cat.alias]
        return cat.alias if len(same) == 1 else f"{cat.id}-{cat.alias}"

    def render(self, name: str, **ctx: Any) -> str:
        return self.env.render(name, **ctx)

    def write(self, rel: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[rel] = data

    def whosonline_text(self, page: Page) -> str:
        return whosonline(f"{self.generation}:{page.path}")

    def cloaked(self, text: str, art: Article, where: str) -> str:
        return email_cloak(text, f"{self.generation}:{art.id}:{where}", self.generation)

    @staticmethod
    def image_ns(img: Image | None, float_: str) -> SimpleNamespace | None:
        if img is None:
            return None
        return SimpleNamespace(src=img.src, caption=img.caption, alt=img.alt, float=float_)

    def blog_split(
        self, items: list[Any], leading: int, intro: int, links: int
    ) -> tuple[list[Any], list[Any], list[Any]]:
        return (
            items[:leading],
            self.order_down_columns(items[leading : leading + intro], 2),
            items[leading + intro : leading + intro + links],
        )

    @staticmethod
    def order_down_columns(items: list[Any], columns: int) -> list[Any]:
        """ContentHelperQuery::orderDownColumns() (multi_column_order = down, the default)."""
        count = len(items)
        if columns == 1 or count <= columns:
            return list(items)
        max_rows = math.ceil(count / columns)
        cells = max_rows * columns
        empty = cells - count
        index: dict[tuple[int, int], int] = {}
        i = 1
        for row in range(1, max_rows + 1):
            for col in range(1, columns + 1):
                index[row, col] = -1 if empty > cells - i else 0
                i += 1
        i = 0
        for col in range(1, columns + 1):
            for row in range(1, max_rows + 1):
                if i < count and index[row, col] != -1:
                    index[row, col] = i
                    i += 1
        out = []
        for row in range(1, max_rows + 1):
            for col in range(1, columns + 1):
                if len(out) < count:
                    out.append(items[index[row, col]])
        return out

    @staticmethod
    def page_numbers(total: int, limit: int, limitstart: int) -> dict[str, int]:
        """JPagination's page arithmetic (10 displayed pages)."""
        pages_total = max(1, math.ceil(total / limit)) if limit else 1
        current = limitstart // limit + 1 if limit else 1
        displayed = 10
        start = current - displayed // 2
        start = max(start, 1)
        if start + displayed > pages_total:
            stop = pages_total
            start = 1 if pages_total < displayed else pages_total - displayed + 1
        else:
            stop = start + displayed - 1
        return {"total": pages_total, "current": current, "start": start, "stop": stop}

    def pagination(
        self, total: int, limit: int, limitstart: int, url: Callable[[int], str]
    ) -> SimpleNamespace | None:
        """JPagination: nothing for a single page, else its counter and links (url(offset))."""
        numbers = self.page_numbers(total, limit, limitstart)
        if numbers["total"] <= 1:
            return None
        links = self.pagination_links(numbers, limit, lambda offset: amp(url(offset)))
        return SimpleNamespace(
            counter=f"Trang {numbers['current']} / {numbers['total']}", links=links
        )

    @staticmethod
    def pagination_buttons(
        numbers: dict[str, int], limit: int
    ) -> list[tuple[str, str, int | None]]:
        """JPagination's first/previous/next/last buttons as (label, kind, offset).

        The offset is None where the button is disabled: first and previous on the first
        page, next and last on the last one.
        """
        current, last = numbers["current"], numbers["total"]
        offsets = (
            0 if current > 1 else None,
            (current - 2) * limit if current > 1 else None,
            current * limit if current < last else None,
            (last - 1) * limit if current < last else None,
        )
        return [
            (label, kind, offset)
            for (label, kind), offset in zip(PAGINATION_BUTTONS, offsets, strict=True)
        ]

    def limit_box(self, limit: int) -> str:
        """JHtml limitbox of the category list layout."""
        html = (
            f'<select id="limit" name="limit" class="{self.limit_box_class}" size="1" '
            'onchange="this.form.submit()">\n'
        )
        for v in [5, 10, 15, 20, 25, 30, 50, 100, 0]:
            sel = ' selected="selected"' if v == limit else ""
            html += f'\t<option value="{v}"{sel}>{"Tất cả" if v == 0 else v}</option>\n'
        return html + "</select>\n"

    def mailto_hash(self, absolute_link: str) -> str:
        return hashlib.sha1(absolute_link.encode()).hexdigest()

    def form_token(self, key: str) -> str:
        return hashlib.md5(f"token:{self.generation}:{key}".encode()).hexdigest()

    def article_pages(self, art: Article) -> tuple[list[str], list[str]]:
        return pagebreak_parts(art.text)

    def hits_rows(self) -> list[tuple[str, str]]:
        return [("Số lần xem các bài viết", str(self.site.total_hits))]

    def stable(self, *parts: Any) -> int:
        return stable_int(self.generation, *parts)

    def feed_urls(self, cat: Category | None) -> tuple[str, str]:
        """The RSS and Atom feed links a listing page's <head> announces."""
        return self.feed_url(cat, "rss"), self.feed_url(cat, "atom")

    # -- items ---------------------------------------------------------------------------------

    def item_ns(self, art: Article, *, context: str) -> SimpleNamespace:
        """An article as the blog, featured and article layouts read it."""
        cat = art.category
        print_icon, email_icon = self.icons(art)
        return SimpleNamespace(
            id=art.id,
            title=art.title,
            link=amp(self.art_url(art)),
            category_title=cat.name,
            category_link=amp(self.cat_url(cat)),
            parent_title=cat.parent.name if cat.parent else "",
            parent_link=amp(self.cat_url(cat.parent)) if cat.parent else "",
            created=art.created,
            modified=art.modified,
            publish_up=art.publish_up,
            author=esc(art.author) if art.author else "",
            hits=art.hits,
            print_icon=print_icon,
            email_icon=email_icon,
            introtext=self.cloaked(strip_pagebreaks(art.introtext), art, context),
            readmore=art.readmore,
            image_intro=self.image_ns(art.image_intro, "left"),
            image_fulltext=self.image_ns(art.image_fulltext, "left"),
        )

    def link_ns(self, art: Article) -> SimpleNamespace:
        return SimpleNamespace(title=art.title, link=amp(self.art_url(art)))

    def list_row(self, art: Article) -> SimpleNamespace:
        """A row of the category list layout's table."""
        return SimpleNamespace(
            title=art.title,
            link=amp(self.art_url(art)),
            created=art.created,
            author=esc(art.author) if art.author else "",
            hits=art.hits,
        )

    def child_ns(self, cat: Category) -> list[SimpleNamespace]:
        """The subcategories a category page lists, recursively."""
        return [
            SimpleNamespace(
                id=c.id,
                name=c.name,
                link=amp(self.cat_url(c)),
                description=c.description,
                num_items=c.num_items(),
                children=self.child_ns(c),
            )
            for c in cat.children
        ]

    def pagenav(self, art: Article) -> str:
        """Links to the previous and next article of the same category, if any."""
        siblings = art.category.articles
        i = siblings.index(art)
        prev = siblings[i - 1] if i > 0 else None
        nxt = siblings[i + 1] if i + 1 < len(siblings) else None
        if not prev and not nxt:
            return ""
        return self.pagenav_html(prev, nxt)

    # -- modules -------------------------------------------------------------------------------

    def menu_path(self, itemid: int) -> list[int]:
        """The menu items from the top level down to `itemid` (the "active" ones)."""
        if itemid == HOME_ITEMID:
            return [HOME_ITEMID]
        for cat in self.site.categories:
            if cat.itemid == itemid:
                return [c.itemid for c in cat.ancestors] + [cat.itemid]
        return []

    def menu_items(self) -> list[SimpleNamespace]:
        items = [SimpleNamespace(id=HOME_ITEMID, title="Trang chủ", level=1, cat=None)]
        for cat in self.site.menu_order():
            items.append(
                SimpleNamespace(
                    id=cat.itemid, title=cat.name, level=len(cat.ancestors) + 1, cat=cat
                )
            )
        return items

    def mod_menu(self, page: Page | None) -> str:
        """mod_menu's nested list; no item is current or active on an error page (page None)."""
        path_ids = self.menu_path(page.itemid) if page else []
        current_id = page.itemid if page else 0
        items = self.menu_items()
        html = self.menu_list_open
        for i, item in enumerate(items):
            nxt = items[i + 1] if i + 1 < len(items) else None
            cls = f"item-{item.id}"
            if item.id == HOME_ITEMID:
                cls += self.menu_home_class
            if item.id == current_id:
                cls += " current"
            if item.id in path_ids:
                cls += " active"
            deeper = nxt is not None and nxt.level > item.level
            if deeper:
                cls += " deeper parent"
            href = amp(self.home_menu_url() if item.cat is None else self.cat_menu_url(item.cat))
            html += f'<li class="{cls}"><a href="{href}" >{item.title}</a>'
            if deeper:
                html += self.submenu_open
            elif nxt is None:
                html += "</li>" + "</ul></li>" * (item.level - 1)
            elif nxt.level < item.level:
                html += "</li>" + "</ul></li>" * (item.level - nxt.level)
            else:
                html += "</li>"
        return html + "</ul>\n"

    def search_module(self, itemid: int) -> str:
        return self.render(
            "mod_search",
            sfx="",
            action="/index.php",
            module_id=SEARCH_MODULE_ID,
            label="Tìm kiếm...",
            text="Tìm kiếm...",
            itemid=itemid,
        )

    def whosonline_module(self, page: Page) -> str:
        return self.render("mod_whosonline", text=self.whosonline_text(page))

    def latest_module(self) -> str:
        items = [self.link_ns(a) for a in self.site.latest]
        return self.render("mod_articles_latest", items=items, sfx="")

    def popular_module(self) -> str:
        items = [self.link_ns(a) for a in self.site.popular]
        return self.render("mod_articles_popular", items=items, sfx="")

    def links_module(self) -> str:
        """mod_custom "Liên kết": links to the campaign categories."""
        banners = []
        for title in BANNER_CATEGORIES:
            cat = self.site.find_category(title)
            if cat is not None:
                banners.append(
                    f'<p><a href="{amp(self.cat_menu_url(cat))}" title="{title}">{title}</a></p>'
                )
        return self.render("mod_custom", sfx="", content="\n".join(banners))

    def stats_module(self) -> str:
        return self.render("mod_stats", rows=self.hits_rows(), sfx="")

    def trail_for(self, cat: Category, *, last_linked: bool) -> list[tuple[str, str | None]]:
        """Breadcrumbs down to a category (linked too when an article page goes on below it)."""
        trail: list[tuple[str, str | None]] = [("Trang chủ", amp(self.home_menu_url()))]
        for c in cat.ancestors:
            trail.append((c.name, amp(self.cat_menu_url(c))))
        trail.append((cat.name, amp(self.cat_menu_url(cat)) if last_linked else None))
        return trail

    # -- <head> --------------------------------------------------------------------------------

    @staticmethod
    def base_href(page: Page) -> str:
        return f'<base href="{esc(HOST + page.path.split("?", 1)[0])}" />'

    def head_meta(
        self,
        *,
        title: str,
        description: str,
        author: str | None,
        feeds: tuple[str, str] | None,
    ) -> list[str]:
        """The <head> lines both generations write alike: meta data, title, feeds, favicon."""
        lines = [f'<meta name="keywords" content="{esc(self.site.keywords)}" />']
        if author:
            lines.append(f'<meta name="author" content="{esc(author)}" />')
        lines += [
            f'<meta name="description" content="{esc(description)}" />',
            '<meta name="generator" content="Joomla! - Open Source Content Management" />',
            f"<title>{esc(title)}</title>",
        ]
        if feeds:
            rss, atom = (amp(url) for url in feeds)
            lines.append(
                f'<link href="{rss}" rel="alternate" type="application/rss+xml" title="RSS 2.0" />'
            )
            lines.append(
                f'<link href="{atom}" rel="alternate" type="application/atom+xml" '
                'title="Atom 1.0" />'
            )
        lines.append(
            f'<link href="/templates/{self.joomla_template}/favicon.ico" rel="shortcut icon" '
            'type="image/vnd.microsoft.icon" />'
        )
        return lines

    # -- pages ---------------------------------------------------------------------------------

    def build(self) -> None:
        self.build_home()
        for cat in self.site.categories:
            self.build_category(cat)
        for art in self.site.articles:
            self.build_article(art)
        self.build_errors()
        self.build_mailto()
        self.manifest["menu"] = {str(HOME_ITEMID): {"type": "featured", "alias": "trang-chu"}} | {
            str(c.itemid): {"type": "category", "id": c.id, "route": c.route}
            for c in self.site.categories
        }

    def build_home(self) -> None:
        """The featured view of the home menu item: its pages and its feeds."""
        site = self.site
        items = site.featured
        per = HOME_LEADING + HOME_INTRO + HOME_LINKS
        pages = max(1, -(-len(items) // per))
        files = []
        for n in range(1, pages + 1):
            offset = (n - 1) * per
            chunk = items[offset : offset + per]
            lead, intro, links = self.blog_split(chunk, HOME_LEADING, HOME_INTRO, HOME_LINKS)
            path = "/" if n == 1 else self.home_page_url(offset)
            file = "index.html" if n == 1 else f"home/page-{n}.html"
            page = Page(path, file, HOME_ITEMID, [("Trang chủ", None)], view="featured")
            comp = self.render(
                "featured",
                p=self.featured_params,
                pageclass_sfx="",
                lead_items=[self.item_ns(a, context="featured") for a in lead],
                intro_items=[self.item_ns(a, context="featured") for a in intro],
                link_items=[self.link_ns(a) for a in links],
                columns=HOME_COLUMNS,
                pagination=self.pagination(len(items), per, offset, self.home_page_url),
            )
            html = self.page_html(
                page,
                comp,
                title=site.name,
                description=site.description,
                feeds=self.feed_urls(None),
            )
            self.write(file, html)
            files.append(file)
        self.write("feed/featured.rss", self.feed_rss(None, items[:FEED_LIMIT]))
        self.write("feed/featured.atom", self.feed_atom(None, items[:FEED_LIMIT]))
        self.manifest["home"] = {
            "itemid": HOME_ITEMID,
            "page_size": per,
            "pages": files,
            "feeds": {"rss": "feed/featured.rss", "atom": "feed/featured.atom"},
        }

    def build_category(self, cat: Category) -> None:
        """A category's listing pages (blog or list layout) and its feeds."""
        files = []
        arts = cat.listing
        size = cat.page_size
        for n in range(1, cat.pages + 1):
            offset = (n - 1) * size
            chunk = arts[offset : offset + size]
            path = self.cat_menu_url(cat) if n == 1 else self.cat_page_url(cat, offset)
            file = f"category/{self.cat_key(cat)}/page-{n}.html"
            trail = self.trail_for(cat, last_linked=False)
            page = Page(path, file, cat.itemid, trail, view="category", layout=cat.layout)
            pagination = self.pagination(len(arts), size, offset, partial(self.cat_page_url, cat))
            if cat.layout == "list":
                comp = self.render(
                    "category_list",
                    p=self.category_params,
                    pageclass_sfx="",
                    category=cat,
                    children=self.child_ns(cat),
                    items=[self.list_row(a) for a in chunk],
                    pagination=pagination,
                    action=esc(HOST + path),
                    limit=size,
                )
            else:
                lead_n, intro_n, links_n = cat.blog_split
                lead, intro, links = self.blog_split(chunk, lead_n, intro_n, links_n)
                comp = self.render(
                    "blog",
                    p=self.category_params,
                    pageclass_sfx="",
                    category=cat,
                    children=self.child_ns(cat),
                    lead_items=[self.item_ns(a, context="category") for a in lead],
                    intro_items=[self.item_ns(a, context="category") for a in intro],
                    link_items=[self.link_ns(a) for a in links],
                    columns=2,
                    pagination=pagination,
                )
            html = self.page_html(
                page,
                comp,
                title=cat.name,
                description=self.site.description,
                feeds=self.feed_urls(cat),
            )
            self.write(file, html)
            files.append(file)
        feed_items = arts[:FEED_LIMIT]
        feeds = {"rss": f"feed/{self.cat_key(cat)}.rss", "atom": f"feed/{self.cat_key(cat)}.atom"}
        self.write(feeds["rss"], self.feed_rss(cat, feed_items))
        self.write(feeds["atom"], self.feed_atom(cat, feed_items))
        self.register_category(cat, pages=files, feeds=feeds)

    def build_article(self, art: Article) -> None:
        """An article's page; split by page breaks, a page per part and one with them all."""
        texts, titles = self.article_pages(art)
        n = len(texts)
        base_file = f"article/{art.id}.html"
        entry: dict[str, Any] = {"file": base_file}
        # (request path, file, index of the part shown, whether all parts are shown)
        variants: list[tuple[str, str, int, bool]] = [(self.art_url(art), base_file, 0, False)]
        if n > 1:
            entry["pages"] = [base_file] + [
                f"article/{art.id}/page-{i}.html" for i in range(2, n + 1)
            ]
            entry["all"] = f"article/{art.id}/all.html"
            for index in range(1, n):
                variants.append(
                    (self.pagebreak_url(art, index), entry["pages"][index], index, False)
                )
            variants.append((self.showall_url(art), entry["all"], 0, True))
        for path, file, index, showall in variants:
            title = art.title
            toc = ""
            if n == 1:
                text = art.text
            elif showall:
                text = strip_pagebreaks(art.text, "<br />")
                # the pagebreak plugin builds the show-all table of contents for page 1
                toc = self.toc(art, titles, 1, True)
            else:
                toc = self.toc(art, titles, index, False)
                text = (
                    f'<div class="pagenavcounter">Trang {index + 1} / {n}</div>'
                    + texts[index]
                    + self.pb_navigation(art, titles, index, n)
                )
                if index:
                    title = f"{art.title} - {titles[index - 1]}"
            item = self.item_ns(art, context="article")
            item.readmore_link = item.link
            item.text = self.cloaked(text, art, "article")
            item.toc = toc
            item.pagination = self.pagenav(art)
            comp = self.render(
                "article", p=self.article_params, pageclass_sfx="", item=item, print_view=False
            )
            trail = [*self.trail_for(art.category, last_linked=True), (art.title, None)]
            page = Page(path, file, art.category.itemid, trail, view="article")
            html = self.page_html(
                page, comp, title=title, description=self.site.description, author=art.author
            )
            self.write(file, html)
        self.register_article(art, **entry)

    def build_errors(self) -> None:
        errors = {
            "404": ("error/404.html", self.not_found_message),
            "article": ("error/404-article.html", "Không tìm thấy bài viết"),
            "category": ("error/404-category.html", "Không thấy Chuyên mục"),
        }
        for key, (file, message) in errors.items():
            self.write(file, self.error_page(message))
            self.manifest["errors"][key] = file

    def build_mailto(self) -> None:
        """The "e-mail this link" form the e-mail icons open."""
        html = self.render(
            "mailto", head=self.mailto_head(), host=HOST, token=self.form_token("mailto")
        )
        self.write("component/mailto.html", html)
        self.manifest["special"]["mailto"] = "component/mailto.html"

    # -- feeds ---------------------------------------------------------------------------------

    def feed_rss(self, cat: Category | None, items: list[Article]) -> str:
        """The RSS feed of a category, or of the featured items (cat None)."""
        title = self.site.name if cat is None else cat.name
        self_url = amp(self.feed_url(cat, "rss"))
        f = FEED_PROLOG
        f += '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        f += "\t<channel>\n"
        f += f"\t\t<title>{esc(title)}</title>\n"
        f += f"\t\t<description><![CDATA[{self.site.description}]]></description>\n"
        f += f"\t\t<link>{HOST}{amp(self.feed_channel_link(cat))}</link>\n"
        f += f"\t\t<lastBuildDate>{date_rfc822(self.site.now)}</lastBuildDate>\n"
        f += "\t\t<generator>Joomla! - Open Source Content Management</generator>\n"
        f += f'\t\t<atom:link rel="self" type="application/rss+xml" href="{HOST}{self_url}"/>\n'
        f += "\t\t<language>vi-vn</language>\n"
        for art in items:
            e = self.feed_entry(cat, art)
            desc = rel_to_abs(e.description, HOST + "/", generation=self.generation)
            f += "\t\t<item>\n"
            f += f"\t\t\t<title>{esc(art.title)}</title>\n"
            f += f"\t\t\t<link>{e.link}</link>\n"
            f += f'\t\t\t<guid isPermaLink="true">{e.link}</guid>\n'
            f += f"\t\t\t<description><![CDATA[{desc}]]></description>\n"
            if self.feed_author_email and art.author:
                author = f"{self.feed_author_email} ({art.author})"
                f += f"\t\t\t<author>{esc(author)}</author>\n"
            for c in e.categories:
                f += f"\t\t\t<category>{esc(c)}</category>\n"
            f += f"\t\t\t<pubDate>{date_rfc822(e.date)}</pubDate>\n"
            f += "\t\t</item>\n"
        f += "\t</channel>\n</rss>\n"
        return f

    def feed_atom(self, cat: Category | None, items: list[Article]) -> str:
        """The Atom feed of a category, or of the featured items (cat None)."""
        title = self.site.name if cat is None else cat.name
        self_url = amp(self.feed_url(cat, "atom"))
        f = FEED_PROLOG
        f += '<feed xmlns="http://www.w3.org/2005/Atom"  xml:lang="vi-vn">\n'
        f += f'\t<title type="text">{esc(title)}</title>\n'
        f += f'\t<subtitle type="text">{esc(self.site.description)}</subtitle>\n'
        f += f'\t<link rel="alternate" type="text/html" href="{HOST}"/>\n'
        f += f"\t<id>{HOST}{self.atom_feed_id(cat)}</id>\n"
        f += f"\t<updated>{date_iso(self.site.now)}</updated>\n"
        f += f"\t{self.atom_generator}\n"
        f += f'\t<link rel="self" type="application/atom+xml" href="{HOST}{self_url}"/>\n'
        for art in items:
            e = self.feed_entry(cat, art)
            desc = e.description
            if self.atom_links_absolute:
                desc = rel_to_abs(desc, HOST + "/", generation=self.generation)
            f += "\t<entry>\n"
            f += f"\t\t<title>{esc(art.title)}</title>\n"
            f += f'\t\t<link rel="alternate" type="text/html" href="{e.link}"/>\n'
            f += f"\t\t<published>{date_iso(e.date)}</published>\n"
            f += f"\t\t<updated>{date_iso(e.date)}</updated>\n"
            f += f"\t\t<id>{e.link}</id>\n"
            if art.author:
                f += "\t\t<author>\n"
                f += f"\t\t\t<name>{esc(art.author)}</name>\n"
                if self.feed_author_email:
                    f += f"\t\t\t<email>{self.feed_author_email}</email>\n"
                f += "\t\t</author>\n"
            f += f'\t\t<summary type="html">{esc(desc)}</summary>\n'
            f += f'\t\t<content type="html">{esc(desc)}</content>\n'
            for c in e.categories:
                f += f'\t\t<category term="{esc(c)}" />\n'
            f += "\t</entry>\n"
        f += "</feed>\n"
        return f

    # -- output --------------------------------------------------------------------------------

    def flush(self) -> None:
        """Write all files (the output directory is replaced as a whole)."""
        import shutil

        if self.out.exists():
            shutil.rmtree(self.out)
        for rel, data in sorted(self.files.items()):
            path = self.out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        self.manifest["static"] = sorted(self.static)
        (self.out / "manifest.json").write_text(
            json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    def register_article(self, art: Article, **entry: Any) -> None:
        self.manifest["articles"][str(art.id)] = {"alias": art.alias, "catid": art.catid, **entry}

    def register_category(self, cat: Category, **entry: Any) -> None:
        self.manifest["categories"][str(cat.id)] = {
            "alias": cat.alias,
            "route": cat.route,
            "itemid": cat.itemid,
            "layout": cat.layout,
            "page_size": cat.page_size,
            "parent": cat.parent.id if cat.parent else None,
            **entry,
        }
