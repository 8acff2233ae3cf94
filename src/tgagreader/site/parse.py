"""The site's pages → plain data. Pure functions: bytes (or text) and a URL in, models out.

Every function parses the page with selectolax's Lexbor engine once. `parse_page` does that
once for callers (sync) that want several things from one page: the front page gives the menu,
the statistics and the featured listing.

Errors: a page that is not what was asked for raises a `ParseError` subclass naming the URL and
the reason (`NotFoundPage`, `ErrorPage`, `LoginRequired`, `EmptyPage`, `TruncatedPage`,
`UnexpectedPage`). Nothing else escapes; a bug in extraction surfaces as a `ParseError` too,
so a sync records it and goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from tgagreader.models import Article, Category, FrontPage, Listing, SiteStats
from tgagreader.site.article import merge_pages, parse_article_page
from tgagreader.site.decode import decode_html
from tgagreader.site.listing import parse_listing_page
from tgagreader.site.modules import parse_menu_page, parse_stats_page
from tgagreader.site.page import (
    EmptyPage,
    ErrorPage,
    LoginRequired,
    NotFoundPage,
    Page,
    ParseError,
    TruncatedPage,
    UnexpectedPage,
)

__all__ = [
    "EmptyPage",
    "ErrorPage",
    "LoginRequired",
    "NotFoundPage",
    "Page",
    "ParseError",
    "TruncatedPage",
    "UnexpectedPage",
    "decode_html",
    "merge_pages",
    "parse_article",
    "parse_front_page",
    "parse_listing",
    "parse_menu",
    "parse_page",
    "parse_site_stats",
]

R = TypeVar("R")


def _only_parse_errors(function: Callable[[Page], R]) -> Callable[[Page], R]:
    """Turn an unexpected exception (a recursion or memory error included: the page is hostile)
    into a ParseError naming the page, so that one strange page never aborts a sync."""

    @wraps(function)
    def wrapper(page: Page) -> R:
        try:
            return function(page)
        except ParseError:
            raise
        except Exception as error:
            reason = f"could not read the page ({type(error).__name__}: {error})"
            raise ParseError(page.url, reason) from error

    return wrapper


def parse_page(html: bytes | str, url: str, content_type: str | None = None) -> Page:
    """Decode and parse a page once, for the `*_from` functions below."""
    try:
        return Page(html, url, content_type)
    except Exception as error:  # pragma: no cover - Lexbor accepts any input
        raise ParseError(url, f"could not parse the page ({error})") from error


@_only_parse_errors
def article_from(page: Page) -> Article:
    return parse_article_page(page)


@_only_parse_errors
def listing_from(page: Page) -> Listing:
    return parse_listing_page(page)


@_only_parse_errors
def menu_from(page: Page) -> list[Category]:
    return parse_menu_page(page)


@_only_parse_errors
def stats_from(page: Page) -> SiteStats | None:
    return parse_stats_page(page)


@_only_parse_errors
def front_page_from(page: Page) -> FrontPage:
    page.check_not_error()
    try:
        listing: Listing | None = parse_listing_page(page)
    except LoginRequired:
        raise  # the front page itself is a login form (a members-only or offline site)
    except ParseError:
        listing = None  # a front page made of modules only still has a menu and statistics
    return FrontPage(
        site_name=page.site_name,
        menu=tuple(parse_menu_page(page)),
        stats=parse_stats_page(page),
        listing=listing,
    )


def parse_article(html: bytes | str, url: str, *, content_type: str | None = None) -> Article:
    """An article page → `Article` (one page of it, for a pagebreak article: see `pages`)."""
    return article_from(parse_page(html, url, content_type))


def parse_listing(html: bytes | str, url: str, *, content_type: str | None = None) -> Listing:
    """A category blog or list page, or the featured front page → `Listing`."""
    return listing_from(parse_page(html, url, content_type))


def parse_site_stats(
    html: bytes | str, url: str = "", *, content_type: str | None = None
) -> SiteStats | None:
    """Who's online and mod_stats figures on any page, or None if it shows neither."""
    return stats_from(parse_page(html, url, content_type))


def parse_menu(
    html: bytes | str, url: str = "", *, content_type: str | None = None
) -> list[Category]:
    """The category navigation of any page, nested as the menu nests."""
    return menu_from(parse_page(html, url, content_type))


def parse_front_page(html: bytes | str, url: str, *, content_type: str | None = None) -> FrontPage:
    """Menu, statistics and featured listing of the front page, from one parse."""
    return front_page_from(parse_page(html, url, content_type))
