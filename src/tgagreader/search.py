"""Full-text search over the cached articles, the way Vietnamese readers type.

The index is an SQLite FTS5 table in the cache's database, written in the same transaction as
the article it indexes (so it is never out of step), with each text twice: as written, and
folded (`tgagreader.text.fold`: no diacritics, `đ` → `d`, lower case). A query is matched
against the folded text, so `dan van` finds `dân vận`; matches that also hold with the accents
as typed rank first; then relevance (BM25, title weighted over body), then recency.

Query syntax: words (all must occur), `"quoted phrases"`, and the last word matches as a prefix
(`tuyen gi` finds `tuyên giáo`) — the search-as-you-type case.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from tgagreader.models import Article, Image
from tgagreader.text import clean, fold, nfc

SCHEMA = 1
DDL = """
CREATE VIRTUAL TABLE IF NOT EXISTS tgag_fts USING fts5(
    title, body, folded_title, folded_body,
    tokenize = 'unicode61 remove_diacritics 0'
)
"""
# BM25 weights by column (title, body, folded title, folded body): each query ranks by the
# columns it matches, the folded ones or the ones as written; a title match counts more.
_FOLDED_RANK = "bm25(tgag_fts, 0.0, 0.0, 8.0, 1.0)"
_EXACT_RANK = "bm25(tgag_fts, 8.0, 1.0, 0.0, 0.0)"
_TOKEN = re.compile(r"\w+", re.UNICODE)
_QUOTED = re.compile(r'"([^"]*)"')


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: words and phrases as typed (lower case, NFC) and folded."""

    words: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    prefix: bool

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases


@dataclass(frozen=True, slots=True)
class Hit:
    id: int
    exact: bool


def parse_query(text: str) -> Query:
    # The last word is still being typed unless the query ends in a space or a closing quote
    # (looked at before `clean`, which strips trailing spaces).
    typed = not text[-1:].isspace()
    text = clean(text).lower()
    phrases = tuple(
        tuple(_TOKEN.findall(found)) for found in _QUOTED.findall(text) if _TOKEN.search(found)
    )
    rest = _QUOTED.sub(" ", text)
    words = tuple(_TOKEN.findall(rest))
    prefix = bool(words) and typed and not text.endswith('"')
    return Query(words, phrases, prefix)


def expression(query: Query, *, folded: bool) -> str:
    """The FTS5 MATCH expression: every term quoted (no FTS syntax can come from the user)."""

    def term(word: str) -> str:
        return fold(word) if folded else word

    parts = [f'"{" ".join(term(w) for w in phrase)}"' for phrase in query.phrases]
    for index, word in enumerate(query.words):
        star = "*" if query.prefix and index == len(query.words) - 1 else ""
        parts.append(f'"{term(word)}"{star}')
    columns = "{folded_title folded_body}" if folded else "{title body}"
    return f"{columns}: ({' AND '.join(parts)})"


def document(article: Article) -> tuple[str, str, str, str]:
    """What is indexed of an article: its title, and its text with captions and table cells."""
    parts = [(b.caption or "") if isinstance(b, Image) else b.text for b in article.body]
    if not parts:
        parts = [article.summary]  # else the lead is the body's first paragraph
    # NFC, as `clean` makes text at parse time, whatever made this article: one spelling of a
    # word in the index, so that a decomposed `dân` is found by a composed one (and folds).
    title = nfc(article.title)
    body = nfc("\n".join(part for part in parts if part))
    return title, body, fold(title), fold(body)


def index(db: sqlite3.Connection, article: Article) -> None:
    """(Re)index one article; call inside the transaction that stores it."""
    db.execute("DELETE FROM tgag_fts WHERE rowid = ?", (article.id,))
    db.execute(
        "INSERT INTO tgag_fts (rowid, title, body, folded_title, folded_body)"
        " VALUES (?, ?, ?, ?, ?)",
        (article.id, *document(article)),
    )


def remove(db: sqlite3.Connection, article_id: int) -> None:
    db.execute("DELETE FROM tgag_fts WHERE rowid = ?", (article_id,))


def category_clause(categories: Iterable[str]) -> tuple[str, list[object]]:
    """The SQL condition on `tgag_article a` for articles of these categories (keys or aliases),
    and its parameters: what `Store.entries` and `search` filter by."""
    keys = list(categories)
    marks = ",".join("?" * len(keys)) or "NULL"
    return f"(a.category_key IN ({marks}) OR a.category_alias IN ({marks}))", [*keys, *keys]


def search(
    db: sqlite3.Connection,
    query: Query,
    *,
    limit: int = 20,
    categories: Iterable[str] | None = None,
) -> list[Hit]:
    """The best `limit` matches: exact-accent ones first, then by BM25, then newest first."""
    if query.empty:
        return []
    where = ""
    params: list[object] = []
    if categories is not None:
        condition, params = category_clause(categories)
        where = " AND " + condition
    sql = (
        "SELECT f.rowid, {rank} AS score FROM tgag_fts f JOIN tgag_article a ON a.id = f.rowid"
        " WHERE tgag_fts MATCH ?" + where + " ORDER BY score, a.published DESC LIMIT ?"
    )
    hits: list[Hit] = []
    seen: set[int] = set()
    for folded, rank in ((False, _EXACT_RANK), (True, _FOLDED_RANK)):
        if not folded and query_is_ascii(query):
            continue  # typed without accents: the exact query is the folded one
        try:
            rows = db.execute(
                sql.format(rank=rank), [expression(query, folded=folded), *params, limit]
            ).fetchall()
        except sqlite3.OperationalError:
            continue  # a query FTS5 cannot take (e.g. only punctuation): no results
        for article_id, _score in rows:
            if article_id not in seen:
                seen.add(article_id)
                hits.append(Hit(article_id, exact=not folded))
    return hits[:limit]


def query_is_ascii(query: Query) -> bool:
    return all(w.isascii() for w in (*query.words, *(w for p in query.phrases for w in p)))


def matcher(query: Query) -> re.Pattern[str] | None:
    """Whole words of the query in folded text (the word being typed may be a word's start)."""
    words = [fold(w) for w in query.words]
    # A phrase's words may stand apart by any non-word characters (`03-CT/TW` is `"03 ct tw"`).
    whole = sorted(
        {
            *(re.escape(w) for w in (words[:-1] if query.prefix else words)),
            *(r"\W+".join(re.escape(fold(w)) for w in p) for p in query.phrases),
        },
        key=len,
        reverse=True,
    )
    patterns = [rf"(?<!\w){term}(?!\w)" for term in whole if term]
    if query.prefix and words and words[-1]:
        patterns.append(rf"(?<!\w){re.escape(words[-1])}")
    return re.compile("|".join(patterns)) if patterns else None


def snippet(text: str, query: Query, width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """The passage of `text` around the first match of the most query terms, and where the
    matches are in it (diacritic-insensitive: the passage is the original text, the spans are
    found folded)."""
    text = nfc(" ".join(text.split()))
    folded = fold(text)
    pattern = matcher(query)
    first = _densest(list(pattern.finditer(folded)), width - width // 4) if pattern else 0
    start = max(0, first - width // 4)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end + 1)  # a space just after the passage will do
        end = space if space > first else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    spans = (
        [(m.start() + shift, m.end() + shift) for m in pattern.finditer(folded, start, end)]
        if pattern
        else []
    )
    return prefix + text[start:end] + suffix, spans


def _densest(matches: list[re.Match[str]], reach: int) -> int:
    """Where the first run of matches that holds the most different terms within `reach`
    characters starts (for `dân vận`, a `dân vận` rather than the `nhân dân` before it)."""
    wanted = len({match.group() for match in matches})
    best, most = 0, 0
    for index, match in enumerate(matches):
        terms = set()
        for later in range(index, len(matches)):  # indices, not a slice: no copy per match
            if matches[later].end() - match.start() > reach:
                break
            terms.add(matches[later].group())
        if len(terms) > most:
            best, most = match.start(), len(terms)
            if most == wanted:
                break  # no later run can hold more
    return best
