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
from tgagreader.render import body_text, display_width, to_markdown, to_text

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
