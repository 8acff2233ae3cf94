"""A first and an incremental sync of the demo site, at several concurrency levels.

    python benchmarks/sync.py [--generation j3] [--repeat 3]

Each row syncs the demo site (served on 127.0.0.1, no politeness delay: it is ours) into an
empty cache, then syncs again with nothing changed. Pages/s is requests per second of the first
sync; the ratio is the incremental sync's time over the first's. Target: the incremental sync
takes at most 20% of the first. Exit status 1 when it does not.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from tgagreader.demo.server import DemoServer
from tgagreader.fetch import FetchSettings
from tgagreader.store import Store
from tgagreader.sync import SyncOptions, run_sync


def measure(generation: str, concurrency: int) -> tuple[float, int, float, int]:
    options = SyncOptions(settings=FetchSettings(concurrency=concurrency, delay=0.0))
    with DemoServer(generation) as server, tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "cache") as store:
            first = run_sync(store, server.url, options)
            second = run_sync(store, server.url, options)
        if first.failed or second.failed:
            raise SystemExit(f"sync failed: {first.failed + second.failed}")
        return first.elapsed, first.requests, second.elapsed, second.requests


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--generation", default="j3", choices=("j3", "j25"))
    options.add_argument("--repeat", type=int, default=3)
    args = options.parse_args()
    print(
        f"{'concurrency':>11}{'first s':>9}{'requests':>10}{'pages/s':>9}"
        f"{'again s':>9}{'requests':>10}{'again/first':>13}"
    )
    worst = 0.0
    for concurrency in (1, 4, 16):
        runs = [measure(args.generation, concurrency) for _ in range(args.repeat)]
        first = statistics.median(run[0] for run in runs)
        again = statistics.median(run[2] for run in runs)
        requests, again_requests = runs[0][1], runs[0][3]
        ratio = again / first
        worst = max(worst, ratio)
        print(
            f"{concurrency:>11}{first:>9.2f}{requests:>10}{requests / first:>9.0f}"
            f"{again:>9.2f}{again_requests:>10}{ratio:>12.0%}"
        )
    print(f"\nmedian of {args.repeat} runs each; demo site {args.generation}, 58 articles")
    if worst > 0.20:
        print(f"MISSED: an incremental sync took {worst:.0%} of the first (target ≤ 20%)")
        return 1
    print("Target met: every incremental sync took at most 20% of the first.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
