from dataclasses import replace
from datetime import datetime, timedelta, timezone

from tgagreader.models import (
    Article,
    Category,
    Heading,
    Image,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Table,
)
from tgagreader.render import body_text, display_width, number, to_markdown, to_text

ICT = timezone(timedelta(hours=7))
ARTICLE = Article(
    id=1392,
    title="An Giang: 4 năm thực hiện Quy chế công tác dân vận của hệ thống chính trị",
    url="http://h/index.php?option=com_content&view=article&id=1392",
    category=Category(12, "cong-tac-dan-van", "Công tác dân vận"),
    author=None,
    byline="Quốc Hùng",
    published=datetime(2014, 8, 5, 8, 15, tzinfo=ICT),
    modified=None,
    hits=15230,
    summary="(TGAG)- Thực hiện Quyết định số 290-QĐ/TW",
    body=(
        Paragraph(
            "(TGAG)- Thực hiện Quyết định số 290-QĐ/TW, ngày 25/02/2010 của Bộ Chính trị về ban hành "
            "“Quy chế công tác dân vận của hệ thống chính trị” [bold]không đậm[/bold].",
            (
                Link("Quyết định số 290-QĐ/TW", "http://dangcongsan.vn/qd290"),
                Link("x", "javascript:alert(1)"),
            ),
        ),
        Heading("1. Kết quả đạt được"),
        ListBlock(("Một", "Hai"), ordered=True),
        Quote("Dân là gốc"),
        Table((("STT", "Huyện"), ("1", "Chợ Mới")), header=True),
        Image("http://h/images/a.jpg", "Hội nghị sơ kết"),
        Paragraph("Quốc Hùng"),
    ),
)


def test_text_wraps_numbers_links_and_lists_them():
    text = to_text(ARTICLE, width=40)
    lines = text.splitlines()
    assert all(display_width(line) <= 40 for line in lines if not line.startswith("http"))
    assert "Quyết định số 290-QĐ/TW[1]" in text.replace("\n", " ")
    assert lines[-1] == "[1] http://dangcongsan.vn/qd290"
    assert "javascript" not in text
    assert "[bold]không đậm[/bold]" in text.replace("\n", " ")
    assert "  1. Một" in lines
    assert "  2. Hai" in lines
    assert "  │ Dân là gốc" in lines
    assert "[Ảnh: Hội nghị sơ kết]" in lines
    assert "| STT | Huyện   |" in lines


def test_meta_line_has_category_byline_date_and_hits():
    assert "Công tác dân vận · Quốc Hùng · 05/08/2014 08:15 · 15.230 lượt xem" in to_text(ARTICLE)


def test_body_text_separates_paragraphs_with_blank_lines():
    text = body_text(ARTICLE)
    assert text.startswith("(TGAG)- Thực hiện")
    assert "\n\n1. Kết quả đạt được\n\n1. Một\n2. Hai\n\n" in text
    assert text.endswith("Hội nghị sơ kết\n\nQuốc Hùng")


def test_markdown_escapes_text_and_links_only_http():
    markdown = to_markdown(ARTICLE)
    assert markdown.startswith("# An Giang: 4 năm")
    assert "[Quyết định số 290-QĐ/TW](http://dangcongsan.vn/qd290)" in markdown
    assert "\\[bold\\]không đậm\\[/bold\\]" in markdown
    assert "javascript" not in markdown
    assert "| STT | Huyện |\n|---|---|\n| 1 | Chợ Mới |" in markdown
    assert "![Hội nghị sơ kết](http://h/images/a.jpg)" in markdown


def _article(*body, complete: bool = True) -> Article:
    return replace(ARTICLE, body=body, complete=complete)


def test_markdown_links_never_land_inside_an_earlier_link():
    """Review A10: the second link's words were found inside the first link's address."""
    paragraph = Paragraph(
        "Xem toàn văn tại đây. Nguồn: baochinhphu.vn",
        (
            Link("đây", "http://baochinhphu.vn/tin-1.htm"),
            Link("baochinhphu.vn", "http://baochinhphu.vn/"),
        ),
    )
    markdown = to_markdown(_article(paragraph))
    assert (
        "Xem toàn văn tại [đây](http://baochinhphu.vn/tin-1.htm). "
        "Nguồn: [baochinhphu.vn](http://baochinhphu.vn/)"
    ) in markdown


def test_an_empty_link_text_makes_no_empty_link():
    paragraph = Paragraph("Một đoạn.", (Link("", "http://h/x"),))
    assert "[](" not in to_markdown(_article(paragraph))
    assert "[1]" not in to_text(_article(paragraph)).split("Links:")[0]


def test_two_links_with_the_same_words_mark_their_own_places():
    paragraph = Paragraph(
        "Bấm vào đây để đọc, hoặc vào đây để tải.",
        (Link("đây", "http://h/doc"), Link("đây", "http://h/tai")),
    )
    assert "vào đây[1] để đọc, hoặc vào đây[2] để tải." in to_text(_article(paragraph))
    assert "vào [đây](http://h/doc) để đọc, hoặc vào [đây](http://h/tai) để tải." in to_markdown(
        _article(paragraph)
    )


def test_markdown_shows_a_cut_off_copy_as_cut_off():
    """Review A9: `to_text` said so, `to_markdown` (read --format md, export) did not."""
    cut = _article(Paragraph("Đoạn đầu."), complete=False)
    assert "cut off" in to_text(cut)
    assert "*This copy was cut off; it will be fetched again at the next sync.*" in to_markdown(cut)
    assert "cut off" not in to_markdown(_article(Paragraph("Đoạn đầu.")))


def test_markdown_keeps_a_table_caption():
    table = Table((("STT", "Huyện"), ("1", "Chợ Mới")), header=True, caption="Bảng [1]")
    assert "*Bảng \\[1\\]*\n\n| STT | Huyện |" in to_markdown(_article(table))


def test_numbers_are_written_the_vietnamese_way():
    assert number(15230) == "15.230"
    assert number(None) == "–"
    assert number(None, "-") == "-"
