"""Hostile content through the command line: nothing reaches the terminal as a control
sequence, no markup is interpreted, and only http(s) links can be opened."""

from __future__ import annotations

import json

import pytest

from hostile import FORBIDDEN, MARKUP, store_hostile_article
from tgagreader.cli import main


@pytest.fixture
def hostile_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TGAG_CONFIG", str(tmp_path / "none.toml"))
    cache = tmp_path / "cache"
    return cache, store_hostile_article(cache)


def run(capsys, cache, *args):
    capsys.readouterr()
    code = main(["--offline", "--cache-dir", str(cache), *args])
    out, err = capsys.readouterr()
    return code, out, err


def clean_output(text: str) -> None:
    for char in FORBIDDEN:
        assert char not in text, repr(char)


@pytest.mark.parametrize(
    "args",
    [
        ("latest",),
        ("latest", "--format", "json"),
        ("latest", "--format", "jsonl"),
        ("latest", "--format", "tsv"),
        ("read", "6666"),
        ("read", "6666", "--format", "md"),
        ("read", "6666", "--format", "json"),
        ("search", "khan cap"),
        ("search", "dan van", "--format", "json"),
        ("bookmarks",),
    ],
)
def test_no_control_sequence_reaches_the_terminal(hostile_cache, capsys, args):
    cache, _ = hostile_cache
    code, out, err = run(capsys, cache, *args)
    assert code == 0, err
    clean_output(out + err)


def test_markup_stays_literal_and_the_title_is_cleaned(hostile_cache, capsys):
    cache, number = hostile_cache
    code, out, _ = run(capsys, cache, "read", str(number), "--format", "json")
    assert code == 0
    article = json.loads(out)
    assert article["title"].startswith("Tin khẩn cấp esrever")
    assert "[@click=app.quit]x[/]" in article["title"]
    assert MARKUP in article["text"]
    assert "đỏ" in article["text"]
    assert "Đoạn ở rất sâu." in article["text"]


def test_only_web_links_are_kept(hostile_cache, capsys):
    cache, number = hostile_cache
    _, out, _ = run(capsys, cache, "read", str(number), "--format", "json")
    links = [link for block in json.loads(out)["body"] for link in block.get("links", [])]
    assert [link["url"] for link in links] == ["http://dangcongsan.vn/bai-viet"]
    _, text, _ = run(capsys, cache, "read", str(number))
    assert "[1] http://dangcongsan.vn/bai-viet" in text
    assert "javascript" not in text
    assert "file:" not in text


def test_a_one_megabyte_paragraph_is_read_whole(hostile_cache, capsys):
    cache, number = hostile_cache
    code, out, _ = run(capsys, cache, "read", str(number), "--width", "100")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 100
    assert " ".join(out.split()).count("Một đoạn rất dài về công tác dân vận.") == 28000
