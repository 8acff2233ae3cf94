"""One fetched page, parsed once, and the checks every page kind shares.

`ParseError` and its subclasses are the parsers' only exceptions: a page that is not what was
asked for (Joomla's 404 or error page, a login form, an empty body, a listing where an article
was expected, a page cut off before its content) raises one, naming the URL and the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from typing import NoReturn

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tgagreader.site.decode import decode_page
from tgagreader.site.urls import resolve
from tgagreader.text import clean, fold


class ParseError(Exception):
    """A page could not be read as the kind of page that was asked for."""

    reason = "unreadable page"

    def __init__(self, url: str, reason: str | None = None) -> None:
        self.url = url
        if reason:
            self.reason = reason
        super().__init__(f"{url}: {self.reason}")


class NotFoundPage(ParseError):
    """Joomla's 404 page ("Trang yêu cầu không được tìm thấy", "Không tìm thấy bài viết")."""

    reason = "the site says the page does not exist (404)"


class ErrorPage(ParseError):
    """Joomla's error page for anything but a 404 (500, 403, a database error)."""

    reason = "the site returned an error page"


class LoginRequired(ParseError):
    """A login form where the content should be: the article is for registered users."""

    reason = "the page asks to log in"


class EmptyPage(ParseError):
    """No content at all: an empty body, or a page with no text."""

    reason = "the page is empty"


class TruncatedPage(ParseError):
    """The page stops before its content does (a cut-off transfer)."""

    reason = "the page is cut off before its content"


class UnexpectedPage(ParseError):
    """A valid page of another kind (a listing where an article was asked for, say)."""

    reason = "the page is not of the expected kind"


_ERROR_TITLE = re.compile(r"^\s*([45]\d\d)\s*[-–:]")
_ERROR_CODE = re.compile(r"\b([45]\d\d)\b")
_NOT_FOUND_PHRASES = (
    "trang yeu cau khong duoc tim thay",
    "khong tim thay bai viet",
    "khong tim thay chuyen muc",
    "khong tim thay danh muc",
    "page not found",
    "article not found",
    "category not found",
    "requested page can't be found",
    "requested page cannot be found",
    "the page you are looking for",
)
_LOGIN_PHRASES = (
    "ban can dang nhap",
    "vui long dang nhap",
    "ban khong duoc phep xem",
    "ban khong co quyen",
    "you are not authorised",
    "you are not authorized",
    "please login",
    "please log in",
    "you must login",
)
_DOCUMENT_END = re.compile(r"</(?:html|body)", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"\s+[-|–—]\s+")


class Page:
    """A page parsed with Lexbor, with its base URL and shared lookups."""

    def __init__(self, html: bytes | str, url: str, content_type: str | None = None) -> None:
        self.url = url
        if isinstance(html, str):
            self.source = html
            self.tree = LexborHTMLParser(html)
        else:
            self.source, plain_utf8 = decode_page(html, content_type)
            self.tree = LexborHTMLParser(html if plain_utf8 else self.source)

    @cached_property
    def base(self) -> str:
        """What relative URLs resolve against: `<base href>` (Joomla always writes one), else
        the page's own URL."""
        node = self.tree.css_first("base[href]")
        if node is not None:
            href = resolve(self.url, node.attributes.get("href"))
            if href:
                return href
        return self.url

    @cached_property
    def title(self) -> str:
        node = self.tree.css_first("title")
        return clean(node.text(deep=True) or "") if node is not None else ""

    @cached_property
    def own_title(self) -> str:
        """The page's `<title>` without the site's name, which Joomla adds before or after it
        ("Site name in page titles")."""
        title, site = self.title, self.site_name
        if site and title != site:
            if title.endswith(site):
                return title[: -len(site)].rstrip(" -|–—")
            if title.startswith(site):
                return title[len(site) :].lstrip(" -|–—")
        return title

    def meta(self, name: str) -> str | None:
        node = self.tree.css_first(f'meta[property="{name}"], meta[name="{name}"]')
        content = node.attributes.get("content") if node is not None else None
        return clean(content) if content else None

    @cached_property
    def site_name(self) -> str | None:
        named = self.meta("og:site_name") or self.meta("application-name")
        if named:
            return named
        # Protostar's brand, Beez's and most templates' logo.
        for selector in (".site-title", "#logo", ".logo", ".brand"):
            node = self.tree.css_first(selector)
            if node is None:
                continue
            image = node.css_first("img[alt]")
            text = clean(node.attributes.get("title") or "")
            text = text or (clean(image.attributes.get("alt") or "") if image is not None else "")
            text = text or _without_description(node)
            if text:
                return text
        parts = _SITE_SUFFIX.split(self.title)
        return parts[-1] if len(parts) > 1 else None

    @property
    def is_truncated(self) -> bool:
        """Whether the transfer stopped before the end of the document."""
        source = self.source
        end = source[-1024:].lower()  # where the closing tags nearly always are
        if "</html" in end or "</body" in end:
            return False
        # Some hosts append scripts or counters after the document: look further back.
        return _DOCUMENT_END.search(source, max(0, len(source) - 65536)) is None

    @property
    def is_blank(self) -> bool:
        body = self.tree.body
        return not (body.text(deep=True) or "").strip() and body.css_first("img") is None

    def check_not_error(self, *, content_found: bool = False) -> None:
        """Raise if this is Joomla's error page, whatever status it was served with. A page in
        which the caller found its content is only checked by its title (error pages have no
        article or listing in them; the full check walks the whole document)."""
        if not self.source or self.source.isspace():
            raise EmptyPage(self.url)
        code = _error_code(self, thorough=not content_found)
        if code in (404, 410):
            raise NotFoundPage(self.url)
        if code in (401, 403):  # Joomla 2.5 answers a guest's request for a registered article so
            raise LoginRequired(self.url, f"the article is for registered users ({code})")
        if code is not None:
            raise ErrorPage(self.url, f"the site returned an error page ({code})")

    def raise_for_missing_content(self, what: str) -> NoReturn:
        """Explain, as well as the page allows, why `what` was not found on it."""
        text = fold(self.title + " " + _message_text(self))
        if any(phrase in text for phrase in _NOT_FOUND_PHRASES):
            raise NotFoundPage(self.url)
        if _has_login_form(self) or any(phrase in text for phrase in _LOGIN_PHRASES):
            raise LoginRequired(self.url)
        if self.is_blank:
            raise EmptyPage(self.url)
        if self.is_truncated:
            raise TruncatedPage(self.url)
        raise UnexpectedPage(self.url, f"no {what} found on the page")


def _without_description(node: LexborNode) -> str:
    """A logo's text without the slogan templates set beside the name (beez_20's
    `span.header1`, `.site-description`)."""
    whole = clean(node.text(deep=True) or "")
    for inner in node.css("span, small, div, p"):
        classes = (inner.attributes.get("class") or "").lower()
        if inner.parent is not None and (
            "header" in classes or "desc" in classes or "slogan" in classes
        ):
            extra = clean(inner.text(deep=True) or "")
            if extra and extra != whole:
                whole = clean(whole.replace(extra, ""))
    return whole


def _error_code(page: Page, *, thorough: bool) -> int | None:
    match = _ERROR_TITLE.match(page.title)
    if match:
        return int(match.group(1))
    if not thorough:
        return None
    # J2.5 system error page, Protostar's error page (the code in a label), Beez's #errorboxheader.
    node = page.tree.css_first("#errorboxheader, #errorboxoutline, .error-code, .label-inverse")
    if node is not None:
        match = _ERROR_CODE.search(node.text(deep=True) or "")
        if match:
            return int(match.group(1))
    return None


def _message_text(page: Page) -> str:
    """Headings and system messages: where Joomla says what went wrong."""
    nodes: list[LexborNode] = page.tree.css(
        "#system-message, #system-message-container, .alert, .error, #techinfo, h1, h2"
    )
    return " ".join(clean(node.text(deep=True) or "")[:300] for node in nodes[:12])


def _has_login_form(page: Page) -> bool:
    for form in page.tree.css("form"):
        action = (form.attributes.get("action") or "").lower()
        if form.css_first("input[type=password]") is not None and (
            not action or "login" in action or "user" in action  # com_users, /users/...
        ):
            # A login *module* in a side column sits beside real content; only a form in the
            # main area means the page itself is a login page.
            classes = " ".join(
                (ancestor.attributes.get("class") or "")
                + " "
                + (ancestor.attributes.get("id") or "")
                for ancestor in ancestors(form)
                if ancestor.tag not in ("body", "html")
            ).lower()
            if "module" not in classes and "sidebar" not in classes:  # moduletable, module-x
                return True
    return False


def ancestors(node: LexborNode) -> Iterator[LexborNode]:
    """The elements that contain `node`, innermost first, up to the document."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def is_inside(node: LexborNode, containers: set[int]) -> bool:
    """Whether `node` lies inside one of the elements with these `mem_id`s."""
    return any(parent.mem_id in containers for parent in ancestors(node))
