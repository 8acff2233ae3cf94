"""A damaged cache: each case gives a one-line explanation and a way out (an automatic rebuild of
what can be rebuilt, or `tgag cache clear`), never a traceback; read marks and bookmarks are kept
wherever they are still readable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tgagreader.cli import main
from tgagreader.store import SCHEMA, Store


@pytest.fixture
def tgag(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TGAG_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.setenv("TGAG_DELAY", "0")

    def run(cache, *args):
        capsys.readouterr()
        code = main(["--cache-dir", str(cache), *args])
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err

    return run


@pytest.fixture
def damaged_ready(cache_copy):
    """The synced demo cache with article 1392 read and bookmarked."""
    with Store(cache_copy) as store:
        store.set_read(1392)
        store.set_bookmark(1392)
    return cache_copy


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


def test_a_truncated_database_is_set_aside_and_refilled(tgag, damaged_ready, j3_server):
    cache = damaged_ready
    database = cache / "cache.db"
    database.write_bytes(database.read_bytes()[: database.stat().st_size // 3])
    for leftover in ("cache.db-wal", "cache.db-shm"):
        (cache / leftover).unlink(missing_ok=True)
    code, out, err = tgag(cache, "--offline", "latest")
    assert code == 3  # nothing cached any more, and --offline forbids fetching
    assert "damaged" in err
    assert "cache.db.damaged" in err
    assert "read marks and bookmarks are kept" in err
    assert (cache / "cache.db.damaged").exists()
    code, _, _ = tgag(cache, "--site", j3_server.url, "sync", "--all")
    assert code == 0
    code, out, _ = tgag(cache, "--offline", "bookmarks", "--format", "json")
    assert [item["id"] for item in json.loads(out)] == [1392]
    with Store(cache) as store:
        assert store.state(1392)[:2] == (True, True)


def test_a_corrupted_page_is_one_line_and_cache_clear_gets_out(tgag, damaged_ready):
    cache = damaged_ready
    with Store(cache) as store:
        store.close()
    database = cache / "cache.db"
    data = bytearray(database.read_bytes())
    page = 4096
    for offset in range(page * 3, len(data) - page, page * 2):  # scribble over many pages
        data[offset + 100 : offset + 900] = os.urandom(800)
    database.write_bytes(bytes(data))
    results = [
        tgag(cache, "--offline", *args)
        for args in (["latest"], ["read", "1392"], ["search", "dan van"])
    ]
    for code, _out, err in results:
        assert code in (0, 1, 3)
        if code:
            assert "damaged" in one_line(err)
    code, out, _ = tgag(cache, "cache", "clear")
    assert code == 0
    assert "bookmarks and read marks kept" in out
    with Store(cache) as store:
        assert store.cached_ids() == set()
        assert store.state(1392)[:2] == (True, True)


def test_an_entry_from_a_newer_tgagreader_is_ignored(tgag, damaged_ready):
    cache = damaged_ready
    with Store(cache) as store:
        store._cache.set("article:1392", {"v": SCHEMA + 1, "article": {"id": "from the future"}})
    code, _, err = tgag(cache, "--offline", "read", "1392")
    assert code == 1
    assert "cached copy of article 1392 cannot be read" in one_line(err)
    assert "tgag sync" in err
    code, out, _ = tgag(cache, "--offline", "read", "2556", "--format", "json")
    assert code == 0
    assert json.loads(out)["id"] == 2556


def test_an_index_from_another_version_is_rebuilt(tgag, damaged_ready):
    cache = damaged_ready
    with Store(cache) as store:
        before = [entry.id for entry in store.entries()]
        store._db.execute("UPDATE tgag_meta SET value = '0' WHERE key = 'schema'")
        store._db.execute("DELETE FROM tgag_article")
    code, out, _ = tgag(cache, "--offline", "latest", "-n", "100", "--format", "json")
    assert code == 0
    assert [item["id"] for item in json.loads(out)] == before


def test_a_full_disk_is_one_line_and_the_cache_stays_readable(
    tgag, damaged_ready, j3_server, monkeypatch
):
    cache = damaged_ready
    with Store(cache) as store:
        articles = {n: store.get_article(n, touch=False) for n in store.cached_ids()}
        store.clear_failure("x")
    original = Store._open_values

    def full_disk(self):  # the database may not grow by a single page: a full disk to SQLite
        original(self)
        pages = self._diskcache._con.execute("PRAGMA page_count").fetchone()[0]
        self._diskcache._con.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(Store, "_open_values", full_disk)
    monkeypatch.setenv("TGAG_CACHE_SIZE", "1GB")
    with Store(cache) as store:  # every article cut off and changed: sync writes them again
        store._db.execute("UPDATE tgag_article SET complete = 0, digest = ''")
    code, _out, err = tgag(cache, "--site", j3_server.url, "sync")
    assert code == 1
    assert "no space left" in one_line(err)
    monkeypatch.setattr(Store, "_open_values", original)
    with Store(cache) as store:
        for number, article in articles.items():
            assert store.get_article(number, touch=False) == article


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare to drop root's rights")
def test_a_read_only_cache_can_be_read_but_not_written(damaged_ready, tmp_path, j3_server):
    """As root every directory is writable; a user namespace mapped to an ordinary user is not
    allowed to write the root-owned cache, as on a read-only mount."""
    cache = damaged_ready
    with Store(cache) as store:  # checkpoint: everything in cache.db, no -wal needed to read
        store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.chown(cache, "root", "root")
    cache.chmod(0o555)
    probe = subprocess.run(["unshare", "--user", "--map-user=1000", "true"], check=False)
    if probe.returncode:
        pytest.skip("user namespaces are not allowed here")
    env = {**os.environ, "TGAG_CONFIG": str(tmp_path / "none.toml"), "TGAG_CACHE_DIR": str(cache)}

    def as_user(*args):
        command = [
            "unshare",
            "--user",
            "--map-user=1000",
            sys.executable,
            "-m",
            "tgagreader",
            *args,
        ]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False)

    try:
        latest = as_user("--offline", "latest", "-n", "3", "--format", "json")
        assert latest.returncode == 0, latest.stderr
        assert [item["id"] for item in json.loads(latest.stdout)] == [2556, 2544, 2531]
        read = as_user("--offline", "read", "1392", "--format", "json")
        assert read.returncode == 0, read.stderr
        assert json.loads(read.stdout)["id"] == 1392
        sync = as_user("--site", j3_server.url, "sync")
        assert sync.returncode == 1
        assert "read-only" in one_line(sync.stderr)
        assert "--cache-dir" in sync.stderr
    finally:
        cache.chmod(0o700)


def test_an_unreadable_article_is_fetched_again_by_read_and_by_sync(tgag, damaged_ready, j3_server):
    cache = damaged_ready
    with Store(cache) as store:
        for number in (1392, 2556):  # values lost, their index rows kept (a clear cut short)
            store._cache.delete(f"article:{number}")
    code, out, err = tgag(cache, "--site", j3_server.url, "read", "1392", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["id"] == 1392
    code, _, err = tgag(cache, "--offline", "read", "2556")
    assert code == 1
    assert "cached copy of article 2556 cannot be read" in one_line(err)
    code, out, err = tgag(cache, "--site", j3_server.url, "sync")
    assert code == 0, out + err
    with Store(cache) as store:
        assert store.get_article(2556, touch=False) is not None
        assert store.state(1392)[:2] == (True, True)
