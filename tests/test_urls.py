import pytest

from tgagreader.site.urls import (
    article_id,
    build_article_url,
    build_category_url,
    canonical_article_url,
    canonical_url,
    category_of,
    feed_url,
    is_same_site,
    resolve,
    route,
    site_root,
    synthetic_id,
    with_start,
)

SITE = "http://tgag.example.vn/"
ARTICLE_FORMS = [
    "http://tgag.example.vn/index.php?option=com_content&view=article&id=1234:an-giang&catid=8&Itemid=102",
    "http://tgag.example.vn/index.php?option=com_content&amp;view=article&amp;id=1234:an-giang",
    "http://tgag.example.vn/index.php?option=com_content&view=article&id=1234",
    "http://tgag.example.vn/index.php?option=com_content&view=article&id=1234-an-giang&catid=8:cat",
    "http://tgag.example.vn/index.php?option=com_content&task=view&id=1234",
    "http://tgag.example.vn/index.php/cong-tac-dan-van/1234-an-giang.html",
    "http://tgag.example.vn/index.php/cong-tac-dan-van/1234-an-giang",
    "http://tgag.example.vn/cong-tac-dan-van/1234-an-giang.html",
    "http://tgag.example.vn/cong-tac-dan-van/1234-an-giang",
    "http://tgag.example.vn/tin-tuc/tin-trong-tinh/1234-an-giang.html?utm_source=fb&fbclid=x",
    "http://tgag.example.vn/index.php/component/content/article/8-dan-van/1234-an-giang",
    "http://www.tgag.example.vn/index.php/cong-tac-dan-van/1234-an-giang.html#comments",
]


@pytest.mark.parametrize("url", ARTICLE_FORMS)
def test_every_article_form_gives_the_id(url):
    assert route(url).kind == "article"
    assert article_id(url) == 1234


def test_non_sef_route_details():
    where = route(ARTICLE_FORMS[0])
    assert (where.category_id, where.itemid) == (8, 102)
    assert route(ARTICLE_FORMS[3]).category_id == 8


def test_sef_article_keeps_its_category_path_as_alias():
    where = route("http://tgag.example.vn/index.php/tin-tuc/tin-trong-tinh/1234-x.html")
    assert where.category_alias == "tin-trong-tinh"
    assert where.category_id is None


def test_menu_less_form_carries_the_category_id():
    where = route(ARTICLE_FORMS[10])
    assert (where.category_id, where.category_alias) == (8, "dan-van")


@pytest.mark.parametrize(
    ("url", "start"),
    [
        ("http://h/index.php?option=com_content&view=category&layout=blog&id=8&Itemid=102", 0),
        ("http://h/index.php?option=com_content&view=category&id=8&limitstart=10", 10),
        ("http://h/index.php/tin-tuc.html?start=5", 5),
        ("http://h/index.php/tin-tuc.html?limitstart=0", 0),
        ("http://h/tin-tuc?start=15", 15),
    ],
)
def test_category_listings_and_offsets(url, start):
    where = route(url)
    assert where.kind == "category"
    assert where.start == start


def test_category_of_reads_ids_and_aliases():
    assert category_of("http://h/index.php?option=com_content&view=category&id=8&Itemid=1") == (
        8,
        None,
    )
    assert category_of("http://h/index.php/tin-tuc/tin-trong-tinh.html?start=5") == (
        None,
        "tin-trong-tinh",
    )
    # an alias starting with digits is not an article id when read as a category
    assert category_of("http://h/index.php/40-nam-giai-phong.html") == (None, "40-nam-giai-phong")
    assert category_of("http://h/index.php/component/content/category/8-tin-tuc") == (8, "tin-tuc")


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://h/index.php?option=com_content&view=category&id=8&format=feed&type=rss", "rss"),
        ("http://h/index.php?option=com_content&view=category&id=8&format=feed&type=atom", "atom"),
        ("http://h/index.php/tin-tuc.feed?type=rss", "rss"),
        ("http://h/index.php/tin-tuc.feed?limitstart=&type=atom", "atom"),
    ],
)
def test_feeds(url, kind):
    where = route(url)
    assert where.kind == "feed"
    assert where.feed == kind


def test_other_kinds():
    assert route("http://h/").kind == "home"
    assert route("http://h/index.php").kind == "home"
    assert route("http://h/index.php?Itemid=105").kind == "menu"
    assert (
        route("http://h/index.php?option=com_content&view=featured&Itemid=101").kind == "featured"
    )
    assert route("http://h/index.php?option=com_search&searchword=x").kind == "other"
    assert route("http://h/index.php/component/search/?searchword=x").kind == "other"


def test_canonical_article_url_is_one_per_article():
    non_sef = {canonical_article_url(url) for url in ARTICLE_FORMS[:4]}
    assert non_sef == {
        "http://tgag.example.vn/index.php?option=com_content&view=article&id=1234&catid=8"
    } | {"http://tgag.example.vn/index.php?option=com_content&view=article&id=1234"}
    assert canonical_article_url(
        "http://tgag.example.vn/index.php?option=com_content&view=article&id=1234:slug&catid=8&Itemid=3&utm_medium=x"
    ) == canonical_article_url(ARTICLE_FORMS[0])
    assert (
        canonical_article_url(ARTICLE_FORMS[9])
        == "http://tgag.example.vn/tin-tuc/tin-trong-tinh/1234-an-giang.html"
    )
    assert canonical_article_url(
        "http://TGAG.example.vn:80/index.php/a/1234-x.html?showall=&limitstart=1&tmpl=component&print=1"
    ) == ("http://tgag.example.vn/index.php/a/1234-x.html")


def test_canonical_url_drops_tracking_and_session_parameters():
    assert (
        canonical_url(
            "http://h/index.php/tin-tuc.html?start=5&utm_source=a&PHPSESSID=abc&gclid=1#x"
        )
        == "http://h/index.php/tin-tuc.html?start=5"
    )


def test_with_start_uses_the_sites_parameter():
    assert (
        with_start("http://h/index.php/tin-tuc.html", 5)
        == "http://h/index.php/tin-tuc.html?start=5"
    )
    assert (
        with_start("http://h/index.php/tin-tuc.html?start=5", 0)
        == "http://h/index.php/tin-tuc.html"
    )
    assert (
        with_start("http://h/index.php?option=com_content&view=category&id=8", 10)
        == "http://h/index.php?option=com_content&view=category&id=8&limitstart=10"
    )


def test_feed_url_for_both_url_styles():
    assert (
        feed_url("http://h/index.php/tin-tuc.html?start=5")
        == "http://h/index.php/tin-tuc.feed?type=rss"
    )
    assert (
        feed_url("http://h/index.php?option=com_content&view=category&id=8", "atom")
        == "http://h/index.php?option=com_content&view=category&id=8&format=feed&type=atom"
    )


def test_builders_make_urls_that_route_back():
    url = build_article_url(SITE, 1234, alias="an-giang", catid=8, itemid=102)
    assert (
        url
        == "http://tgag.example.vn/index.php?option=com_content&view=article&id=1234:an-giang&catid=8&Itemid=102"
    )
    assert article_id(url) == 1234
    listing = build_category_url(SITE, 8, start=10, itemid=102)
    assert (route(listing).kind, route(listing).category_id, route(listing).start) == (
        "category",
        8,
        10,
    )


def test_site_root_and_same_site():
    assert site_root("http://tgag.example.vn") == "http://tgag.example.vn/"
    assert site_root("http://tgag.example.vn/sub/index.php/x.html") == "http://tgag.example.vn/sub/"
    assert is_same_site("https://www.tgag.example.vn/index.php/x", SITE)
    assert not is_same_site("http://dangcongsan.vn/x", SITE)
    assert not is_same_site("http://tgag.example.vn.evil.com/x", SITE)
    assert not is_same_site("http://tgag.example.vn/other/x", "http://tgag.example.vn/sub/")
    assert not is_same_site("javascript:alert(1)", SITE)


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:x",
        "data:text/html,x",
        "file:///etc/passwd",
        "mailto:a@b",
        "#top",
        "",
        None,
    ],
)
def test_resolve_refuses_what_is_not_a_web_link(href):
    assert resolve("http://h/a/b.html", href) is None


def test_resolve_against_base():
    assert (
        resolve("http://h/index.php/a/1-x.html", "images/x.jpg")
        == "http://h/index.php/a/images/x.jpg"
    )
    assert resolve("http://h/index.php?option=x", "images/x.jpg") == "http://h/images/x.jpg"
    assert resolve("http://h/", " /a?x=1&amp;y=2 ") == "http://h/a?x=1&y=2"
    assert resolve("http://h/", "java\tscript:alert(1)") is None


def test_synthetic_ids_are_negative_and_stable():
    first = synthetic_id("http://h/tin-tuc/an-giang-4-nam.html")
    assert first < 0
    assert first == synthetic_id("http://h/index.php/tin-tuc/an-giang-4-nam.html?x=1")
    assert first != synthetic_id("http://h/tin-tuc/khac.html")
