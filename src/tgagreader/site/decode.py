"""Bytes from the network → text, whatever the page claims its charset is.

Vietnamese sites of this era declare UTF-8 and send windows-1258, or declare ISO-8859-1 and send
UTF-8. Valid UTF-8 with non-ASCII bytes is practically never an accident, so it wins over any
declaration; then the declared charset (HTTP header, then `<meta>`); then windows-1258 (the
Vietnamese code page) and finally windows-1252, which decodes anything.
"""

from __future__ import annotations

import codecs
import re

from tgagreader.text import nfc

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, content_type: str | None = None) -> str:
    """Decode a page, trusting valid UTF-8 first, then the declared charset, then windows-1258."""
    return decode_page(data, content_type)[0]


def decode_page(data: bytes, content_type: str | None = None) -> tuple[str, bool]:
    """The page's text, NFC, and whether `data` itself is that text in plain UTF-8 (no byte
    order mark), which Lexbor then reads faster than a str it would have to encode again."""
    if data.startswith(codecs.BOM_UTF8):
        return nfc(data[3:].decode("utf-8", errors="replace")), False
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return nfc(data.decode("utf-16", errors="replace")), False
    try:
        return data.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    # windows-1258 writes most tones as combining marks: composed here, once, so that attribute
    # values ("Tiếp", a date in a title) read like the text does.
    for charset in (declared_charset(data, content_type), "windows-1258"):
        if charset and charset != "utf-8":
            try:
                return nfc(data.decode(charset)), False
            except (UnicodeDecodeError, LookupError):
                continue
    return nfc(data.decode("windows-1252", errors="replace")), False


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset named by the Content-Type header or, failing that, the page's `<meta>`."""
    found: str | None = None
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        found = match.group(1) if match else None
    if not found:
        match = _META_CHARSET.search(data[:4096])
        found = match.group(1).decode("ascii", "replace") if match else None
    if not found:
        return None
    try:
        name = codecs.lookup(found).name
    except LookupError:
        return None
    # As browsers do: pages that say Latin-1 or ASCII are windows-1252, whose curly quotes and
    # dashes would otherwise become C1 controls (and then be removed as such).
    return "cp1252" if name in ("iso8859-1", "ascii") else name
