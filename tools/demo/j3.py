"""Joomla 3.10 generation: Protostar template, HTML5, non-SEF URLs (index.php?option=...)."""

# ruff: noqa: E501  (literal Joomla markup reads better unwrapped)

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from base import HOST, PRINT_STATUS, Builder, FeedEntry, Page
from model import HOME_ITEMID, Article, Category, amp, esc, esc_q

FEATURED_URL = "/index.php?option=com_content&view=featured"


class J3Builder(Builder):
    generation = "j3"
    template_dir = "j3"
    joomla_template = "protostar"
    article_options = {"show_publish_date": True, "show_readmore_title": True}
    not_found_message = "Không tìm thấy trang"
    limit_box_class = "inputbox input-mini"
    menu_list_open = '<ul class="nav menu mod-list">\n'
    submenu_open = '<ul class="nav-child unstyled small">'
    menu_home_class = " default"
    atom_generator = '<generator uri="https://www.joomla.org">Joomla! - Open Source Content Management</generator>'
    atom_links_absolute = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Joomla's media version: md5 of version + install date, appended to assets
        self.mediaversion = hashlib.md5(f"3.10.12:{self.site.name}".encode()).hexdigest()

    # -- URLs (raw, '&' unescaped) -------------------------------------------------------------

    def cat_url(self, cat: Category) -> str:
        """ContentHelperRoute::getCategoryRoute() + Itemid (no layout)."""
        return f"/index.php?option=com_content&view=category&id={cat.id}&Itemid={cat.itemid}"

    def cat_menu_url(self, cat: Category) -> str:
        # the menu item's own query, which names the blog layout
        layout = "&layout=blog" if cat.layout == "blog" else ""
        return (
            f"/index.php?option=com_content&view=category{layout}&id={cat.id}&Itemid={cat.itemid}"
        )

    def cat_page_url(self, cat: Category, offset: int) -> str:
        return self.cat_menu_url(cat) + f"&limitstart={offset}"

    def home_menu_url(self) -> str:
        return f"{FEATURED_URL}&Itemid={HOME_ITEMID}"

    def home_page_url(self, offset: int) -> str:
        return self.home_menu_url() + f"&limitstart={offset}"

    def art_url(self, art: Article, extra: str = "") -> str:
        return (
            f"/index.php?option=com_content&view=article&id={art.id}:{art.alias}&catid={art.catid}"
            f"{extra}&Itemid={art.category.itemid}"
        )

    def print_url(self, art: Article) -> str:
        return self.art_url(art, "&tmpl=component&print=1&layout=default")

    def mailto_url(self, art: Article) -> str:
        link = self.mailto_hash(HOST + self.art_url(art))
        return f"/index.php?option=com_mailto&tmpl=component&template=protostar&link={link}"

    def pagebreak_url(self, art: Article, page: int) -> str:
        return self.art_url(art, f"&limitstart={page}" if page else "")

    def showall_url(self, art: Article) -> str:
        return self.art_url(art, "&showall=1")

    def feed_url(self, cat: Category | None, kind: str) -> str:
        page = self.home_menu_url() if cat is None else self.cat_menu_url(cat)
        return f"{page}&format=feed&type={kind}"

    def feed_channel_link(self, cat: Category | None) -> str:
        return FEATURED_URL if cat is None else self.cat_url(cat)

    def atom_feed_id(self, cat: Category | None) -> str:
        return "/index.php"

    def asset(self, path: str) -> str:
        return f"{path}?{self.mediaversion}"

    # -- small Joomla helpers ------------------------------------------------------------------

    def grid_sort(self, title: str, order: str, form: bool = False) -> str:
        extra = ", document.getElementById('adminForm')" if form else ""
        return (
            f"<a href=\"#\" onclick=\"Joomla.tableOrdering('{order}','asc',''{extra});return false;\" "
            f'class="hasPopover" title="{title}" data-content="Nhấn để xếp theo cột này" '
            f'data-placement="top">{title}</a>'
        )

    def icons(self, art: Article) -> tuple[str, str]:
        print_icon = (
            f'<a href="{amp(self.print_url(art))}" title="{esc_q("In bài viết < " + art.title + " >")}" '
            f"onclick=\"window.open(this.href,'win2','{PRINT_STATUS}'); return false;\" "
            f'rel="nofollow">{self.render("icon_print")}</a>'
        )
        email_icon = (
            f'<a href="{amp(self.mailto_url(art))}" title="Gửi liên kết này cho bạn bè" '
            "onclick=\"window.open(this.href,'win2','width=400,height=450,menubar=yes,resizable=yes'); "
            f'return false;" rel="nofollow">{self.render("icon_email")}</a>'
        )
        return print_icon, email_icon

    def pagination_links(
        self, numbers: dict[str, int], limit: int, href: Callable[[int], str]
    ) -> str:
        """JPagination with Protostar's html/pagination.php overrides."""
        cur = numbers["current"]

        def active(text: str, offset: int, kind: str | None) -> str:
            if kind:
                display = f'<span class="icon-{kind}" aria-hidden="true"></span>'
                aria = f"Go to {text.lower()} page"
                klass = ""
            else:
                display, aria, klass = text, f"Go to page {text}", ' class="hidden-phone"'
            return (
                f'<li{klass}><a title="{text}" href="{href(offset)}" class="pagenav" '
                f'aria-label="{aria}">{display}</a></li>'
            )

        def inactive(kind: str) -> str:
            return f'<li class="disabled"><a><span class="icon-{kind}" aria-hidden="true"></span></a></li>'

        start, prev, nxt, end = (
            inactive(kind) if offset is None else active(label, offset, kind)
            for label, kind, offset in self.pagination_buttons(numbers, limit)
        )
        pages: dict[int, str] = {}
        for i in range(numbers["start"], numbers["stop"] + 1):
            if i == cur:
                pages[i] = (
                    f'<li class="active hidden-phone"><a aria-current="true" aria-label="Page {i}">{i}</a></li>'
                )
            else:
                pages[i] = active(str(i), (i - 1) * limit, None)
        # pagination_list_render(): "..." for far away page numbers
        current_page, rng, step = cur, 1, 5
        if current_page >= step:
            rng = current_page // step + 1 if current_page % step == 0 else -(-current_page // step)
        html = (
            '<nav role="navigation" aria-label="Pagination"><ul class="pagination-list">'
            + start
            + prev
        )
        window = range(rng * step - (step + 1), rng * step + 1)
        for k, data in pages.items():
            if (
                k != current_page
                and k != rng * step - step
                and (k % step == 0 or k == rng * step - (step + 1))
                and k in window
            ):
                data = re.sub(r"(<a.*?>).*?(</a>)", r"\1...\2", data, count=1)
            html += data
        return html + nxt + end + "</ul></nav>"

    # -- modules -------------------------------------------------------------------------------

    def xhtml(self, title: str, content: str, *, showtitle: bool = True) -> str:
        return self.render(
            "chrome_xhtml",
            content=content,
            title=title,
            showtitle=showtitle,
            sfx="",
            tag="div",
            htag="h3",
        )

    @staticmethod
    def well(title: str, content: str, *, showtitle: bool = True) -> str:
        head = f'<h3 class="page-header">{title}</h3>' if showtitle else ""
        return f'<div class="well ">{head}{content}</div>'

    def modules(self, page: Page) -> dict[str, str]:
        pos = dict.fromkeys(
            ["position-0", "position-1", "position-2", "position-3", "position-7", "position-8"], ""
        )
        pos.update({"banner": "", "footer": "", "debug": ""})
        pos["position-0"] = self.search_module(page.itemid)
        pos["position-8"] = self.xhtml("Chuyên mục", self.mod_menu(page)) + self.xhtml(
            "Truy cập hiện tại", self.whosonline_module(page)
        )
        pos["position-7"] = (
            self.well("Tin mới", self.latest_module())
            + self.well("Đọc nhiều nhất", self.popular_module())
            + self.well("Liên kết", self.links_module(), showtitle=False)
            + self.well("Thống kê", self.stats_module(), showtitle=False)
        )
        pos["position-2"] = self.render(
            "mod_breadcrumbs",
            module_title="Breadcrumbs",
            sfx="",
            trail=page.trail,
            separator='<img src="/media/system/images/arrow.png" alt="" />',
        )
        return pos

    def hits_rows(self) -> list[tuple[str, str]]:
        return [
            ("Người dùng", "14"),
            ("Các bài viết", str(len(self.site.articles))),
            ("Số lần xem các bài viết", str(self.site.total_hits)),
        ]

    # -- page assembly -------------------------------------------------------------------------

    def head(
        self,
        page: Page,
        *,
        title: str,
        description: str,
        author: str | None = None,
        feeds: tuple[str, str] | None = None,
    ) -> str:
        # every Protostar page here loads caption.js and the tooltip script
        lines = [
            '<meta charset="utf-8" />',
            self.base_href(page),
            *self.head_meta(title=title, description=description, author=author, feeds=feeds),
        ]
        lines.append(
            f'<link href="{self.asset("/templates/protostar/css/template.css")}" rel="stylesheet" />'
        )
        if page.layout == "list":  # the category list layout's own style declaration
            lines.append(
                "<style>\n\n.hide { display: none; }\n.table-noheader { border-collapse: collapse; }\n"
                ".table-noheader thead { display: none; }\n\n\t</style>"
            )
        js = [
            "/media/jui/js/jquery.min.js",
            "/media/jui/js/jquery-noconflict.js",
            "/media/jui/js/jquery-migrate.min.js",
            "/media/system/js/caption.js",
            "/media/jui/js/bootstrap.min.js",
            "/templates/protostar/js/template.js",
        ]
        for src in js:
            lines.append(f'<script src="{self.asset(src)}"></script>')
        lines.append(
            f'<!--[if lt IE 9]><script src="{self.asset("/media/jui/js/html5.js")}"></script><![endif]-->'
        )
        decl = [
            "jQuery(window).on('load',  function() {\n\t\t\t\tnew JCaption('img.caption');\n\t\t\t});",
            'jQuery(function($){ initTooltips(); $("body").on("subform-row-add", initTooltips); '
            "function initTooltips (event, container) { container = container || document;"
            '$(container).find(".hasTooltip").tooltip({"html": true,"container": "body"});} });',
        ]
        out = "".join(f"\t{line}\n" for line in lines)
        return out + "\t<script>\n" + "\n".join(decl) + "\n\t</script>\n"

    def page_html(self, page: Page, component: str, **head: Any) -> str:
        return self.render(
            "index",
            head=self.head(page, **head),
            positions=self.modules(page),
            component=component,
            message=self.render("message"),
            option="com_content",
            view=page.view,
            # the body class names a layout only where the menu link sets one (blog)
            layout="blog" if page.layout == "blog" else "",
            task="",
            itemid=page.itemid,
            span="span6",
            logo=self.logo(),
            sitedescription=self.site.description,
            year=self.site.now.year,
            sitename=esc_q(self.site.name),
        )

    def logo(self) -> str:
        name = esc_q(self.site.name)
        return f'<span class="site-title" title="{name}">{name}</span>'

    # -- article plugins -----------------------------------------------------------------------

    def pagenav_html(self, prev: Article | None, nxt: Article | None) -> str:
        def ns(a: Article | None) -> SimpleNamespace | None:
            return SimpleNamespace(title=a.title, link=amp(self.art_url(a))) if a else None

        return self.render("pagenav", prev=ns(prev), next=ns(nxt))

    def toc(self, art: Article, titles: list[str], page: int, showall: bool) -> str:
        entries = []
        first = "toclink active" if (page == 0 and not showall) else "toclink"
        entries.append(
            SimpleNamespace(
                link=amp(self.pagebreak_url(art, 0)), title=art.title, li_class=first, klass=first
            )
        )
        for i, title in enumerate(titles, start=2):
            on = page == i - 1 and not showall
            entries.append(
                SimpleNamespace(
                    link=amp(self.pagebreak_url(art, i - 1)),
                    title=title,
                    li_class="active" if on else "",
                    klass="toclink active" if on else "toclink",
                )
            )
        entries.append(
            SimpleNamespace(
                link=amp(self.showall_url(art)),
                title=" Tất cả các trang",
                li_class="active" if showall else "",
                klass="toclink active" if showall else "toclink",
            )
        )
        return self.render("pb_toc", headingtext="Chỉ mục bài viết", entries=entries)

    def pb_navigation(self, art: Article, titles: list[str], page: int, n: int) -> str:
        all_titles = [art.title, *titles]
        ctx: dict[str, Any] = {"prev_link": "", "next_link": ""}
        if page < n - 1:
            t = esc_q(all_titles[page + 1])
            ctx.update(
                next_link=amp(self.pagebreak_url(art, page + 1)),
                next_title=t,
                next_aria=f"Trang sau: {t} (Trang {page + 2} / {n})",
            )
        if page > 0:
            t = esc_q(all_titles[page - 1])
            ctx.update(
                prev_link=amp(self.pagebreak_url(art, page - 1)),
                prev_title=t,
                prev_aria=f"Trang trước: {t} (Trang {page} / {n})",
            )
        return '<div class="pager">' + self.render("pb_navigation", **ctx) + "</div>"

    # -- other pages and feeds -----------------------------------------------------------------

    def error_page(self, message: str) -> str:
        positions = {
            "position-0": self.search_module(HOME_ITEMID),
            "position-1": self.mod_menu(None),
            "banner": "",
            "footer": "",
            "debug": "",
        }
        return self.render(
            "error",
            title="Lỗi: 404",
            message=message,
            code=404,
            body_class="com_content view-article no-layout no-task",
            logo=self.logo(),
            positions=positions,
            search_module=self.search_module(HOME_ITEMID),
            year=self.site.now.year,
            sitename=esc_q(self.site.name),
        )

    def mailto_head(self) -> str:
        return (
            f'<meta charset="utf-8" />\n\t<base href="{HOST}/index.php" />\n'
            '\t<meta name="robots" content="noindex, nofollow" />\n'
            '\t<meta name="generator" content="Joomla! - Open Source Content Management" />\n'
            f"\t<title>{esc(self.site.name)}</title>\n"
            f'\t<link href="{self.asset("/templates/protostar/css/template.css")}" rel="stylesheet" />\n'
        )

    def feed_entry(self, cat: Category | None, art: Article) -> FeedEntry:
        image = f'<p><img src="{HOST}/{art.image_intro.src}" /></p>' if art.image_intro else ""
        if cat is None:  # featured view: slugged link, "Featured" + category path, publish_up
            return FeedEntry(
                link=HOST + amp(self.art_url(art)),
                description='<div class="feed-description">' + image + art.introtext + "</div>",
                categories=["Đặc biệt", art.category.name]
                + [c.name for c in reversed(art.category.ancestors)],
                date=art.publish_up,
            )
        link = HOST + amp(
            f"/index.php?option=com_content&view=article&id={art.id}&catid={art.catid}&Itemid={art.category.itemid}"
        )
        return FeedEntry(link, image + art.introtext, [art.category.name], art.created)
