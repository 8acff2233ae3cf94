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
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tgagreader.models import Article, Category, Paragraph
from tgagreader.store import Store

ICT = timezone(timedelta(hours=7))
WORDS = (
    "công tác dân vận tuyên giáo đảng viên chi bộ nông thôn mới An Giang Long Xuyên Châu Đốc "
    "hội nghị triển khai nghị quyết học tập làm theo tấm gương đạo đức phong cách Hồ Chí Minh"
).split()


def fill(path: Path, count: int) -> None:
    random.seed(7)
    categories = [Category(8 + i, f"chuyen-muc-{i}", f"Chuyên mục {i}") for i in range(8)]
    start = datetime(2012, 1, 1, 8, 0, tzinfo=ICT)
    with Store(path) as store:
        for number in range(1, count + 1):
            text = " ".join(random.choices(WORDS, k=120))
            store.put_article(
                Article(
                    id=number,
                    title=" ".join(random.choices(WORDS, k=10)).capitalize(),
                    url=f"http://tgag.example.vn/index.php?option=com_content&view=article&id={number}",
                    category=random.choice(categories),
                    author=None,
                    byline="Quốc Hùng",
                    published=start + timedelta(hours=number * 3),
                    modified=None,
                    hits=random.randint(10, 20000),
                    summary=text[:200],
                    body=tuple(Paragraph(text) for _ in range(8)),
                )
            )
        store.mark_synced()


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
        fill(cache, args.articles)
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
