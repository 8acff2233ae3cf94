"""Malformed and hostile input: the parsers return what is there or raise a ParseError naming
the page, and nothing else, whatever the bytes."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tgagreader.demo import site_root
from tgagreader.demo.faults import to_windows_1258
from tgagreader.render import body_text
from tgagreader.site import parse

J25 = site_root("j25")
J3 = site_root("j3")
URL = "http://tgag.example.vn/index.php/cong-tac-dan-van/1392-an-giang-4-nam.html"
SEED_LEAD = "(TGAG)- Thực hiện Quyết định số 290-QĐ/TW"


def page(generation: Path, relative: str) -> bytes:
    return (
        (generation / relative).read_bytes().replace(b"http://__HOST__", b"http://tgag.example.vn")
    )


ARTICLE = page(J25, "article/1392.html")
LISTING = page(J3, "category/cong-tac-dan-van/page-1.html")
PARSERS = (parse.parse_article, parse.parse_listing, parse.parse_site_stats, parse.parse_menu)


def article_page(body: str, charset: str = "utf-8") -> str:
    return (
        f'<html><head><meta http-equiv="content-type" content="text/html; charset={charset}" />'
        '<title>Bài - TGAG</title></head><body><div class="item-page"><h2>Tiêu đề bài viết</h2>'
        f'<dl class="article-info"><dd class="hits">Lượt xem: 5</dd></dl>{body}</div></body></html>'
    )


def test_truncated_page_is_never_presented_as_complete():
    for cut in (0.35, 0.5, 0.6, 0.7, 0.8, 0.9):
        data = ARTICLE[: int(len(ARTICLE) * cut)]
        try:
            article = parse.parse_article(data, URL)
        except parse.ParseError as error:
            assert error.url == URL
            continue
        assert article.complete is False, cut


def test_wrong_charset_declaration_utf8_bytes_win():
    data = article_page("<p>Công tác dân vận của hệ thống chính trị</p>", "windows-1252").encode()
    article = parse.parse_article(data, URL, content_type="text/html; charset=iso-8859-1")
    assert "Công tác dân vận" in body_text(article)


def test_windows_1258_bytes_are_decoded_and_normalised():
    text = "Quốc Hùng: Công tác dân vận của hệ thống chính trị ở An Giang"
    data = to_windows_1258(article_page(f"<p>{text}</p>", "windows-1258"))
    assert data.decode("cp1258") != text  # decomposed tone marks: not the same string until NFC
    article = parse.parse_article(data, URL)
    assert text in body_text(article)
    assert unicodedata.is_normalized("NFC", body_text(article))
    # and when the page claims UTF-8 but is windows-1258
    lying = to_windows_1258(article_page(f"<p>{text}</p>", "utf-8"))
    assert text in body_text(parse.parse_article(lying, URL))


@pytest.mark.parametrize("data", [b"", b"   \n", b"<html><body></body></html>"])
def test_empty_pages(data):
    with pytest.raises(parse.EmptyPage) as raised:
        parse.parse_article(data, URL)
    assert raised.value.url == URL


def test_not_found_page():
    with pytest.raises(parse.NotFoundPage, match="404"):
        parse.parse_article(page(J25, "error/404-article.html"), URL)
    with pytest.raises(parse.NotFoundPage):
        parse.parse_listing(page(J3, "error/404-category.html"), URL)


def test_five_megabyte_page():
    paragraph = (
        "<p>Công tác dân vận <strong>khéo</strong> ở cơ sở, gắn với xây dựng nông thôn mới.</p>\n"
    )
    repeats = 5 * 1024 * 1024 // len(paragraph.encode()) + 1
    data = article_page(paragraph * repeats).encode()
    assert len(data) > 5 * 1024 * 1024
    article = parse.parse_article(data, URL)
    assert len(article.body) == repeats
    assert article.body[-1].text == "Công tác dân vận khéo ở cơ sở, gắn với xây dựng nông thôn mới."


@pytest.mark.parametrize("tag", ["div", "span", "blockquote", "table"])
def test_ten_thousand_nested_elements(tag):
    inner = "<p>Văn bản ở rất sâu</p>"
    if tag == "table":
        nested = "<table><tr><td>" * 10_000 + inner + "</td></tr></table>" * 10_000
    else:
        nested = f"<{tag}>" * 10_000 + inner + f"</{tag}>" * 10_000
    article = parse.parse_article(
        article_page("<p>Mở đầu bài viết, đủ dài để làm phần tóm tắt.</p>" + nested), URL
    )
    assert "Văn bản ở rất sâu" in body_text(article)


def test_markup_lookalikes_stay_literal():
    body = "<p>[bold]đậm[/bold] [link=http://evil]x[/link] [@click=app.quit] \x1b[2J\x1b]52;c;eA==\x07</p>"
    article = parse.parse_article(article_page(body), URL)
    text = body_text(article)
    assert "[bold]đậm[/bold] [link=http://evil]x[/link] [@click=app.quit]" in text
    assert "\x1b" not in text
    assert "\x07" not in text


def test_script_links_are_not_links():
    body = (
        '<p>Xem <a href="javascript:alert(1)">đây</a>, <a href="data:text/html,x">kia</a>, '
        '<a href="file:///etc/passwd">tệp</a> và <a href="http://dangcongsan.vn/">Đảng</a> nữa.</p>'
    )
    article = parse.parse_article(article_page(body), URL)
    assert [link.url for link in article.links] == ["http://dangcongsan.vn/"]


def test_published_dates_are_site_local():
    article = parse.parse_article(ARTICLE, URL)
    assert article.published.utcoffset() == timedelta(hours=7)


@settings(deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_arbitrary_bytes_raise_only_parse_errors(data):
    for parser in PARSERS:
        try:
            parser(data, URL)
        except parse.ParseError as error:
            assert error.url == URL


def mutate(original: bytes, cuts: list[tuple[int, int]], inserts: list[tuple[int, bytes]]) -> bytes:
    data = bytearray(original)
    for start, length in cuts:
        start %= max(1, len(data))
        del data[start : start + length]
    for position, chunk in inserts:
        position %= max(1, len(data))
        data[position:position] = chunk
    return bytes(data)


FRAGMENTS = st.sampled_from(
    [
        b"<",
        b">",
        b"</div>",
        b"<div>",
        b"<p>",
        b"</p></td></tr>",
        b"<table><tr><td>",
        b"<!--",
        b"-->",
        b"<script>",
        b"\x00",
        b"\xff\xfe",
        b"&#27;[2J",
        b"<img src=javascript:x>",
        b"\xe1\xba",
        b"]]>",
        b'<dd class="hits">',
        b"<time datetime='9999-99-99'>",
        b'<a href="?start=-5">',
        b"\x1b]8;;",
    ]
)


@settings(deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([ARTICLE, LISTING]),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 4000)), max_size=4),
    st.lists(st.tuples(st.integers(0, 10**6), FRAGMENTS), max_size=8),
)
def test_mutated_real_pages_raise_only_parse_errors(original, cuts, inserts):
    data = mutate(original, cuts, inserts)
    for parser in PARSERS:
        try:
            result = parser(data, URL)
        except parse.ParseError as error:
            assert error.url == URL
            continue
        if parser is parse.parse_article:
            assert result.title
            assert result.body
