"""Every field of every page kind of the demo site, in both Joomla generations, fetched over
HTTP from the demo server and checked against the content the site was built from
(tools/demo/content.json), not against the parser's own output."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from datetime import datetime
from functools import cache

import pytest

from demo_tools import CONTENT
from tgagreader.models import Image, ListBlock, Table
from tgagreader.render import body_text
from tgagreader.site import parse
from tgagreader.site.urls import build_article_url, route
from tgagreader.text import clean

ARTICLES = {article["id"]: article for article in CONTENT["articles"]}
CATEGORIES = {category["id"]: category for category in CONTENT["categories"]}


@cache
def get(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url) as response:
        return response.read(), response.headers.get("Content-Type")


def strip_tags(fragment: str) -> list[str]:
    """The paragraphs' plain text, as a reader would see it (no parser involved)."""
    fragment = re.sub(r"<script.*?</script>", "", fragment, flags=re.S)
    fragment = re.sub(r"<hr[^>]*system-pagebreak[^>]*>", "</p>", fragment)
    parts = re.split(r"</(?:p|h\d|li|td|th|blockquote)>|<br\s*/?>", fragment)
    return [t for t in (clean(html.unescape(re.sub(r"<[^>]+>", "", part))) for part in parts) if t]


def article_url(server, number: int) -> str:
    article = ARTICLES[number]
    if server.generation == "j3":
        itemid = CATEGORIES[article["catid"]]["itemid"]
        return build_article_url(
            server.url, number, alias=article["alias"], catid=article["catid"], itemid=itemid
        )
    return server.url + f"index.php/{route_of(article['catid'])}/{number}-{article['alias']}.html"


def route_of(number: int) -> str:
    category = CATEGORIES[number]
    parent = category["parent"]
    return (
        category["alias"]
        if parent is None
        else f"{CATEGORIES[parent]['alias']}/{category['alias']}"
    )


def fetch_article(server, number: int, *, whole: bool = False):
    url = article_url(server, number)
    data, content_type = get(url)
    article = parse.parse_article(data, url, content_type=content_type)
    if whole and article.pages:
        pages = [parse.parse_article(*get(page)[:1], page) for page in article.pages]
        article = parse.merge_pages(article, pages)
    return article


def expected_byline(article: dict) -> str | None:
    whole = article["intro_html"] + article["full_html"]
    last = re.findall(r"<p[^>]*>.*?</p>", whole, flags=re.S)[-1]
    if "text-align: right" not in last:
        return None
    return ", ".join(strip_tags(last))


def same_time(found: datetime | None, iso: str | None) -> bool:
    if iso is None:
        return found is None
    wanted = datetime.fromisoformat(iso)
    return found is not None and (found == wanted or found.date() == wanted.date())


@pytest.mark.parametrize("number", sorted(ARTICLES))
def test_every_article_of_both_generations(demo_server, number):
    spec = ARTICLES[number]
    article = fetch_article(demo_server, number, whole=True)
    assert article.id == number
    assert article.title == clean(spec["title"])
    category = CATEGORIES[spec["catid"]]
    assert article.category.name == category["name"]
    assert article.category.alias == category["alias"]
    assert article.category.id == (category["id"] if demo_server.generation == "j3" else None)
    assert same_time(article.published, spec["publish_up"] or spec["created"])
    assert same_time(article.modified, spec["modified"])
    assert article.hits == spec["hits"]
    assert article.author == spec["author"]
    assert article.byline == expected_byline(spec)
    assert article.complete is True
    text = clean(body_text(article))
    paragraphs = strip_tags(spec["intro_html"] + spec["full_html"])
    assert article.summary == next(p for p in paragraphs if len(p) >= 40)
    for paragraph in paragraphs:
        if "@" in paragraph:  # cloaked: checked below
            continue
        assert paragraph in text, paragraph
    for noise in (
        "Truy cập hiện tại",
        "Lượt xem",
        "Chi tiết",
        "Viết bởi",
        "Trang sau",
        "In bài này",
        "Số lần xem",
    ):
        assert noise not in text
    srcs = {image.src.rsplit("/", 1)[-1] for image in article.images}
    shown = re.findall(r'<img[^>]+src="([^"]+)"', spec["intro_html"] + spec["full_html"])
    if spec["image_fulltext"]:
        shown.append(spec["image_fulltext"]["src"])
    assert srcs == {src.rsplit("/", 1)[-1] for src in shown}
    for image in article.images:
        assert image.src.startswith(demo_server.url)


def test_caption_forms(demo_server):
    captioned = {1288: "title attribute", 2229: "italic line after the image", 2401: "layout table"}
    for number in captioned:
        article = fetch_article(demo_server, number)
        assert any(isinstance(b, Image) and b.caption for b in article.body), captioned[number]
    layout = fetch_article(demo_server, 2401)
    assert not any(isinstance(b, Table) for b in layout.body)


def test_data_tables_lists_and_headings(demo_server):
    table = next(b for b in fetch_article(demo_server, 1771).body if isinstance(b, Table))
    assert table.header
    assert table.rows[0][0] == "STT"
    assert len(table.rows) > 3
    ordered = [b for b in fetch_article(demo_server, 1758).body if isinstance(b, ListBlock)]
    assert ordered[0].ordered
    assert {b.type for b in fetch_article(demo_server, 1702).body} >= {"quote"}
    assert {b.type for b in fetch_article(demo_server, 1909).body} >= {"heading"}


def test_cloaked_email_is_decoded(demo_server):
    article = fetch_article(demo_server, 2514)
    text = body_text(article)
    assert "bantuyengiao@angiang.gov.vn" in text
    assert "spambots" not in text
    assert "JavaScript" not in text


def test_multi_page_article_lists_its_pages_and_merges(demo_server):
    first = fetch_article(demo_server, 2185)
    assert len(first.pages) == 2
    others = []
    for url in first.pages:
        data, content_type = get(url)
        page = parse.parse_article(data, url, content_type=content_type)
        assert page.id == 2185
        others.append(page)
    merged = parse.merge_pages(first, others)
    text = clean(body_text(merged))
    for paragraph in strip_tags(ARTICLES[2185]["full_html"]):
        assert paragraph in text
    assert "Trang 2 / 3" not in text


def test_prev_and_next_article_links(demo_server):
    article = fetch_article(demo_server, 1392)
    targets = {route(url).article_id for url in (article.prev_url, article.next_url) if url}
    assert targets
    assert 1392 not in targets
    assert all(number in ARTICLES for number in targets)


def category_pages(server, number: int) -> list[str]:
    category = CATEGORIES[number]
    if server.generation == "j3":
        layout = "&layout=blog" if category["layout"] == "blog" else ""
        first = f"{server.url}index.php?option=com_content&view=category{layout}&id={number}&Itemid={category['itemid']}"
    else:
        first = f"{server.url}index.php/{route_of(number)}.html"
    return [first]


@pytest.mark.parametrize("number", sorted(n for n in CATEGORIES if n != 8))
def test_every_listing_page(demo_server, number):
    category = CATEGORIES[number]
    own = sorted(
        (a for a in CONTENT["articles"] if a["catid"] == number),
        key=lambda a: a["publish_up"] or a["created"],
        reverse=True,
    )
    url = category_pages(demo_server, number)[0]
    seen: list[int] = []
    page = 1
    while url:
        data, content_type = get(url)
        listing = parse.parse_listing(data, url, content_type=content_type)
        assert listing.category.name == category["name"]
        assert listing.category.alias == category["alias"]
        assert listing.page == page
        assert listing.page_count == -(-len(own) // category["page_size"])
        assert listing.layout == category["layout"]
        for item in listing.articles:
            spec = ARTICLES[item.id]
            assert item.title == clean(spec["title"])
            assert route(item.url).article_id == item.id
        for item in listing.items:  # "more articles" links carry a title only
            spec = ARTICLES[item.id]
            assert same_time(item.published, spec["publish_up"] or spec["created"])
            assert item.hits == spec["hits"]
        seen += [item.id for item in listing.articles]
        url = listing.next_url
        page += 1
        assert page <= 5
    assert seen == [a["id"] for a in own]


def test_blog_items_have_summaries_and_images(j3_server):
    url = category_pages(j3_server, 15)[0]
    data, content_type = get(url)
    listing = parse.parse_listing(data, url, content_type=content_type)
    for item in listing.items:
        lead = strip_tags(ARTICLES[item.id]["intro_html"])[0]
        assert item.summary.startswith(lead[:60])
        assert item.hits == ARTICLES[item.id]["hits"]


def test_front_page_menu_stats_and_featured(demo_server):
    data, content_type = get(demo_server.url)
    front = parse.parse_front_page(data, demo_server.url, content_type=content_type)
    assert front.site_name
    top = [c.name for c in front.menu]
    assert top == [c["name"] for c in CONTENT["categories"] if c["parent"] is None]
    parent = front.menu[0]
    assert [c.name for c in parent.children] == [
        c["name"] for c in CONTENT["categories"] if c["parent"] == parent_id(parent.name)
    ]
    for entry in front.menu:
        assert entry.url.startswith(demo_server.url)
    assert front.stats is not None
    assert front.stats.guests_online >= 1
    assert front.stats.members_online in (0, 1, 2, 3)
    total = sum(a["hits"] for a in CONTENT["articles"])
    assert front.stats.article_hits > total
    featured = {a["id"] for a in CONTENT["articles"] if a["featured"]}
    assert {item.id for item in front.listing.articles} == featured
    assert front.listing.category is None


def parent_id(name: str) -> int:
    return next(c["id"] for c in CONTENT["categories"] if c["name"] == name)


def test_whos_online_differs_between_pages(demo_server):
    figures = set()
    for number in (1392, 1771, 2185, 2514):
        url = article_url(demo_server, number)
        data, _ = get(url)
        stats = parse.parse_site_stats(data, url)
        figures.add((stats.guests_online, stats.members_online))
    assert len(figures) > 1


def test_error_pages_of_the_demo(demo_server):
    url = demo_server.url + "index.php?option=com_content&view=article&id=99999&catid=12"
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(url)
    body = raised.value.read()
    with pytest.raises(parse.NotFoundPage):
        parse.parse_article(body, url)
    data, content_type = get(category_pages(demo_server, 12)[0])
    with pytest.raises(parse.UnexpectedPage):
        parse.parse_article(data, demo_server.url, content_type=content_type)
