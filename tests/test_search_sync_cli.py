"""Search, bookmarks and export with the demo site over real HTTP: the index kept up to date by
sync (as each article arrives, and when an article changes), rebuilt from the cache when it is
deleted; `tgag search`, `tgag bookmarks` and `tgag export` in every format; bookmarked articles
surviving eviction. What a query must find is worked out here independently of the index: every
cached article's words, folded by hand."""

from __future__ import annotations

import json
import re
import sqlite3
import types
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from cli_tools import Result, isolate
from conftest import fast_options
from demo_tools import CONTENT, edit, replace_everywhere
from tgagreader.cli import main
from tgagreader.models import Image
from tgagreader.store import Store
from tgagreader.sync import SyncEvent, run_sync

CATEGORY_OF = {int(a["id"]): a["catid"] for a in CONTENT["articles"]}
LATEST_KEYS = {"id", "title", "url", "category", "published", "author", "hits", "summary"}
FRONT_MATTER_KEYS = {
    *("id", "title", "url", "category", "published", "modified", "author", "hits", "complete")
}
# 2279 (Công tác dân vận) shows a modification date in its listing entry and on its page.
MODIFIED_2279 = "2015-04-15T09:40:00+07:00"
LATER = "2015-06-01T10:00:00+07:00"
OLD_WORDS_2279 = "tu sửa cơ sở thờ tự"
NEW_WORDS_2279 = "trùng tu chánh điện ngôi chùa Khmer cổ kính"


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    isolate(monkeypatch, tmp_path)


@pytest.fixture
def tgag(capsys, cache_copy):
    """Run `tgag --offline ARGS` in-process on a private copy of the synced demo cache."""

    def run(*args: str, cache: Path | None = None, offline: bool = True) -> Result:
        capsys.readouterr()
        argv = ["--cache-dir", str(cache or cache_copy), *(["--offline"] if offline else []), *args]
        code = main(argv)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


# -- an oracle: what a query must find, from the articles themselves -----------------------------


def by_hand(text: str) -> str:
    """Vietnamese folded the long way: decomposed, marks dropped, đ as d, lower case."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()


def render_text(article) -> str:
    return "\n".join(
        (block.caption or "") if isinstance(block, Image) else block.text for block in article.body
    )


def words_of(store: Store, article_id: int) -> list[str]:
    article = store.get_article(article_id, touch=False)
    return re.findall(r"\w+", by_hand(article.title + "\n" + render_text(article)))


def must_find(cache: Path, query: str, category_ids: set[int] | None = None) -> set[int]:
    """Articles holding every word of `query` (the last one as a prefix, unless the query ends
    in a space)."""
    wanted = re.findall(r"\w+", by_hand(query))
    prefix = not query.endswith(" ")
    found = set()
    with Store(cache) as store:
        for article_id in store.cached_ids():
            if category_ids is not None and CATEGORY_OF[article_id] not in category_ids:
                continue
            words = set(words_of(store, article_id))
            whole = wanted[:-1] if prefix else wanted
            if not all(w in words for w in whole):
                continue
            if prefix and not any(w.startswith(wanted[-1]) for w in words):
                continue
            found.add(article_id)
    return found


def search_ids(cache: Path, query: str, **options) -> list[int]:
    with Store(cache) as store:
        return [found.entry.id for found in store.search(query, limit=100, **options)]


# -- the index during sync -----------------------------------------------------------------------


def test_sync_indexes_each_article_as_it_arrives_and_again_when_it_changes(
    serve, site_copy, tmp_path
):
    server = serve("j3", root=site_copy)
    cache = tmp_path / "cache"
    arrived: list[str] = []
    with Store(cache) as store:

        def progress(event: SyncEvent) -> None:
            if event.kind == "article":  # the article was just stored: it can be found at once
                titles = {f.entry.summary.title for f in store.search(event.detail, limit=100)}
                assert event.detail in titles, event.detail
                arrived.append(event.detail)

        assert store.search("dan van") == []
        summary = run_sync(store, server.url, fast_options(), progress)
        assert summary.failed == []
        assert len(arrived) == summary.new > 20
        for article_id in store.cached_ids():
            title = store.get_article(article_id, touch=False).title
            assert article_id in [f.entry.id for f in store.search(title, limit=100)], title
        assert [f.entry.id for f in store.search(f'"{by_hand(OLD_WORDS_2279)}"')] == [2279]
        assert store.search(f'"{by_hand(NEW_WORDS_2279)}"') == []

    # The site edits 2279's text and says so with a later modification date.
    edit(site_copy, "article/2279.html", OLD_WORDS_2279, NEW_WORDS_2279)
    assert replace_everywhere(site_copy, MODIFIED_2279, LATER) == 2
    with Store(cache) as store:
        assert run_sync(store, server.url, fast_options()).updated == 1
        assert [f.entry.id for f in store.search(f'"{by_hand(NEW_WORDS_2279)}"')] == [2279]
        assert [f.entry.id for f in store.search(NEW_WORDS_2279)] == [2279]
        assert store.search(f'"{by_hand(OLD_WORDS_2279)}"') == []
        found = store.search("chanh dien ngoi chua khmer ")[0]
        marked = [found.snippet[a:b] for a, b in found.spans]
        assert marked == ["chánh", "điện", "ngôi", "chùa", "Khmer"]


def test_the_index_matches_the_articles(synced_cache):
    for query in ("dân vận ", "dan van ", "tuyen gi", "đảng bộ ", "dang bo", "nông thôn mới "):
        expected = must_find(synced_cache, query)
        assert expected, query
        assert set(search_ids(synced_cache, query)) == expected, query


# -- tgag search ---------------------------------------------------------------------------------


def test_search_json_jsonl_and_text(tgag, cache_copy):
    expected = must_find(cache_copy, "dân vận ")
    assert len(expected) > 20
    as_json = tgag("search", "dân vận ", "-n", "100", "--format", "json")
    assert (as_json.code, as_json.err) == (0, "")
    items = json.loads(as_json.out)
    assert {item["id"] for item in items} == expected
    assert [item["id"] for item in items] == search_ids(cache_copy, "dân vận ")
    for item in items:
        assert set(item) == LATEST_KEYS | {"snippet"}
        assert "«" not in item["snippet"]
        assert "\x1b" not in item["snippet"]
    # The snippet is the passage that matches: both words, where the text has them close enough
    # (by hand: in the text read shows), else at least one of them unless only the title has it.
    with Store(cache_copy) as store:
        bodies = {item["id"]: store.get_article(item["id"], touch=False) for item in items}
    close = 0
    for item in items:
        words = set(re.findall(r"\w+", by_hand(item["snippet"])))
        body = by_hand(" ".join(render_text(bodies[item["id"]]).split()))
        if re.search(r"\bdan\b.{0,100}\bvan\b|\bvan\b.{0,100}\bdan\b", body):
            assert {"dan", "van"} <= words, item["snippet"]
            close += 1
        elif re.search(r"\bdan\b|\bvan\b", body):
            assert words & {"dan", "van"}, item["snippet"]
    assert close > 10

    as_jsonl = tgag("search", "dân", "vận ", "-n", "100", "--format", "jsonl")
    assert as_jsonl.code == 0
    assert [json.loads(line) for line in as_jsonl.out.splitlines()] == items

    text = tgag("search", "dân vận ", "-n", "5")
    assert text.code == 0
    lines = text.out.splitlines()
    assert len(lines) == 10  # an entry line and its passage, for each of five
    for entry, passage, item in zip(lines[::2], lines[1::2], items[:5], strict=True):
        assert re.search(rf"\b{item['id']}\b", entry)
        assert item["title"] in entry
        assert passage.startswith("    ")
        marks = re.findall(r"«([^»]*)»", passage)
        assert marks
        assert {by_hand(mark) for mark in marks} <= {"dan", "van"}
        assert passage[4:].replace("«", "").replace("»", "") == item["snippet"]


def test_search_exact_accents_come_first(tgag, cache_copy):
    items = json.loads(tgag("search", "Đảng ", "-n", "100", "--format", "json").out)
    ids = [item["id"] for item in items]
    assert set(ids) == must_find(cache_copy, "dang ")
    with Store(cache_copy) as store:
        has_dang = {i for i in ids if "đảng" in " ".join(words_of_raw(store, i))}
    assert has_dang  # both kinds are there…
    assert has_dang != set(ids)
    assert set(ids[: len(has_dang)]) == has_dang  # …and those with the accents come first


def words_of_raw(store: Store, article_id: int) -> list[str]:
    article = store.get_article(article_id, touch=False)
    text = unicodedata.normalize("NFC", article.title + "\n" + render_text(article))
    return re.findall(r"\w+", text.lower())


def test_search_number_and_category(tgag, cache_copy):
    every = json.loads(tgag("search", "an giang ", "-n", "100", "--format", "json").out)
    assert len(every) > 10
    three = json.loads(tgag("search", "an giang ", "-n", "3", "--format", "json").out)
    assert three == every[:3]
    # A parent category takes in its subcategories' articles (8: 9 and 10).
    news = json.loads(
        tgag("search", "an giang ", "-n", "100", "--category", "8", "--format", "json").out
    )
    expected = must_find(cache_copy, "an giang ", {8, 9, 10})
    assert {item["id"] for item in news} == expected
    assert 0 < len(expected) < len(every)
    assert [item for item in every if item["id"] in expected] == news
    by_alias = tgag(
        "search", "an giang ", "-n", "100", "--category", "tin-tuc-su-kien", "--format", "json"
    )
    assert json.loads(by_alias.out) == news
    child = json.loads(
        tgag("search", "an giang ", "--category", "tin-trong-nuoc", "--format", "json").out
    )
    assert {item["category"]["id"] for item in child} == {10}


def test_search_without_a_match_and_without_a_cache(tgag, tmp_path):
    none = tgag("search", "xyzzy", "--format", "json")
    assert (none.code, json.loads(none.out)) == (0, [])
    assert tgag("search", "xyzzy").out == ""
    for query in ('"', "AND", "NEAR(", "*", "-", ":", "title:dân"):
        result = tgag("search", "--format", "json", "--", query)
        assert (result.code, result.err) == (0, ""), query
        assert json.loads(result.out) == [], query
    empty = tgag("search", "dân", cache=tmp_path / "empty")
    assert empty.code == 3
    assert "tgag sync" in empty.error_line


def test_search_works_again_after_the_index_is_deleted(tgag, cache_copy, j3_server):
    before = tgag("search", "dân vận ", "-n", "100", "--format", "json").out
    with sqlite3.connect(cache_copy / "cache.db") as db:
        db.execute("DROP TABLE tgag_fts")
    requests = len(j3_server.requests)
    after = tgag("search", "dân vận ", "-n", "100", "--format", "json")
    assert after.code == 0
    assert json.loads(after.out) == json.loads(before)
    assert len(j3_server.requests) == requests  # rebuilt from the cache, nothing fetched


# -- bookmarks -----------------------------------------------------------------------------------


def bookmark(cache: Path, *ids: int) -> None:
    """Bookmark `ids` a minute apart, in this order (the last is the newest)."""
    import tgagreader.store as module

    real = module.time
    try:
        with Store(cache) as store:
            for minute, article_id in enumerate(ids):
                module.time = types.SimpleNamespace(time=lambda m=minute: 1.7e9 + 60 * m)
                store.set_bookmark(article_id)
    finally:
        module.time = real


def test_bookmarks_in_every_format(tgag, cache_copy):
    assert tgag("bookmarks").out == ""
    assert json.loads(tgag("bookmarks", "--format", "json").out) == []
    bookmark(cache_copy, 2185, 1392, 2556)
    as_json = tgag("bookmarks", "--format", "json")
    assert as_json.code == 0
    items = json.loads(as_json.out)
    assert [item["id"] for item in items] == [2556, 1392, 2185]  # newest bookmark first
    assert all(set(item) == LATEST_KEYS for item in items)
    latest = {
        item["id"]: item for item in json.loads(tgag("latest", "-n", "100", "--format", "json").out)
    }
    assert items == [latest[i] for i in (2556, 1392, 2185)]
    jsonl = tgag("bookmarks", "--format", "jsonl")
    assert [json.loads(line) for line in jsonl.out.splitlines()] == items
    tsv = tgag("bookmarks", "--format", "tsv").out.splitlines()
    assert tsv[0].split("\t")[0] == "id"
    assert [int(row.split("\t")[0]) for row in tsv[1:]] == [2556, 1392, 2185]
    text = tgag("bookmarks").out.splitlines()
    assert len(text) == 3
    for line, item in zip(text, items, strict=True):
        assert str(item["id"]) in line
        assert item["title"] in line
    with Store(cache_copy) as store:
        store.set_bookmark(1392, False)
    assert [i["id"] for i in json.loads(tgag("bookmarks", "--format", "json").out)] == [2556, 2185]


def test_bookmarked_articles_survive_eviction(tgag, cache_copy):
    bookmark(cache_copy, 2185, 1392)
    with Store(cache_copy) as store:
        everything = store.cached_ids()
        assert len(everything) == 58
        assert store.evict(size_limit=1) == 56
        assert store.cached_ids() == {2185, 1392}
        for article_id in (2185, 1392):
            assert store.get_article(article_id, touch=False).body
        assert {f.entry.id for f in store.search("an giang ", limit=100)} <= {2185, 1392}
    for article_id in (2185, 1392):
        read = tgag("read", str(article_id), "--format", "json")
        assert read.code == 0
        assert json.loads(read.out)["id"] == article_id
    gone = tgag("read", "2556")
    assert gone.code == 1
    assert "not cached" in gone.error_line
    items = json.loads(tgag("bookmarks", "--format", "json").out)
    assert [item["id"] for item in items] == [1392, 2185]
    assert json.loads(tgag("search", "mục đích yêu cầu ", "--format", "json").out)[0]["id"] == 2185


def test_sync_with_a_tiny_cache_size_keeps_the_bookmarked_articles(
    tgag, cache_copy, j3_server, monkeypatch
):
    bookmark(cache_copy, 2185, 1771)
    monkeypatch.setenv("TGAG_CACHE_SIZE", "1")
    result = tgag("--site", j3_server.url, "-q", "sync", offline=False)
    assert result.code == 0, result.err
    with Store(cache_copy) as store:
        assert store.cached_ids() == {2185, 1771}
    assert [i["id"] for i in json.loads(tgag("bookmarks", "--format", "json").out)] == [1771, 2185]


# -- export --------------------------------------------------------------------------------------


def read_json(tgag, article_id: int) -> dict:
    result = tgag("read", str(article_id), "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_export_jsonl_round_trip(tgag, cache_copy, tmp_path):
    target = tmp_path / "out" / "all.jsonl"
    result = tgag("export", "--all", "--format", "jsonl", "-o", str(target))
    assert result.code == 0, result.err
    assert result.out == ""
    assert "58" in result.err
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 58
    exported = [json.loads(line) for line in lines]
    assert len({item["id"] for item in exported}) == 58
    for item in exported:
        assert item == read_json(tgag, item["id"])
    # --all is the default; -q says nothing.
    default = tmp_path / "default.jsonl"
    quiet = tgag("-q", "export", "--output", str(default))
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")
    assert default.read_text(encoding="utf-8") == target.read_text(encoding="utf-8")
    assert sorted(p.name for p in target.parent.iterdir()) == ["all.jsonl"]  # no temporary files


def test_export_bookmarks_and_category(tgag, cache_copy, tmp_path):
    bookmark(cache_copy, 2185, 1392)
    marked = tmp_path / "bookmarks.jsonl"
    assert tgag("-q", "export", "--bookmarks", "-o", str(marked)).code == 0
    exported = [json.loads(line) for line in marked.read_text(encoding="utf-8").splitlines()]
    assert [item["id"] for item in exported] == [1392, 2185]
    assert exported[1] == read_json(tgag, 2185)  # the multi-page article, whole

    news = tmp_path / "news.jsonl"
    assert tgag("-q", "export", "--category", "tin-tuc-su-kien", "-o", str(news)).code == 0
    ids = [json.loads(line)["id"] for line in news.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(i for i, c in CATEGORY_OF.items() if c in (8, 9, 10))
    child = tmp_path / "child.jsonl"
    assert tgag("-q", "export", "--category", "9", "-o", str(child)).code == 0
    lines = child.read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(
        i for i, c in CATEGORY_OF.items() if c == 9
    )


def front_matter(text: str) -> tuple[dict, str]:
    """The front matter (a JSON value per line between `---` lines) and the rest."""
    lines = text.split("\n")
    assert lines[0] == "---"
    end = lines.index("---", 1)
    fields = {}
    for line in lines[1:end]:
        key, _, value = line.partition(": ")
        fields[key] = json.loads(value)
    return fields, "\n".join(lines[end + 1 :])


def test_export_markdown_folder(tgag, cache_copy, tmp_path):
    folder = tmp_path / "md"
    result = tgag("export", "--format", "md", "-o", str(folder))
    assert result.code == 0, result.err
    files = sorted(folder.iterdir())
    assert len(files) == 58
    seen = set()
    for path in files:
        assert path.suffix == ".md"
        fields, body = front_matter(path.read_text(encoding="utf-8"))
        assert set(fields) == FRONT_MATTER_KEYS
        assert path.name.startswith(f"{fields['id']}-")
        seen.add(fields["id"])
        read = read_json(tgag, fields["id"])
        for key in ("id", "title", "url", "category", "published", "author", "hits", "complete"):
            assert fields[key] == read[key], (path.name, key)
        markdown = tgag("read", str(fields["id"]), "--format", "md").out
        assert body.strip() == markdown.strip()
        assert read["title"] in body
        first = read["text"].split("\n\n")[0]
        assert first[:30] in body.replace("\\", "")
    assert len(seen) == 58
    multi = next(folder.glob("2185-*.md")).read_text(encoding="utf-8")
    assert "V. TỔ CHỨC THỰC HIỆN" in multi  # the last page of the multi-page article is there


def test_a_cut_off_article_is_never_exported_or_printed_as_complete(tgag, cache_copy, tmp_path):
    with Store(cache_copy) as store:
        whole = store.get_article(2556, touch=False)
        store.put_article(replace(whole, id=9999, complete=False))  # as a cut-off page is stored
    assert (read_json(tgag, 9999)["complete"], read_json(tgag, 2556)["complete"]) == (False, True)
    target = tmp_path / "all.jsonl"
    assert tgag("-q", "export", "-o", str(target)).code == 0
    exported = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert {item["id"]: item["complete"] for item in exported if item["id"] in (9999, 2556)} == {
        9999: False,
        2556: True,
    }
    folder = tmp_path / "md"
    assert tgag("-q", "export", "--format", "md", "-o", str(folder)).code == 0
    fields, _body = front_matter(next(folder.glob("9999-*.md")).read_text(encoding="utf-8"))
    assert fields["complete"] is False


@pytest.mark.parametrize("fmt", ["jsonl", "md"])
def test_export_to_an_unwritable_path_is_a_one_line_error(tgag, tmp_path, fmt):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    folder = tmp_path / "a-folder"
    folder.mkdir()
    # Under a file; a file where the Markdown folder should be; a folder where the JSONL should be.
    for target in (blocker / "out", blocker if fmt == "md" else folder):
        result = tgag("export", "--format", fmt, "-o", str(target))
        assert result.code == 1, (target, result.err)
        assert result.error_line.startswith(f"tgag: cannot write {target}: ")
        assert result.out == ""
    # Nothing left over (the JSONL is written to a temporary file beside the target first).
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "a-folder", "cache"]
    assert list(folder.iterdir()) == []
    assert blocker.read_text() == "not a folder"
