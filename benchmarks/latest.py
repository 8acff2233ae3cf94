"""Start-up of `tgag latest -n 20` on a warm cache of 5,000 articles, beside `python -c pass`.

    python benchmarks/latest.py [--runs 30] [--articles 5000]

Both commands run as fresh processes, alternately, in the same run; the table gives median and
95th percentile wall times. tgagreader's modules are byte-compiled first, as `pip install` does
(with PYTHONDONTWRITEBYTECODE set, as on some CI machines, every run would compile them again). Targets: `tgag latest -n 20` median ≤ 60 ms and ≤ 6× the
interpreter's own start-up. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tgagreader.demo.fixture import build_synthetic_cache
from tgagreader.store import Store


def run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--runs", type=int, default=30)
    options.add_argument("--articles", type=int, default=5000)
    args = options.parse_args()
    tgag = Path(sys.executable).with_name("tgag")
    import tgagreader

    compileall.compile_dir(Path(tgagreader.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        started = time.perf_counter()
        build_synthetic_cache(cache, args.articles)
        with Store(cache) as store:
            store.mark_synced()  # synced just now: `tgag latest` answers without refreshing
        print(
            f"filled a cache of {args.articles} articles in {time.perf_counter() - started:.1f} s"
        )
        env = {
            **os.environ,
            "TGAG_CONFIG": str(Path(tmp) / "none.toml"),
            "TGAG_CACHE_DIR": str(cache),
        }
        latest = [str(tgag), "latest", "-n", "20"]
        bare = [sys.executable, "-c", "pass"]
        for _ in range(3):  # warm the page cache
            run(latest, env)
            run(bare, env)
        samples: dict[str, list[float]] = {"python -c pass": [], "tgag latest -n 20": []}
        for _ in range(args.runs):
            samples["python -c pass"].append(run(bare, env))
            samples["tgag latest -n 20"].append(run(latest, env))
    print(f"\n{'command':<22}{'median ms':>11}{'p95 ms':>9}{'min ms':>9}")
    for name, values in samples.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(
            f"{name:<22}{statistics.median(values) * 1000:>11.1f}{p95 * 1000:>9.1f}{values[0] * 1000:>9.1f}"
        )
    median = statistics.median(samples["tgag latest -n 20"])
    ratio = median / statistics.median(samples["python -c pass"])
    print(f"\ntgag latest / interpreter start-up: {ratio:.1f}×")
    missed = []
    if median > 0.060:
        missed.append(f"median {median * 1000:.0f} ms (target ≤ 60 ms)")
    if ratio > 6:
        missed.append(f"{ratio:.1f}× the interpreter (target ≤ 6×)")
    print("MISSED: " + "; ".join(missed) if missed else "All targets met.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
