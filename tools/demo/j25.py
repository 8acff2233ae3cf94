"""Joomla 2.5 generation: beez_20-like template, XHTML 1.0, SEF URLs with index.php/ and .html."""

# ruff: noqa: E501  (literal Joomla markup reads better unwrapped)

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from base import HOST, PRINT_STATUS, Builder, FeedEntry, Page
from model import Article, Category, amp, esc, sef_plugin

T = "  "  # JFactory::createDocument() 'tab' in 2.5
SYS_IMG = "/templates/beez_20/images/system"
AUTHOR_EMAIL = "bientap@tuyengiao.angiang.example"


class J25Builder(Builder):
    generation = "j25"
    template_dir = "j25"
    joomla_template = "beez_20"
    article_options = {"show_publish_date": False}
    not_found_message = "Không tìm thấy thành phần mở rộng"
    limit_box_class = "inputbox"
    menu_list_open = '\n<ul class="menu">\n'
    submenu_open = "<ul>"
    feed_author_email = AUTHOR_EMAIL
    atom_generator = '<generator uri="http://joomla.org" version="2.5">Joomla! - Open Source Content Management</generator>'
    atom_links_absolute = False

    # -- URLs (raw, '&' unescaped) -------------------------------------------------------------

    def cat_url(self, cat: Category) -> str:
        return f"/index.php/{cat.route}.html"

    def cat_menu_url(self, cat: Category) -> str:
        return self.cat_url(cat)  # with SEF URLs the menu link is the category's route

    def cat_page_url(self, cat: Category, offset: int) -> str:
        return self.cat_url(cat) + ("?limitstart=0" if offset == 0 else f"?start={offset}")

    def home_menu_url(self) -> str:
        return "/"

    def home_page_url(self, offset: int) -> str:
        return "/?limitstart=0" if offset == 0 else f"/?start={offset}"

    def art_url(self, art: Article) -> str:
        return f"/index.php/{art.category.route}/{art.id}-{art.alias}.html"

    def print_url(self, art: Article) -> str:
        # layout=default survives when the menu item has another layout (blog)
        layout = "&layout=default" if art.category.layout == "blog" else ""
        return f"{self.art_url(art)}?tmpl=component&print=1{layout}&page="

    def mailto_url(self, art: Article) -> str:
        link = self.mailto_hash(HOST + self.art_url(art))
        return f"/index.php/component/mailto/?tmpl=component&template=beez_20&link={link}"

    def pagebreak_url(self, art: Article, page: int) -> str:
        if not page:
            return self.art_url(art) + "?showall=&limitstart="
        return self.art_url(art) + f"?showall=&start={page}"

    def showall_url(self, art: Article) -> str:
        return self.art_url(art) + "?showall=1&limitstart="

    def feed_url(self, cat: Category | None, kind: str) -> str:
        if cat is None:
            return f"/?format=feed&type={kind}"
        return f"/index.php/{cat.route}.feed?type={kind}"

    def feed_channel_link(self, cat: Category | None) -> str:
        return "/" if cat is None else self.cat_url(cat)

    def atom_feed_id(self, cat: Category | None) -> str:
        return "/" if cat is None else f"/index.php/{cat.route}.feed"

    # -- small Joomla helpers ------------------------------------------------------------------

    def grid_sort(self, title: str, order: str) -> str:
        return (
            f"<a href=\"#\" onclick=\"Joomla.tableOrdering('{order}','asc','');return false;\" "
            f'title="Nhấn để xếp theo cột này">{title}</a>'
        )

    def icons(self, art: Article) -> tuple[str, str]:
        print_icon = (
            f'<a href="{amp(self.print_url(art))}" title="In bài này" '
            f"onclick=\"window.open(this.href,'win2','{PRINT_STATUS}'); return false;\" "
            f'rel="nofollow"><img src="{SYS_IMG}/printButton.png" alt="In bài này"  /></a>'
        )
        email_icon = (
            f'<a href="{amp(self.mailto_url(art))}" title="Gửi Email bài này" '
            "onclick=\"window.open(this.href,'win2','width=400,height=350,menubar=yes,resizable=yes'); "
            f'return false;"><img src="{SYS_IMG}/emailButton.png" alt="Gửi Email bài này"  /></a>'
        )
        return print_icon, email_icon

    def pagination_links(
        self, numbers: dict[str, int], limit: int, href: Callable[[int], str]
    ) -> str:
        def active(text: str, offset: int) -> str:
            return f'<a title="{text}" href="{href(offset)}" class="pagenav">{text}</a>'

        def inactive(text: str) -> str:
            return f'<span class="pagenav">{text}</span>'

        start, prev, nxt, end = (
            inactive(label) if offset is None else active(label, offset)
            for label, _kind, offset in self.pagination_buttons(numbers, limit)
        )
        cur = numbers["current"]
        html = (
            f'<ul><li class="pagination-start">{start}</li><li class="pagination-prev">{prev}</li>'
        )
        for i in range(numbers["start"], numbers["stop"] + 1):
            html += (
                "<li>"
                + (inactive(str(i)) if i == cur else active(str(i), (i - 1) * limit))
                + "</li>"
            )
        return (
            html
            + f'<li class="pagination-next">{nxt}</li><li class="pagination-end">{end}</li></ul>'
        )

    # -- modules -------------------------------------------------------------------------------

    def mod_breadcrumbs(self, page: Page) -> str:
        sep = f'<img src="{SYS_IMG}/arrow.png" alt=""  />'
        out = '\n<div class="breadcrumbs">\n<span class="showHere">Bạn đang ở: </span>'
        trail = page.trail
        for i, (name, link) in enumerate(trail):
            if i < len(trail) - 1:
                out += (
                    f'<a href="{link}" class="pathway">{name}</a>'
                    if link
                    else f"<span>{name}</span>"
                )
                out += f" {sep} "
            else:
                out += f"<span>{name}</span>"
        return out + "</div>\n"

    def chrome(self, title: str, content: str, *, showtitle: bool = True) -> str:
        return self.render(
            "chrome_beezDivision",
            content=content,
            title=title,
            showtitle=showtitle,
            sfx="",
            level=3,
        )

    def modules(self, page: Page) -> dict[str, str]:
        pos = dict.fromkeys(
            [
                "position-0",
                "position-1",
                "position-2",
                "position-3",
                "position-4",
                "position-5",
                "position-6",
                "position-7",
                "position-8",
                "position-12",
                "position-14",
                "debug",
            ],
            "",
        )
        pos["position-0"] = self.search_module(page.itemid)
        pos["position-2"] = self.mod_breadcrumbs(page)
        pos["position-7"] = self.chrome("Chuyên mục", self.mod_menu(page)) + self.chrome(
            "Truy cập hiện tại", self.whosonline_module(page)
        )
        pos["position-6"] = self.chrome("Tin mới", self.latest_module()) + self.chrome(
            "Đọc nhiều nhất", self.popular_module()
        )
        pos["position-3"] = self.chrome(
            "Liên kết", self.links_module(), showtitle=False
        ) + self.chrome("Thống kê", self.stats_module(), showtitle=False)
        return pos

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
        # 2.5's layouts load caption.js everywhere but in the category list, the tooltip
        # behaviour everywhere but in the article view
        caption = page.layout != "list"
        tooltip = page.view != "article"
        lines = [
            self.base_href(page),
            '<meta http-equiv="content-type" content="text/html; charset=utf-8" />',
            *self.head_meta(title=title, description=description, author=author, feeds=feeds),
        ]
        css = [
            ("/templates/system/css/system.css", None),
            ("/templates/beez_20/css/position.css", "screen,projection"),
            ("/templates/beez_20/css/layout.css", "screen,projection"),
            ("/templates/beez_20/css/print.css", "print"),
            ("/templates/beez_20/css/general.css", None),
            ("templates/beez_20/css/personal.css", None),
        ]
        for href, media in css:
            m = f' media="{media}" ' if media else ""
            lines.append(f'<link rel="stylesheet" href="{href}" type="text/css"{m} />')
        js = ["/media/system/js/mootools-core.js", "/media/system/js/core.js"]
        if caption:
            js.append("/media/system/js/caption.js")
        js += [
            "/media/system/js/mootools-more.js",
            "/templates/beez_20/javascript/md_stylechanger.js",
            "/templates/beez_20/javascript/hide.js",
        ]
        for src in js:
            lines.append(f'<script src="{src}" type="text/javascript"></script>')
        decl = []
        if caption:
            decl.append(
                "window.addEvent('load', function() {\n\t\t\t\tnew JCaption('img.caption');\n\t\t\t});"
            )
        if tooltip:
            decl.append(
                "window.addEvent('domready', function() {\n"
                "\t\t\t$$('.hasTip').each(function(el) {\n"
                "\t\t\t\tvar title = el.get('title');\n"
                "\t\t\t\tif (title) {\n"
                "\t\t\t\t\tvar parts = title.split('::', 2);\n"
                "\t\t\t\t\tel.store('tip:title', parts[0]);\n"
                "\t\t\t\t\tel.store('tip:text', parts[1]);\n"
                "\t\t\t\t}\n"
                "\t\t\t});\n"
                "\t\t\tvar JTooltips = new Tips($$('.hasTip'), { maxTitleChars: 50, fixed: false});\n"
                "\t\t});"
            )
        out = "".join(f"{T}{line}\n" for line in lines)
        if decl:
            out += f'{T}<script type="text/javascript">\n' + "\n".join(decl) + f"\n{T}</script>\n"
        return out

    def page_html(self, page: Page, component: str, **head: Any) -> str:
        html = self.render(
            "index",
            head=self.head(page, **head),
            positions=self.modules(page),
            component=component,
            message='\n<div id="system-message-container">\n</div>',
            color="personal",
            logo="",
            sitetitle=self.site.name,
            sitedescription=self.site.description,
        )
        return sef_plugin(html)  # plgSystemSef, enabled by default on SEF sites

    # -- article plugins -----------------------------------------------------------------------

    def pagenav_html(self, prev: Article | None, nxt: Article | None) -> str:
        html = '\n\t\t\t\t<ul class="pagenav">'
        if prev:
            html += (
                '\n\t\t\t\t\t<li class="pagenav-prev">\n'
                f'\t\t\t\t\t\t<a href="{amp(self.art_url(prev))}" rel="prev">&lt; Trang trước</a>\n'
                "\t\t\t\t\t</li>"
            )
        if nxt:
            html += (
                '\n\t\t\t\t\t<li class="pagenav-next">\n'
                f'\t\t\t\t\t\t<a href="{amp(self.art_url(nxt))}" rel="next">Trang sau &gt;</a>\n'
                "\t\t\t\t\t</li>"
            )
        return html + "\n\t\t\t\t</ul>"

    def toc(self, art: Article, titles: list[str], page: int, showall: bool) -> str:
        # 2.5 marks the entry of `page` active even on the show-all page
        cls = "toclink active" if (page == 0 and not showall) else "toclink"
        out = '<div id="article-index"><h3>Chỉ mục bài viết</h3>'
        out += (
            "<ul>\n\t\t<li>\n\n\t\t\t"
            f'<a href="{amp(self.pagebreak_url(art, 0))}" class="{cls}">{art.title}</a>'
            "\n\n\t\t</li>\n\t\t"
        )
        for i, title in enumerate(titles, start=2):
            cls = "toclink active" if page == i - 1 else "toclink"
            out += (
                "\n\t\t\t\t<li>\n\n\t\t\t\t\t"
                f'<a href="{amp(self.pagebreak_url(art, i - 1))}" class="{cls}">{title}</a>'
                "\n\n\t\t\t\t</li>\n\t\t\t\t"
            )
        cls = "toclink active" if showall else "toclink"
        out += (
            "\n\t\t\t<li>\n\n\t\t\t\t\t"
            f'<a href="{amp(self.showall_url(art))}" class="{cls}"> Tất cả các trang</a>'
            "\n\n\t\t\t</li>\n\t\t\t"
        )
        return out + "</ul></div>"

    def pb_navigation(self, art: Article, titles: list[str], page: int, n: int) -> str:
        if page < n - 1:
            nxt = f'<a href="{amp(self.pagebreak_url(art, page + 1))}">Trang sau &gt;&gt;</a>'
        else:
            nxt = "Trang sau"
        if page > 0:
            prev = f'<a href="{amp(self.pagebreak_url(art, page - 1))}">&lt;&lt; Trang trước</a>'
        else:
            prev = "Trang trước"
        return f'<div class="pagination"><ul><li>{prev} </li><li>{nxt}</li></ul></div>'

    # -- other pages and feeds -----------------------------------------------------------------

    def error_page(self, message: str) -> str:
        return self.render("error", code=404, message=message)

    def mailto_head(self) -> str:
        return (
            f'{T}<base href="{HOST}/index.php/component/mailto/" />\n'
            f'{T}<meta http-equiv="content-type" content="text/html; charset=utf-8" />\n'
            f'{T}<meta name="robots" content="noindex, nofollow" />\n'
            f'{T}<meta name="generator" content="Joomla! - Open Source Content Management" />\n'
            f"{T}<title>{esc(self.site.name)}</title>\n"
            f'{T}<script src="/media/system/js/core.js" type="text/javascript"></script>\n'
        )

    def feed_entry(self, cat: Category | None, art: Article) -> FeedEntry:
        return FeedEntry(
            link=HOST + self.art_url(art),
            description='<div class="feed-description">' + art.introtext + "</div>",
            categories=[art.category.name],
            date=art.publish_up,
        )
