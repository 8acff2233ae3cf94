"""`tgag`, the command line, against the demo site over real HTTP: every command, every output
format, the global options, configuration precedence, exit codes and one-line errors.

Most tests run `tgagreader.cli.main` in-process; the process boundary is crossed only where it is
the point (lazy imports, `--new` across runs, a pipe that closes early, the one-line summary of a
piped `tgag sync`). Every test gets a config file that does not exist and its own cache
directory, so the developer's real configuration and cache are never read or written."""

from __future__ import annotations

import fcntl
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from cli_tools import Result, isolate
from conftest import fast_options
from demo_tools import (
    CONTENT,
    article_requests,
    closed_port_url,
    drop_from_manifest,
    edit,
    listing_requests,
)
from tgagreader import __version__
from tgagreader.cli import main
from tgagreader.demo.server import DemoServer
from tgagreader.localtime import SITE_TZ
from tgagreader.models import Article, Category, Paragraph
from tgagreader.site.urls import synthetic_id
from tgagreader.store import Store
from tgagreader.sync import run_sync

ARTICLES = {int(a["id"]): a for a in CONTENT["articles"]}
CATEGORIES = {c["id"]: c for c in CONTENT["categories"]}
LATEST_KEYS = {"id", "title", "url", "category", "published", "author", "hits", "summary"}
READ_KEYS = LATEST_KEYS | {"modified", "complete", "body", "text", "images"}
BLOCK_KEYS = {
    "paragraph": {"type", "text", "links"},
    "heading": {"type", "text", "level", "links"},
    "quote": {"type", "text", "links"},
    "list": {"type", "items", "ordered", "links"},
    "table": {"type", "rows", "header", "caption", "links"},
    "image": {"type", "src", "caption", "alt"},
}
ISO_SITE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+07:00$")
HEADINGS_2185 = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "II. NỘI DUNG TUYÊN TRUYỀN",
    "III. HÌNH THỨC TUYÊN TRUYỀN",
    "IV. KHẨU HIỆU TUYÊN TRUYỀN",
    "V. TỔ CHỨC THỰC HIỆN",
]
FORBIDDEN_ON_THE_CACHE_PATH = ("httpx", "textual", "rich", "click", "h2")


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    isolate(monkeypatch, tmp_path)


@pytest.fixture
def tgag(capsys, tmp_path):
    """Run `tgag ARGS` in-process with `--cache-dir tmp/cache` unless a cache dir is given."""

    def run(*args: str, cache: Path | None = None) -> Result:
        capsys.readouterr()
        argv = ["--cache-dir", str(cache or tmp_path / "cache"), *args]
        code = main(argv)
        out, err = capsys.readouterr()
        return Result(code, out, err)

    return run


@pytest.fixture(scope="module", params=["j3", "j25"])
def site_cache(request, tmp_path_factory):
    """A demo server of each generation and a cache holding all of it (copy before writing)."""
    with DemoServer(request.param) as server:
        path = tmp_path_factory.mktemp(f"cli-{request.param}") / "cache"
        with Store(path) as store:
            summary = run_sync(store, server.url, fast_options(all_pages=True))
        assert not summary.failed
        yield server, path


def private_copy(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / "cache"
    shutil.copytree(path, target)
    with Store(target) as store:
        store.mark_synced()  # fresh, whatever the session's age
    return target


def subprocess_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TGAG_") and k != "NO_COLOR"}
    env |= {"TGAG_CONFIG": str(tmp_path / "no-such-config.toml"), "TGAG_DELAY": "0"} | extra
    return env


def by_published(ids, key: str = "publish_up") -> list[int]:
    return sorted(ids, key=lambda n: (ARTICLES[n][key], n), reverse=True)


def published_key(server: DemoServer) -> str:
    """Which date the site shows as an article's: Joomla 2.5's template shows only `created`."""
    return "publish_up" if server.generation == "j3" else "created"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


# -- global options ------------------------------------------------------------------------------


def test_version(tgag):
    result = tgag("--version")
    assert result.code == 0
    assert result.out == f"tgag {__version__}\n"


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["frobnicate"],
        ["latest", "-n", "0"],
        ["latest", "--format", "xml"],
        ["read"],
        ["sync", "--concurrency", "0"],
        ["sync", "--pages", "many"],
        ["cache", "destroy"],
        ["--site", "ftp://example.org/", "latest"],
    ],
    ids=" ".join,
)
def test_usage_errors_exit_2_with_one_line(tgag, args):
    result = tgag(*args)
    assert result.code == 2
    assert "error" in result.error_line or "--site" in result.error_line
    assert result.out == ""


@pytest.mark.parametrize(
    "args",
    [
        ["latest", "--since", "99999999999d"],  # OverflowError
        ["latest", "--since", "1000000d"],  # before the year 1
        ["read", "--", "²"],  # isdigit() but not int()
        ["open", "--", "²"],
        ["read", "--", "--5"],
        ["latest", "-n", "²"],
    ],
    ids=" ".join,
)
def test_odd_arguments_are_one_line_usage_errors(cache_copy, tgag, args):
    """Review A10: each of these was a traceback."""
    result = tgag("--offline", *args, cache=cache_copy)
    assert result.code == 2
    assert repr(args[-1]) in result.error_line
    assert "invalid" not in result.error_line  # argparse's words for a ValueError
    assert result.out == ""


def test_an_unknown_demo_generation_is_a_usage_error(tgag, monkeypatch):
    monkeypatch.setenv("TGAG_DEMO_GENERATION", "j4")
    result = tgag("--demo", "latest")
    assert result.code == 2
    assert "TGAG_DEMO_GENERATION" in result.error_line
    assert "'j4'" in result.error_line


def test_offline_never_touches_the_network(tgag, serve, cache_copy, monkeypatch):
    server = serve("j3")
    monkeypatch.setenv("TGAG_TTL", "0")  # stale: online, `latest` would refresh
    with Store(cache_copy) as store:
        store.mark_synced(time.time() - 86400)
    site = ["--site", server.url, "--offline"]

    latest = tgag(*site, "latest", "-n", "3", "--format", "json", cache=cache_copy)
    assert latest.code == 0
    assert [item["id"] for item in json.loads(latest.out)] == [2556, 2544, 2531]
    assert tgag(*site, "read", "2185", cache=cache_copy).code == 0
    assert tgag(*site, "categories", cache=cache_copy).code == 0
    assert tgag(*site, "stats", cache=cache_copy).code == 0
    assert tgag(*site, "cache", "info", cache=cache_copy).code == 0
    uncached = tgag(*site, "read", "7", cache=cache_copy)
    assert uncached.code == 1
    assert "--offline" in uncached.error_line
    sync = tgag(*site, "sync", cache=cache_copy)
    assert sync.code == 2
    assert "--offline" in sync.error_line
    empty = tgag(*site, "latest", cache=cache_copy.parent / "empty")
    assert empty.code == 3
    assert "tgag sync" in empty.error_line
    assert "--demo" in empty.error_line

    assert server.requests == []


def test_global_options_work_after_the_command_too(tgag, serve, cache_copy, monkeypatch):
    server = serve("j3")
    monkeypatch.setenv("TGAG_TTL", "0")  # stale: only --offline keeps `latest` off the network
    before = len(server.requests)
    after = tgag(
        "latest", "-n", "2", "--site", server.url, "--offline", "--format", "json", cache=cache_copy
    )
    assert after.code == 0
    assert [item["id"] for item in json.loads(after.out)] == [2556, 2544]
    assert len(server.requests) == before
    verbose = tgag("--site", server.url, "sync", "--pages", "1", "-v", cache=cache_copy)
    assert verbose.code == 0
    assert "tgag: done:" in verbose.err


def test_demo_serves_the_bundled_site(tgag, monkeypatch, tmp_path):
    result = tgag("--demo", "latest", "-n", "3", "--format", "json")
    assert result.code == 0, result.err
    items = json.loads(result.out)
    assert [item["id"] for item in items] == [2556, 2544, 2531]
    assert all(item["url"].startswith("http://127.0.0.1:") for item in items)
    assert items[0]["category"]["id"] == 10

    monkeypatch.setenv("TGAG_DEMO_GENERATION", "j25")
    j25 = tgag("--demo", "latest", "-n", "1", "--format", "json", cache=tmp_path / "j25")
    assert j25.code == 0, j25.err
    assert json.loads(j25.out)[0]["category"] == {
        "id": None,
        "alias": "tin-trong-nuoc",
        "name": "Tin trong nước",
    }


def test_default_cache_dirs_of_demo_and_site_differ(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["--demo", "cache", "path"]) == 0
    assert main(["cache", "path"]) == 0
    demo, real = capsys.readouterr().out.splitlines()
    assert Path(demo) == tmp_path / "xdg" / "tgagreader-demo"
    assert Path(real) == tmp_path / "xdg" / "tgagreader"


def test_quiet_and_verbose(tgag, serve, site_copy, tmp_path, monkeypatch):
    server = serve("j3")
    quiet = tgag("--site", server.url, "-q", "sync")
    assert (quiet.code, quiet.out, quiet.err) == (0, "", "")
    plain = tgag("--site", server.url, "sync")
    assert plain.out.count("\n") == 1
    assert plain.err == ""
    verbose = tgag("--site", server.url, "-v", "sync")
    assert verbose.code == 0
    assert verbose.out.count("\n") == 1  # the summary, as without -v
    lines = verbose.err.splitlines()
    assert lines[0].startswith(f"tgag: page: {server.url} ")
    assert sum(line.startswith("tgag: page: ") for line in lines) == 10
    assert lines[-1].startswith("tgag: done: 10 pages fetched")

    # `latest` refreshing a stale cache says so with -v, and only then.
    monkeypatch.setenv("TGAG_TTL", "0")
    silent = tgag("--site", server.url, "latest", "-n", "1")
    assert (silent.code, silent.err) == (0, "")
    told = tgag("--site", server.url, "-v", "latest", "-n", "1")
    assert told.code == 0
    assert told.out == silent.out
    assert "tgag: done: 10 pages fetched" in told.err

    # -q still reports a sync that failed.
    drop_from_manifest(site_copy, 2279)
    broken = serve("j3", root=site_copy)
    failed = tgag("--site", broken.url, "-q", "sync", cache=tmp_path / "other")
    assert failed.code == 1
    assert "1 failed" in failed.out


# -- latest --------------------------------------------------------------------------------------


def test_latest_json_is_newest_first_with_exactly_the_documented_keys(site_cache, tgag):
    server, cache = site_cache
    result = tgag("--offline", "latest", "-n", "100", "--format", "json", cache=cache)
    assert result.code == 0, result.err
    items = json.loads(result.out)
    key = published_key(server)
    assert [item["id"] for item in items] == by_published(ARTICLES, key)
    for item in items:
        assert set(item) == LATEST_KEYS
        truth = ARTICLES[item["id"]]
        assert type(item["id"]) is int
        assert item["title"] == truth["title"]
        assert item["url"].startswith(server.url)
        assert set(item["category"]) == {"id", "alias", "name"}
        category = CATEGORIES[int(truth["catid"])]
        assert item["category"]["alias"] == category["alias"]
        assert item["category"]["name"] == category["name"]
        if server.generation == "j3":
            assert item["category"]["id"] == category["id"]
        else:  # Joomla 2.5 SEF pages never show a category id: the alias identifies it
            assert item["category"]["id"] is None
        assert ISO_SITE_TIME.match(item["published"])
        assert item["published"] == truth[key]
        assert item["author"] is None or isinstance(item["author"], str)
        if truth["author"]:
            assert item["author"] == truth["author"]
        assert item["hits"] == int(truth["hits"])
        assert isinstance(item["summary"], str)
        assert item["summary"]
    by_id = {item["id"]: item for item in items}
    assert by_id[2463]["author"] == "Hồng Nhung"  # no author field: the byline
    assert by_id[1187]["author"] == "Theo dangcongsan.vn"
    assert by_id[2377]["author"] is None  # neither


def test_latest_limit_and_the_other_formats(cache_copy, tgag):
    args = ("--offline", "latest", "-n", "5")
    array = json.loads(tgag(*args, "--format", "json", cache=cache_copy).out)
    assert len(array) == 5

    jsonl = tgag(*args, "--format", "jsonl", cache=cache_copy).out
    assert [json.loads(line) for line in jsonl.splitlines()] == array

    tsv = tgag(*args, "--format", "tsv", cache=cache_copy).out.splitlines()
    assert tsv[0] == "id\tpublished\tcategory\ttitle\turl\tauthor\thits\tsummary"
    assert len(tsv) == 1 + 5
    for line, item in zip(tsv[1:], array, strict=True):
        fields = line.split("\t")
        assert fields == [
            str(item["id"]),
            item["published"],
            item["category"]["alias"],
            item["title"],
            item["url"],
            item["author"] or "",
            str(item["hits"]),
            item["summary"],
        ]

    text = tgag(*args, cache=cache_copy).out.splitlines()
    assert len(text) == 5
    for line, item in zip(text, array, strict=True):
        assert str(item["id"]) in line
        assert item["title"] in line
        assert item["published"][:10] in line
    assert "\x1b" not in "".join(text)


def test_latest_category_by_id_alias_or_name_with_subcategories(site_cache, tgag):
    server, cache = site_cache

    def ids(category: str) -> list[int]:
        result = tgag(
            "--offline",
            "latest",
            "-n",
            "100",
            "--category",
            category,
            "--format",
            "json",
            cache=cache,
        )
        assert result.code == 0, result.err
        return [item["id"] for item in json.loads(result.out)]

    key = published_key(server)
    in_province = by_published((n for n, a in ARTICLES.items() if a["catid"] == 9), key)
    assert ids("tin-trong-tinh") == in_province
    assert ids("Tin trong tỉnh") == in_province
    news = by_published((n for n, a in ARTICLES.items() if a["catid"] in (8, 9, 10)), key)
    assert ids("tin-tuc-su-kien") == news  # the parent takes its subcategories along
    if server.generation == "j3":
        assert ids("9") == in_province
        assert ids("8") == news


@pytest.mark.parametrize("command", ["latest", "search dan", "export -o out.jsonl"])
def test_an_unknown_category_is_a_usage_error(cache_copy, tgag, tmp_path, command):
    """Review A13: `latest --category nosuch` printed nothing and exited 0."""
    args = [arg.replace("out.jsonl", str(tmp_path / "out.jsonl")) for arg in command.split()]
    result = tgag("--offline", *args, "--category", "nosuch", cache=cache_copy)
    assert result.code == 2
    assert "no category 'nosuch'" in result.error_line
    assert "tgag categories" in result.error_line
    assert result.out == ""
    assert not (tmp_path / "out.jsonl").exists()


def test_a_synthetic_id_keeps_its_title_whole_on_a_terminal(tmp_path, monkeypatch):
    """Review A8: the title was cut out of the line at an offset that assumed a 6-digit id."""
    url = "http://tgag.example.vn/tin-tuc/bai-viet-khong-so"
    number = synthetic_id(url)
    assert number < -99999
    title = "Tiêu đề của một bài không có số"
    with Store(tmp_path / "cache") as store:
        store.put_article(
            Article(
                id=number,
                title=title,
                url=url,
                category=Category(12, "cong-tac-dan-van", "Công tác dân vận"),
                author=None,
                byline=None,
                published=datetime(2015, 5, 1, 8, 0, tzinfo=SITE_TZ),
                modified=None,
                hits=3,
                summary="",
                body=(Paragraph("Một đoạn."),),
            )
        )
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    argv = ["--cache-dir", str(tmp_path / "cache"), "--offline", "latest"]
    start = f"2015-05-01 08:00  {number}  "
    tail = "  · Công tác dân vận"

    def line(columns: int) -> str:
        monkeypatch.setenv("COLUMNS", str(columns))
        terminal.seek(0)
        terminal.truncate()
        assert main(argv) == 0
        return re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue()).rstrip("\n")

    assert line(120) == start + title + tail
    assert line(len(start + title) + 1) == start + title  # the category goes first
    cut = line(len(start) + 12)
    assert cut.startswith(start + "Tiêu đề")
    assert cut.endswith("…")
    assert len(cut) == len(start) + 11


def test_latest_since_a_date_or_a_duration(cache_copy, tgag):
    def ids(since: str) -> list[int]:
        result = tgag(
            "--offline",
            "latest",
            "-n",
            "100",
            "--since",
            since,
            "--format",
            "jsonl",
            cache=cache_copy,
        )
        assert result.code == 0, result.err
        return [json.loads(line)["id"] for line in result.out.splitlines()]

    may = by_published(n for n, a in ARTICLES.items() if a["publish_up"] >= "2015-05-01")
    assert ids("2015-05-01") == may
    assert ids("2015-05-12T09:00") == [2556, 2544, 2531, 2514]  # 2514 was published at 09:00
    assert ids("30d") == []  # the demo site's news is from 2015
    assert len(ids("100000d")) == 58
    bad = tgag("--offline", "latest", "--since", "yesterday", cache=cache_copy)
    assert bad.code == 2
    assert "--since" in bad.error_line


def test_latest_new_prints_only_what_earlier_runs_did_not(cache_copy, tmp_path):
    def run(*args: str) -> list[int]:
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "tgagreader",
                "--cache-dir",
                str(cache_copy),
                "--offline",
                "latest",
                "--new",
                "--format",
                "jsonl",
                *args,
            ],
            env=subprocess_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert completed.returncode == 0, completed.stderr
        return [json.loads(line)["id"] for line in completed.stdout.splitlines()]

    assert run("-n", "3") == [2556, 2544, 2531]
    assert run("-n", "3") == []  # another process, the same memory
    assert run("-n", "5") == [2514, 2479]
    assert run("-n", "5") == []


def test_latest_refreshes_only_when_the_cache_is_older_than_the_ttl(
    tgag, serve, tmp_path, monkeypatch
):
    server = serve("j3")
    assert tgag("--site", server.url, "sync").code == 0
    site = ("--site", server.url)

    def requests_made(*args: str) -> list[str]:
        mark = len(server.requests)
        result = tgag(*site, *args, "latest", "-n", "3")
        assert result.code == 0, result.err
        assert len(result.out.splitlines()) == 3
        return [r.path for r in server.requests[mark:]]

    assert requests_made() == []  # fresh: answered from the cache
    with Store(tmp_path / "cache") as store:
        store.mark_synced(time.time() - 601)  # older than the default TTL of 600 s
    mark = len(server.requests)
    assert requests_made() != []
    assert article_requests(server, mark) == []
    assert all(page == 1 for _alias, page in listing_requests(server, mark))  # a light refresh
    assert requests_made() == []  # that refresh made the cache fresh again

    monkeypatch.setenv("TGAG_TTL", "0")
    assert requests_made() != []
    mark = len(server.requests)
    assert tgag(*site, "latest", "--no-refresh").code == 0
    assert server.requests[mark:] == []

    # The TTL from the config file, and the environment above the file.
    monkeypatch.delenv("TGAG_TTL")
    config = tmp_path / "config.toml"
    config.write_text("ttl = 0\n")
    monkeypatch.setenv("TGAG_CONFIG", str(config))
    assert requests_made() != []
    monkeypatch.setenv("TGAG_TTL", "1h")
    assert requests_made() == []


def test_unreachable_with_a_cache_shows_it_and_warns_with_its_age(cache_copy, tgag):
    with Store(cache_copy) as store:
        store.mark_synced(time.time() - 2 * 3600)  # two hours old: stale, so `latest` tries
    result = tgag("--site", closed_port_url(), "latest", "-n", "3", cache=cache_copy)
    assert result.code == 0
    assert len(result.out.splitlines()) == 3
    warning = result.error_line
    assert "cannot reach" in warning
    assert "2.0 h old" in warning
    for command in ("categories", "stats"):
        shown = tgag("--site", closed_port_url(), command, cache=cache_copy)
        assert shown.code == 0, shown.err
        assert shown.out


@pytest.mark.parametrize(
    "command",
    [["latest"], ["categories"], ["stats"], ["sync"], ["read", "2556"]],
    ids=lambda c: c[0],
)
def test_unreachable_with_nothing_cached_exits_3(tgag, command):
    result = tgag("--site", closed_port_url(), *command)
    assert result.code == 3
    line = result.error_line
    assert "--site" in line
    assert "--demo" in line
    assert "cannot reach" in line


# -- read ----------------------------------------------------------------------------------------


def test_read_text_wraps_at_80_columns_when_piped_with_numbered_links(cache_copy, tgag):
    result = tgag("--offline", "read", "2556", cache=cache_copy)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Cả nước kỷ niệm 125 năm Ngày sinh Chủ tịch Hồ Chí Minh"
    links = lines.index("Links:")
    assert lines[links + 1 :] == [
        "[1] " + re.search(r"(http://\S+id=2123\S*)", result.out).group(1)
    ]
    assert lines[links + 1].startswith("[1] http://")
    assert "[1]" in "\n".join(lines[:links])  # the link's place in the text is marked
    wrapped = [line for line in lines if " " in line and not line.startswith("[")]
    assert max(len(line) for line in wrapped) <= 80
    assert max(len(line) for line in wrapped) > 70  # wrapped to the width, not just short
    assert "\x1b" not in result.out


def test_read_text_follows_the_terminal_and_its_colours(cache_copy, tgag, monkeypatch):
    terminal = FakeTerminal()
    argv = ["--cache-dir", str(cache_copy), "--offline", "read", "2556"]
    with monkeypatch.context() as scope:
        scope.setattr(sys, "stdout", terminal)
        scope.setenv("COLUMNS", "50")
        scope.delenv("TERM", raising=False)
        assert main(argv) == 0
        coloured = terminal.getvalue()
        assert "\x1b[" in coloured
        plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
        wrapped = [line for line in plain.splitlines() if " " in line and not line.startswith("[")]
        assert max(len(line) for line in wrapped) <= 50
        # Without colour the text is the same, wrapped the same.
        for variable, value in (("NO_COLOR", "1"), ("TERM", "dumb")):
            with monkeypatch.context() as inner:
                inner.setenv(variable, value)
                terminal.seek(0)
                terminal.truncate()
                assert main(argv) == 0
                assert terminal.getvalue() == plain
    narrow = tgag("--offline", "read", "2556", "--width", "40", cache=cache_copy)
    wrapped = [line for line in narrow.out.splitlines() if " " in line and not line.startswith("[")]
    assert max(len(line) for line in wrapped) <= 40


def test_latest_is_coloured_only_on_a_terminal(cache_copy, monkeypatch):
    terminal = FakeTerminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["--cache-dir", str(cache_copy), "--offline", "latest", "-n", "2"]) == 0
    assert "\x1b[" in terminal.getvalue()
    for value, coloured in (("", True), ("1", False), ("0", False)):  # no-color.org's rule
        monkeypatch.setenv("NO_COLOR", value)
        terminal.seek(0)
        terminal.truncate()
        assert main(["--cache-dir", str(cache_copy), "--offline", "latest", "-n", "2"]) == 0
        assert ("\x1b[" in terminal.getvalue()) is coloured
        assert len(terminal.getvalue().splitlines()) == 2


def test_read_multipage_article_whole(site_cache, tgag, tmp_path):
    cache = private_copy(site_cache[1], tmp_path)  # reading marks it read
    text = tgag("--offline", "read", "2185", cache=cache).out
    positions = [text.index(heading) for heading in HEADINGS_2185]
    assert positions == sorted(positions)
    data = json.loads(tgag("--offline", "read", "2185", "--format", "json", cache=cache).out)
    headings = [block["text"] for block in data["body"] if block["type"] == "heading"]
    assert headings == HEADINGS_2185


@pytest.mark.parametrize("number", [2185, 2544, 1771, 2449, 2556])
def test_read_json_has_the_latest_keys_and_the_body(cache_copy, tgag, number):
    result = tgag("--offline", "read", str(number), "--format", "json", cache=cache_copy)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) == READ_KEYS
    truth = ARTICLES[number]
    assert data["id"] == number
    assert data["title"] == truth["title"]
    assert data["published"] == truth["publish_up"]
    assert data["modified"] == truth["modified"]
    assert data["body"]
    for block in data["body"]:
        assert set(block) == BLOCK_KEYS[block["type"]]
    texts = []
    for block in data["body"]:
        if block["type"] in ("paragraph", "heading", "quote"):
            texts.append(block["text"])
        elif block["type"] == "list":
            texts.extend(block["items"])
    assert all(piece in data["text"] for piece in texts)
    paragraphs = [b["text"] for b in data["body"] if b["type"] == "paragraph"]
    for paragraph in paragraphs[:-1]:
        assert f"{paragraph}\n\n" in data["text"]  # paragraphs apart by a blank line
    assert data["images"] == [
        {"src": b["src"], "caption": b["caption"]} for b in data["body"] if b["type"] == "image"
    ]
    types = {block["type"] for block in data["body"]}
    expected = {2185: {"heading", "list"}, 2544: {"quote"}, 1771: {"table"}, 2449: {"image"}}
    assert expected.get(number, {"paragraph"}) <= types
    if number == 2449:
        assert data["images"][0]["src"].startswith("http://")
        assert data["images"][0]["caption"]


def test_read_markdown(cache_copy, tgag):
    result = tgag("--offline", "read", "2185", "--format", "md", cache=cache_copy)
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("# Đề cương tuyên truyền")
    headings = [line.lstrip("#").strip() for line in lines[1:] if line.startswith("#")]
    assert headings == HEADINGS_2185
    linked = tgag("--offline", "read", "2556", "--format", "md", cache=cache_copy).out
    assert re.search(r"\[[^\]]+\]\(http://\S+id=2123", linked)


def test_read_fetches_an_uncached_article_once_by_id_or_url(tgag, serve):
    server = serve("j3")
    site = ("--site", server.url)
    first = tgag(*site, "read", "2556")
    assert first.code == 0, first.err
    assert first.out.startswith("Cả nước kỷ niệm 125 năm")
    assert article_requests(server) == [2556]
    mark = len(server.requests)
    assert tgag(*site, "read", "2556").out == first.out
    assert server.requests[mark:] == []  # cached now

    url = f"{server.url}index.php?option=com_content&view=article&id=2185&catid=13&Itemid=106"
    whole = tgag(*site, "read", url, "--format", "json")
    assert whole.code == 0, whole.err
    data = json.loads(whole.out)
    assert data["id"] == 2185
    assert [b["text"] for b in data["body"] if b["type"] == "heading"] == HEADINGS_2185
    assert article_requests(server, mark) == [2185, 2185, 2185]  # its three pages

    missing = tgag(*site, "read", "99999")
    assert missing.code == 1
    assert "404" in missing.error_line
    bogus = tgag(*site, "read", "javascript:alert(1)")
    assert bogus.code == 2
    assert bogus.error_line


def test_reading_marks_an_article_read(cache_copy, tgag):
    def unread() -> int:
        tree = json.loads(tgag("--offline", "categories", "--format", "json", cache=cache_copy).out)
        return next(c for c in tree if c["alias"] == "tien-toi-dai-hoi-dang")["unread"]

    before = unread()
    assert tgag("--offline", "read", "2185", cache=cache_copy).code == 0
    assert unread() == before - 1


# -- categories, stats ---------------------------------------------------------------------------


def test_categories_text_and_json(site_cache, tgag):
    server, cache = site_cache
    result = tgag("--offline", "categories", "--format", "json", cache=cache)
    assert result.code == 0, result.err
    tree = json.loads(result.out)
    top = [c for c in CONTENT["categories"] if c["parent"] is None]
    assert [c["alias"] for c in tree] == [c["alias"] for c in top]
    counts = {}
    for article in ARTICLES.values():
        counts[int(article["catid"])] = counts.get(int(article["catid"]), 0) + 1

    def with_subcategories(category_id: int) -> int:
        children = [c["id"] for c in CONTENT["categories"] if c["parent"] == category_id]
        return counts.get(category_id, 0) + sum(map(with_subcategories, children))

    parents = 0
    for node in tree:
        truth = next(c for c in top if c["alias"] == node["alias"])
        assert node["name"] == truth["name"]
        assert node["id"] == (truth["id"] if server.generation == "j3" else None)
        # As the reader counts them, and as `latest --category` lists them (review A14).
        assert node["articles"] == node["unread"] == with_subcategories(truth["id"])
        children = [c for c in CONTENT["categories"] if c["parent"] == truth["id"]]
        assert [child["alias"] for child in node["children"]] == [c["alias"] for c in children]
        if children:
            parents += 1
            assert node["articles"] > counts.get(truth["id"], 0)
            listed = tgag(
                "--offline", "latest", "-n", "100", "--category", truth["alias"], cache=cache
            )
            assert len(listed.out.splitlines()) == node["articles"]
    assert parents
    text = tgag("--offline", "categories", cache=cache).out.splitlines()
    assert len(text) == len(CONTENT["categories"])
    for node in tree:
        line = next(line for line in text if f" {node['name']}  (" in line)
        assert line.endswith(f"({node['articles']} cached, {node['unread']} unread)")
    indented = [line.split()[0] for line in text if line.startswith("  ")]
    ident = (lambda c: str(c["id"])) if server.generation == "j3" else (lambda c: c["alias"])
    assert indented == [ident(c) for c in CONTENT["categories"] if c["parent"] is not None]


def test_stats_json_text_and_history(cache_copy, tgag, j3_server):
    front = (Path(j3_server.root) / "index.html").read_text(encoding="utf-8")
    guests = int(re.search(r"Đang có (\d+)&#160;khách", front).group(1))
    result = tgag("--offline", "stats", "--format", "json", cache=cache_copy)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert list(data) == ["guests_online", "members_online", "article_hits", "fetched_at", "other"]
    assert data["guests_online"] == guests
    assert isinstance(data["members_online"], int)
    assert isinstance(data["article_hits"], int)
    assert data["article_hits"] > 0
    assert ISO_SITE_TIME.match(data["fetched_at"])
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in data["other"].items())
    text = tgag("--offline", "stats", cache=cache_copy).out
    assert re.search(rf"^Guests online\s+{guests}$", text, re.M)

    assert tgag("--site", j3_server.url, "sync", cache=cache_copy).code == 0
    history = json.loads(
        tgag("--offline", "stats", "--history", "--format", "json", cache=cache_copy).out
    )
    assert len(history) == 2
    assert all(list(row) == list(data) for row in history)
    assert history[0]["fetched_at"] < history[1]["fetched_at"]
    table = tgag("--offline", "stats", "--history", cache=cache_copy).out.splitlines()
    assert len(table) == 3  # a header and a row per snapshot


# -- sync ----------------------------------------------------------------------------------------


def test_piped_sync_prints_one_summary_line(serve, tmp_path):
    server = serve("j3")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "tgagreader",
            "--site",
            server.url,
            "--cache-dir",
            str(tmp_path / "cache"),
            "sync",
        ],
        env=subprocess_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""  # no progress bar when stderr is not a terminal
    assert re.fullmatch(
        r"\d+ pages fetched, 0 unchanged \(304\), 57 new, 0 updated, 0 failed in \d+\.\d s\n",
        completed.stdout,
    )


def test_sync_with_failures_exits_1_after_the_summary(tgag, serve, site_copy):
    drop_from_manifest(site_copy, 2279)
    server = serve("j3", root=site_copy)
    result = tgag("--site", server.url, "sync")
    assert result.code == 1
    summary, *failures = result.out.splitlines()
    assert re.match(r"\d+ pages fetched, .* 56 new, 0 updated, 1 failed in", summary)
    assert len(failures) == 1
    assert re.fullmatch(r"  failed: http://\S+id=2279\S*: HTTP 404", failures[0])
    # What did arrive is there to read.
    assert tgag("--offline", "read", "2556").code == 0


def test_sync_pages_all_and_concurrency(tgag, serve, tmp_path):
    server = serve("j3")
    one = tgag("--site", server.url, "sync", "--pages", "1", "--concurrency", "2")
    assert one.code == 0, one.err
    assert {page for _alias, page in listing_requests(server)} == {1}
    mark = len(server.requests)
    every = tgag("--site", server.url, "sync", "--all", cache=tmp_path / "all")
    assert every.code == 0, every.err
    pages = {c["alias"]: len(c["pages"]) for c in server.sitemap.categories.values()}
    assert sorted(listing_requests(server, mark)) == sorted(
        (alias, page) for alias, count in pages.items() for page in range(1, count + 1)
    )
    assert " 58 new" in every.out


# -- cache, open, config ---------------------------------------------------------------------------


def test_cache_path_info_and_clear(cache_copy, tgag):
    offline = ("--site", closed_port_url(), "--offline")
    assert tgag(*offline, "cache", "path", cache=cache_copy).out == f"{cache_copy}\n"
    info = tgag(*offline, "cache", "info", cache=cache_copy).out
    assert re.search(r"^articles\s+58 \(0 incomplete\)$", info, re.M)
    assert re.search(r"^read\s+0$", info, re.M)
    assert re.search(r"^last sync\s+\d+(\.\d)? (s|min|h) ago$", info, re.M)
    tgag(*offline, "read", "2185", cache=cache_copy)

    cleared = tgag(*offline, "cache", "clear", cache=cache_copy)
    assert cleared.code == 0
    assert "read marks kept" in cleared.out
    info = tgag(*offline, "cache", "info", cache=cache_copy).out
    assert re.search(r"^articles\s+0 \(0 incomplete\)$", info, re.M)
    assert re.search(r"^read\s+1$", info, re.M)
    assert re.search(r"^last sync\s+never$", info, re.M)
    assert tgag(*offline, "latest", cache=cache_copy).code == 3

    assert tgag(*offline, "cache", "clear", "--all", cache=cache_copy).code == 0
    info = tgag(*offline, "cache", "info", cache=cache_copy).out
    assert re.search(r"^read\s+0$", info, re.M)


def test_open_hands_only_http_links_to_the_browser(cache_copy, tgag, monkeypatch):
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    ok = tgag("--offline", "open", "2556", cache=cache_copy)
    assert ok.code == 0, ok.err
    assert len(opened) == 1
    assert re.match(
        r"^http://127\.0\.0\.1:\d+/index\.php\?option=com_content&view=article&id=2556", opened[0]
    )

    for url in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
    ):
        refused = tgag("--offline", "open", url, cache=cache_copy)
        assert refused.code == 2
        assert "only http(s)" in refused.error_line
    assert opened == [opened[0]]
    unknown = tgag("--offline", "open", "424242", cache=cache_copy)
    assert unknown.code == 1
    assert "not cached" in unknown.error_line

    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: False)
    nobody = tgag("--offline", "open", "2556", cache=cache_copy)
    assert nobody.code == 1
    assert nobody.error_line


def test_config_show_reports_each_value_and_where_it_came_from(tgag, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('site = "http://file.example/"\nttl = "5m"\nconcurrency = 2\npages = 5\n')
    monkeypatch.setenv("TGAG_CONFIG", str(config))
    monkeypatch.delenv("TGAG_DELAY")
    monkeypatch.delenv("TGAG_RETRIES")
    monkeypatch.setenv("TGAG_SITE", "http://env.example/")
    monkeypatch.setenv("TGAG_PAGES", "3")

    path = tgag("config", "path")
    assert path.out == f"{config}\n"
    shown = tgag("--site", "http://flag.example", "config", "show").out
    rows = {}
    for line in shown.splitlines():
        match = re.fullmatch(r"(\w+)\s+(.*?)  \[(\w+)\]", line)
        assert match, line
        rows[match.group(1)] = (match.group(2), match.group(3))
    assert rows["site"] == ("http://flag.example/", "flag")  # flag > environment > file
    assert rows["pages"] == ("3", "environment")  # environment > file
    assert rows["ttl"] == ("300.0", "file")  # file > default
    assert rows["concurrency"] == ("2", "file")
    assert rows["delay"] == ("0.25", "default")
    assert rows["cache_dir"] == (str(tmp_path / "cache"), "flag")

    monkeypatch.delenv("TGAG_SITE")
    assert "http://file.example/  [file]" in tgag("config", "show").out


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ('site = "http://a.example/"\n\nconcurrency = "many"\n', 3, "concurrency"),
        ('ttl = "soon"\n', 1, "ttl"),
        ('site = "http://a.example/"\nsight = "x"\n', 2, "sight"),
    ],
    ids=["bad-number", "bad-duration", "unknown-key"],
)
def test_bad_config_file_is_a_usage_error_naming_file_line_and_key(
    tgag, tmp_path, monkeypatch, text, line, key
):
    config = tmp_path / "config.toml"
    config.write_text(text)
    monkeypatch.setenv("TGAG_CONFIG", str(config))
    for command in (["latest"], ["config", "show"]):
        result = tgag(*command)
        assert result.code == 2
        error = result.error_line
        assert f"{config}:{line}:" in error
        assert repr(key) in error
        assert result.out == ""


def test_bad_toml_and_bad_environment_are_usage_errors(tgag, tmp_path, monkeypatch):
    config = tmp_path / "config.toml"
    config.write_text('site = "http://a.example/"\nttl = \n')
    monkeypatch.setenv("TGAG_CONFIG", str(config))
    broken = tgag("latest")
    assert broken.code == 2
    assert str(config) in broken.error_line
    assert "line 2" in broken.error_line
    monkeypatch.setenv("TGAG_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("TGAG_TTL", "soon")
    env = tgag("latest")
    assert env.code == 2
    assert "TGAG_TTL" in env.error_line


# -- output hygiene --------------------------------------------------------------------------------


def test_control_codes_from_the_site_never_reach_the_terminal(tgag, serve, site_copy):
    # A hostile title: clear the screen, write the clipboard (OSC 52), ring the bell.
    hostile = "&#27;[2J&#x1b;]52;c;SGVsbG8=&#7;Tiêu đề&#x9b;31m độc&#8238;hại"
    edit(
        site_copy,
        "article/2279.html",
        "\t\t\tNâng cao hiệu quả",
        f"\t\t\t{hostile} Nâng cao hiệu quả",
    )
    edit(
        site_copy,
        "category/cong-tac-dan-van/page-1.html",
        "\t\t\t\t\t\tNâng cao hiệu quả",
        f"\t\t\t\t\t\t{hostile} Nâng cao hiệu quả",
    )
    server = serve("j3", root=site_copy)
    assert tgag("--site", server.url, "sync").code == 0
    outputs = [
        tgag("--offline", "latest", "--format", fmt).out for fmt in ("text", "json", "jsonl", "tsv")
    ]
    outputs += [
        tgag("--offline", "read", "2279", "--format", fmt).out for fmt in ("text", "md", "json")
    ]
    for output in outputs:
        assert "Tiêu đề" in output or "Ti\\u00eau" in output
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]", output), repr(output[:200])


def test_lazy_imports_answering_latest_from_a_fresh_cache(cache_copy, tmp_path):
    with Store(cache_copy) as store:
        store.mark_synced()  # fresh: nothing to fetch, so nothing to import for fetching
    script = (
        "import json, sys\n"
        "from tgagreader.cli import main\n"
        "code = main(sys.argv[1:])\n"
        "print('MODULES', json.dumps(sorted(sys.modules)))\n"
        "sys.exit(code)\n"
    )
    for command in (
        ["latest", "-n", "3"],
        ["latest", "-n", "3", "--format", "json"],
        ["read", "2185"],
        ["categories"],
        ["stats", "--format", "json"],
    ):
        completed = subprocess.run(
            [
                sys.executable,
                "-c",
                script,
                "--site",
                closed_port_url(),
                "--cache-dir",
                str(cache_copy),
                *command,
            ],
            env=subprocess_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=30,
        )
        assert completed.returncode == 0, completed.stderr
        output, _, modules = completed.stdout.rpartition("MODULES ")
        assert output.strip(), command  # it did answer
        loaded = {name.split(".")[0] for name in json.loads(modules)}
        assert loaded.isdisjoint(FORBIDDEN_ON_THE_CACHE_PATH), (
            command,
            loaded & set(FORBIDDEN_ON_THE_CACHE_PATH),
        )
        assert "tgagreader.fetch" not in json.loads(modules)


@pytest.mark.parametrize(
    "command",
    [
        ["latest", "-n", "100", "--format", "json"],  # one big write
        ["latest", "-n", "100"],  # a write per line (review A3: a traceback, exit 1)
        ["search", "dan van", "-n", "50"],
    ],
    ids=" ".join,
)
def test_a_reader_that_goes_away_is_not_an_error(cache_copy, tmp_path, command):
    read, write = os.pipe()
    fcntl.fcntl(write, 1031, 4096)  # F_SETPIPE_SZ: a small pipe, so that tgag blocks on it
    process = subprocess.Popen(
        [sys.executable, "-m", "tgagreader", "--cache-dir", str(cache_copy), "--offline", *command],
        env=subprocess_env(tmp_path),
        stdout=write,
        stderr=subprocess.PIPE,
    )
    os.close(write)
    assert os.read(read, 10)  # `| head -c 10`
    os.close(read)
    assert process.wait(30) == 0, process.stderr.read().decode()
    assert process.stderr.read() == b""
