"""The parsers against pages they were not written from: tests/pages holds Joomla pages of many
templates (beez_20, Protostar, T3, Helix3, a hand-made provincial template), both generations,
error pages and oddities, each with a JSON file saying what a correct reader extracts.
See tests/pages/README.md for the cases and the judgement calls behind them."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from tgagreader.models import Image
from tgagreader.render import body_text
from tgagreader.site import parse
from tgagreader.site.article import canonical_page_url
from tgagreader.site.urls import canonical_article_url, canonical_url
from tgagreader.text import clean

PAGES = Path(__file__).parent / "pages"
CASES = sorted(path.stem for path in PAGES.glob("*.json"))
ERRORS = {
    "not_found": parse.NotFoundPage,
    "server_error": parse.ErrorPage,
    "login_required": parse.LoginRequired,
    "empty": parse.EmptyPage,
    "truncated": parse.TruncatedPage,
}


def load(case: str) -> tuple[bytes, dict]:
    return (PAGES / f"{case}.html").read_bytes(), json.loads(
        (PAGES / f"{case}.json").read_text("utf-8")
    )


def same_moment(found: datetime | None, expected: str | None) -> bool:
    if expected is None:
        return found is None
    if found is None:
        return False
    if len(expected) == 10:  # the page shows the day only
        return found.date().isoformat() == expected
    return found.isoformat() == expected


def check_category(found, expected: dict | None) -> None:
    if expected is None:
        return
    assert found is not None
    assert found.name == expected["name"]
    assert found.id == expected["id"]
    if expected["alias"] is not None:
        assert found.alias == expected["alias"]


def text_of_article(article) -> str:
    parts = [body_text(article)]
    parts += [block.caption or "" for block in article.body if isinstance(block, Image)]
    return clean(" ".join(parts))


@pytest.mark.parametrize("case", CASES)
def test_page(case):
    html, expected = load(case)
    url, content_type = expected["url"], expected.get("charset_header")
    kind = expected["kind"]
    if kind == "error":
        with pytest.raises(ERRORS[expected["error"]]) as raised:
            parse.parse_article(html, url, content_type=content_type)
        assert raised.value.url == url
        return
    if kind in ("article", "other"):
        check_article(html, url, content_type, expected)
    if kind in ("listing", "front"):
        check_listing(
            parse.parse_listing(html, url, content_type=content_type), expected["listing"]
        )
    if expected.get("stats", "absent") != "absent" and kind != "other":
        check_stats(parse.parse_site_stats(html, url, content_type=content_type), expected["stats"])
    if expected.get("menu") is not None:
        check_menu(parse.parse_menu(html, url, content_type=content_type), expected["menu"])


def check_article(html: bytes, url: str, content_type: str | None, expected: dict) -> None:
    spec = expected["article"]
    error = expected.get("error")
    if error == "truncated" or (error == "login_required" and spec.get("complete") is False):
        try:
            article = parse.parse_article(html, url, content_type=content_type)
        except ERRORS[error]:
            return
        assert article.complete is False
    else:
        article = parse.parse_article(html, url, content_type=content_type)
    text = text_of_article(article)
    if "title" in spec:
        assert article.title == spec["title"]
    for phrase in spec.get("body_contains", []):
        assert clean(phrase) in text, phrase
    raw = body_text(article) + article.title
    for phrase in spec.get("body_excludes", []):
        assert phrase not in raw, phrase
        assert not clean(phrase) or clean(phrase) not in text, phrase
    if expected["kind"] == "other":
        return
    assert article.id == spec["id"]
    check_category(article.category, spec.get("category"))
    assert article.author == spec["author"]
    assert article.byline == spec["byline"]
    assert same_moment(article.published, spec["published"]), article.published
    assert same_moment(article.modified, spec["modified"]), article.modified
    assert article.hits == spec["hits"]
    if spec.get("summary_startswith"):
        assert article.summary.startswith(spec["summary_startswith"]), article.summary[:80]
    types = {block.type for block in article.body}
    assert set(spec.get("block_types", [])) <= types
    images = {(image.src, image.caption) for image in article.images}
    for image in spec.get("images", []):
        assert (image["src"], image["caption"]) in images, image
    links = {(link.text, link.url) for link in article.links}
    for link in spec.get("links", []):
        if link["url"].startswith(("http://", "https://")):
            assert (link["text"], link["url"]) in links, link
    assert list(article.pages) == [canonical_page_url(page) for page in spec.get("pages", [])]
    for key in ("prev_url", "next_url"):
        wanted = spec.get(key)
        assert getattr(article, key) == (canonical_article_url(wanted) if wanted else None), key
    if "complete" in spec and expected.get("error") is None:
        assert article.complete is spec["complete"]


def check_listing(listing, spec: dict) -> None:
    check_category(listing.category, spec.get("category"))
    assert listing.page == (spec.get("page") or 1)
    if spec.get("page_count") is not None:
        assert listing.page_count == spec["page_count"]
    wanted_next = spec.get("next_url")
    assert listing.next_url == (canonical_url(wanted_next) if wanted_next else None)
    assert [item.id for item in listing.items] == [item["id"] for item in spec["items"]]
    for item, want in zip(listing.items, spec["items"], strict=True):
        assert item.title == want["title"]
        assert item.url == canonical_article_url(want["url"])
        if "published" in want:
            assert same_moment(item.published, want["published"]), (item.id, item.published)
        if "hits" in want:
            assert item.hits == want["hits"], item.id
        if want.get("summary_startswith"):
            assert item.summary.startswith(want["summary_startswith"]), item.summary[:80]
        if "image" in want:
            assert item.image == want["image"], item.id
    assert [(item.id, item.title) for item in listing.more] == [
        (item["id"], item["title"]) for item in spec.get("more", [])
    ]


def check_stats(stats, spec: dict | None) -> None:
    if spec is None:
        assert stats is None
        return
    assert stats is not None
    assert (stats.guests_online, stats.members_online, stats.article_hits) == (
        spec["guests_online"],
        spec["members_online"],
        spec["article_hits"],
    )
    for label, value in (spec.get("other") or {}).items():
        assert stats.other.get(label) == value, label


def check_menu(menu, spec: list[dict]) -> None:
    assert [entry.name for entry in menu] == [entry["name"] for entry in spec]
    for entry, want in zip(menu, spec, strict=True):
        assert entry.url == want["url"], entry.name
        assert entry.id == want["id"], entry.name
        if want["alias"] is not None:
            assert entry.alias == want["alias"], entry.name
        check_menu(list(entry.children), want.get("children") or [])
