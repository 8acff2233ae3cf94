#!/usr/bin/env python3
"""Build the bundled demo copy of the TGAG site (both Joomla generations).

Usage:  .venv/bin/python tools/demo/build.py [--content PATH] [--out DIR]

Reads tools/demo/content.json (falls back to tools/demo/sample_content.json) and writes
src/tgagreader/demo/site/j25/ and src/tgagreader/demo/site/j3/: HTML pages as Joomla 2.5
(beez_20-like, SEF URLs) and Joomla 3.10 (Protostar, non-SEF URLs) would serve them, feeds,
error pages, small generated JPEGs for every image the content lists, placeholder template
assets, and a manifest.json that the demo server uses to map URLs to files.

Pillow is needed here (to draw the JPEGs) but is not a runtime dependency of tgagreader.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from base import Builder  # noqa: E402
from j3 import J3Builder  # noqa: E402
from j25 import J25Builder  # noqa: E402
from model import Site, load_site, stable_int  # noqa: E402

ROOT = HERE.parent.parent
DEFAULT_OUT = ROOT / "src" / "tgagreader" / "demo" / "site"

_REF = re.compile(r'(?:src|href)="(/(?:templates|media)/[^"?#]+)')
_BODY_IMG = re.compile(r'src="/?(images/[^"?#]+)"')


def jpeg(path: str, width: int, height: int) -> bytes:
    """A small real JPEG: a gradient with a few shapes, colours derived from the path."""
    from PIL import Image, ImageDraw

    width = max(32, min(int(width or 480), 800))
    height = max(32, min(int(height or 300), 600))
    seed = stable_int("img", path)
    c1 = ((seed >> 0) & 0xFF, (seed >> 8) & 0xFF, (seed >> 16) & 0xFF)
    c2 = ((seed >> 24) & 0xFF, (seed >> 32) & 0xFF, (seed >> 40) & 0xFF)
    img = Image.new("RGB", (width, height))
    px = img.load()
    for y in range(height):
        t = y / max(1, height - 1)
        row = tuple(int(a + (b - a) * t) for a, b in zip(c1, c2, strict=True))
        for x in range(width):
            px[x, y] = row
    draw = ImageDraw.Draw(img)
    for k in range(3):
        s = stable_int("shape", path, k)
        x0, y0 = s % width, (s >> 12) % height
        r = 20 + (s >> 24) % (min(width, height) // 3)
        colour = ((s >> 32) & 0xFF, (s >> 40) & 0xFF, (s >> 48) & 0xFF)
        if k % 2:
            draw.ellipse((x0 - r, y0 - r, x0 + r, y0 + r), fill=colour)
        else:
            draw.rectangle((x0 - r, y0 - r // 2, x0 + r, y0 + r // 2), fill=colour)
    for quality in (70, 55, 40, 25):
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, optimize=True)
        if buf.tell() <= 20_000:
            break
    return buf.getvalue()


def png(width: int = 16, height: int = 16) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 0, 0, 0)).save(buf, "PNG")
    return buf.getvalue()


def ico() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (16, 16), (200, 30, 30, 255)).save(buf, "ICO", sizes=[(16, 16)])
    return buf.getvalue()


def gif() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("P", (1, 1)).save(buf, "GIF")
    return buf.getvalue()


def add_assets(builder: Builder, site: Site) -> None:
    """Images of the content and placeholder template/media assets the pages reference."""
    images: dict[str, tuple[int, int]] = {}
    for art in site.articles:
        for im in art.images:
            if im.get("src"):
                images[im["src"].lstrip("/")] = (im.get("width") or 480, im.get("height") or 300)
        for im in (art.image_intro, art.image_fulltext):
            if im is not None:
                images.setdefault(im.src.lstrip("/"), (480, 300))
        for m in _BODY_IMG.finditer(art.text):
            images.setdefault(m.group(1), (480, 300))
    for rel, (w, h) in sorted(images.items()):
        if rel.lower().endswith((".jpg", ".jpeg")):
            builder.write(rel, jpeg(rel, w, h))
        elif rel.lower().endswith(".png"):
            builder.write(rel, png(w, h))
        elif rel.lower().endswith(".gif"):
            builder.write(rel, gif())
        else:
            builder.write(rel, jpeg(rel, w, h))
        builder.static.add(rel)
    refs: set[str] = set()
    for name, data in builder.files.items():
        if name.endswith(".html"):
            refs.update(_REF.findall(data.decode("utf-8")))
    for ref in sorted(refs):
        rel = ref.lstrip("/")
        if rel.endswith(".css"):
            data = b"/* demo placeholder for a Joomla template stylesheet */\n"
        elif rel.endswith(".js"):
            data = b"/* demo placeholder for a Joomla script */\n"
        elif rel.endswith(".png"):
            data = png()
        elif rel.endswith(".gif"):
            data = gif()
        elif rel.endswith(".ico"):
            data = ico()
        else:
            data = b""
        builder.write(rel, data)
        builder.static.add(rel)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--content", type=Path, help="content JSON (default: content.json, else sample)"
    )
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (site/)")
    ap.add_argument("--generation", choices=["j25", "j3"], action="append", help="only these")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    site = load_site(args.content)
    gens = args.generation or ["j25", "j3"]
    total = 0
    for gen in gens:
        cls = J25Builder if gen == "j25" else J3Builder
        builder = cls(site, args.out / gen)
        builder.build()
        add_assets(builder, site)
        builder.flush()
        size = sum(len(d) for d in builder.files.values())
        total += size
        print(f"{gen}: {len(builder.files)} files, {size / 1024:.0f} KiB -> {builder.out}")
    print(
        f"content: {site.source.name} ({len(site.categories)} categories, "
        f"{len(site.articles)} articles); total {total / 1024:.0f} KiB "
        f"in {time.perf_counter() - t0:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
