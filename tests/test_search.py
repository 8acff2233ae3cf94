"""Full-text search (`tgagreader.search` and `Store.search`) on hand-made articles: Vietnamese
folding (`dan van` finds `dân vận`, `d` and `đ`, tone marks on `ư` and `ơ`, composed and
decomposed input, case), exact accents ranked first, phrases, prefix on the last word only,
relevance then recency, the category filter, hostile queries, snippets, and the index kept in
step with the articles (re-stored, evicted, cleared) and rebuilt when missing or outdated."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from datetime import datetime

import pytest

from tgagreader import search
from tgagreader.localtime import SITE_TZ
from tgagreader.models import Article, Category, Heading, Image, Paragraph, Table
from tgagreader.store import Store
from tgagreader.text import fold

DAN_VAN = Category(12, "cong-tac-dan-van", "Công tác dân vận")
NEWS = Category(8, "tin-tuc-su-kien", "Tin tức - Sự kiện")
PROVINCE = Category(9, "tin-trong-tinh", "Tin trong tỉnh")  # a child of NEWS on the site
SEF_ONLY = Category(None, "van-hoa-van-nghe", "Văn hóa - Văn nghệ")  # Joomla 2.5: no id


def make(
    number: int,
    title: str,
    *paragraphs: str,
    day: int = 1,
    category: Category = DAN_VAN,
    complete: bool = True,
) -> Article:
    return Article(
        id=number,
        title=title,
        url=f"http://h/index.php?option=com_content&view=article&id={number}",
        category=category,
        author=None,
        byline="Quốc Hùng",
        published=datetime(2014, 8, day, 8, 15, tzinfo=SITE_TZ),
        modified=None,
        hits=100 + number,
        summary=paragraphs[0] if paragraphs else "",
        body=tuple(Paragraph(text) for text in paragraphs),
        complete=complete,
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "cache") as opened:
        yield opened


def fill(store: Store, *articles: Article) -> Store:
    for article in articles:
        store.put_article(article)
    return store


def ids(store: Store, query: str, **options) -> list[int]:
    return [found.entry.id for found in store.search(query, **options)]


def nfd(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text  # the test really feeds decomposed text
    return decomposed


# -- folding -------------------------------------------------------------------------------------

VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")  # huyền, hỏi, ngã, sắc, nặng


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("dân vận", "dan van"),
        ("Đảng", "dang"),
        ("đ Đ d D", "d d d d"),
        ("thương thường thưởng thượng", "thuong thuong thuong thuong"),
        ("phường phượng", "phuong phuong"),
        ("cuộc ơn Ơn ỜN", "cuoc on on on"),
        ("Tỉnh ủy An Giang", "tinh uy an giang"),
        ("03-CT/TW", "03-ct/tw"),
    ],
)
def test_fold_removes_vietnamese_diacritics_and_case_one_character_for_one(text, folded):
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


def test_every_vietnamese_vowel_with_every_tone_folds_to_its_ascii_letter():
    for vowel in VOWELS:
        base = unicodedata.normalize("NFD", vowel)[0]
        for tone in TONES:
            for letter in (vowel, vowel.upper()):
                composed = unicodedata.normalize("NFC", letter + tone)
                assert len(composed) == 1, (letter, tone)  # Vietnamese has one code point each
                assert fold(composed) == base, composed


# -- what a query finds --------------------------------------------------------------------------


def test_unaccented_query_finds_accented_text(store):
    fill(
        store,
        make(1, "Công tác dân vận ở cơ sở", "Làm tốt công tác dân vận."),
        make(2, "Phong trào thi đua", "Nông dân ra quân làm thủy lợi."),
    )
    assert ids(store, "dan van") == [1]
    assert ids(store, "cong tac dan van") == [1]
    assert sorted(ids(store, "dan")) == [1, 2]


@pytest.mark.parametrize("query", ["dang", "Dang", "đảng", "Đảng", "ĐẢNG", "đang"])
def test_d_and_dj_match_each_other(store, query):
    fill(
        store,
        make(1, "Xây dựng Đảng", "Đảng bộ tỉnh An Giang."),
        make(2, "Bài viết khác", "Không nói gì về chủ đề ấy."),
    )
    assert ids(store, query + " ") == [1]


def test_accented_query_also_finds_text_typed_without_accents(store):
    fill(
        store, make(1, "Dang bo tinh", "Van ban go khong dau."), make(2, "Khác", "Không liên quan.")
    )
    found = store.search("Đảng bộ ")
    assert [(f.entry.id, f.exact) for f in found] == [(1, False)]


@pytest.mark.parametrize(
    ("query", "found", "first"),
    [
        ("thuong ", {1, 6}, None),  # thương, and Thường (vụ): both fold to thuong
        ("thương ", {1, 6}, 1),  # the one with the accents as typed first
        ("thường ", {1, 6}, 6),
        ("phuong ", {2, 3, 7}, None),  # phường, phượng, phương
        ("phường ", {2, 3, 7}, 2),
        ("phượng ", {2, 3, 7}, 3),
        ("cuoc ", {4}, None),  # not cuốn
        ("cuộc ", {4}, 4),
        ("on ", {5}, None),
        ("ơn ", {5}, 5),
        ("uy ", {6}, None),
        ("ủy ", {6}, 6),
    ],
)
def test_tone_marks_on_u_horn_and_o_horn_fold(store, query, found, first):
    fill(
        store,
        make(1, "Tình thương", "Tình thương và trách nhiệm.", day=1),
        make(2, "Phường Mỹ Bình", "Phường ra quân dọn vệ sinh.", day=2),
        make(3, "Hoa phượng", "Mùa hoa phượng nở.", day=3),
        make(4, "Cuộc thi", "Cuộc thi tìm hiểu lịch sử Đảng.", day=4),
        make(5, "Nhớ ơn", "Uống nước nhớ nguồn, nhớ ơn thầy cô.", day=5),
        make(6, "Tỉnh ủy", "Ban Thường vụ Tỉnh ủy họp.", day=6),
        make(7, "Phương án", "Thuở xưa có cuốn sách.", day=7),
    )
    result = store.search(query)
    assert {f.entry.id for f in result} == found
    exact = [f.entry.id for f in result if f.exact]
    if first is None:
        assert exact == []  # typed without accents: nothing is "exact"
    else:
        assert exact == [first]
        assert result[0].entry.id == first


def test_decomposed_query_finds_composed_text(store):
    fill(store, make(1, "Công tác dân vận", "Dân vận khéo."), make(2, "Khác", "Không có."))
    found = store.search(nfd("dân vận khéo"))
    assert [(f.entry.id, f.exact) for f in found] == [(1, True)]
    assert ids(store, nfd("Dân vận")) == [1]


def test_decomposed_article_text_is_found_by_composed_and_unaccented_queries(store):
    fill(
        store,
        make(1, nfd("Dân vận khéo ở Phú Tân"), nfd("Nông dân thương lái đồng lòng.")),
        make(2, "Khác", "Không có."),
    )
    for query in ("dân vận", "dan van", "thương lái", "thuong lai", nfd("phú tân")):
        found = store.search(query)
        assert [f.entry.id for f in found] == [1], query
    assert store.search("thương lái")[0].exact
    passage = store.search("thuong lai")[0]
    assert [passage.snippet[a:b] for a, b in passage.spans] == ["thương", "lái"]


@pytest.mark.parametrize("query", ["DÂN VẬN", "Dân Vận", "dân vận", "DAN VAN", "dAn VaN"])
def test_case_is_folded(store, query):
    fill(store, make(1, "CÔNG TÁC DÂN VẬN", "Hội nghị."), make(2, "Khác", "Dân quân tự vệ."))
    assert ids(store, query) == [1]


def test_exact_accents_rank_above_folded_matches(store):
    fill(
        store,
        # The folded matches are newer and match in their titles, several times: by BM25 and
        # by date alone they would come first.
        make(1, "Hội nghị", "Lấy ý kiến của nhân dân về dự thảo.", day=1),
        make(2, "Dần dần đi lên, dần dần khá", "Kinh tế dần dần phục hồi.", day=20),
        make(3, "Dan ca tài tử", "Đờn ca tài tử, dan ca.", day=21),
        make(4, "Đan lát", "Nghề đan lát ở Chợ Mới.", day=22),
    )
    found = store.search("dân ")
    assert found[0].entry.id == 1
    assert [f.exact for f in found] == [True, False, False, False]
    assert sorted(f.entry.id for f in found) == [1, 2, 3, 4]
    # Typed without accents, nothing is "exact": relevance and date alone order them.
    unaccented = store.search("dan ")
    assert {f.entry.id for f in unaccented} == {1, 2, 3, 4}
    assert not any(f.exact for f in unaccented)
    assert unaccented[-1].entry.id == 1  # body only, once, and the oldest


def test_quoted_phrase_needs_its_words_together_and_in_order(store):
    fill(
        store,
        make(1, "Hội nghị", "Tổng kết công tác dân vận năm 2014.", day=1),
        make(2, "Hội nghị", "Dân quân và công tác vận động quần chúng.", day=2),
        make(3, "Hội nghị", "Vận dụng công tác dân chủ.", day=3),
    )
    assert sorted(ids(store, "cong tac dan van")) == [1, 2, 3]  # words anywhere…
    assert sorted(ids(store, "dan van ")) == [1, 2, 3]
    assert ids(store, '"cong tac dan van"') == [1]  # …a phrase: together, in order
    assert ids(store, '"công tác dân vận"') == [1]
    assert ids(store, '"van dan"') == []
    assert ids(store, '"tong ket" "dan van"') == [1]
    assert ids(store, '"dan van" quan') == []  # and a word besides the phrase
    assert ids(store, '"cong tac" quan') == [2]


def test_prefix_matching_applies_to_the_last_word_only(store):
    fill(
        store,
        make(1, "Ban Tuyên giáo Tỉnh ủy", "Hội nghị tuyên giáo toàn tỉnh.", day=1),
        make(2, "Tuyên truyền", "Tuyên truyền pháp luật cho đồng bào.", day=2),
    )
    assert ids(store, "tuyen gi") == [1]
    assert ids(store, "tuyên giá") == [1]
    assert sorted(ids(store, "tuyen")) == [1, 2]  # the word being typed: tuyen*
    assert ids(store, "tuy") != []
    assert ids(store, "gi tuyen") == []  # "gi" is not the last word: a whole word, not there
    assert ids(store, "tuyen gi ") == []  # a space after it: the word is finished
    assert ids(store, '"tuyen gi"') == []  # so is a quoted phrase
    assert ids(store, "tuyen giao ") == [1]


def test_parse_query_reads_words_phrases_and_whether_the_last_word_is_being_typed():
    assert search.parse_query("Tuyên gi") == search.Query(("tuyên", "gi"), (), True)
    assert search.parse_query("tuyên gi ") == search.Query(("tuyên", "gi"), (), False)
    assert search.parse_query('"dân vận" khéo') == search.Query(("khéo",), (("dân", "vận"),), True)
    assert search.parse_query('khéo "dân vận"') == search.Query(("khéo",), (("dân", "vận"),), False)
    assert search.parse_query(nfd("dân")).words == ("dân",)
    assert search.parse_query("").empty
    assert search.parse_query('" ... "').empty


def test_same_relevance_ranks_the_newer_first(store):
    text = "Phát động phong trào thi đua yêu nước."
    fill(
        store,
        make(5, "Thi đua", text, day=3),
        make(3, "Thi đua", text, day=9),
        make(9, "Thi đua", text, day=1),
        make(7, "Thi đua", text, day=5),
    )
    assert ids(store, "thi dua") == [3, 7, 5, 9]
    assert ids(store, "thi đua") == [3, 7, 5, 9]


def unrelated(store: Store, count: int = 6) -> None:
    """Articles that match nothing a ranking test asks for (BM25 needs a collection: when every
    article matches, every term is worth nothing)."""
    fill(
        store,
        *(
            make(100 + n, f"Tin vắn số {n}", "Hội Liên hiệp Phụ nữ tỉnh trao quà Tết.", day=n + 1)
            for n in range(count)
        ),
    )


def test_title_match_outranks_body_only_match(store):
    unrelated(store)
    fill(
        store,
        make(1, "Xây dựng nông thôn mới", "Hội nghị sơ kết ở huyện Chợ Vàm.", day=1),
        make(2, "Hội nghị sơ kết", "Huyện đạt chuẩn nông thôn mới sớm.", day=28),
    )
    assert ids(store, "nong thon moi") == [1, 2]
    assert ids(store, "nông thôn mới") == [1, 2]


def test_more_occurrences_outrank_fewer(store):
    unrelated(store)
    fill(
        store,
        make(1, "Hội nghị", "Bàn về chuyển đổi số.", "Nội dung khác, dài hơn một chút.", day=1),
        make(2, "Hội nghị", "Bàn về giảm nghèo.", "Nội dung khác, dài hơn một chút.", day=2),
        make(3, "Hội nghị", "Chuyển đổi số, chuyển đổi số và chuyển đổi số.", day=3),
    )
    assert ids(store, '"chuyen doi so"') == [3, 1]


def test_category_filter_takes_keys_aliases_and_a_parents_subcategories(store):
    fill(
        store,
        # The same number of words each: the same relevance, so the newest first.
        make(1, "Dân vận khéo", "Ở huyện Phú Tân.", category=DAN_VAN, day=1),
        make(2, "Dân vận khéo", "Ở thị xã Tân.", category=NEWS, day=2),
        make(3, "Dân vận khéo", "Ở huyện Tri Tôn.", category=PROVINCE, day=3),
        make(4, "Dân vận khéo", "Ở Long Xuyên đó.", category=SEF_ONLY, day=4),
    )
    assert ids(store, "dan van") == [4, 3, 2, 1]
    assert ids(store, "dan van", categories=["12"]) == [1]
    assert ids(store, "dan van", categories=["cong-tac-dan-van"]) == [1]
    assert ids(store, "dan van", categories=["van-hoa-van-nghe"]) == [4]
    parent = ["8", "tin-tuc-su-kien", "9", "tin-trong-tinh"]  # what `--category 8` resolves to
    assert ids(store, "dan van", categories=parent) == [3, 2]
    assert ids(store, "dan van", categories=["9"]) == [3]
    assert ids(store, "dan van", categories=[]) == []
    assert ids(store, "dan van", categories=["99"]) == []


def test_limit(store):
    fill(store, *(make(n, "Dân vận khéo", "Dân vận.", day=n) for n in range(1, 8)))
    fill(store, *(make(n, "Dan van", "Dan van.", day=n) for n in range(11, 18)))
    assert ids(store, "dân vận", limit=3) == [7, 6, 5]
    assert len(ids(store, "dân vận", limit=10)) == 10
    assert ids(store, "dân vận", limit=10)[:7] == [7, 6, 5, 4, 3, 2, 1]
    assert len(ids(store, "dan van", limit=100)) == 14


def test_image_captions_and_table_cells_are_searched(store):
    article = make(1, "Hội nghị", "Toàn cảnh hội nghị.")
    article = Article(
        **{
            **{f: getattr(article, f) for f in article.__dataclass_fields__},
            "body": (
                Heading("Những kết quả nổi bật"),
                Image("http://h/a.jpg", caption="Đồng chí Bí thư phát biểu"),
                Table((("STT", "Huyện"), ("1", "Chợ Mới")), header=True),
            ),
        }
    )
    fill(store, article, make(2, "Khác", "Không có."))
    assert ids(store, "bi thu phat bieu") == [1]
    assert ids(store, "cho moi") == [1]
    assert ids(store, "ket qua noi bat") == [1]


# -- hostile and empty queries -------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    '"',
    '""',
    '"""',
    "'",
    "*",
    "-",
    ":",
    "^",
    "(",
    ")",
    "{",
    "}",
    "+",
    "\\",
    "NEAR(",
    "NEAR(dân vận)",
    "dân NEAR vận",
    "AND",
    "OR",
    "NOT",
    "dân AND",
    "OR vận",
    "dân OR xyzzy",
    "dân NOT vận",
    "dân -vận",
    "-dân",
    "title:dân",
    "folded_title:dan",
    "{title body}: dân",
    "^dân",
    "dân*",
    "*dân",
    'dân" OR "xyzzy',
    '"dân',
    'dân"',
    "dân'; DROP TABLE tgag_fts; --",
    "\x00dân\x1b[31m",
    "dân\u200bvận",
    "…",
    "—",
    "🙂",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_or_empty_queries_never_raise(store, query):
    fill(store, make(1, "Dân vận", "Công tác dân vận."), make(2, "Nông dân", "Nông dân."))
    store.search(query)
    expression = search.expression(search.parse_query(query), folded=True)
    # Every term the user typed is a quoted string (a trailing * is ours): no operator, column
    # filter, NEAR group or parenthesis can come from the query.
    terms = r'"[^"]*"\*?'
    assert re.fullmatch(
        rf"\{{folded_title folded_body\}}: \(({terms}( AND {terms})*)?\)", expression
    ), expression
    assert store.search("dân vận")  # the table is still there


@pytest.mark.parametrize(
    "query", ["", " ", '"', "*", "-", ":", "(", "NEAR(", "()", '"" ""', "…", "—"]
)
def test_empty_or_punctuation_only_queries_find_nothing(store, query):
    fill(store, make(1, "Dân vận", "Công tác dân vận."))
    assert store.search(query) == []


def test_fts_operators_are_words_not_syntax(store):
    fill(
        store,
        make(1, "Nông dân", "Nông dân ra đồng.", day=1),
        make(2, "Dân vận", "Công tác dân vận.", day=2),
    )
    assert sorted(ids(store, "dân")) == [1, 2]
    # Were OR, NOT, NEAR or a column filter taken as FTS5 syntax, these would find articles.
    assert ids(store, "dân OR xyzzy") == []
    assert ids(store, "xyzzy OR dân") == []
    assert ids(store, "dân NOT vận") == []
    assert ids(store, "NEAR(dân vận)") == []
    assert ids(store, "title:dân") == []
    assert ids(store, 'dân" OR "xyzzy') == []
    # Punctuation around words is not syntax either: the words are still searched.
    assert ids(store, "dân -vận") == [2]
    assert sorted(ids(store, "dân*")) == [1, 2]
    assert ids(store, "(vận)") == [2]


# -- snippets ------------------------------------------------------------------------------------


def marked(found) -> list[str]:
    return [found.snippet[a:b] for a, b in found.spans]


def test_snippet_is_the_passage_around_the_match_with_spans_on_the_accented_text(store):
    before = " ".join(f"Câu mở đầu số {n} nói về kinh tế." for n in range(30))
    after = " ".join(f"Câu kết số {n} nói về xã hội." for n in range(30))
    middle = "Phong trào Dân vận khéo được nhân rộng ở cơ sở."
    fill(store, make(1, "Hội nghị", before, middle, after))
    found = store.search("dan van")[0]
    assert found.snippet.startswith("…")
    assert found.snippet.endswith("…")
    assert "Dân vận khéo" in found.snippet
    assert len(found.snippet) <= 162
    assert marked(found) == ["Dân", "vận"]
    assert found.snippet[found.spans[0][0] - 11 : found.spans[0][0]] == "Phong trào "


def test_snippet_spans_for_phrases_prefixes_and_repeats(store):
    fill(
        store,
        make(
            1,
            "Học tập",
            "Thực hiện Chỉ thị 03-CT/TW của Bộ Chính trị;  tuyên   giáo cơ sở, Tuyên Giáo tỉnh.",
        ),
    )
    assert marked(store.search('"03 ct tw"')[0]) == ["03-CT/TW"]
    assert marked(store.search('"chi thi"')[0]) == ["Chỉ thị"]
    # The prefix being typed is marked where it starts a word, and whole words elsewhere.
    assert marked(store.search("tuyen gi")[0]) == ["tuyên", "gi", "Tuyên", "Gi"]
    assert marked(store.search("tuyen giao ")[0]) == ["tuyên", "giáo", "Tuyên", "Giáo"]
    found = store.search("tuyên giáo ")[0]
    assert "tuyên giáo cơ sở" in found.snippet  # runs of spaces collapsed in the passage


def test_snippet_of_a_title_only_match_is_the_start_of_the_text(store):
    fill(store, make(1, "Dân vận khéo", "Hội nghị tổng kết năm 2014 ở huyện Phú Tân."))
    found = store.search("dan van")[0]
    assert found.snippet.startswith("Hội nghị tổng kết")
    assert found.spans == ()


def test_search_snippet_function_directly():
    query = search.parse_query("dan van ")
    text = "Công tác  dân\nvận, dân vận khéo; Dân Vận."
    passage, spans = search.snippet(text, query)
    assert passage == "Công tác dân vận, dân vận khéo; Dân Vận."
    assert [passage[a:b] for a, b in spans] == ["dân", "vận", "dân", "vận", "Dân", "Vận"]
    passage, spans = search.snippet(text, search.parse_query('"dan van"'))
    assert [passage[a:b] for a, b in spans] == ["dân vận", "dân vận", "Dân Vận"]
    passage, spans = search.snippet(nfd("Nông dân vận động"), query)
    assert passage == "Nông dân vận động"
    assert [passage[a:b] for a, b in spans] == ["dân", "vận"]


# -- the index kept in step with the articles ----------------------------------------------------


def fts_rows(store: Store) -> set[int]:
    with sqlite3.connect(store.path / "cache.db") as db:
        return {row[0] for row in db.execute("SELECT rowid FROM tgag_fts")}


def test_restored_article_is_indexed_anew(store):
    fill(store, make(1, "Hội nghị dân vận", "Phong trào Dân vận khéo."))
    assert ids(store, "dan van kheo") == [1]
    assert store.put_article(make(1, "Hội nghị nông dân", "Mô hình cánh đồng lớn.")) == "updated"
    assert ids(store, "dan van kheo") == []
    assert ids(store, "dan van") == []
    assert ids(store, "canh dong lon") == [1]
    assert ids(store, "nong dan") == [1]
    assert fts_rows(store) == {1}


def test_incomplete_copy_does_not_replace_the_indexed_text(store):
    fill(store, make(1, "Hội nghị dân vận", "Phong trào Dân vận khéo."))
    assert store.put_article(make(1, "Hội nghị", "Bị cắt", complete=False)) == "kept"
    assert ids(store, "dan van kheo") == [1]
    assert ids(store, "bi cat") == []


def test_evicted_and_cleared_articles_leave_the_index(store):
    fill(
        store,
        make(1, "Dân vận khéo", "Ở Phú Tân.", day=1),
        make(2, "Dân vận khéo", "Ở Tân Châu.", day=2),
        make(3, "Dân vận khéo", "Ở Tri Tôn.", day=3),
    )
    store.set_bookmark(2)
    assert store.evict(size_limit=1) == 2
    assert ids(store, "dan van kheo") == [2]
    assert ids(store, "phu tan") == []
    assert fts_rows(store) == {2}
    store.clear()
    assert ids(store, "dan van") == []
    assert fts_rows(store) == set()
    fill(store, make(4, "Dân vận", "Lại có bài."))
    assert ids(store, "dan van") == [4]


def test_index_is_rebuilt_when_its_table_is_dropped(tmp_path):
    path = tmp_path / "cache"
    with Store(path) as store:
        fill(store, make(1, "Dân vận khéo", "Ở Phú Tân.", day=1), make(2, "Đảng bộ", "Tri Tôn."))
    with sqlite3.connect(path / "cache.db") as db:
        db.execute("DROP TABLE tgag_fts")
    with Store(path) as store:
        assert ids(store, "dan van") == [1]
        assert ids(store, "dang bo tri ton") == [2]
        fill(store, make(3, "Đảng viên mới", "Kết nạp."))  # and it is written to again
        assert sorted(ids(store, "dang")) == [2, 3]
        assert fts_rows(store) == {1, 2, 3}


def test_index_is_rebuilt_when_its_schema_version_differs(tmp_path):
    path = tmp_path / "cache"
    with Store(path) as store:
        fill(store, make(1, "Dân vận khéo", "Ở Phú Tân."), make(2, "Đảng bộ", "Tri Tôn."))
    with sqlite3.connect(path / "cache.db") as db:
        # What an older tgagreader might have left: another layout, another version.
        db.execute("DROP TABLE tgag_fts")
        db.execute("CREATE VIRTUAL TABLE tgag_fts USING fts5(content)")
        db.execute("INSERT INTO tgag_fts (rowid, content) VALUES (1, 'stale words')")
        db.execute("UPDATE tgag_meta SET value = '0' WHERE key = 'search'")
    with Store(path) as store:
        assert ids(store, "dan van") == [1]
        assert ids(store, "dang bo") == [2]
        assert ids(store, "stale") == []
    with sqlite3.connect(path / "cache.db") as db:
        assert db.execute("SELECT value FROM tgag_meta WHERE key = 'search'").fetchone() == (
            str(search.SCHEMA),
        )


def test_index_is_not_rebuilt_on_a_normal_open_nor_per_query(tmp_path, monkeypatch):
    path = tmp_path / "cache"
    with Store(path) as store:
        fill(store, make(1, "Dân vận khéo", "Ở Phú Tân."))

    def forbidden(self):
        raise AssertionError("the index was rebuilt")

    monkeypatch.setattr(Store, "rebuild_index", forbidden)
    with Store(path) as store:
        for _ in range(3):
            assert ids(store, "dan van") == [1]


def test_snippet_prefers_the_passage_with_the_most_query_words():
    text = (
        "Đời sống nhân dân được nâng lên. "
        + "Kinh tế tiếp tục phát triển ổn định, thu nhập bình quân tăng đều qua các năm. " * 3
        + "Ban Dân vận Tỉnh ủy tổ chức hội nghị."
    )
    passage, spans = search.snippet(text, search.parse_query("dan van "))
    assert [passage[a:b] for a, b in spans][:2] == ["Dân", "vận"]
    assert "nhân dân" not in passage


def test_snippet_keeps_a_match_that_ends_where_the_passage_does():
    text = "Dân " + "ab " * 51 + "vận cuối câu."
    assert text.index("vận") == 157  # ends at 160: the passage's width
    passage, spans = search.snippet(text, search.parse_query("dan van "))
    assert passage.endswith("vận…")
    assert [passage[a:b] for a, b in spans] == ["Dân", "vận"]
