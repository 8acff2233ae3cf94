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

_INVISIBLE = (
    "\u00ad"  # soft hyphen
    "\u061c\u200e\u200f"  # bidi marks
    "\u202a\u202b\u202c\u202d\u202e"  # bidi embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # bidi isolates
    "\u200b\u200c\u200d\u2060\ufeff"  # zero-width characters
)
_SPACES = "\t\x0b\x0c\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))


def _build_table() -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
        table[code] = None  # C0 and C1 controls, DEL
    for char in _INVISIBLE:
        table[ord(char)] = None
    for code in range(0xE0000, 0xE0080):
        table[code] = None  # tag characters: invisible, used to smuggle text
    for char in _SPACES:
        table[ord(char)] = ord(" ")
    table[ord("\n")] = ord("\n")
    table[ord("\r")] = ord("\n")
    table[0x2028] = ord("\n")
    table[0x2029] = ord("\n")
    return table


_TABLE = _build_table()
_RUN_OF_SPACES = re.compile(r" {2,}")
_SPACES_AROUND_NEWLINE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")
_ANY_WHITESPACE = re.compile(r"\s+")


def strip_controls(text: str) -> str:
    """Remove escape sequences, control and invisible characters; keep newlines."""
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.translate(_TABLE)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def clean(text: str) -> str:
    """One line of safe text: controls stripped, NFC, all whitespace collapsed to single spaces."""
    return _ANY_WHITESPACE.sub(" ", strip_controls(text)).strip()


def clean_lines(text: str) -> str:
    """Like `clean`, but keeps line breaks (at most one blank line in a row)."""
    text = _RUN_OF_SPACES.sub(" ", strip_controls(text))
    text = _SPACES_AROUND_NEWLINE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


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
    """Fold case and Vietnamese diacritics, one character for one (so offsets match `text`).

    `text` should be NFC (everything `clean` returns is)."""
    return text.translate(_FOLD_TABLE)


def slugify(text: str) -> str:
    """A Joomla-style alias: `Tin tức - Sự kiện` → `tin-tuc-su-kien`."""
    folded = fold(unicodedata.normalize("NFC", text))
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


_SAFE_SCHEMES = ("http://", "https://")


def is_openable_url(url: str) -> bool:
    """Only http(s) URLs may be handed to a browser or shown as links."""
    return url.lower().startswith(_SAFE_SCHEMES) and not any(c in url for c in "\x00\n\r\t\x1b")
