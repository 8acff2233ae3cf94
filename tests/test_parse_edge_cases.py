"""Markup that editors and templates really produce and that once cost an article, a field or
the reader's safety: each test names what the page does and what the reader must get from it."""

from __future__ import annotations

import codecs
from datetime import datetime, timedelta, timezone

from tgagreader.models import Article, ArticleSummary, Category, Image, ListBlock, Paragraph
from tgagreader.site import parse, urls
from tgagreader.site.dates import parse_date
from tgagreader.sync import reconcile
from tgagreader.text import fold, is_openable_url

URL = "http://tgag.example.vn/index.php/cong-tac-dan-van/1392-an-giang-4-nam.html"
LEAD = "Thực hiện Quyết định số 290-QĐ/TW của Bộ Chính trị về công tác dân vận ở An Giang."


def j25_page(body: str, *, title: str = "Tiêu đề bài viết", head_title: str = "Bài - TGAG") -> str:
    return (
        f'<html><head><meta charset="utf-8"><title>{head_title}</title></head><body>'
        f'<div class="item-page"><h2>{title}</h2>'
        f'<dl class="article-info"><dd class="hits">Lượt xem: 5</dd></dl>{body}</div>'
        "</body></html>"
    )


def j3_page(body: str) -> str:
    return (
        '<html><head><meta charset="utf-8"><title>Bài - TGAG</title></head><body>'
        '<div class="item-page" itemscope itemtype="https://schema.org/Article">'
        '<div class="page-header"><h1>Công tác dân vận</h1></div>'
        '<div class="page-header"><h2 itemprop="headline">Tiêu đề bài viết</h2></div>'
        f'<div itemprop="articleBody">{body}</div></div></body></html>'
    )


def article(html: str | bytes, url: str = URL, content_type: str | None = None) -> Article:
    return parse.parse_article(html, url, content_type=content_type)


def test_a_figure_whose_picture_is_a_spacer_keeps_the_article_and_the_earlier_caption():
    spacer = '<figure><img src="images/spacer.gif"><figcaption>Chú thích B</figcaption></figure>'
    page = j25_page(f'<p><img src="images/a.jpg" alt="A"></p>{spacer}<p>{LEAD}</p>')
    images = [block for block in article(page).body if isinstance(block, Image)]
    assert [(image.src.rsplit("/", 1)[-1], image.caption) for image in images] == [("a.jpg", None)]
    first = article(j25_page(f"{spacer}<p>{LEAD}</p>"))  # nothing before it to caption
    assert first.body[-1].text == LEAD


def test_controls_and_bidi_overrides_in_addresses_are_escaped_not_kept():
    page = j25_page(
        f'<p>{LEAD} <a href="files/\u202egpj.exe">tải về</a></p>'
        '<p><img src="images/a\x9b2Jb.jpg" alt="ảnh"></p>'
    )
    parsed = article(page)
    link = parsed.body[0].links[0]
    image = next(block for block in parsed.body if isinstance(block, Image))
    assert link.url.endswith("/files/%E2%80%AEgpj.exe")
    assert image.src.endswith("/images/a%C2%9B2Jb.jpg")
    assert is_openable_url(link.url)
    assert is_openable_url(image.src)
    assert not is_openable_url("http://h.vn/files/\u202egpj.exe")
    assert not is_openable_url("http://h.vn/img/a\x9b2J.jpg")


def test_spaces_in_picture_addresses_are_escaped():
    page = j25_page(f'<p>{LEAD}</p><p><img src="images/tin tuc/ảnh 1.jpg"></p>')
    image = next(block for block in article(page).body if isinstance(block, Image))
    assert image.src.endswith("/images/tin%20tuc/ảnh%201.jpg")
    assert is_openable_url(image.src)


def test_word_pasted_data_pictures_are_not_links_and_not_remembered():
    huge = "data:image/png;base64," + "A" * 300_000
    before = urls._resolve.cache_info().currsize
    assert urls.resolve(URL, huge) is None
    assert urls._resolve.cache_info().currsize == before


def test_a_title_starting_with_a_number_is_not_an_error_page():
    page = j25_page(f"<p>{LEAD}</p>", head_title="100 - Năm ngày sinh Bác - TGAG")
    assert article(page).title == "Tiêu đề bài viết"


def test_a_title_with_an_error_code_is_an_error_page():
    page = j25_page(f"<p>{LEAD}</p>", head_title="500 - Lỗi cơ sở dữ liệu")
    try:
        article(page)
    except parse.ErrorPage:
        return
    raise AssertionError("a 500 page was read as an article")


def test_the_articles_own_first_heading_is_kept_and_the_page_heading_is_not():
    for page in (
        j25_page(f"<h1>Phần một</h1><p>{LEAD}</p>"),
        j3_page(f"<h1>Phần một</h1><p>{LEAD}</p>"),
    ):
        parsed = article(page)
        texts = [block.text for block in parsed.body]
        assert texts[0] == "Phần một"
        assert "Công tác dân vận" not in texts


def test_nested_lists_deep_in_word_divs_are_items_of_their_own():
    body = "<ul><li>A<ul><li>A1</li><li>A2</li></ul></li><li>B</li></ul>"
    for wrapped in (body, f"<div><div><div><div>{body}</div></div></div></div>"):
        parsed = article(j25_page(f"<p>{LEAD}</p>{wrapped}"))
        lists = [block for block in parsed.body if isinstance(block, ListBlock)]
        assert [block.items for block in lists] == [("A", "A1", "A2", "B")]


def test_a_multi_page_article_takes_the_byline_from_its_last_page():
    def page(byline: str | None) -> Article:
        return Article(
            id=1,
            title="t",
            url=URL,
            category=Category(None, "x", "X"),
            author=None,
            byline=byline,
            published=None,
            modified=None,
            hits=None,
            summary="",
            body=(Paragraph(LEAD),),
        )

    merged = parse.merge_pages(page("Phần I"), [page(None), page("Quốc Hùng")])
    assert merged.byline == "Quốc Hùng"
    assert len(merged.body) == 3
    assert parse.merge_pages(page("Quốc Hùng"), [page(None)]).byline == "Quốc Hùng"


def test_previous_and_next_links_with_other_rel_values():
    pager = (
        '<ul class="pager pagenav">'
        '<li class="previous"><a href="/index.php/cong-tac-dan-van/1391-x.html" rel="prev nofollow">'
        "Trước</a></li>"
        '<li class="next"><a href="/index.php/cong-tac-dan-van/1393-y.html" rel="nofollow">'
        "Tiếp</a></li></ul>"
    )
    parsed = article(j25_page(f"<p>{LEAD}</p>{pager}"))
    assert parsed.prev_url is not None
    assert "1391" in parsed.prev_url
    assert parsed.next_url is not None
    assert "1393" in parsed.next_url


def test_an_author_named_by_is_not_cut():
    info = (
        '<dl class="article-info"><dd class="createdby" itemprop="author">'
        'Viết bởi <span itemprop="name">Byron Nguyễn</span></dd></dl>'
    )
    assert article(j25_page(f"{info}<p>{LEAD}</p>")).author == "Byron Nguyễn"
    info = '<dl class="article-info"><dd class="createdby">Viết bởi Bảo Yến</dd></dl>'
    assert article(j25_page(f"{info}<p>{LEAD}</p>")).author == "Bảo Yến"


def test_words_ending_in_a_are_not_counted_as_one_guest():
    page = (
        "<html><body><div class='moduletable'><h3>Thống kê</h3>"
        "<p>Lượt truy cập của khách: 12345</p><p>Đang có 3 khách đang online</p>"
        "</div></body></html>"
    )
    stats = parse.parse_site_stats(page)
    assert stats is not None
    assert stats.guests_online == 3


def test_a_utf16_page_is_complete():
    data = codecs.BOM_UTF16_LE + j25_page(f"<p>{LEAD}</p>").encode("utf-16-le")
    parsed = article(data)
    assert parsed.complete
    assert LEAD in parsed.body[0].text


def test_decomposed_attributes_and_dates_still_read():
    assert fold("Ti\u00ea\u0301p") == "tiep"
    assert parse_date("Thu\u031b\u0301 ba, 05 Tha\u0301ng 8 2014 08:15") == datetime(
        2014, 8, 5, 8, 15, tzinfo=timezone(timedelta(hours=7))
    )


def test_a_page_declaring_latin1_keeps_its_windows_1252_quotes():
    data = j25_page("<p>\u201cQuoted\u201d text \u2013 a dash, long enough to be the lead.</p>")
    raw = data.replace('charset="utf-8"', 'charset="iso-8859-1"').encode("cp1252", "replace")
    text = article(raw).body[0].text
    assert text.startswith("\u201cQuoted\u201d text \u2013 a dash")


def test_superscript_digits_in_an_id_field_do_not_lose_the_article():
    page = j25_page(f'<p>{LEAD}</p><form><input name="cid" value="²"></form>')
    parsed = article(page, "http://tgag.example.vn/index.php/cong-tac-dan-van/mot-bai.html")
    assert parsed.id < 0  # no usable id on the page: the stable id made from the URL


def test_the_listings_id_wins_over_the_one_the_page_names():
    url = "http://tgag.example.vn/index.php/cong-tac-dan-van/mot-bai.html"
    page = j25_page(f'<p>{LEAD}</p><form><input name="cid" value="2279"></form>')
    parsed = article(page, url)
    assert parsed.id == 2279
    listed = ArticleSummary(id=urls.synthetic_id(url), title="Một bài", url=url)
    assert reconcile(parsed, listed).id == listed.id


def test_rfc_822_dates_without_a_zone_are_utc():
    assert parse_date("Tue, 05 Aug 2014 01:15:00 -0000") == datetime(
        2014, 8, 5, 8, 15, tzinfo=timezone(timedelta(hours=7))
    )


def test_the_site_name_is_taken_off_the_page_title_before_or_after_it():
    for head_title in (
        "Ban Tuyên giáo - Tiêu đề từ thẻ title",
        "Tiêu đề từ thẻ title | Ban Tuyên giáo",
    ):
        page = (
            f'<html><head><meta charset="utf-8"><title>{head_title}</title>'
            '<meta property="og:site_name" content="Ban Tuyên giáo"></head><body>'
            f'<div class="item-page"><div itemprop="articleBody"><p>{LEAD}</p></div></div>'
            "</body></html>"
        )
        assert article(page).title == "Tiêu đề từ thẻ title"
