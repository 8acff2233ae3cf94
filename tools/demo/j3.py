"""Joomla 3.10 generation: Protostar template, HTML5, non-SEF URLs (index.php?option=...)."""

# ruff: noqa: E501  (literal Joomla markup reads better unwrapped)

from __future__ import annotations

import hashlib
from types import SimpleNamespace
from typing import Any

from base import HOST, Builder, Page
from model import (
    FEED_LIMIT,
    HOME_COLUMNS,
    HOME_INTRO,
    HOME_ITEMID,
    HOME_LEADING,
    HOME_LINKS,
    Article,
    Category,
    amp,
    date_iso,
    date_rfc822,
    esc,
    esc_q,
    rel_to_abs,
    strip_pagebreaks,
)

PRINT_STATUS = (
    "status=no,toolbar=no,scrollbars=yes,titlebar=no,menubar=no,resizable=yes,width=640,height=480,"
    "directories=no,location=no"
)

ARTICLE_PARAMS = SimpleNamespace(
    show_page_heading=False,
    page_heading="",
    show_title=True,
    link_titles=True,
    show_intro=True,
    show_category=True,
    link_category=True,
    show_parent_category=True,
    link_parent_category=True,
    show_author=True,
    show_create_date=True,
    show_modify_date=True,
    show_publish_date=True,
    show_hits=True,
    show_print_icon=True,
    show_email_icon=True,
    show_readmore=True,
    show_readmore_title=True,
)
CATEGORY_PARAMS = SimpleNamespace(
    **vars(ARTICLE_PARAMS),
    show_category_title=True,
    page_subheading="",
    show_description=True,
    show_description_image=False,
    show_no_articles=True,
    show_subcat_desc=False,
    show_cat_num_articles=True,
    show_pagination_limit=True,
    show_headings=True,
    list_show_date="created",
    list_show_author=True,
    list_show_hits=True,
)
FEATURED_PARAMS = SimpleNamespace(**vars(ARTICLE_PARAMS), page_subheading="")


class J3Builder(Builder):
    generation = "j3"
    template_dir = "j3"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Joomla's media version: md5 of version + install date, appended to assets
        self.mediaversion = hashlib.md5(f"3.10.12:{self.site.name}".encode()).hexdigest()

    def helpers(self) -> dict[str, Any]:
        return {"limit_box": self.limit_box, "grid_sort": self.grid_sort}

    # -- URLs (raw, '&' unescaped) -------------------------------------------------------------

    def menu_query(self, cat: Category) -> str:
        layout = "&layout=blog" if cat.layout == "blog" else ""
        return (
            f"/index.php?option=com_content&view=category{layout}&id={cat.id}&Itemid={cat.itemid}"
        )

    def cat_url(self, cat: Category) -> str:
        """ContentHelperRoute::getCategoryRoute() + Itemid (no layout)."""
        return f"/index.php?option=com_content&view=category&id={cat.id}&Itemid={cat.itemid}"

    def art_url(self, art: Article, extra: str = "") -> str:
        return (
            f"/index.php?option=com_content&view=article&id={art.id}:{art.alias}&catid={art.catid}"
            f"{extra}&Itemid={art.category.itemid}"
        )

    def home_url(self) -> str:
        return f"/index.php?option=com_content&view=featured&Itemid={HOME_ITEMID}"

    def print_url(self, art: Article) -> str:
        return self.art_url(art, "&tmpl=component&print=1&layout=default")

    def mailto_url(self, art: Article) -> str:
        link = self.mailto_hash(HOST + self.art_url(art))
        return f"/index.php?option=com_mailto&tmpl=component&template=protostar&link={link}"

    def asset(self, path: str) -> str:
        return f"{path}?{self.mediaversion}"

    # -- small Joomla helpers -----------------------------------------------------------------

    def limit_box(self, limit: int) -> str:
        opts = [5, 10, 15, 20, 25, 30, 50, 100, 0]
        html = (
            '<select id="limit" name="limit" class="inputbox input-mini" size="1" '
            'onchange="this.form.submit()">\n'
        )
        for v in opts:
            sel = ' selected="selected"' if v == limit else ""
            html += f'\t<option value="{v}"{sel}>{"Tất cả" if v == 0 else v}</option>\n'
        return html + "</select>\n"

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

    def pagination(
        self, total: int, limit: int, limitstart: int, base: str
    ) -> SimpleNamespace | None:
        """JPagination with Protostar's html/pagination.php overrides."""
        n = self.page_numbers(total, limit, limitstart)
        if n["total"] <= 1:
            return None
        cur = n["current"]

        def link(offset: int) -> str:
            return amp(f"{base}&limitstart={offset}")

        def active(text: str, offset: int, kind: str | None) -> str:
            if kind:
                display = f'<span class="icon-{kind}" aria-hidden="true"></span>'
                aria = f"Go to {text.lower()} page"
                klass = ""
            else:
                display, aria, klass = text, f"Go to page {text}", ' class="hidden-phone"'
            return (
                f'<li{klass}><a title="{text}" href="{link(offset)}" class="pagenav" '
                f'aria-label="{aria}">{display}</a></li>'
            )

        def inactive(kind: str) -> str:
            return f'<li class="disabled"><a><span class="icon-{kind}" aria-hidden="true"></span></a></li>'

        start = active("Trang đầu", 0, "first") if cur > 1 else inactive("first")
        prev = (
            active("Trang trước", (cur - 2) * limit, "previous")
            if cur > 1
            else inactive("previous")
        )
        nxt = active("Trang sau", cur * limit, "next") if cur < n["total"] else inactive("next")
        end = (
            active("Trang cuối", (n["total"] - 1) * limit, "last")
            if cur < n["total"]
            else inactive("last")
        )
        pages: dict[int, str] = {}
        for i in range(n["start"], n["stop"] + 1):
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
                import re

                data = re.sub(r"(<a.*?>).*?(</a>)", r"\1...\2", data, count=1)
            html += data
        html += nxt + end + "</ul></nav>"
        return SimpleNamespace(counter=f"Trang {cur} / {n['total']}", links=html)

    # -- items ---------------------------------------------------------------------------------

    def item_ns(self, art: Article, *, context: str) -> SimpleNamespace:
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

    # -- modules ------------------------------------------------------------------------------

    def menu_path(self, itemid: int) -> list[int]:
        if itemid == HOME_ITEMID:
            return [HOME_ITEMID]
        for cat in self.site.categories:
            if cat.itemid == itemid:
                return [c.itemid for c in cat.ancestors] + [cat.itemid]
        return []

    def mod_menu(self, page: Page | None) -> str:
        path_ids = self.menu_path(page.itemid) if page else []
        active_id = page.itemid if page else 0
        items = [SimpleNamespace(id=HOME_ITEMID, title="Trang chủ", level=1, cat=None)]
        for cat in self.site.menu_order():
            items.append(
                SimpleNamespace(
                    id=cat.itemid, title=cat.name, level=len(cat.ancestors) + 1, cat=cat
                )
            )
        html = '<ul class="nav menu mod-list">\n'
        for i, item in enumerate(items):
            nxt = items[i + 1] if i + 1 < len(items) else None
            cls = f"item-{item.id}"
            if item.id == HOME_ITEMID:
                cls += " default"
            if item.id == active_id:
                cls += " current"
            if item.id in path_ids:
                cls += " active"
            deeper = nxt is not None and nxt.level > item.level
            if deeper:
                cls += " deeper parent"
            href = amp(self.home_url() if item.cat is None else self.menu_query(item.cat))
            html += f'<li class="{cls}"><a href="{href}" >{item.title}</a>'
            if deeper:
                html += '<ul class="nav-child unstyled small">'
            elif nxt is None:
                html += "</li>" + "</ul></li>" * (item.level - 1)
            elif nxt.level < item.level:
                html += "</li>" + "</ul></li>" * (item.level - nxt.level)
            else:
                html += "</li>"
        return html + "</ul>\n"

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

    def search_module(self, itemid: int) -> str:
        return self.render(
            "mod_search",
            sfx="",
            action="/index.php",
            module_id=87,
            label="Tìm kiếm...",
            text="Tìm kiếm...",
            itemid=itemid,
        )

    def modules(self, page: Page) -> dict[str, str]:
        site = self.site
        latest = [self.link_ns(a) for a in site.latest]
        popular = [self.link_ns(a) for a in site.popular]
        banners = []
        for title in ("Tiến tới đại hội đảng", "Giải phóng miền Nam"):
            cat = site.find_category(title)
            if cat is not None:
                banners.append(
                    f'<p><a href="{amp(self.menu_query(cat))}" title="{title}">{title}</a></p>'
                )
        custom = self.render("mod_custom", sfx="", content="\n".join(banners))
        pos = dict.fromkeys(
            ["position-0", "position-1", "position-2", "position-3", "position-7", "position-8"], ""
        )
        pos.update({"banner": "", "footer": "", "debug": ""})
        pos["position-0"] = self.search_module(page.itemid)
        pos["position-8"] = self.xhtml("Chuyên mục", self.mod_menu(page)) + self.xhtml(
            "Truy cập hiện tại", self.render("mod_whosonline", text=self.whosonline_text(page))
        )
        pos["position-7"] = (
            self.well("Tin mới", self.render("mod_articles_latest", items=latest, sfx=""))
            + self.well(
                "Đọc nhiều nhất", self.render("mod_articles_popular", items=popular, sfx="")
            )
            + self.well("Liên kết", custom, showtitle=False)
            + self.well(
                "Thống kê", self.render("mod_stats", rows=self.hits_rows(), sfx=""), showtitle=False
            )
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

    # -- page assembly ------------------------------------------------------------------------

    def head(
        self,
        page: Page,
        *,
        title: str,
        description: str,
        author: str | None = None,
        feeds: tuple[str, str] | None = None,
        caption: bool = False,
        tooltip: bool = False,
        list_css: bool = False,
    ) -> str:
        base = HOST + page.path.split("?", 1)[0]
        lines = [
            '<meta charset="utf-8" />',
            f'<base href="{esc(base)}" />',
            f'<meta name="keywords" content="{esc(self.site.keywords)}" />',
        ]
        if author:
            lines.append(f'<meta name="author" content="{esc(author)}" />')
        lines += [
            f'<meta name="description" content="{esc(description)}" />',
            '<meta name="generator" content="Joomla! - Open Source Content Management" />',
            f"<title>{esc(title)}</title>",
        ]
        if feeds:
            lines.append(
                f'<link href="{amp(feeds[0])}" rel="alternate" type="application/rss+xml" title="RSS 2.0" />'
            )
            lines.append(
                f'<link href="{amp(feeds[1])}" rel="alternate" type="application/atom+xml" title="Atom 1.0" />'
            )
        lines.append(
            '<link href="/templates/protostar/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />'
        )
        lines.append(
            f'<link href="{self.asset("/templates/protostar/css/template.css")}" rel="stylesheet" />'
        )
        if list_css:
            lines.append(
                "<style>\n\n.hide { display: none; }\n.table-noheader { border-collapse: collapse; }\n"
                ".table-noheader thead { display: none; }\n\n\t</style>"
            )
        js = [
            "/media/jui/js/jquery.min.js",
            "/media/jui/js/jquery-noconflict.js",
            "/media/jui/js/jquery-migrate.min.js",
        ]
        if caption:
            js.append("/media/system/js/caption.js")
        js += ["/media/jui/js/bootstrap.min.js", "/templates/protostar/js/template.js"]
        for src in js:
            lines.append(f'<script src="{self.asset(src)}"></script>')
        lines.append(
            f'<!--[if lt IE 9]><script src="{self.asset("/media/jui/js/html5.js")}"></script><![endif]-->'
        )
        decl = []
        if caption:
            decl.append(
                "jQuery(window).on('load',  function() {\n\t\t\t\tnew JCaption('img.caption');\n\t\t\t});"
            )
        if tooltip:
            decl.append(
                'jQuery(function($){ initTooltips(); $("body").on("subform-row-add", initTooltips); '
                "function initTooltips (event, container) { container = container || document;"
                '$(container).find(".hasTooltip").tooltip({"html": true,"container": "body"});} });'
            )
        out = "".join(f"\t{line}\n" for line in lines)
        if decl:
            out += "\t<script>\n" + "\n".join(decl) + "\n\t</script>\n"
        return out

    def page_html(
        self, page: Page, component: str, *, body: tuple[str, str, int], **head: Any
    ) -> str:
        view, layout, itemid = body
        return self.render(
            "index",
            head=self.head(page, **head),
            positions=self.modules(page),
            component=component,
            message=self.render("message"),
            option="com_content",
            view=view,
            layout=layout,
            task="",
            itemid=itemid,
            span="span6",
            logo=self.logo(),
            sitedescription=self.site.description,
            year=self.site.now.year,
            sitename=esc_q(self.site.name),
        )

    def logo(self) -> str:
        name = esc_q(self.site.name)
        return f'<span class="site-title" title="{name}">{name}</span>'

    # -- pages ----------------------------------------------------------------------------------

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
        site = self.site
        items = site.featured
        per = HOME_LEADING + HOME_INTRO + HOME_LINKS
        pages = max(1, -(-len(items) // per))
        files = []
        for n in range(1, pages + 1):
            offset = (n - 1) * per
            chunk = items[offset : offset + per]
            lead, intro, links = self.blog_split(chunk, HOME_LEADING, HOME_INTRO, HOME_LINKS)
            path = "/" if n == 1 else self.home_url() + f"&limitstart={offset}"
            file = "index.html" if n == 1 else f"home/page-{n}.html"
            page = Page(path, file, HOME_ITEMID, [("Trang chủ", None)])
            comp = self.render(
                "featured",
                p=FEATURED_PARAMS,
                pageclass_sfx="",
                lead_items=[self.item_ns(a, context="featured") for a in lead],
                intro_items=[self.item_ns(a, context="featured") for a in intro],
                link_items=[self.link_ns(a) for a in links],
                columns=HOME_COLUMNS,
                pagination=self.pagination(len(items), per, offset, self.home_url()),
            )
            feed_base = self.home_url()
            html = self.page_html(
                page,
                comp,
                body=("featured", "", HOME_ITEMID),
                title=site.name,
                description=site.description,
                feeds=(feed_base + "&format=feed&type=rss", feed_base + "&format=feed&type=atom"),
                caption=True,
                tooltip=True,
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

    def trail_for(self, cat: Category, *, last_linked: bool) -> list[tuple[str, str | None]]:
        trail: list[tuple[str, str | None]] = [("Trang chủ", amp(self.home_url()))]
        for c in cat.ancestors:
            trail.append((c.name, amp(self.menu_query(c))))
        trail.append((cat.name, amp(self.menu_query(cat)) if last_linked else None))
        return trail

    def child_ns(self, cat: Category) -> list[SimpleNamespace]:
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

    def build_category(self, cat: Category) -> None:
        files = []
        arts = cat.listing
        size = cat.page_size
        base = self.menu_query(cat)
        for n in range(1, cat.pages + 1):
            offset = (n - 1) * size
            chunk = arts[offset : offset + size]
            path = base + ("" if n == 1 else f"&limitstart={offset}")
            file = f"category/{self.cat_key(cat)}/page-{n}.html"
            page = Page(path, file, cat.itemid, self.trail_for(cat, last_linked=False))
            pagination = self.pagination(len(arts), size, offset, base)
            if cat.layout == "list":
                comp = self.render(
                    "category_list",
                    p=CATEGORY_PARAMS,
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
                    p=CATEGORY_PARAMS,
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
                body=("category", "blog" if cat.layout == "blog" else "", cat.itemid),
                title=cat.name,
                description=self.site.description,
                feeds=(base + "&format=feed&type=rss", base + "&format=feed&type=atom"),
                caption=True,
                tooltip=True,
                list_css=cat.layout == "list",
            )
            self.write(file, html)
            files.append(file)
        feed_items = arts[:FEED_LIMIT]
        self.write(f"feed/{self.cat_key(cat)}.rss", self.feed_rss(cat, feed_items))
        self.write(f"feed/{self.cat_key(cat)}.atom", self.feed_atom(cat, feed_items))
        self.register_category(
            cat,
            pages=files,
            feeds={
                "rss": f"feed/{self.cat_key(cat)}.rss",
                "atom": f"feed/{self.cat_key(cat)}.atom",
            },
        )

    def list_row(self, art: Article) -> SimpleNamespace:
        return SimpleNamespace(
            title=art.title,
            link=amp(self.art_url(art)),
            created=art.created,
            author=esc(art.author) if art.author else "",
            hits=art.hits,
        )

    def pagenav(self, art: Article) -> str:
        siblings = art.category.articles
        i = siblings.index(art)
        prev = siblings[i - 1] if i > 0 else None
        nxt = siblings[i + 1] if i + 1 < len(siblings) else None
        if not prev and not nxt:
            return ""

        def ns(a: Article | None) -> SimpleNamespace | None:
            return SimpleNamespace(title=a.title, link=amp(self.art_url(a))) if a else None

        return self.render("pagenav", prev=ns(prev), next=ns(nxt))

    def toc(self, art: Article, titles: list[str], limitstart: int, showall: bool) -> str:
        entries = []
        first = "toclink active" if (limitstart == 0 and not showall) else "toclink"
        entries.append(
            SimpleNamespace(
                link=amp(self.art_url(art)), title=art.title, li_class=first, klass=first
            )
        )
        for i, title in enumerate(titles, start=2):
            on = limitstart == i - 1 and not showall
            entries.append(
                SimpleNamespace(
                    link=amp(self.art_url(art, f"&limitstart={i - 1}")),
                    title=title,
                    li_class="active" if on else "",
                    klass="toclink active" if on else "toclink",
                )
            )
        entries.append(
            SimpleNamespace(
                link=amp(self.art_url(art, "&showall=1")),
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
                next_link=amp(self.art_url(art, f"&limitstart={page + 1}")),
                next_title=t,
                next_aria=f"Trang sau: {t} (Trang {page + 2} / {n})",
            )
        if page > 0:
            t = esc_q(all_titles[page - 1])
            extra = f"&limitstart={page - 1}" if page > 1 else ""
            ctx.update(
                prev_link=amp(self.art_url(art, extra)),
                prev_title=t,
                prev_aria=f"Trang trước: {t} (Trang {page} / {n})",
            )
        return self.render("pb_navigation", **ctx)

    def build_article(self, art: Article) -> None:
        texts, titles = self.article_pages(art)
        n = len(texts)
        base_file = f"article/{art.id}.html"
        entry: dict[str, Any] = {"file": base_file}
        variants: list[tuple[str, str, int, bool]] = [(self.art_url(art), base_file, 0, False)]
        if n > 1:
            entry["pages"] = [base_file] + [
                f"article/{art.id}/page-{i}.html" for i in range(2, n + 1)
            ]
            entry["all"] = f"article/{art.id}/all.html"
            for i in range(2, n + 1):
                variants.append(
                    (self.art_url(art, f"&limitstart={i - 1}"), entry["pages"][i - 1], i - 1, False)
                )
            variants.append((self.art_url(art, "&showall=1"), entry["all"], 0, True))
        for path, file, idx, showall in variants:
            title = art.title
            toc = ""
            if n == 1:
                text = art.text
            elif showall:
                text = strip_pagebreaks(art.text, "<br />")
                toc = self.toc(art, titles, 0, True)
            else:
                toc = self.toc(art, titles, idx, False)
                text = (
                    f'<div class="pagenavcounter">Trang {idx + 1} / {n}</div>'
                    + texts[idx]
                    + '<div class="pager">'
                    + self.pb_navigation(art, titles, idx, n)
                    + "</div>"
                )
                if idx:
                    title = f"{art.title} - {titles[idx - 1]}"
            item = self.item_ns(art, context="article")
            item.text = self.cloaked(text, art, "article")
            item.toc = toc
            item.pagination = self.pagenav(art)
            comp = self.render(
                "article", p=ARTICLE_PARAMS, pageclass_sfx="", item=item, print_view=False
            )
            trail = [*self.trail_for(art.category, last_linked=True), (art.title, None)]
            page = Page(path, file, art.category.itemid, trail)
            html = self.page_html(
                page,
                comp,
                body=("article", "", art.category.itemid),
                title=title,
                description=self.site.description,
                author=art.author,
                caption=True,
                tooltip=True,
            )
            self.write(file, html)
        self.register_article(art, **entry)

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

    def build_errors(self) -> None:
        errors = {
            "404": ("error/404.html", "Không tìm thấy trang"),
            "article": ("error/404-article.html", "Không tìm thấy bài viết"),
            "category": ("error/404-category.html", "Không thấy Chuyên mục"),
        }
        for key, (file, message) in errors.items():
            self.write(file, self.error_page(message))
            self.manifest["errors"][key] = file

    def build_mailto(self) -> None:
        head = (
            f'<meta charset="utf-8" />\n\t<base href="{HOST}/index.php" />\n'
            '\t<meta name="robots" content="noindex, nofollow" />\n'
            '\t<meta name="generator" content="Joomla! - Open Source Content Management" />\n'
            f"\t<title>{esc(self.site.name)}</title>\n"
            f'\t<link href="{self.asset("/templates/protostar/css/template.css")}" rel="stylesheet" />\n'
        )
        html = self.render("mailto", head=head, host=HOST, token=self.form_token("mailto"))
        self.write("component/mailto.html", html)
        self.manifest["special"]["mailto"] = "component/mailto.html"

    # -- feeds ---------------------------------------------------------------------------------

    def feed_rss(self, cat: Category | None, items: list[Article]) -> str:
        now = self.site.now
        if cat is None:
            title = self.site.name
            link = "/index.php?option=com_content&view=featured"
            self_url = self.home_url() + "&format=feed&type=rss"
        else:
            title, link = cat.name, self.cat_url(cat)
            self_url = self.menu_query(cat) + "&format=feed&type=rss"
        f = '<?xml version="1.0" encoding="utf-8"?>\n'
        f += '<!-- generator="Joomla! - Open Source Content Management" -->\n'
        f += '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        f += "\t<channel>\n"
        f += f"\t\t<title>{esc(title)}</title>\n"
        f += f"\t\t<description><![CDATA[{self.site.description}]]></description>\n"
        f += f"\t\t<link>{HOST}{amp(link)}</link>\n"
        f += f"\t\t<lastBuildDate>{date_rfc822(now)}</lastBuildDate>\n"
        f += "\t\t<generator>Joomla! - Open Source Content Management</generator>\n"
        f += (
            f'\t\t<atom:link rel="self" type="application/rss+xml" href="{HOST}{amp(self_url)}"/>\n'
        )
        f += "\t\t<language>vi-vn</language>\n"
        for art in items:
            link, desc, cats, date = self.feed_item(cat, art)
            f += "\t\t<item>\n"
            f += f"\t\t\t<title>{esc(art.title)}</title>\n"
            f += f"\t\t\t<link>{link}</link>\n"
            f += f'\t\t\t<guid isPermaLink="true">{link}</guid>\n'
            f += f"\t\t\t<description><![CDATA[{rel_to_abs(desc, HOST + '/', generation='j3')}]]></description>\n"
            for c in cats:
                f += f"\t\t\t<category>{esc(c)}</category>\n"
            f += f"\t\t\t<pubDate>{date_rfc822(date)}</pubDate>\n"
            f += "\t\t</item>\n"
        f += "\t</channel>\n</rss>\n"
        return f

    def feed_item(self, cat: Category | None, art: Article) -> tuple[str, str, list[str], Any]:
        image = f'<p><img src="{HOST}/{art.image_intro.src}" /></p>' if art.image_intro else ""
        if cat is None:  # featured view: slugged link, "Featured" + category path, publish_up
            link = HOST + amp(self.art_url(art))
            cats = ["Đặc biệt", art.category.name] + [
                c.name for c in reversed(art.category.ancestors)
            ]
            return (
                link,
                '<div class="feed-description">' + image + art.introtext + "</div>",
                cats,
                art.publish_up,
            )
        link = HOST + amp(
            f"/index.php?option=com_content&view=article&id={art.id}&catid={art.catid}&Itemid={art.category.itemid}"
        )
        return link, image + art.introtext, [art.category.name], art.created

    def feed_atom(self, cat: Category | None, items: list[Article]) -> str:
        now = self.site.now
        if cat is None:
            title = self.site.name
            self_url = self.home_url() + "&format=feed&type=atom"
        else:
            title = cat.name
            self_url = self.menu_query(cat) + "&format=feed&type=atom"
        f = '<?xml version="1.0" encoding="utf-8"?>\n'
        f += '<!-- generator="Joomla! - Open Source Content Management" -->\n'
        f += '<feed xmlns="http://www.w3.org/2005/Atom"  xml:lang="vi-vn">\n'
        f += f'\t<title type="text">{esc(title)}</title>\n'
        f += f'\t<subtitle type="text">{esc(self.site.description)}</subtitle>\n'
        f += f'\t<link rel="alternate" type="text/html" href="{HOST}"/>\n'
        f += f"\t<id>{HOST}/index.php</id>\n"
        f += f"\t<updated>{date_iso(now)}</updated>\n"
        f += '\t<generator uri="https://www.joomla.org">Joomla! - Open Source Content Management</generator>\n'
        f += f'\t<link rel="self" type="application/atom+xml" href="{HOST}{amp(self_url)}"/>\n'
        for art in items:
            link, desc, cats, date = self.feed_item(cat, art)
            desc = rel_to_abs(desc, HOST + "/", generation="j3")
            f += "\t<entry>\n"
            f += f"\t\t<title>{esc(art.title)}</title>\n"
            f += f'\t\t<link rel="alternate" type="text/html" href="{link}"/>\n'
            f += f"\t\t<published>{date_iso(date)}</published>\n"
            f += f"\t\t<updated>{date_iso(date)}</updated>\n"
            f += f"\t\t<id>{link}</id>\n"
            if art.author:
                f += "\t\t<author>\n"
                f += f"\t\t\t<name>{esc(art.author)}</name>\n"
                f += "\t\t</author>\n"
            f += f'\t\t<summary type="html">{esc(desc)}</summary>\n'
            f += f'\t\t<content type="html">{esc(desc)}</content>\n'
            for c in cats:
                f += f'\t\t<category term="{esc(c)}" />\n'
            f += "\t</entry>\n"
        f += "</feed>\n"
        return f
