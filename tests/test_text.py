import unicodedata

import pytest

from tgagreader.text import clean, clean_lines, fold, is_openable_url, slugify, strip_controls


@pytest.mark.parametrize(
    ("dirty", "expected"),
    [
        ("a\x1b[2Jb", "ab"),  # clear screen
        ("a\x1b[31;1mred\x1b[0m", "ared"),  # colours
        ("x\x1b]52;c;ZXZpbA==\x07y", "xy"),  # OSC 52 clipboard write, BEL-terminated
        ("x\x1b]52;c;ZXZpbA==\x1b\\y", "xy"),  # ... ST-terminated
        ("\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\", "click"),  # OSC 8 hyperlink
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
        ("a\x9b2Jb", "a2Jb"),  # 8-bit CSI: the C1 control goes, the rest is harmless text
        ("a\x07\x08\x00b", "ab"),  # C0 controls
        ("abc\u202eevil", "abcevil"),  # bidi override
        ("Tin\u200b tức\ufeff", "Tin tức"),  # zero-width characters
        ("  many \t\n spaces\u00a0here ", "many spaces here"),
        ("[bold]x[/bold] [@click=app.quit]", "[bold]x[/bold] [@click=app.quit]"),  # stays literal
    ],
)
def test_clean_removes_what_could_reach_the_terminal(dirty, expected):
    assert clean(dirty) == expected


def test_unterminated_osc_loses_its_introducer():
    cleaned = clean("a\x1b]52;c;payload")
    assert "\x1b" not in cleaned
    assert cleaned.startswith("a")


def test_clean_normalises_to_nfc():
    decomposed = unicodedata.normalize("NFD", "Quốc Hùng dân vận")
    assert decomposed != "Quốc Hùng dân vận"
    assert clean(decomposed) == "Quốc Hùng dân vận"


def test_clean_lines_keeps_single_breaks_and_one_blank_line():
    assert clean_lines(" a \n\n\n\n b \n c ") == "a\n\nb\nc"
    assert clean_lines("a\r\nb\rc") == "a\nb\nc"
    assert strip_controls("a\tb\n") == "a\tb\n"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("dân vận", "dan van"),
        ("Đảng ĐOÀN", "dang doan"),
        ("Thường trực Tỉnh ủy", "thuong truc tinh uy"),
        ("ươ ƯỚ ờ ợ ử ữ", "uo uo o o u u"),  # tone marks on ư/ơ
        ("Quốc Hùng", "quoc hung"),
    ],
)
def test_fold_drops_diacritics_and_case(text, folded):
    assert fold(text) == folded


def test_fold_keeps_offsets():
    text = "Công tác Dân Vận của Đảng"
    folded = fold(text)
    assert len(folded) == len(text)
    start = folded.index("dan van")
    assert text[start : start + 7] == "Dân Vận"


def test_fold_of_decomposed_input_after_clean():
    decomposed = unicodedata.normalize("NFD", "dân vận")
    assert fold(clean(decomposed)) == "dan van"


def test_slugify_makes_joomla_aliases():
    assert slugify("Tin tức - Sự kiện") == "tin-tuc-su-kien"
    assert slugify("Đại hội Đảng lần thứ X") == "dai-hoi-dang-lan-thu-x"


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("http://tgag.example.vn/a", True),
        ("HTTPS://tgag.example.vn/a", True),
        ("javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("file:///etc/passwd", False),
        ("mailto:a@b.vn", False),
        ("http://x/\x1b]8;;", False),
    ],
)
def test_only_http_urls_are_openable(url, ok):
    assert is_openable_url(url) is ok
