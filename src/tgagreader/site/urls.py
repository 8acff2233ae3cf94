"""The URL forms a Joomla 2.5/3.x site uses, recognised and built.

The functions are pure and called for every link of every page, so the hot ones are memoised.

Joomla addresses the same article in many ways: non-SEF query strings
(`index.php?option=com_content&view=article&id=123:slug&catid=4&Itemid=5`), SEF paths with or
without `index.php/` and with or without the `.html` suffix (`/index.php/tin-tuc/123-slug.html`),
the menu-less form `/component/content/article/8-cat/123-slug`. It resolves articles by the
numeric id alone, so the id is the article's identity; everything else is presentation.
Category listings page with `limitstart=N` (non-SEF) or `start=N` (SEF), feeds add
`format=feed&type=rss|atom` (SEF: `.feed?type=rss`).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from tgagreader.text import escape_url

Kind = Literal["article", "category", "featured", "feed", "menu", "home", "other"]

# Query parameters that never change what a page is: analytics, click ids, sessions.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "hsa_")
_TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "_ga",
        "_gl",
        "ref",
        "phpsessid",
        "sid",
        "sessionid",
        "session_id",
        "jsessionid",
    }
)
# Parameters that select a presentation of the article rather than the article.
_ARTICLE_PRESENTATION = frozenset(
    {"tmpl", "print", "page", "showall", "start", "limitstart", "layout", "lang", "format", "type"}
)
_ARTICLE_SEGMENT = re.compile(r"^(\d+)-([^/]*?)(?:\.html?)?$", re.IGNORECASE)
_ID_SEGMENT = re.compile(r"^(\d+)(?:[-:](.*))?$")
_SUFFIX = re.compile(r"\.(?:html?|feed|raw)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Route:
    """What a URL of the site points at."""

    kind: Kind
    article_id: int | None = None
    category_id: int | None = None
    category_alias: str | None = None
    itemid: int | None = None
    start: int = 0
    feed: Literal["rss", "atom"] | None = None
    showall: bool = False


@lru_cache(maxsize=8192)
def route(url: str) -> Route:
    """Classify a site URL. Ambiguous SEF paths (`/menu/12-alias`) are taken as articles, the
    far more common case; context (a listing's title links, a menu) settles the rest."""
    parts = _split(url)
    query = _query(parts.query)
    start = _int(query.get("start") or query.get("limitstart")) or 0
    itemid = _int(query.get("itemid"))
    feed = _feed_type(parts.path, query)
    if query.get("option") == "com_content" or (
        query.get("view") in ("article", "category", "featured") and "option" not in query
    ):
        view = query.get("view", "")
        if view == "article" or (not view and query.get("task") == "view"):
            return Route(
                "article",
                article_id=_int(query.get("id")),
                category_id=_int(query.get("catid")),
                itemid=itemid,
                start=start,
                showall=query.get("showall") == "1",
            )
        if view == "category":
            kind: Kind = "feed" if feed else "category"
            return Route(
                kind, category_id=_int(query.get("id")), itemid=itemid, start=start, feed=feed
            )
        if view == "featured":
            return Route("feed" if feed else "featured", itemid=itemid, start=start, feed=feed)
        return Route("other", itemid=itemid)
    if query.get("option"):
        return Route("other", itemid=itemid)

    segments = sef_segments(parts.path)
    if not segments:
        if itemid is not None:
            return Route("menu", itemid=itemid, start=start)
        return Route("feed" if feed else "home", start=start, feed=feed)
    if segments[0] == "component":
        return _component_route(segments[1:], itemid, start, feed)
    last = segments[-1]
    article = _ARTICLE_SEGMENT.match(last)
    if article and not feed:
        category = _category_from_segments(segments[:-1])
        return Route(
            "article",
            article_id=int(article.group(1)),
            category_id=category[0],
            category_alias=category[1],
            itemid=itemid,
            start=start,
            showall=query.get("showall") == "1",
        )
    category_id, alias = _category_from_segments(segments)
    return Route(
        "feed" if feed else "category",
        category_id=category_id,
        category_alias=alias,
        itemid=itemid,
        start=start,
        feed=feed,
    )


def sef_segments(path: str) -> list[str]:
    """The SEF part of a path, `index.php/` and the format suffix removed:
    `/index.php/tin-tuc/123-x.html` → `["tin-tuc", "123-x"]`."""
    segments = [segment for segment in path.split("/") if segment]
    lowered = [segment.lower() for segment in segments]
    if "index.php" in lowered:  # also for a site in a subfolder: /tgag/index.php/...
        segments = segments[lowered.index("index.php") + 1 :]
    if segments:
        segments[-1] = _SUFFIX.sub("", segments[-1])
        if not segments[-1]:
            segments.pop()
    return segments


def article_id(url: str) -> int | None:
    """The numeric article id in any URL form, or None when the URL is not an article's."""
    where = route(url)
    return where.article_id if where.kind == "article" else None


@lru_cache(maxsize=8192)
def category_of(url: str) -> tuple[int | None, str | None]:
    """(id, alias) of the category a listing URL shows, read as a category whatever the path
    looks like (a SEF alias may start with digits and pass for an article's `123-slug`)."""
    parts = _split(url)
    query = _query(parts.query)
    if "option" in query or "view" in query:
        return _int(query.get("id")), None
    segments = sef_segments(parts.path)
    if segments[:3] == ["component", "content", "category"] and len(segments) > 3:
        match = _ID_SEGMENT.match(segments[-1])
        if match:
            return int(match.group(1)), match.group(2) or None
    return _category_from_segments(segments)


def synthetic_id(url: str) -> int:
    """An id for an article whose URLs carry none (Joomla's "advanced SEF" drops the numbers).

    Negative, so that it can never collide with a real Joomla id, and stable across runs."""
    parts = _split(url)
    key = "/".join(sef_segments(parts.path)) or parts.path
    return -(zlib.crc32(key.encode("utf-8")) & 0x7FFFFFFF) - 1


@lru_cache(maxsize=8192)
def canonical_url(url: str) -> str:
    """The URL without fragment and tracking or session parameters, host lower-cased."""
    parts = _split(url)
    if not parts.netloc:
        return _tidy(url)  # not a web URL: nothing to make canonical
    query = _query_without(parts.query, _is_tracking)
    return urlunsplit((parts.scheme.lower(), _netloc(parts), parts.path or "/", query, ""))


@lru_cache(maxsize=8192)
def canonical_article_url(url: str) -> str:
    """One URL per article, whatever form it was found in.

    Non-SEF: `index.php?option=com_content&view=article&id=123&catid=4` (slugs, Itemid, page and
    presentation parameters dropped). SEF: the path as the site writes it, without query."""
    parts = _split(url)
    query = _query(parts.query)
    if query.get("option") == "com_content" or query.get("view") == "article":
        pairs = [("option", "com_content"), ("view", "article")]
        if (article := _int(query.get("id"))) is not None:
            pairs.append(("id", str(article)))
        if (category := _int(query.get("catid"))) is not None:
            pairs.append(("catid", str(category)))
        path = (
            parts.path
            if parts.path.endswith("index.php")
            else parts.path.rstrip("/") + "/index.php"
        )
        return urlunsplit((parts.scheme.lower(), _netloc(parts), path, urlencode(pairs), ""))
    query = _query_without(
        parts.query, lambda key: _is_tracking(key) or key.lower() in _ARTICLE_PRESENTATION
    )
    return urlunsplit((parts.scheme.lower(), _netloc(parts), parts.path or "/", query, ""))


def with_start(url: str, start: int) -> str:
    """The listing page that begins at item `start` (0 = first page). SEF URLs use `start`,
    non-SEF ones `limitstart`, as Joomla's own pagination does."""
    parts = _split(url)
    query = _query_without(
        parts.query, lambda key: key.lower() in ("start", "limitstart") or _is_tracking(key)
    )
    if start > 0:
        key = "limitstart" if "option" in _query(parts.query) else "start"
        query = "&".join(filter(None, (query, urlencode([(key, str(start))]))))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def feed_url(listing_url: str, kind: Literal["rss", "atom"] = "rss") -> str:
    """The category feed Joomla serves beside a listing."""
    parts = _split(with_start(listing_url, 0))
    if "option" in _query(parts.query):
        query = parts.query + ("&" if parts.query else "") + f"format=feed&type={kind}"
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
    path = _SUFFIX.sub("", parts.path.rstrip("/")) + ".feed"
    return urlunsplit((parts.scheme, parts.netloc, path, f"type={kind}", ""))


def build_article_url(
    site: str, article: int, *, alias: str = "", catid: int | None = None, itemid: int | None = None
) -> str:
    """The non-SEF URL of an article; every Joomla site answers it, SEF or not."""
    pairs = [
        ("option", "com_content"),
        ("view", "article"),
        ("id", f"{article}:{alias}" if alias else str(article)),
    ]
    if catid is not None:
        pairs.append(("catid", str(catid)))
    if itemid is not None:
        pairs.append(("Itemid", str(itemid)))
    return urljoin(site_root(site), "index.php?" + urlencode(pairs, safe=":"))


def build_category_url(
    site: str, category: int, *, start: int = 0, blog: bool = True, itemid: int | None = None
) -> str:
    pairs = [("option", "com_content"), ("view", "category")]
    if blog:
        pairs.append(("layout", "blog"))
    pairs.append(("id", str(category)))
    if itemid is not None:
        pairs.append(("Itemid", str(itemid)))
    if start:
        pairs.append(("limitstart", str(start)))
    return urljoin(site_root(site), "index.php?" + urlencode(pairs))


def site_root(site: str) -> str:
    """`http://host/sub/` for any URL of a site installed in `/sub/` (or `http://host/`)."""
    parts = _split(site.strip())
    path = parts.path
    if "index.php" in path:
        path = path[: path.index("index.php")]
    elif not path.endswith("/"):
        path = path.rsplit("/", 1)[0] + "/" if "." in path.rsplit("/", 1)[-1] else path + "/"
    return urlunsplit((parts.scheme.lower() or "http", _netloc(parts), path or "/", "", ""))


def is_same_site(url: str, site: str) -> bool:
    """Whether `url` belongs to the site at `site` (any scheme, with or without `www.`)."""
    target, home = _split(url), _split(site_root(site))
    if target.scheme.lower() not in ("http", "https"):
        return False
    if _bare_host(target) != _bare_host(home):
        return False
    return target.path.startswith(home.path) or (target.path + "/") == home.path


def resolve(base: str, href: str | None) -> str | None:
    """An absolute http(s) URL for `href` as found in a page, or None (javascript:, mailto:,
    data:, file: and the like are not links a reader should follow). Characters that may not
    appear in a URL (controls, bidi overrides, spaces) come back percent-encoded."""
    # Word pastes pictures as data: URIs of hundreds of kilobytes: never a link, and not to be
    # kept alive as keys of the cache below.
    if not href or len(href) > _LONGEST_HREF:
        return None
    return _resolve(base, href)


_LONGEST_HREF = 4096


@lru_cache(maxsize=8192)
def _resolve(base: str, href: str) -> str | None:
    # Tabs and line breaks inside an address are dropped, as browsers do; the rest is escaped.
    href = escape_url(href.strip().replace("\t", "").replace("\n", "").replace("\r", ""))
    if not href or href.startswith("#"):
        return None
    try:
        absolute = urljoin(base, href.replace("&amp;", "&"))
    except ValueError:  # an unparseable base or link
        return None
    parts = _split(absolute)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return absolute


def _component_route(
    rest: list[str], itemid: int | None, start: int, feed: Literal["rss", "atom"] | None
) -> Route:
    # /component/content/article/<catid>-<cat>/<id>-<alias>
    # /component/content/category/<id>-<alias>
    if len(rest) >= 2 and rest[0] == "content":
        view, ids = rest[1], rest[2:]
        if view == "article" and ids:
            article = _ID_SEGMENT.match(ids[-1])
            category = _ID_SEGMENT.match(ids[-2]) if len(ids) >= 2 else None
            return Route(
                "article",
                article_id=int(article.group(1)) if article else None,
                category_id=int(category.group(1)) if category else None,
                category_alias=(category.group(2) or None) if category else None,
                itemid=itemid,
                start=start,
            )
        if view == "category" and ids:
            category = _ID_SEGMENT.match(ids[-1])
            return Route(
                "feed" if feed else "category",
                category_id=int(category.group(1)) if category else None,
                category_alias=(category.group(2) or None) if category else ids[-1],
                itemid=itemid,
                start=start,
                feed=feed,
            )
    return Route("other", itemid=itemid)


def _category_from_segments(segments: list[str]) -> tuple[int | None, str | None]:
    # A SEF category segment is the menu alias ("tin-tuc") or, without a menu item, "8-tin-tuc";
    # an alias may itself start with digits ("40-nam-giai-phong"), so the segment is kept whole
    # as the alias: the same category then gets the same key from every URL that names it.
    return None, (segments[-1] if segments else None)


def _feed_type(path: str, query: dict[str, str]) -> Literal["rss", "atom"] | None:
    if query.get("format") == "feed" or path.lower().endswith(".feed"):
        return "atom" if query.get("type") == "atom" else "rss"
    return None


def _query(query: str) -> dict[str, str]:
    """Query parameters by lower-cased name; `&amp;` left over from HTML is tolerated."""
    result: dict[str, str] = {}
    for key, value in parse_qsl(query.replace("&amp;", "&"), keep_blank_values=True):
        result.setdefault(key.lower().removeprefix("amp;"), value)
    return result


def _int(value: str | None) -> int | None:
    """Joomla casts ids with (int): "123:slug" and "123-slug" are 123."""
    if not value:
        return None
    match = re.match(r"\s*(\d+)", value)
    return int(match.group(1)) if match else None


_CONTROLS = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def _split(url: str) -> SplitResult:
    """`urlsplit`, for any string a page may hold (an unparseable URL splits into nothing)."""
    try:
        return urlsplit(_tidy(url))
    except ValueError:  # e.g. "http://[" : an invalid IPv6 host
        return SplitResult("", "", "", "", "")


def _tidy(url: str) -> str:
    """A URL as written in a page: no surrounding whitespace, no control characters."""
    return _CONTROLS.sub("", url.strip())


def _query_without(query: str, drop: Callable[[str], bool]) -> str:
    """`query` re-encoded without the parameters `drop` is true for."""
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(key, value) for key, value in pairs if not drop(key)])


def _is_tracking(key: str) -> bool:
    key = key.lower()
    return key in _TRACKING or key.startswith(_TRACKING_PREFIXES)


def _netloc(parts: SplitResult) -> str:
    host = (parts.hostname or "").lower()
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep what was written
        return parts.netloc.lower()
    scheme = parts.scheme.lower()
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        return f"{host}:{port}"
    return host


def _bare_host(parts: SplitResult) -> str:
    host = _netloc(parts)
    return host[4:] if host.startswith("www.") else host
