"""Several processes on one cache: the reader open while two `tgag sync` processes and a loop of
`tgag latest` run, for a minute, with the site changing under them; and a sync killed at random
points twenty times in a row, then finished, against one that was never interrupted.

TGAG_STRESS_SECONDS shortens (or lengthens) the first test; it is 60 s by default."""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import fast_options
from demo_tools import CONTENT
from tgagreader.codec import article_to_dict
from tgagreader.store import Store
from tgagreader.sync import run_sync
from tgagreader.tui.app import ReaderApp
from tgagreader.tui.widgets.article_list import ArticleList

STRESS_SECONDS = float(os.environ.get("TGAG_STRESS_SECONDS", "60"))
TGAG = [sys.executable, "-m", "tgagreader"]


def replace_everywhere(root: Path, old: str, new: str) -> int:
    """Edit the site as its server would: each file replaced whole (never served half-written)."""
    changed = 0
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            temporary = path.with_suffix(".tmp")
            temporary.write_text(text.replace(old, new), encoding="utf-8")
            os.replace(temporary, path)
            changed += 1
    return changed


def environment(tmp_path: Path, cache: Path, site: str) -> dict[str, str]:
    return {
        **os.environ,
        "TGAG_CONFIG": str(tmp_path / "none.toml"),
        "TGAG_CACHE_DIR": str(cache),
        "TGAG_SITE": site,
        "TGAG_DELAY": "0",
        "TGAG_RETRIES": "1",
    }


def test_reader_two_syncs_and_latest_share_one_cache(serve, site_copy, tmp_path):
    server = serve("j3", root=site_copy)
    cache = tmp_path / "cache"
    env = environment(tmp_path, cache, server.url)
    with Store(cache) as store:
        assert not run_sync(store, server.url, fast_options()).failed
        before = store.cached_ids()
    deadline = time.monotonic() + STRESS_SECONDS
    problems: list[str] = []
    latest_times: list[float] = []
    syncs: list[int] = []

    def mutate() -> None:
        """The site keeps editing articles: a later modification date, so syncs refetch them."""
        dated = [a for a in CONTENT["articles"] if a["modified"]]
        current = {a["id"]: a["modified"] for a in dated}
        step = 0
        while time.monotonic() < deadline:
            article = random.choice(dated)
            step += 1
            later = f"2016-01-01T08:{step // 60 % 60:02d}:{step % 60:02d}+07:00"
            if replace_everywhere(site_copy, current[article["id"]], later):
                current[article["id"]] = later
            time.sleep(0.3)

    def sync_loop(extra: list[str]) -> None:
        while time.monotonic() < deadline:
            done = subprocess.run(
                [*TGAG, "sync", *extra], env=env, capture_output=True, text=True, check=False
            )
            syncs.append(done.returncode)
            if done.returncode != 0:
                problems.append(f"sync {extra}: {done.returncode} {done.stdout} {done.stderr}")

    def latest_loop() -> None:
        while time.monotonic() < deadline:
            started = time.monotonic()
            done = subprocess.run(
                [*TGAG, "latest", "-n", "5", "--format", "json"],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            latest_times.append(time.monotonic() - started)
            if done.returncode != 0 or len(json.loads(done.stdout or "[]")) != 5:
                problems.append(f"latest: {done.returncode} {done.stderr.strip()}")

    workers = [
        threading.Thread(target=mutate),
        threading.Thread(target=sync_loop, args=(["--all"],)),
        threading.Thread(target=sync_loop, args=(["--pages", "1"],)),
        threading.Thread(target=latest_loop),
    ]
    for worker in workers:
        worker.start()

    async def read_along() -> int:
        """The reader, open on the same cache, moving through articles and refreshing."""
        with Store(cache) as store:
            app = ReaderApp(store, server.url, options=fast_options(), refresh_on_start=False)
            moves = 0
            async with app.run_test(size=(120, 40)) as pilot:
                while time.monotonic() < deadline:
                    await pilot.press("j", "enter", "k", "escape")
                    moves += 1
                    if moves % 20 == 0:
                        await pilot.press("r")
                    await pilot.pause(0.05)
                assert app.is_running
                assert app.screen.query_one(ArticleList).entries
            return moves

    moves = asyncio.run(read_along())
    for worker in workers:
        worker.join(timeout=120)

    assert not problems, problems[:5]
    assert moves >= 5
    assert len(syncs) >= 4
    assert latest_times
    assert max(latest_times) < 1.0, sorted(latest_times)[-5:]
    with Store(cache) as store:
        ids = store.cached_ids()
        assert before <= ids
        for number in ids:  # nothing lost, nothing half-written
            article = store.get_article(number)
            assert article is not None
            assert article.complete
            assert article.body


def snapshot(cache: Path) -> dict:
    """What a cache holds, without fetch times."""
    with Store(cache) as store:
        articles = {
            n: article_to_dict(store.get_article(n, touch=False)) for n in store.cached_ids()
        }
        _site, name, menu, _ = store.site()
        listings = {}
        for category in menu:
            for child in (category, *category.children):
                page = 1
                while (found := store.get_listing(child.key, page)) is not None:
                    listings[(child.key, page)] = found[0]
                    page += 1
        entries = [(e.id, e.summary, e.complete) for e in store.entries()]
    return {
        "articles": articles,
        "name": name,
        "menu": menu,
        "listings": listings,
        "entries": entries,
    }


def test_twenty_kills_then_a_sync_equal_an_uninterrupted_sync(serve, tmp_path):
    server = serve("j3")
    whole = tmp_path / "whole"
    with Store(whole) as store:
        assert not run_sync(store, server.url, fast_options(all_pages=True)).failed
    cache = tmp_path / "killed"
    env = environment(tmp_path, cache, server.url)
    started = time.monotonic()
    subprocess.run(
        [*TGAG, "sync", "--all"],
        env={**env, "TGAG_CACHE_DIR": str(tmp_path / "timing")},
        check=True,
    )
    duration = time.monotonic() - started
    rng = random.Random(2014)
    for _ in range(20):
        process = subprocess.Popen(
            [*TGAG, "sync", "--all"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        with Store(cache) as store:  # consistent after every kill: every indexed article reads
            for number in store.cached_ids():
                assert store.get_article(number, touch=False) is not None
    done = subprocess.run(
        [*TGAG, "sync", "--all"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(cache) == snapshot(whole)
