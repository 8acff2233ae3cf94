"""A hostile article: what a compromised or careless site could put in a page, for the tests of
the command line and of the reader (tests/test_hostile.py, tests/test_tui.py)."""

from __future__ import annotations

from pathlib import Path

from tgagreader.site.parse import parse_article
from tgagreader.store import Store

URL = "http://tgag.example.vn/index.php?option=com_content&view=article&id=6666&catid=12"
ESC = "\x1b"
# Everything that must never reach a terminal as a control sequence or an invisible character.
FORBIDDEN = (ESC, "\x07", "\x08", "\x00", "\x9b", "\x9d", "\u202e", "\u202d", "\u200b", "\ufeff")
MARKUP = "[bold]đậm[/bold] [link=https://evil.example/]bấm[/link] [@click=app.quit]thoát[/]"
# Table captions: Rich reads a `str` table title as markup (an action to click, or a crash).
CAPTION_ACTION = "[@click=app.quit]Bảng 1[/]"
CAPTION_BAD_TAG = "Giá [/b] lúa"

TITLE = (
    f"Tin{ESC}[2J khẩn\u200b cấp \u202eesrever\u202c {ESC}]52;c;ZXZpbA=={ESC}\\"
    f" [@click=app.quit]x[/]"
)
BODY = f"""
<p>Mở đầu: {ESC}[31mđỏ{ESC}[0m, chuông\x07, lùi\x08, C1\x9b2J và OSC 8
{ESC}]8;;http://evil.example/{ESC}\\liên kết giả{ESC}]8;;{ESC}\\ cùng {MARKUP}.</p>
<p>Liên kết: <a href="javascript:alert(1)">kịch bản</a>, <a href="data:text/html,x">dữ liệu</a>,
<a href="file:///etc/passwd">tệp</a>, <a href="http://dangcongsan.vn/bai-viet">Đảng</a>.</p>
<h3>[@click=app.quit]Tiêu đề phụ[/]</h3>
<ul><li>[bold]mục một[/bold]</li><li>[@click=app.quit]mục hai[/]</li></ul>
<blockquote><p>[link=https://evil.example/]trích dẫn[/link]</p></blockquote>
<table><caption>{CAPTION_ACTION}</caption>
<tr><th>[bold]Huyện[/bold]</th><th>Số</th></tr><tr><td>[@click=app.quit]Chợ Mới[/]</td><td>1</td></tr>
</table>
<table><caption>{CAPTION_BAD_TAG}</caption><tr><td>Lúa</td><td>[/]</td></tr></table>
<p><img src="http://tgag.example.vn/images/a.jpg" alt="[@click=app.quit]ảnh[/]" /></p>
<p>{"Một đoạn rất dài về công tác dân vận. " * 28000}</p>
{"<div>" * 10_000}<p>Đoạn ở rất sâu.</p>{"</div>" * 10_000}
<p style="text-align: right;"><strong>Quốc Hùng</strong></p>
"""
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8" /><title>{TITLE} - TGAG</title>
<base href="http://tgag.example.vn/index.php" /></head><body><div class="item-page">
<div class="page-header"><h2 itemprop="headline">{TITLE}</h2></div>
<dl class="article-info"><dd class="category-name">Chuyên mục: <a
href="/index.php?option=com_content&amp;view=category&amp;id=12">Công tác dân vận</a></dd>
<dd class="published"><time datetime="2015-06-01T08:00:00+07:00">01 Tháng 6 2015</time></dd>
<dd class="hits">Lượt xem: 7</dd></dl>
<div itemprop="articleBody">{BODY}</div></div></body></html>"""


def store_hostile_article(cache: Path) -> int:
    """Parse the hostile page as sync would and put it in the cache at `cache`."""
    article = parse_article(PAGE.encode("utf-8"), URL)
    with Store(cache) as store:
        store.put_article(article)
        store.mark_synced()
    return article.id
