"""Cleaning and folding of text that comes from the web.

Everything the site says is hostile until it has been through `clean`: terminal escape sequences
and control characters are removed (they could clear the screen, write the clipboard through
OSC 52, or fake hyperlinks), bidi overrides and zero-width characters are removed (they make a
title read differently from what it is), whitespace is collapsed and the text is NFC-normalised,
so that one Vietnamese word has one spelling in the cache, the search index and on screen.

`fold` maps Vietnamese text to what a reader types without diacritics: `dân vận` → `dan van`,
`Đảng` → `dang`, one character for one character so that match offsets carry over.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P|X|^|_ ... ST) and two-character escapes. Unterminated string sequences lose only their
# introducer; what follows is then harmless printable text.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                  # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)      # OSC, terminated
    | \x1b[PX^_][^\x1b]*\x1b\\               # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]                        # other escapes (nF, Fp, Fe, Fs)
    """,
    re.VERBOSE,
)

# Removed outright: C0 controls but tab and line breaks, DEL and C1 controls, the soft hyphen,
# bidi marks, embeddings, overrides and isolates, zero-width characters, and Unicode tag
# characters (invisible, used to smuggle text). Spaces of every kind are whitespace to
# `str.split`, which is how runs of whitespace are collapsed below.
_REMOVE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u200b-\u200f\u202a-\u202e"
    "\u2060\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
)
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")
# Whitespace other than the plain space and the line feed, for `clean_lines`, which must keep
# the line feeds that `str.split` would lose.
_OTHER_SPACE = re.compile("[\t\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile(" {2,}")
_SPACES_AROUND_NEWLINE = re.compile(" ?\n ?")
_BLANK_LINES = re.compile("\n{3,}")


def nfc(text: str) -> str:
    """`text` in Unicode's composed form (NFC), the one spelling of a Vietnamese word."""
    # normalize() answers from its quick check, returning `text` itself, when nothing is to be
    # composed; asking is_normalized() first costs as much again when something is.
    return unicodedata.normalize("NFC", text)


def strip_controls(text: str) -> str:
    """Remove escape sequences, control and invisible characters; keep whitespace; NFC."""
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    return nfc(_REMOVE.sub("", text))


def _spaces(text: str) -> str:
    """Line breaks kept, every other run of whitespace made one space."""
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _LINE_BREAKS.sub("\n", text)
    if _OTHER_SPACE.search(text) is not None:
        text = _OTHER_SPACE.sub(" ", text)
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return text


def _already_clean(text: str) -> bool:
    """Whether `text` is already clean but for NFC: the common case, checked at C speed.
    `str.isprintable` is False for every control, format (bidi, zero-width) and separator
    character but the plain space, which is exactly what the slow path has to look at."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def clean(text: str) -> str:
    """One line of safe text: controls stripped, NFC, all whitespace collapsed to single spaces."""
    if _already_clean(text):
        return nfc(text)
    return " ".join(strip_controls(text).split())


def clean_lines(text: str) -> str:
    """Like `clean`, but keeps line breaks (at most one blank line in a row)."""
    if _already_clean(text):
        return nfc(text)
    text = _spaces(strip_controls(text))
    if "\n" in text:
        text = _SPACES_AROUND_NEWLINE.sub("\n", text)
        if "\n\n\n" in text:
            text = _BLANK_LINES.sub("\n\n", text)
        text = text.strip("\n ")
    return text.strip(" ")


class _FoldTable(dict[int, str]):
    """A `str.translate` table that folds each character the first time it is seen."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char.lower()
        if len(folded) != 1:  # e.g. "İ".lower() is two characters: keep offsets aligned
            folded = char
        base = unicodedata.normalize("NFD", folded)[0]
        if base in "đð":
            base = "d"
        if unicodedata.combining(base):  # a lone combining mark folds to nothing visible
            base = " "
        self[code] = base
        return base


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold case and Vietnamese diacritics, one character for one (so offsets match `text`,
    which everything `clean` returns is: NFC). Decomposed text (a raw attribute of a page
    written in combining marks) is composed first."""
    return nfc(text).translate(_FOLD_TABLE)


def slugify(text: str) -> str:
    """A Joomla-style alias: `Tin tức - Sự kiện` → `tin-tuc-su-kien`."""
    folded = fold(text)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


_SAFE_SCHEMES = ("http://", "https://")
# What may not appear literally in a URL that is printed or opened: whitespace and controls (an
# 8-bit CSI is a terminal escape too), and the invisible characters that make an address read
# differently from where it goes (a right-to-left override turns `exe.gpj` into `jpg.exe`).
_UNSAFE_IN_URL = re.compile(
    "[\x00-\x20\x7f-\x9f\u00a0\u00ad\u061c\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f"
    "\u3000\ufeff\U000e0000-\U000e007f]"
)


def escape_url(url: str) -> str:
    """`url` with every character that may not appear in it literally percent-encoded, as a
    browser would send it."""
    if _UNSAFE_IN_URL.search(url) is None:
        return url
    return _UNSAFE_IN_URL.sub(lambda match: quote(match.group(0), safe=""), url)


def is_openable_url(url: str) -> bool:
    """Only http(s) URLs free of controls and invisible characters may be handed to a browser
    or shown as links."""
    return url.lower().startswith(_SAFE_SCHEMES) and _UNSAFE_IN_URL.search(url) is None
