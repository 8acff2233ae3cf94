"""Deterministic caches for tests, screenshots and benchmarks, built without HTTP.

`build_demo_cache` fills a cache from the bundled demo site as a full sync would (front page,
every page of every category listing, every article, the pages of the multi-page one merged),
but reads the files directly: the URLs are the ones the pages themselves link to, resolved to
files by the demo server's own URL map, and the pages go through the real parsers and the real
`Store` API. Every timestamp is derived from `now`, so two builds hold the same data, whatever
the machine or the hour.

`build_synthetic_cache` makes a large cache of made-up Vietnamese articles (thousands, for the
benchmarks), from a seeded generator.

    from tgagreader.demo.fixture import build_demo_cache
    store = Store(build_demo_cache(tmp_path / "cache"))
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from tgagreader.demo import site_root
from tgagreader.demo.server import SiteMap
from tgagreader.localtime import SITE_TZ
from tgagreader.models import (
    Article,
    ArticleSummary,
    Category,
    Heading,
    Listing,
    Paragraph,
    Quote,
    SiteStats,
)
from tgagreader.site.parse import merge_pages, parse_article, parse_front_page, parse_listing
from tgagreader.store import Store
from tgagreader.sync import flatten_menu, reconcile

__all__ = [
    "DEMO_BOOKMARKED",
    "DEMO_NOW",
    "DEMO_READ",
    "SYNTHETIC_NOW",
    "FixtureError",
    "build_demo_cache",
    "build_synthetic_cache",
]

#: When the demo cache was last synced: 27 November 2026, 08:00 in An Giang (+07:00).
DEMO_NOW = datetime(2026, 11, 27, 8, 0, tzinfo=SITE_TZ).timestamp()
#: Articles the demo cache marks read (the newest few, so a list shows both kinds).
DEMO_READ = (2556, 2514, 2449, 2229, 1392)
#: Articles the demo cache bookmarks.
DEMO_BOOKMARKED = (2185, 1771)

STATS_SNAPSHOTS = 12
STATS_SPACING = 8 * 3600.0  # one sync every eight hours: the last four days
# Guests online at each snapshot, as a share of the last one: busy mornings and afternoons,
# quiet nights (the snapshots fall at 08:00, 16:00 and 00:00).
_GUEST_SHAPE = (0.64, 0.83, 0.31, 0.72, 0.95, 0.27, 0.69, 1.08, 0.36, 0.78, 0.91, 1.0)
# Members at each snapshot but the last, which takes the front page's own figures (guests have
# a twelfth share: the hits made after each snapshot are counted from every later one's guests).
_MEMBER_SHAPE = (1, 3, 0, 2, 4, 0, 1, 3, 0, 2, 3)


class FixtureError(Exception):
    """The demo site's files do not make the cache they should (a broken or edited site)."""


# -- the demo site ---------------------------------------------------------------------------


def build_demo_cache(
    path: Path,
    generation: str = "j3",
    *,
    base: str = "http://tgag.demo/",
    now: float = DEMO_NOW,
) -> Path:
    """Fill the cache at `path` with the whole demo site of `generation` ("j3" or "j25"), as
    served at `base` (an origin such as "http://tgag.demo/" or a DemoServer's URL), synced at
    `now`. Returns `path`."""
    origin = base.rstrip("/")
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
        raise ValueError(f"base must be an origin such as http://tgag.demo/, not {base!r}")
    site = _DemoFiles(site_root(generation), origin)
    home = origin + "/"
    clock = _Clock(now - 60.0)  # the sync this cache remembers took the minute before `now`

    with Store(path) as store:
        front = parse_front_page(site.read(home), home)
        if front.stats is None:
            raise FixtureError("the demo front page shows no statistics")
        store.put_page_info(home, etag=None, last_modified=None, status=200, fetched_at=clock())
        store.put_site(home, front.site_name, front.menu, fetched_at=clock.now)
        for when, stats in _stats_history(front.stats, clock.now):
            store.add_stats(stats, fetched_at=when)

        listed: dict[int, ArticleSummary] = {}  # first listing that showed each article
        if front.listing is not None:
            store.put_listing("front", 1, front.listing, fetched_at=clock.now)
            _remember(listed, front.listing)
        for category in flatten_menu(front.menu):
            url: str | None = category.url
            page = 1
            while url is not None:
                listing = parse_listing(site.read(url), url)
                when = clock()
                store.put_page_info(url, etag=None, last_modified=None, status=200, fetched_at=when)
                if listing.category is None or listing.category.key != category.key:
                    raise FixtureError(f"{url} does not list category {category.key}")
                if listing.page != page:
                    raise FixtureError(f"{url} is page {listing.page}, not {page}")
                store.put_listing(category.key, page, listing, fetched_at=when)
                _remember(listed, listing)
                url = listing.next_url
                page += 1

        for item in listed.values():
            article = parse_article(site.read(item.url), item.url)
            when = clock()
            store.put_page_info(
                item.url, etag=None, last_modified=None, status=200, fetched_at=when
            )
            if article.pages:
                more = []
                for url in article.pages:
                    more.append(parse_article(site.read(url), url))
                    store.put_page_info(
                        url, etag=None, last_modified=None, status=200, fetched_at=clock()
                    )
                article = merge_pages(article, more)
            store.put_article(reconcile(article, item), fetched_at=when)

        missing = site.article_ids() - set(listed)
        if missing:
            raise FixtureError(f"no listing of the demo site links to articles {sorted(missing)}")
        # Read marks half an hour apart, bookmarks a day apart, the first of each the latest.
        for back, article_id in enumerate(DEMO_READ):
            store.set_read(article_id, at=now - 600.0 - 1800.0 * back)
        for back, article_id in enumerate(DEMO_BOOKMARKED):
            store.set_bookmark(article_id, at=now - 900.0 - 86400.0 * back)
        store.mark_synced(now)
    return path


class _DemoFiles:
    """The demo site's pages by URL, read from disk as the demo server would send them."""

    def __init__(self, root: Path, origin: str) -> None:
        self.root = root
        self.origin = origin
        self.sitemap = SiteMap(root)

    def read(self, url: str) -> bytes:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            raise FixtureError(f"{url} is not on the demo site at {self.origin}")
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        resolution = self.sitemap.resolve(target)
        if resolution.status != 200:
            raise FixtureError(f"{url} is a {resolution.status} on the demo site")
        return self.sitemap.body(resolution.file, self.origin)

    def article_ids(self) -> set[int]:
        return set(self.sitemap.articles)


class _Clock:
    """Fetch times of a sync that fetches a page every 50 ms from `start`."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        self.now = round(self.now + 0.05, 3)
        return self.now


def _remember(listed: dict[int, ArticleSummary], listing: Listing) -> None:
    for item in listing.articles:
        listed.setdefault(item.id, item)


def _stats_history(latest: SiteStats, last: float) -> list[tuple[float, SiteStats]]:
    """Twelve snapshots, eight hours apart, ending with the front page's own figures at `last`:
    guests rise and fall with the hour, members come and go, view hits only grow."""
    guests = latest.guests_online or 0
    hits = latest.article_hits or 0
    members = latest.members_online
    history: list[tuple[float, SiteStats]] = []
    for index in range(STATS_SNAPSHOTS):
        back = STATS_SNAPSHOTS - 1 - index  # snapshots after this one
        if back == 0:
            history.append((last, latest))
            continue
        seen = round(guests * _GUEST_SHAPE[index])
        later = sum(
            round(guests * _GUEST_SHAPE[k]) * 23 + 310 for k in range(index + 1, STATS_SNAPSHOTS)
        )
        history.append(
            (
                last - back * STATS_SPACING,
                SiteStats(
                    guests_online=seen,
                    members_online=None if members is None else _MEMBER_SHAPE[index],
                    article_hits=max(0, hits - later) if latest.article_hits is not None else None,
                    other=dict(latest.other),
                ),
            )
        )
    return history


# -- synthetic caches -----------------------------------------------------------------------

SYNTHETIC_NOW = datetime(2026, 11, 27, 8, 0, tzinfo=SITE_TZ).timestamp()
SYNTHETIC_SITE = "http://tgag.example.vn/"

_CATEGORY_NAMES = (
    ("tin-trong-tinh", "Tin trong tỉnh"),
    ("tin-trong-nuoc", "Tin trong nước"),
    ("cong-tac-dan-van", "Công tác dân vận"),
    ("tien-toi-dai-hoi-dang", "Tiến tới đại hội đảng"),
    ("xay-dung-dang", "Xây dựng Đảng"),
    ("hoc-tap-va-lam-theo-bac", "Học tập và làm theo Bác"),
    ("nghien-cuu-trao-doi", "Nghiên cứu - Trao đổi"),
    ("van-hoa-van-nghe", "Văn hóa - Văn nghệ"),
    ("nong-thon-moi", "Nông thôn mới"),
    ("quoc-phong-an-ninh", "Quốc phòng - An ninh"),
    ("guong-dien-hinh", "Gương điển hình"),
    ("bien-gioi-bien-dao", "Biên giới - Biển đảo"),
)
_SUBJECTS = (
    "Tỉnh ủy An Giang",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ủy ban nhân dân tỉnh",
    "Hội Nông dân huyện Phú Tân",
    "Thành phố Long Xuyên",
    "Thị xã Tân Châu",
    "Huyện Tri Tôn",
    "Đảng bộ xã Vĩnh Trạch",
    "Mặt trận Tổ quốc tỉnh",
    "Đoàn Thanh niên thành phố Châu Đốc",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Bộ đội Biên phòng An Giang",
)
_ACTIONS = (
    "triển khai",
    "sơ kết",
    "tổng kết",
    "quán triệt",
    "tổ chức hội nghị về",
    "phát động phong trào",
    "đẩy mạnh",
    "kiểm tra việc thực hiện",
    "tuyên dương điển hình trong",
    "lấy ý kiến về",
)
_TOPICS = (
    "công tác dân vận",
    "xây dựng nông thôn mới",
    "Nghị quyết Trung ương 4",
    "học tập và làm theo tấm gương đạo đức Hồ Chí Minh",
    "công tác tuyên giáo năm {year}",
    "Chỉ thị 03-CT/TW",
    "đại hội đảng bộ các cấp",
    "cải cách hành chính",
    "quy chế dân chủ ở cơ sở",
    "phòng chống tham nhũng, lãng phí",
    "chương trình giảm nghèo bền vững",
    "phát triển văn hóa đọc",
    "chăm sóc gia đình chính sách",
    "bảo vệ chủ quyền biên giới",
    "Lễ hội Vía Bà Chúa Xứ núi Sam",
    "chuyển đổi số",
)
_SUFFIXES = (
    "",
    " năm {year}",
    " giai đoạn {year}–{next}",
    " 6 tháng đầu năm {year}",
    " nhiệm kỳ {year}–{term}",
    ": nhiều kết quả tích cực",
    ": còn nhiều việc phải làm",
)
_SENTENCES = (
    "Hội nghị có sự tham dự của đại diện lãnh đạo các sở, ban, ngành và đoàn thể tỉnh.",
    "Qua {n} năm thực hiện, nhận thức của cán bộ, đảng viên về công tác này được nâng lên rõ rệt.",
    "Toàn tỉnh đã tổ chức {n} lớp học tập, thu hút hơn {m}.000 lượt người tham dự.",
    "Đồng chí Bí thư Tỉnh ủy đề nghị các cấp ủy tiếp tục quan tâm chỉ đạo sát sao.",
    "Nhiều mô hình hay, cách làm sáng tạo được nhân rộng ở các xã vùng sâu, vùng biên giới.",
    "Bên cạnh kết quả đạt được, vẫn còn một số hạn chế cần sớm khắc phục trong thời gian tới.",
    "Dịp này, Tỉnh ủy đã khen thưởng {n} tập thể và {m} cá nhân có thành tích xuất sắc.",
    "Người dân phấn khởi khi con đường bê tông nối liền ấp với trung tâm xã hoàn thành.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến tâm huyết vào dự thảo báo cáo.",
    "Mục tiêu đến cuối năm là {n} xã đạt chuẩn nông thôn mới, nâng thu nhập bình quân đầu người.",
    "Công tác tuyên truyền được thực hiện bằng nhiều hình thức phong phú, phù hợp.",
    "Đồng bào Khmer ở các huyện Tri Tôn, Tịnh Biên tích cực tham gia các hoạt động của địa phương.",
)
_HEADINGS = (
    "Những kết quả nổi bật",
    "Khó khăn, hạn chế",
    "Nhiệm vụ trong thời gian tới",
    "Kinh nghiệm từ cơ sở",
)
_BYLINES = ("Quốc Hùng", "Thanh Tâm", "Ngọc Lan", "Minh Hiển", "Hữu Huynh", "Kim Ngân")


def build_synthetic_cache(path: Path, count: int, *, seed: int = 7, categories: int = 8) -> Path:
    """Fill the cache at `path` with `count` made-up articles (ids 1 to `count`, one every
    three hours from 1 January 2012, newest with the highest id) in a flat menu of
    `categories` categories. The same arguments always give the same cache. Returns `path`."""
    if categories < 1:
        raise ValueError("a synthetic cache needs at least one category")
    rng = random.Random(seed)
    menu = [_synthetic_category(index) for index in range(categories)]
    start = datetime(2012, 1, 1, 8, 0, tzinfo=SITE_TZ)
    fetched = SYNTHETIC_NOW - 3600.0
    with Store(path) as store:
        store.put_site(SYNTHETIC_SITE, "Ban Tuyên giáo Tỉnh ủy An Giang", menu, fetched_at=fetched)
        for number in range(1, count + 1):
            published = start + timedelta(hours=3 * number)
            store.put_article(
                _synthetic_article(rng, number, rng.choice(menu), published),
                fetched_at=fetched,
            )
        store.mark_synced(SYNTHETIC_NOW)
    return path


def _synthetic_category(index: int) -> Category:
    if index < len(_CATEGORY_NAMES):
        alias, name = _CATEGORY_NAMES[index]
    else:
        alias, name = f"chuyen-muc-{index + 1}", f"Chuyên mục {index + 1}"
    category_id = 8 + index
    url = f"{SYNTHETIC_SITE}index.php?option=com_content&view=category&id={category_id}"
    return Category(category_id, alias, name, url)


def _synthetic_article(
    rng: random.Random, number: int, category: Category, published: datetime
) -> Article:
    year = published.year

    def fill(template: str) -> str:
        return template.format(
            year=year,
            next=year + 5,
            term=year + 5,
            n=rng.randint(2, 40),
            m=rng.randint(1, 90),
        )

    title = (
        f"{rng.choice(_SUBJECTS)} {fill(rng.choice(_ACTIONS))} {fill(rng.choice(_TOPICS))}"
        f"{fill(rng.choice(_SUFFIXES))}"
    )
    paragraphs = [
        " ".join(fill(rng.choice(_SENTENCES)) for _ in range(rng.randint(2, 5)))
        for _ in range(rng.randint(5, 10))
    ]
    summary = "(TGAG)- " + paragraphs[0]
    body: list[Paragraph | Heading | Quote] = [Paragraph(summary)]
    for index, text in enumerate(paragraphs[1:], start=1):
        if index % 4 == 0:
            body.append(Heading(rng.choice(_HEADINGS)))
        body.append(Quote(text) if index == 3 and number % 5 == 0 else Paragraph(text))
    byline = rng.choice(_BYLINES)
    body.append(Paragraph(byline))
    return Article(
        id=number,
        title=title[0].upper() + title[1:],
        url=f"{SYNTHETIC_SITE}index.php?option=com_content&view=article&id={number}"
        f"&catid={category.id}",
        category=category,
        author=None,
        byline=byline,
        published=published,
        modified=published + timedelta(hours=rng.randint(1, 48)) if number % 7 == 0 else None,
        hits=rng.randint(10, 20000),
        summary=summary,
        body=tuple(body),
    )
