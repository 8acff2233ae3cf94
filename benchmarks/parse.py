"""Parse speed on the demo site's pages, against BeautifulSoup and against the bare parse.

    python benchmarks/parse.py [--repeat 7]

For every page kind (article pages of each Joomla generation, the long text-heavy article,
category listings, front pages; and the independent test pages of tests/pages, made from other
templates) it times, per page and in the same run:

* the floor: selectolax's Lexbor parse of the page, no extraction;
* tgagreader: `parse_article` / `parse_listing` from the page's bytes (decode, parse, extract);
* the baseline: the same extraction with BeautifulSoup over lxml (benchmarks/bs4_reference.py).

Targets: `parse_article` at most 1 ms per 100 KB of page on every kind (the worst page is what
counts), and at least 15 times faster than the BeautifulSoup version. Exit status 1 when a
target is missed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

sys.path.insert(0, str(Path(__file__).parent))

from bs4_reference import bs4_article, bs4_listing
from tgagreader.demo import site_root
from tgagreader.site.parse import parse_article, parse_listing
from tgagreader.site.urls import build_article_url

HOST = b"http://tgag.example.vn"
CORPUS = Path(__file__).parents[1] / "tests" / "pages"
TEXT_HEAVY = "article/1585.html"


def pages(generation: str, pattern: str) -> list[tuple[str, bytes]]:
    """The demo site's pages matching `pattern`, each with the address the site gives it (so
    that the parser takes the article id from the URL, as it does in a sync)."""
    root = site_root(generation)
    manifest = json.loads((root / "manifest.json").read_text("utf-8"))
    addresses = {
        entry["file"]: build_article_url(
            HOST.decode(), int(number), alias=entry["alias"], catid=entry["catid"]
        )
        for number, entry in manifest["articles"].items()
    }
    found = []
    for path in sorted(root.glob(pattern)):
        relative = path.relative_to(root).as_posix()
        url = addresses.get(relative, f"{HOST.decode()}/{relative}")
        found.append((url, path.read_bytes().replace(b"http://__HOST__", HOST)))
    return found


def corpus(*kinds: str) -> list[tuple[str, bytes]]:
    """The independent test pages (tests/pages) of the given kinds that parse without error."""
    found = []
    for spec_path in sorted(CORPUS.glob("*.json")):
        spec = json.loads(spec_path.read_text("utf-8"))
        if spec["kind"] in kinds and not spec.get("error"):
            found.append((spec["url"], spec_path.with_suffix(".html").read_bytes()))
    return found


def timed(function: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` calls, after one warm-up call."""
    function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=7)
    repeat = options.parse_args().repeat

    kinds = {
        "article j25": (pages("j25", "article/*.html"), parse_article, bs4_article),
        "article j3": (pages("j3", "article/*.html"), parse_article, bs4_article),
        "article, text-heavy": (
            [p for g in ("j25", "j3") for p in pages(g, TEXT_HEAVY)],
            parse_article,
            bs4_article,
        ),
        "listing j25": (pages("j25", "category/*/page-*.html"), parse_listing, bs4_listing),
        "listing j3": (pages("j3", "category/*/page-*.html"), parse_listing, bs4_listing),
        "front page": (
            [p for g in ("j25", "j3") for p in pages(g, "index.html")],
            parse_listing,
            bs4_listing,
        ),
        "corpus articles": (corpus("article"), parse_article, bs4_article),
        "corpus listings": (corpus("listing", "front"), parse_listing, bs4_listing),
    }
    header = (
        f"{'page kind':<21}{'pages':>6}{'KB':>7}{'bare µs':>10}{'ours µs':>10}{'bs4 µs':>10}"
        f"{'µs/100KB':>10}{'worst':>8}{'×bs4':>7}{'extract':>9}"
    )
    print(header)
    print("-" * len(header))
    failed = []
    for kind, (group, ours, reference) in kinds.items():
        bare_t, ours_t, bs4_t, per_100kb, sizes = [], [], [], [], []
        for url, data in group:
            bare_t.append(timed(lambda data=data: LexborHTMLParser(data), repeat))
            mine = timed(lambda data=data, url=url, ours=ours: ours(data, url), repeat)
            ours_t.append(mine)
            bs4_t.append(
                timed(
                    lambda data=data, url=url, reference=reference: reference(data, url),
                    max(3, repeat // 2),
                )
            )
            sizes.append(len(data))
            per_100kb.append(mine / (len(data) / 100_000))
        bare, mine, slow = (statistics.mean(v) * 1e6 for v in (bare_t, ours_t, bs4_t))
        worst = max(per_100kb) * 1e6
        ratio = statistics.mean(b / o for b, o in zip(bs4_t, ours_t, strict=True))
        print(
            f"{kind:<21}{len(group):>6}{statistics.mean(sizes) / 1024:>7.0f}{bare:>10.0f}{mine:>10.0f}"
            f"{slow:>10.0f}{statistics.mean(per_100kb) * 1e6:>10.0f}{worst:>8.0f}{ratio:>7.1f}"
            f"{mine - bare:>9.0f}"
        )
        if worst > 1000:
            failed.append(f"{kind}: worst page {worst:.0f} µs per 100 KB (target ≤ 1000)")
        if ratio < 15:
            failed.append(f"{kind}: {ratio:.1f}× faster than BeautifulSoup (target ≥ 15×)")
    print()
    print("bare = Lexbor parse only; ours = decode + parse + extraction; extract = ours − bare")
    print("µs/100KB = ours per 100 KB of page (mean); worst = the slowest page of the kind")
    if failed:
        print("\nMISSED: " + "; ".join(failed))
        return 1
    print("\nAll targets met: ≤ 1 ms per 100 KB on every page, ≥ 15× faster than BeautifulSoup.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
