"""Property-based tests of URL handling, date parsing and text cleaning (the parsers' own
fuzzing is in test_parse_robustness.py). CI runs a bounded number of examples; the README gives
the command for a long run (HYPOTHESIS_PROFILE=long)."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from tgagreader.site import urls
from tgagreader.site.dates import parse_date
from tgagreader.text import clean, clean_lines, fold

ICT = timezone(timedelta(hours=7))
WEEKDAYS = ["Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"]
SEGMENT = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S"]), max_size=12
)
URLISH = st.one_of(
    st.text(max_size=200),
    st.builds(
        lambda scheme, host, path, query: f"{scheme}://{host}/{path}?{query}",
        st.sampled_from(["http", "https", "ftp", "javascript", "HTTP", ""]),
        st.sampled_from(
            ["tgag.example.vn", "www.tgag.example.vn", "127.0.0.1:8080", "[::1]", "h:99999", ""]
        ),
        st.lists(SEGMENT, max_size=5).map("/".join),
        st.lists(st.tuples(SEGMENT, SEGMENT), max_size=5).map(
            lambda kv: "&".join(f"{k}={v}" for k, v in kv)
        ),
    ),
)
FORBIDDEN = {chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} - {"\n"} | set(
    "\u202e\u200b\ufeff"
)


@given(URLISH, URLISH)
def test_url_functions_never_raise_and_stay_consistent(url, base):
    where = urls.route(url)
    assert where.kind in ("article", "category", "featured", "feed", "menu", "home", "other")
    urls.article_id(url)
    urls.category_of(url)
    canonical = urls.canonical_url(url)
    if urls.resolve("", canonical) is not None:  # a web URL: canonical once and for all
        assert urls.canonical_url(canonical) == canonical
    urls.with_start(url, 5)
    urls.feed_url(url)
    urls.is_same_site(url, base)
    resolved = urls.resolve(base, url)
    assert resolved is None or resolved.lower().startswith(("http://", "https://"))
    assert urls.synthetic_id(url) < 0


@given(
    st.integers(1, 10**9),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=30),
    st.integers(1, 10**6),
    st.sampled_from(["sef", "sef-html", "nonsef", "component"]),
)
def test_every_form_of_an_article_url_gives_its_id(number, alias, catid, form):
    site = "http://tgag.example.vn/"
    url = {
        "sef": f"{site}index.php/tin-tuc/{number}-{alias}",
        "sef-html": f"{site}tin-tuc/{number}-{alias}.html",
        "nonsef": urls.build_article_url(site, number, alias=alias, catid=catid, itemid=3),
        "component": f"{site}index.php/component/content/article/{catid}-tin/{number}-{alias}",
    }[form]
    assert urls.article_id(url) == number
    canonical = urls.canonical_article_url(url)
    assert urls.article_id(canonical) == number
    assert urls.canonical_article_url(canonical) == canonical


@given(st.text(max_size=120))
def test_parse_date_never_raises(text):
    moment = parse_date(text)
    assert moment is None or moment.utcoffset() == timedelta(hours=7)


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2099, 12, 31)))
def test_dates_in_every_site_format_round_trip(moment):
    moment = moment.replace(second=0, microsecond=0, tzinfo=ICT)
    weekday = WEEKDAYS[moment.weekday()]
    forms = {
        f"{weekday}, {moment:%d} Tháng {moment.month} {moment:%Y %H:%M}": moment,
        f"Được đăng ngày {moment:%d/%m/%Y %H:%M}": moment,
        moment.isoformat(): moment,
        f"{moment:%d} Tháng {moment.month} {moment:%Y}": moment.replace(hour=0, minute=0),
        f"{moment:%d-%m-%Y}": moment.replace(hour=0, minute=0),
    }
    for text, expected in forms.items():
        assert parse_date(text) == expected, text


@given(st.text(max_size=300))
def test_clean_leaves_nothing_a_terminal_would_act_on(text):
    cleaned = clean(text)
    assert not (set(cleaned) & FORBIDDEN)
    assert "\n" not in cleaned
    assert clean(cleaned) == cleaned
    assert unicodedata.is_normalized("NFC", cleaned)
    lines = clean_lines(text)
    assert not (set(lines) & FORBIDDEN)
    assert clean_lines(lines) == lines


@given(st.text(max_size=200))
def test_fold_keeps_one_character_for_one(text):
    text = unicodedata.normalize("NFC", text)
    assert len(fold(text)) == len(text)
    assert fold(fold(text)) == fold(text)
