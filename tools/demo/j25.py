"""Joomla 2.5 generation: beez_20-like template, XHTML 1.0, SEF URLs with index.php/ and .html."""

# ruff: noqa: E501  (literal Joomla markup reads better unwrapped)

from __future__ import annotations

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
    rel_to_abs,
    sef_plugin,
    strip_pagebreaks,
)

T = "  "  # JFactory::createDocument() 'tab' in 2.5
PRINT_STATUS = (
    "status=no,toolbar=no,scrollbars=yes,titlebar=no,menubar=no,resizable=yes,width=640,height=480,"
    "directories=no,location=no"
)
SYS_IMG = "/templates/beez_20/images/system"
AUTHOR_EMAIL = "bientap@tuyengiao.angiang.example"

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
    show_publish_date=False,
    show_hits=True,
    show_print_icon=True,
    show_email_icon=True,
    show_readmore=True,
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


class J25Builder(Builder):
    generation = "j25"
    template_dir = "j25"

    def helpers(self) -> dict[str, Any]:
        return {"limit_box": self.limit_box, "grid_sort": self.grid_sort}

    # -- URLs (raw, '&' unescaped) -------------------------------------------------------------

    def cat_url(self, cat: Category) -> str:
        return f"/index.php/{cat.route}.html"

    def cat_page_url(self, cat: Category, offset: int) -> str:
        return self.cat_url(cat) + ("?limitstart=0" if offset == 0 else f"?start={offset}")

    def art_url(self, art: Article) -> str:
        return f"/index.php/{art.category.route}/{art.id}-{art.alias}.html"

    def home_page_url(self, offset: int) -> str:
        return "/?limitstart=0" if offset == 0 else f"/?start={offset}"

    def print_url(self, art: Article) -> str:
        # layout=default survives when the menu item has another layout (blog)
        layout = "&layout=default" if art.category.layout == "blog" else ""
        return f"{self.art_url(art)}?tmpl=component&print=1{layout}&page="

    def mailto_url(self, art: Article) -> str:
        link = self.mailto_hash(HOST + self.art_url(art))
        return f"/index.php/component/mailto/?tmpl=component&template=beez_20&link={link}"

    def pagebreak_url(self, art: Article, page: int | None, showall: bool = False) -> str:
        if showall:
            return self.art_url(art) + "?showall=1&limitstart="
        if not page:
            return self.art_url(art) + "?showall=&limitstart="
        return self.art_url(art) + f"?showall=&start={page}"

    # -- small Joomla helpers -----------------------------------------------------------------

    def limit_box(self, limit: int) -> str:
        opts = [5, 10, 15, 20, 25, 30, 50, 100, 0]
        html = '<select id="limit" name="limit" class="inputbox" size="1" onchange="this.form.submit()">\n'
        for v in opts:
            sel = ' selected="selected"' if v == limit else ""
            html += f'\t<option value="{v}"{sel}>{"Tất cả" if v == 0 else v}</option>\n'
        return html + "</select>\n"

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

    def pagination(self, total: int, limit: int, limitstart: int, url) -> SimpleNamespace | None:
        n = self.page_numbers(total, limit, limitstart)
        if n["total"] <= 1:
            return None

        def active(text: str, offset: int) -> str:
            return f'<a title="{text}" href="{amp(url(offset))}" class="pagenav">{text}</a>'

        def inactive(text: str) -> str:
            return f'<span class="pagenav">{text}</span>'

        cur = n["current"]
        start = active("Trang đầu", 0) if cur > 1 else inactive("Trang đầu")
        prev = active("Trang trước", (cur - 2) * limit) if cur > 1 else inactive("Trang trước")
        nxt = active("Trang sau", cur * limit) if cur < n["total"] else inactive("Trang sau")
        end = (
            active("Trang cuối", (n["total"] - 1) * limit)
            if cur < n["total"]
            else inactive("Trang cuối")
        )
        html = (
            f'<ul><li class="pagination-start">{start}</li><li class="pagination-prev">{prev}</li>'
        )
        for i in range(n["start"], n["stop"] + 1):
            html += (
                "<li>"
                + (inactive(str(i)) if i == cur else active(str(i), (i - 1) * limit))
                + "</li>"
            )
        html += f'<li class="pagination-next">{nxt}</li><li class="pagination-end">{end}</li></ul>'
        return SimpleNamespace(counter=f"Trang {cur} / {n['total']}", links=html)

    # -- items ---------------------------------------------------------------------------------

    def item_ns(self, art: Article, *, context: str) -> SimpleNamespace:
        cat = art.category
        print_icon, email_icon = self.icons(art)
        intro = strip_pagebreaks(art.introtext)
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
            introtext=self.cloaked(intro, art, context),
            readmore=art.readmore,
            image_intro=self.image_ns(art.image_intro, "left"),
        )

    def link_ns(self, art: Article) -> SimpleNamespace:
        return SimpleNamespace(title=art.title, link=amp(self.art_url(art)))

    # -- modules ------------------------------------------------------------------------------

    def menu_items(self) -> list[SimpleNamespace]:
        items = [SimpleNamespace(id=HOME_ITEMID, title="Trang chủ", level=1, link=None, cat=None)]
        for cat in self.site.menu_order():
            items.append(
                SimpleNamespace(
                    id=cat.itemid, title=cat.name, level=len(cat.ancestors) + 1, link=None, cat=cat
                )
            )
        return items

    def mod_menu(self, page: Page, path_ids: list[int]) -> str:
        items = self.menu_items()
        html = '\n<ul class="menu">\n'
        for i, item in enumerate(items):
            nxt = items[i + 1] if i + 1 < len(items) else None
            cls = f"item-{item.id}"
            if item.id == page.itemid:
                cls += " current"
            if item.id in path_ids:
                cls += " active"
            deeper = nxt is not None and nxt.level > item.level
            if deeper:
                cls += " deeper parent"
            href = "/" if item.cat is None else amp(self.cat_url(item.cat))
            html += f'<li class="{cls}"><a href="{href}" >{item.title}</a>'
            if deeper:
                html += "<ul>"
            elif nxt is None:
                html += "</li>" + "</ul></li>" * (item.level - 1)
            elif nxt.level < item.level:
                html += "</li>" + "</ul></li>" * (item.level - nxt.level)
            else:
                html += "</li>"
        return html + "</ul>\n"

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
        site = self.site
        path_ids = list(self.menu_path(page.itemid))
        latest = [self.link_ns(a) for a in site.latest]
        popular = [self.link_ns(a) for a in site.popular]
        banners = []
        for title in ("Tiến tới đại hội đảng", "Giải phóng miền Nam"):
            cat = site.find_category(title)
            if cat is not None:
                banners.append(
                    f'<p><a href="{amp(self.cat_url(cat))}" title="{title}">{title}</a></p>'
                )
        custom = self.render("mod_custom", sfx="", content="\n".join(banners))
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
        pos["position-0"] = self.render(
            "mod_search",
            action="/index.php",
            sfx="",
            label="Tìm kiếm...",
            text="Tìm kiếm...",
            itemid=page.itemid,
        )
        pos["position-2"] = self.mod_breadcrumbs(page)
        pos["position-7"] = self.chrome("Chuyên mục", self.mod_menu(page, path_ids)) + self.chrome(
            "Truy cập hiện tại", self.render("mod_whosonline", text=self.whosonline_text(page))
        )
        pos["position-6"] = self.chrome(
            "Tin mới", self.render("mod_articles_latest", items=latest, sfx="")
        ) + self.chrome(
            "Đọc nhiều nhất", self.render("mod_articles_popular", items=popular, sfx="")
        )
        pos["position-3"] = self.chrome("Liên kết", custom, showtitle=False) + self.chrome(
            "Thống kê", self.render("mod_stats", rows=self.hits_rows(), sfx=""), showtitle=False
        )
        return pos

    def menu_path(self, itemid: int) -> list[int]:
        if itemid == HOME_ITEMID:
            return [HOME_ITEMID]
        for cat in self.site.categories:
            if cat.itemid == itemid:
                return [c.itemid for c in cat.ancestors] + [cat.itemid]
        return []

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
    ) -> str:
        base = HOST + page.path.split("?", 1)[0]
        lines = [
            f'<base href="{esc(base)}" />',
            '<meta http-equiv="content-type" content="text/html; charset=utf-8" />',
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
            '<link href="/templates/beez_20/favicon.ico" rel="shortcut icon" type="image/vnd.microsoft.icon" />'
        )
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
            path = "/" if n == 1 else f"/?start={offset}"
            file = "index.html" if n == 1 else f"home/page-{n}.html"
            page = Page(path, file, HOME_ITEMID, [("Trang chủ", None)])
            comp = self.render(
                "featured",
                p=ARTICLE_PARAMS,
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
                feeds=("/?format=feed&type=rss", "/?format=feed&type=atom"),
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
        trail: list[tuple[str, str | None]] = [("Trang chủ", "/")]
        for c in cat.ancestors:
            trail.append((c.name, amp(self.cat_url(c))))
        trail.append((cat.name, amp(self.cat_url(cat)) if last_linked else None))
        return trail

    def child_ns(self, cat: Category) -> list[SimpleNamespace]:
        return [
            SimpleNamespace(
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
        for n in range(1, cat.pages + 1):
            offset = (n - 1) * size
            chunk = arts[offset : offset + size]
            path = self.cat_url(cat) + ("" if n == 1 else f"?start={offset}")
            file = f"category/{self.cat_key(cat)}/page-{n}.html"
            page = Page(path, file, cat.itemid, self.trail_for(cat, last_linked=False))
            pagination = self.pagination(
                len(arts), size, offset, lambda o, c=cat: self.cat_page_url(c, o)
            )
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
                title=cat.name,
                description=self.site.description,
                feeds=(
                    f"/index.php/{cat.route}.feed?type=rss",
                    f"/index.php/{cat.route}.feed?type=atom",
                ),
                caption=cat.layout == "blog",
                tooltip=True,
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

    def toc(self, art: Article, titles: list[str], page: int | None, showall: bool) -> str:
        cls = "toclink active" if (page in (None, 0) and not showall) else "toclink"
        out = '<div id="article-index"><h3>Chỉ mục bài viết</h3>'
        out += (
            "<ul>\n\t\t<li>\n\n\t\t\t"
            f'<a href="{amp(self.pagebreak_url(art, None))}" class="{cls}">{art.title}</a>'
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
            f'<a href="{amp(self.pagebreak_url(art, None, showall=True))}" class="{cls}"> Tất cả các trang</a>'
            "\n\n\t\t\t</li>\n\t\t\t"
        )
        return out + "</ul></div>"

    def pb_navigation(self, art: Article, page: int, n: int) -> str:
        if page < n - 1:
            nxt = f'<a href="{amp(self.pagebreak_url(art, page + 1))}">Trang sau &gt;&gt;</a>'
        else:
            nxt = "Trang sau"
        if page > 0:
            prev = f'<a href="{amp(self.pagebreak_url(art, page - 1 or None))}">&lt;&lt; Trang trước</a>'
        else:
            prev = "Trang trước"
        return f"<ul><li>{prev} </li><li>{nxt}</li></ul>"

    def build_article(self, art: Article) -> None:
        texts, titles = self.article_pages(art)
        n = len(texts)
        base_file = f"article/{art.id}.html"
        entry: dict[str, Any] = {"file": base_file}
        variants: list[tuple[str, str, int | None, bool]] = [
            (self.art_url(art), base_file, None, False)
        ]
        if n > 1:
            entry["pages"] = [base_file] + [
                f"article/{art.id}/page-{i}.html" for i in range(2, n + 1)
            ]
            entry["all"] = f"article/{art.id}/all.html"
            for i in range(2, n + 1):
                variants.append(
                    (self.pagebreak_url(art, i - 1), entry["pages"][i - 1], i - 1, False)
                )
            variants.append((self.pagebreak_url(art, None, showall=True), entry["all"], None, True))
        print_icon, email_icon = self.icons(art)
        for path, file, pb_page, showall in variants:
            title = art.title
            toc = ""
            if n == 1:
                text = art.text
            elif showall:
                text = strip_pagebreaks(art.text, "<br />")
                toc = self.toc(art, titles, 1, True)
            else:
                idx = pb_page or 0
                toc = self.toc(art, titles, idx, False)
                text = (
                    f'<div class="pagenavcounter">Trang {idx + 1} / {n}</div>'
                    + texts[idx]
                    + '<div class="pagination">'
                    + self.pb_navigation(art, idx, n)
                    + "</div>"
                )
                if idx:
                    title = f"{art.title} - {titles[idx - 1]}"
            item = SimpleNamespace(
                title=art.title,
                readmore_link=amp(self.art_url(art)),
                category_title=art.category.name,
                category_link=amp(self.cat_url(art.category)),
                parent_title=art.category.parent.name if art.category.parent else "",
                parent_link=amp(self.cat_url(art.category.parent)) if art.category.parent else "",
                created=art.created,
                modified=art.modified,
                publish_up=art.publish_up,
                author=esc(art.author) if art.author else "",
                hits=art.hits,
                print_icon=print_icon,
                email_icon=email_icon,
                toc=toc,
                image_fulltext=self.image_ns(art.image_fulltext, "left"),
                text=self.cloaked(text, art, "article"),
                pagination=self.pagenav(art),
            )
            comp = self.render(
                "article", p=ARTICLE_PARAMS, pageclass_sfx="", item=item, print_view=False
            )
            trail = [*self.trail_for(art.category, last_linked=True), (art.title, None)]
            page = Page(path, file, art.category.itemid, trail)
            html = self.page_html(
                page,
                comp,
                title=title,
                description=self.site.description,
                author=art.author,
                caption=True,
            )
            self.write(file, html)
        self.register_article(art, **entry)

    def error_page(self, message: str) -> str:
        return self.render("error", code=404, message=message)

    def build_errors(self) -> None:
        errors = {
            "404": ("error/404.html", "Không tìm thấy thành phần mở rộng"),
            "article": ("error/404-article.html", "Không tìm thấy bài viết"),
            "category": ("error/404-category.html", "Không thấy Chuyên mục"),
        }
        for key, (file, message) in errors.items():
            self.write(file, self.error_page(message))
            self.manifest["errors"][key] = file

    def build_mailto(self) -> None:
        head = (
            f'{T}<base href="{HOST}/index.php/component/mailto/" />\n'
            f'{T}<meta http-equiv="content-type" content="text/html; charset=utf-8" />\n'
            f'{T}<meta name="robots" content="noindex, nofollow" />\n'
            f'{T}<meta name="generator" content="Joomla! - Open Source Content Management" />\n'
            f"{T}<title>{esc(self.site.name)}</title>\n"
            f'{T}<script src="/media/system/js/core.js" type="text/javascript"></script>\n'
        )
        html = self.render("mailto", head=head, host=HOST, token=self.form_token("mailto"))
        self.write("component/mailto.html", html)
        self.manifest["special"]["mailto"] = "component/mailto.html"

    # -- feeds ---------------------------------------------------------------------------------

    def feed_rss(self, cat: Category | None, items: list[Article]) -> str:
        now = self.site.now
        if cat is None:
            title, link, self_url = self.site.name, "/", "/?format=feed&type=rss"
        else:
            title, link, self_url = (
                cat.name,
                self.cat_url(cat),
                f"/index.php/{cat.route}.feed?type=rss",
            )
        f = '<?xml version="1.0" encoding="utf-8"?>\n'
        f += '<!-- generator="Joomla! - Open Source Content Management" -->\n'
        f += '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n'
        f += "\t<channel>\n"
        f += f"\t\t<title>{esc(title)}</title>\n"
        f += f"\t\t<description><![CDATA[{self.site.description}]]></description>\n"
        f += f"\t\t<link>{HOST}{link}</link>\n"
        f += f"\t\t<lastBuildDate>{date_rfc822(now)}</lastBuildDate>\n"
        f += "\t\t<generator>Joomla! - Open Source Content Management</generator>\n"
        f += (
            f'\t\t<atom:link rel="self" type="application/rss+xml" href="{HOST}{amp(self_url)}"/>\n'
        )
        f += "\t\t<language>vi-vn</language>\n"
        for art in items:
            link = HOST + self.art_url(art)
            desc = '<div class="feed-description">' + art.introtext + "</div>"
            f += "\t\t<item>\n"
            f += f"\t\t\t<title>{esc(art.title)}</title>\n"
            f += f"\t\t\t<link>{link}</link>\n"
            f += f'\t\t\t<guid isPermaLink="true">{link}</guid>\n'
            f += f"\t\t\t<description><![CDATA[{rel_to_abs(desc, HOST + '/', generation='j25')}]]></description>\n"
            if art.author:
                f += f"\t\t\t<author>{esc(AUTHOR_EMAIL + ' (' + art.author + ')')}</author>\n"
            f += f"\t\t\t<category>{esc(art.category.name)}</category>\n"
            f += f"\t\t\t<pubDate>{date_rfc822(art.publish_up)}</pubDate>\n"
            f += "\t\t</item>\n"
        f += "\t</channel>\n</rss>\n"
        return f

    def feed_atom(self, cat: Category | None, items: list[Article]) -> str:
        now = self.site.now
        if cat is None:
            title, base, self_url = self.site.name, "/", "/?format=feed&type=atom"
        else:
            title, base, self_url = (
                cat.name,
                f"/index.php/{cat.route}.feed",
                f"/index.php/{cat.route}.feed?type=atom",
            )
        f = '<?xml version="1.0" encoding="utf-8"?>\n'
        f += '<!-- generator="Joomla! - Open Source Content Management" -->\n'
        f += '<feed xmlns="http://www.w3.org/2005/Atom"  xml:lang="vi-vn">\n'
        f += f'\t<title type="text">{esc(title)}</title>\n'
        f += f'\t<subtitle type="text">{esc(self.site.description)}</subtitle>\n'
        f += f'\t<link rel="alternate" type="text/html" href="{HOST}"/>\n'
        f += f"\t<id>{HOST}{base}</id>\n"
        f += f"\t<updated>{date_iso(now)}</updated>\n"
        f += '\t<generator uri="http://joomla.org" version="2.5">Joomla! - Open Source Content Management</generator>\n'
        f += f'\t<link rel="self" type="application/atom+xml" href="{HOST}{amp(self_url)}"/>\n'
        for art in items:
            link = HOST + self.art_url(art)
            desc = '<div class="feed-description">' + art.introtext + "</div>"
            f += "\t<entry>\n"
            f += f"\t\t<title>{esc(art.title)}</title>\n"
            f += f'\t\t<link rel="alternate" type="text/html" href="{link}"/>\n'
            f += f"\t\t<published>{date_iso(art.publish_up)}</published>\n"
            f += f"\t\t<updated>{date_iso(art.publish_up)}</updated>\n"
            f += f"\t\t<id>{link}</id>\n"
            if art.author:
                f += "\t\t<author>\n"
                f += f"\t\t\t<name>{esc(art.author)}</name>\n"
                f += f"\t\t\t<email>{AUTHOR_EMAIL}</email>\n"
                f += "\t\t</author>\n"
            f += f'\t\t<summary type="html">{esc(desc)}</summary>\n'
            f += f'\t\t<content type="html">{esc(desc)}</content>\n'
            f += f'\t\t<category term="{esc(art.category.name)}" />\n'
            f += "\t</entry>\n"
        f += "</feed>\n"
        return f
