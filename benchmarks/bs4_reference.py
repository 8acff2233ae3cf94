"""The same extraction as `tgagreader.site.parse`, written with BeautifulSoup over lxml.

It is the baseline `benchmarks/parse.py` compares against: same containers, same fields, same
walk of the body into blocks (paragraphs with links, headings, lists, tables, images), so the
timing difference is the libraries', not a difference in the work done.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from bs4 import BeautifulSoup, NavigableString, Tag

from tgagreader.site.dates import parse_date
from tgagreader.text import clean, clean_lines

SKIP_CLASSES = {
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
}
BLOCKS = set(
    "p div section article center h1 h2 h3 h4 h5 h6 ul ol blockquote table figure hr dl".split()
)
SKIP = set("script style noscript iframe form button input select textarea svg".split())


def _soup(html: bytes | str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _base(soup: BeautifulSoup, url: str) -> str:
    base = soup.find("base", href=True)
    return urljoin(url, base["href"]) if base else url


def _skip(tag: Tag) -> bool:
    return bool(SKIP_CLASSES.intersection(tag.get("class") or ()))


def _walk(node: Tag, base: str, blocks: list[dict], buffer: list[str], links: list[dict]) -> None:
    for child in node.children:
        if isinstance(child, NavigableString):
            if child.__class__.__name__ == "NavigableString":
                buffer.append(str(child).replace("\n", " "))
            continue
        if not isinstance(child, Tag) or child.name in SKIP or _skip(child):
            continue
        name = child.name
        if name == "br":
            buffer.append("\n")
        elif name == "img":
            _flush(blocks, buffer, links)
            src = child.get("src")
            if src:
                blocks.append(
                    {"type": "image", "src": urljoin(base, src), "caption": child.get("title")}
                )
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            _flush(blocks, buffer, links)
            blocks.append({"type": "heading", "text": clean(child.get_text())})
        elif name in ("ul", "ol"):
            _flush(blocks, buffer, links)
            items = [clean(li.get_text()) for li in child.find_all("li")]
            blocks.append({"type": "list", "items": items})
        elif name == "table":
            _flush(blocks, buffer, links)
            rows = [
                [clean(cell.get_text()) for cell in row.find_all(["td", "th"])]
                for row in child.find_all("tr")
            ]
            blocks.append({"type": "table", "rows": rows})
        elif name == "a":
            start = len(buffer)
            _walk(child, base, blocks, buffer, links)
            href = child.get("href")
            if href:
                links.append({"text": clean("".join(buffer[start:])), "url": urljoin(base, href)})
        elif name in BLOCKS:
            _flush(blocks, buffer, links)
            _walk(child, base, blocks, buffer, links)
            _flush(blocks, buffer, links)
        else:
            _walk(child, base, blocks, buffer, links)


def _flush(blocks: list[dict], buffer: list[str], links: list[dict]) -> None:
    text = clean_lines("".join(buffer))
    buffer.clear()
    if text:
        blocks.append({"type": "paragraph", "text": text, "links": list(links)})
    links.clear()


def _info(root: Tag) -> dict:
    info: dict = {}
    for dd in root.select("dl.article-info dd"):
        classes = set(dd.get("class") or ())
        text = clean(dd.get_text())
        time = dd.find("time", datetime=True)
        if classes & {"published", "create"} and "published" not in info:
            info["published"] = parse_date(time["datetime"] if time else text)
        elif "modified" in classes:
            info["modified"] = parse_date(time["datetime"] if time else text)
        elif "hits" in classes:
            digits = re.sub(r"\D", "", text)
            info["hits"] = int(digits) if digits else None
        elif "createdby" in classes:
            info["author"] = re.sub(r"^Viết bởi\s*", "", text)
        elif "category-name" in classes:
            link = dd.find("a")
            info["category"] = clean(link.get_text()) if link else text
    return info


def bs4_article(html: bytes | str, url: str) -> dict:
    soup = _soup(html)
    base = _base(soup, url)
    root = soup.select_one("div.item-page")
    body = (
        root.select_one("[itemprop=articleBody]")
        if root
        else soup.select_one("[itemprop=articleBody]")
    )
    container = body or root or soup.body
    title_node = (root or soup).select_one("[itemprop=headline], .page-header h2, h2")
    blocks: list[dict] = []
    buffer: list[str] = []
    links: list[dict] = []
    if title_node is not None and body is None:
        title_node.extract()
    _walk(container, base, blocks, buffer, links)
    _flush(blocks, buffer, links)
    paragraphs = [block["text"] for block in blocks if block["type"] == "paragraph"]
    return {
        "title": clean(title_node.get_text()) if title_node else "",
        "body": blocks,
        "summary": next((p for p in paragraphs if len(p) >= 40), ""),
        **_info(root or soup),
    }


def bs4_listing(html: bytes | str, url: str) -> dict:
    soup = _soup(html)
    base = _base(soup, url)
    items = []
    for node in soup.select("div.items-leading > div, div.items-row div.item, [itemprop=blogPost]"):
        heading = node.find(["h2", "h3"])
        link = heading.find("a", href=True) if heading else None
        if link is None:
            continue
        blocks: list[dict] = []
        _walk(node, base, blocks, [], [])
        items.append(
            {
                "title": clean(heading.get_text()),
                "url": urljoin(base, link["href"]),
                "summary": " ".join(b["text"] for b in blocks if b["type"] == "paragraph"),
                **_info(node),
            }
        )
    for row in soup.select("table.category tbody tr"):
        link = row.select_one("td.list-title a")
        date = row.select_one("td.list-date")
        hits = row.select_one("td.list-hits")
        if link is not None:
            items.append(
                {
                    "title": clean(link.get_text()),
                    "url": urljoin(base, link["href"]),
                    "published": parse_date(clean(date.get_text())) if date else None,
                    "hits": int(re.sub(r"\D", "", hits.get_text()) or 0) if hits else None,
                }
            )
    counter = soup.select_one("p.counter")
    next_link = soup.select_one("li.pagination-next a, a[title='Trang sau']")
    return {
        "items": items,
        "counter": clean(counter.get_text()) if counter else None,
        "next": urljoin(base, next_link["href"]) if next_link else None,
    }
