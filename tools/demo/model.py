"""Content model for the demo site builder: loads content.json and derives what Joomla would."""

# ruff: noqa: E501  (literal Joomla markup reads better unwrapped)

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

TZ = timezone(timedelta(hours=7))

HERE = Path(__file__).resolve().parent
CONTENT = HERE / "content.json"
SAMPLE = HERE / "sample_content.json"

# Fixed "site configuration" numbers.
HOME_ITEMID = 101
HITS_OFFSET = 36_700_000  # mod_stats "increase" parameter
FEED_LIMIT = 10
HOME_LEADING, HOME_INTRO, HOME_LINKS, HOME_COLUMNS = 1, 4, 5, 2


@dataclass
class Image:
    src: str
    caption: str = ""
    alt: str = ""


@dataclass
class Category:
    id: int
    alias: str
    name: str
    parent_id: int | None
    layout: str
    itemid: int
    description: str
    page_size: int
    parent: Category | None = None
    children: list[Category] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)

    @property
    def route(self) -> str:
        """The menu route (aliases of the menu item path), e.g. ``hoat-dong/co-so``."""
        parts = []
        node: Category | None = self
        while node is not None:
            parts.append(node.alias)
            node = node.parent
        return "/".join(reversed(parts))

    @property
    def ancestors(self) -> list[Category]:
        """Root-most first, excluding self."""
        out = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return list(reversed(out))

    @property
    def slug(self) -> str:
        return f"{self.id}:{self.alias}"

    def num_items(self) -> int:
        return len(self.articles) + sum(c.num_items() for c in self.children)

    # Blog split of one page (Joomla: num_leading / num_intro / num_links)
    @property
    def blog_split(self) -> tuple[int, int, int]:
        size = self.page_size
        leading = 1 if size >= 1 else 0
        links = (size - leading) // 2
        intro = size - leading - links
        return leading, intro, links

    @property
    def listing(self) -> list[Article]:
        """Articles shown on the category's listing pages and feeds.

        The menu items use "show_subcategory_content = all", so a parent category lists the
        articles of its descendants too (newest first).
        """
        items = list(self.articles)
        for child in self.children:
            items.extend(child.listing)
        return sorted(items, key=lambda a: (a.created, a.id), reverse=True)

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.listing) / self.page_size))


@dataclass
class Article:
    id: int
    alias: str
    catid: int
    title: str
    author: str | None
    created: datetime
    modified: datetime | None
    publish_up: datetime
    hits: int
    featured: bool
    introtext: str
    fulltext: str
    image_intro: Image | None
    image_fulltext: Image | None
    images: list[dict[str, Any]]
    category: Category = None  # type: ignore[assignment]

    @property
    def slug(self) -> str:
        return f"{self.id}:{self.alias}"

    @property
    def readmore(self) -> bool:
        return bool(self.fulltext.strip())

    @property
    def text(self) -> str:
        return self.introtext + self.fulltext


@dataclass
class Site:
    name: str
    short_name: str
    description: str
    keywords: str
    categories: list[Category]
    articles: list[Article]
    source: Path

    def __post_init__(self) -> None:
        self.cat_by_id = {c.id: c for c in self.categories}
        self.art_by_id = {a.id: a for a in self.articles}

    @property
    def top_categories(self) -> list[Category]:
        return [c for c in self.categories if c.parent is None]

    def menu_order(self) -> list[Category]:
        """Categories in menu (tree) order."""
        out: list[Category] = []

        def walk(cat: Category) -> None:
            out.append(cat)
            for child in cat.children:
                walk(child)

        for cat in self.top_categories:
            walk(cat)
        return out

    @property
    def featured(self) -> list[Article]:
        items = [a for a in self.articles if a.featured]
        if not items:  # no featured flags in the content: the newest articles stand in
            items = self.articles[: HOME_LEADING + HOME_INTRO + HOME_LINKS]
        return sorted(items, key=lambda a: (a.created, a.id), reverse=True)

    @property
    def latest(self) -> list[Article]:
        return sorted(self.articles, key=lambda a: (a.created, a.id), reverse=True)[:5]

    @property
    def popular(self) -> list[Article]:
        return sorted(self.articles, key=lambda a: (a.hits, a.id), reverse=True)[:5]

    @property
    def total_hits(self) -> int:
        return sum(a.hits for a in self.articles) + HITS_OFFSET

    @property
    def now(self) -> datetime:
        """A deterministic "now" for the build: the newest date in the content."""
        dates = [a.created for a in self.articles] + [
            a.modified for a in self.articles if a.modified
        ]
        return max(dates) if dates else datetime(2014, 1, 1, tzinfo=TZ)

    def find_category(self, title: str) -> Category | None:
        want = fold(title)
        for cat in self.categories:
            if fold(cat.name) == want or fold(cat.alias.replace("-", " ")) == want:
                return cat
        for cat in self.categories:
            if want in fold(cat.name):
                return cat
        return None


def fold(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", text).strip().lower()


def parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=TZ)
    return dt.astimezone(TZ)


def _image(data: dict[str, Any] | None) -> Image | None:
    if not data or not data.get("src"):
        return None
    return Image(data["src"], data.get("caption") or "", data.get("alt") or "")


def _split_texts(intro: str, full: str) -> tuple[str, str]:
    """Joomla stores introtext and fulltext separately; the article shows both.

    The content schema's ``full_html`` may be either the part after the "read more" (Joomla's
    own ``fulltext``) or the complete body that repeats the intro.  Detect the latter.
    """

    def norm(s: str) -> str:
        return re.sub(r"\s+", " ", s).strip()

    n_intro, n_full = norm(intro), norm(full)
    if n_intro and n_full.startswith(n_intro):
        # complete body: cut the intro off at the same place in the raw string
        idx = full.find(intro.strip()[:40]) if intro.strip() else -1
        if idx >= 0:
            rest = full[idx + len(intro.strip()) :]
            return intro, rest
        return intro, full[len(intro) :]
    return intro, full


def load_site(path: Path | None = None) -> Site:
    if path is None:
        path = CONTENT if CONTENT.exists() else SAMPLE
    data = json.loads(path.read_text(encoding="utf-8"))
    s = data["site"]
    cats: list[Category] = []
    for c in data["categories"]:
        cats.append(
            Category(
                id=int(c["id"]),
                alias=c["alias"],
                name=c["name"],
                parent_id=c.get("parent"),
                layout=c.get("layout") or "blog",
                itemid=int(c.get("itemid") or 0),
                description=c.get("description") or "",
                page_size=int(c.get("page_size") or 5),
            )
        )
    by_id = {c.id: c for c in cats}
    used_itemids = {HOME_ITEMID} | {c.itemid for c in cats if c.itemid}
    next_itemid = max(used_itemids) + 1
    for c in cats:
        if not c.itemid:
            c.itemid = next_itemid
            next_itemid += 1
        if c.parent_id is not None:
            c.parent = by_id.get(int(c.parent_id))
            if c.parent is None:
                print(f"warning: category {c.id} has unknown parent {c.parent_id}", file=sys.stderr)
            else:
                c.parent.children.append(c)
    arts: list[Article] = []
    for a in data["articles"]:
        cat = by_id.get(int(a["catid"]))
        if cat is None:
            print(f"warning: article {a['id']} in unknown category {a['catid']}", file=sys.stderr)
            continue
        created = parse_date(a.get("created")) or datetime(2014, 1, 1, tzinfo=TZ)
        intro, full = _split_texts(a.get("intro_html") or "", a.get("full_html") or "")
        art = Article(
            id=int(a["id"]),
            alias=a["alias"],
            catid=cat.id,
            title=a["title"],
            author=a.get("author") or None,
            created=created,
            modified=parse_date(a.get("modified")),
            publish_up=parse_date(a.get("publish_up")) or created,
            hits=int(a.get("hits") or 0),
            featured=bool(a.get("featured")),
            introtext=intro,
            fulltext=full,
            image_intro=_image(a.get("image_intro")),
            image_fulltext=_image(a.get("image_fulltext")),
            images=list(a.get("images") or []),
            category=cat,
        )
        arts.append(art)
        cat.articles.append(art)
    for c in cats:
        # category blog/list ordering: most recent first ("rdate")
        c.articles.sort(key=lambda a: (a.created, a.id), reverse=True)
    arts.sort(key=lambda a: (a.created, a.id), reverse=True)
    return Site(
        name=s.get("name", "Ban Tuyên giáo Tỉnh ủy An Giang"),
        short_name=s.get("short_name", "TGAG"),
        description=s.get("description", ""),
        keywords=s.get("keywords", ""),
        categories=cats,
        articles=arts,
        source=path,
    )


# ---------------------------------------------------------------- text helpers (PHP-alikes)


def esc(value: Any) -> str:
    """htmlspecialchars(ENT_COMPAT): & < > " (not ')."""
    return html.escape(str(value), quote=False).replace('"', "&quot;")


def esc_q(value: Any) -> str:
    """htmlspecialchars(ENT_QUOTES)."""
    return esc(value).replace("'", "&#039;")


def amp(url: str) -> str:
    """A URL as JRoute::_() returns it for HTML: '&' escaped as '&amp;'."""
    return url.replace("&", "&amp;")


WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def date_lc2(dt: datetime) -> str:
    """DATE_FORMAT_LC2 'l, d F Y H:i' in vi-VN."""
    dt = dt.astimezone(TZ)
    return f"{WEEKDAYS[dt.weekday()]}, {dt.day:02d} Tháng {dt.month} {dt.year} {dt:%H:%M}"


def date_lc3(dt: datetime) -> str:
    """DATE_FORMAT_LC3 'd F Y' in vi-VN."""
    dt = dt.astimezone(TZ)
    return f"{dt.day:02d} Tháng {dt.month} {dt.year}"


def date_iso(dt: datetime) -> str:
    """JHtml date 'c' / toISO8601(true)."""
    return dt.astimezone(TZ).isoformat(timespec="seconds")


def date_rfc822(dt: datetime) -> str:
    dt = dt.astimezone(TZ)
    return f"{EN_DAYS[dt.weekday()]}, {dt.day:02d} {EN_MONTHS[dt.month - 1]} {dt:%Y %H:%M:%S} +0700"


def stable_int(*parts: Any) -> int:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def whosonline(key: str) -> str:
    """mod_whosonline text with vi-VN strings, figures derived from the page's path."""
    n = stable_int("whosonline", key)
    guests = 20 + n % 281
    members = (n >> 20) % 4
    g = "không có khách" if guests == 0 else "một khách" if guests == 1 else f"{guests}&#160;khách"
    m = (
        "không thành viên"
        if members == 0
        else "một thành viên"
        if members == 1
        else f"{members}&#160;thành viên"
    )
    return f"Đang có {g} và {m} đang online"


# ---------------------------------------------------------------- content plugins

_EMAIL = r"([\w\.\-\+]+\@(?:[a-z0-9\.\-]+\.)+(?:[a-zA-Z0-9\-]{2,10}))"
_MAILTO_LINK = re.compile(
    r'<a ([^>]*)href\s*=\s*"mailto:' + _EMAIL + r'"([^>]*)>' + _EMAIL + "</a>", re.I
)
_MAILTO_TEXT = re.compile(r'<a ([^>]*)href\s*=\s*"mailto:' + _EMAIL + r'"([^>]*)>([^<]*)</a>', re.I)
_PLAIN_EMAIL = re.compile(_EMAIL + r"([^a-z0-9]|$)", re.I)


def _convert_encoding(text: str) -> str:
    text = html.unescape(text)
    for ch, ent in (
        ("a", "&#97;"),
        ("e", "&#101;"),
        ("i", "&#105;"),
        ("o", "&#111;"),
        ("u", "&#117;"),
    ):
        text = text.replace(ch, ent)
    return text


def cloak(
    mail: str, seed: str, *, generation: str, text: str = "", text_is_email: bool = True
) -> str:
    """JHtml::_('email.cloak', ...) of Joomla 2.5 (``j25``) or 3.10 (``j3``)."""
    m = _convert_encoding(mail)
    user, _, domain = m.partition("@")
    dom_parts = domain.split(".")
    joined = "' + '&#46;' + '".join(dom_parts)
    label = "This email address is being protected from spambots. You need JavaScript enabled to view it."
    if text:
        t = _convert_encoding(text)
        if text_is_email:
            tu, _, td = t.partition("@")
            addy_text = f"'{tu}' + '&#64;' + '" + "' + '&#46;' + '".join(td.split(".")) + "'"
        else:
            addy_text = f"'{t}'"
    else:
        addy_text = ""
    if generation == "j25":
        rand = 1 + stable_int("cloak", seed, mail) % 100000
        r = f"<span id=\"cloak{rand}\">{label}</span><script type='text/javascript'>"
        r += "\n //<!--"
        r += f"\n document.getElementById('cloak{rand}').innerHTML = '';"
        r += "\n var prefix = '&#109;a' + 'i&#108;' + '&#116;o';"
        r += "\n var path = 'hr' + 'ef' + '=';"
        r += f"\n var addy{rand} = '{user}' + '&#64;';"
        r += f"\n addy{rand} = addy{rand} + '{joined}';"
        if addy_text:
            r += f"\n var addy_text{rand} = {addy_text};"
            r += (
                f"\n document.getElementById('cloak{rand}').innerHTML += '<a ' + path + '\\'' + "
                f"prefix + ':' + addy{rand} + '\\'>'+addy_text{rand}+'<\\/a>';"
            )
        else:
            r += (
                f"\n document.getElementById('cloak{rand}').innerHTML += '<a ' + path + '\\'' + "
                f"prefix + ':' + addy{rand} + '\\'>' + addy{rand}+'<\\/a>';"
            )
        r += "\n //-->"
        r += "\n </script>"
        return r
    rand = hashlib.md5(f"{m}{stable_int('cloak', seed) % 100000}".encode()).hexdigest()
    if addy_text:
        tmp = f"var addy_text{rand} = {addy_text};"
        tmp += (
            f"document.getElementById('cloak{rand}').innerHTML += '<a ' + path + '\\'' + prefix + "
            f"':' + addy{rand} + '\\'>'+addy_text{rand}+'<\\/a>';"
        )
    else:
        tmp = (
            f"document.getElementById('cloak{rand}').innerHTML += '<a ' + path + '\\'' + prefix + "
            f"':' + addy{rand} + '\\'>' +addy{rand}+'<\\/a>';"
        )
    script = (
        f"\n\t\t\t\tdocument.getElementById('cloak{rand}').innerHTML = '';"
        "\n\t\t\t\tvar prefix = '&#109;a' + 'i&#108;' + '&#116;o';"
        "\n\t\t\t\tvar path = 'hr' + 'ef' + '=';"
        f"\n\t\t\t\tvar addy{rand} = '{user}' + '&#64;';"
        f"\n\t\t\t\taddy{rand} = addy{rand} + '{joined}';"
        f"\n\t\t\t\t{tmp}"
        "\n\t\t"
    )
    return (
        f"<span id=\"cloak{rand}\">{label}</span><script type='text/javascript'>{script}</script>"
    )


def email_cloak(text: str, seed: str, generation: str) -> str:
    """plgContentEmailcloak (mode 1: addresses become cloaked mailto links)."""
    if "@" not in text:
        return text
    counter = 0

    def sub_link(m: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        return cloak(m.group(2), f"{seed}:{counter}", generation=generation, text=m.group(4))

    def sub_text_link(m: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        return cloak(
            m.group(2),
            f"{seed}:{counter}",
            generation=generation,
            text=m.group(4),
            text_is_email=False,
        )

    def sub_plain(m: re.Match[str]) -> str:
        nonlocal counter
        counter += 1
        return cloak(m.group(1), f"{seed}:{counter}", generation=generation) + m.group(2)

    text = _MAILTO_LINK.sub(sub_link, text)
    text = _MAILTO_TEXT.sub(sub_text_link, text)
    # plain addresses, but not inside tags/attributes or the scripts inserted above
    out = []
    for chunk in re.split(r"(<script\b.*?</script>|<[^>]+>)", text, flags=re.S | re.I):
        if chunk.startswith("<"):
            out.append(chunk)
        else:
            out.append(_PLAIN_EMAIL.sub(sub_plain, chunk))
    return "".join(out)


PAGEBREAK = re.compile(r'<hr(.*?)class="system-pagebreak"(.*?)/>', re.I | re.S)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')


def pagebreak_parts(text: str) -> tuple[list[str], list[str]]:
    """Split an article text at its page breaks: (page texts, titles of pages 2..n)."""
    matches = list(PAGEBREAK.finditer(text))
    pages = PAGEBREAK.split(text)[::3] if matches else [text]
    titles = []
    for i, m in enumerate(matches, start=2):
        attrs = dict(_ATTR.findall(m.group(0)))
        titles.append(attrs.get("alt") or attrs.get("title") or f"Trang {i}")
    return pages, titles


def strip_pagebreaks(text: str, repl: str = "") -> str:
    return PAGEBREAK.sub(repl, text)


def rel_to_abs(text: str, base: str, *, generation: str) -> str:
    """DocumentRenderer::_relToAbs()."""
    if generation == "j25":
        pattern = r'(href|src)="(?!http|ftp|https|mailto|data)([^"]*)"'
    else:
        pattern = r'(href|src)="(?!http|ftp|https|mailto|data|//)([^"]*)"'
    return re.sub(pattern, lambda m: f'{m.group(1)}="{base}{m.group(2)}"', text)


def sef_plugin(buffer: str) -> str:
    """plgSystemSef::onAfterRender(): relative src/href/poster become root-relative."""
    return re.sub(r'(src|href|poster)="(?!/|[a-zA-Z0-9]+:|#|\')([^"]*)"', r'\1="/\2"', buffer)


def truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut + "..."
