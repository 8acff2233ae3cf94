"""Helpers for the tests that sync from the demo site: editable copies of the site, and what the
demo server was asked for, told in terms of the site's files (not of the code under test)."""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

from tgagreader.demo import site_root
from tgagreader.demo.server import DemoServer

ARTICLE_FILE = re.compile(r"^article/(\d+)(?:\.html$|/)")
LISTING_FILE = re.compile(r"^category/([^/]+)/page-(\d+)\.html$")
# What the demo site holds, as its generator's source of truth (tools/demo/content.json).
CONTENT = json.loads(
    (Path(__file__).parents[1] / "tools" / "demo" / "content.json").read_text("utf-8")
)
J3_ARTICLE_LINK = re.compile(r"view=article&amp;id=(\d+)")
ARTICLE_PATH = re.compile(r"view=article&id=(\d+)")  # non-SEF (j3) article addresses


def copy_site(generation: str, target: Path) -> Path:
    """A private, editable copy of one generation of the demo site."""
    shutil.copytree(site_root(generation), target)
    return target


def edit(root: Path, relative: str, old: str, new: str) -> None:
    """Replace text in one file of a site copy; the text must be there."""
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def replace_everywhere(root: Path, old: str, new: str) -> int:
    """Replace text in every HTML file of a site copy; returns how many files changed."""
    changed = 0
    for path in root.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if old in text:
            path.write_text(text.replace(old, new), encoding="utf-8")
            changed += 1
    return changed


def truncate(root: Path, relative: str, fraction: float = 0.6) -> None:
    """Cut a page off part-way, as a dropped connection would."""
    path = root / relative
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * fraction)])


def drop_from_manifest(root: Path, article_id: int) -> None:
    """Make the server answer 404 for an article (takes effect for servers started afterwards)."""
    path = root / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    del manifest["articles"][str(article_id)]
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def gets(server: DemoServer, since: int = 0) -> list[tuple[str, int, dict[str, str]]]:
    """(site file, status, request headers) of every GET the server answered since `since`."""
    return [
        (server.sitemap.resolve(record.path).file, record.status, record.headers)
        for record in server.requests[since:]
        if record.method == "GET"
    ]


def article_requests(server: DemoServer, since: int = 0) -> list[int]:
    """The ids of the article pages asked for (one entry per request, page 2 and 3 included,
    404s too)."""
    found = []
    for record in server.requests[since:]:
        match = ARTICLE_FILE.match(server.sitemap.resolve(record.path).file)
        if match is None and record.status == 404:
            match = ARTICLE_PATH.search(record.path)
        if match:
            found.append(int(match.group(1)))
    return found


def article_files(server: DemoServer, since: int = 0) -> list[str]:
    return [file for file, _s, _h in gets(server, since) if ARTICLE_FILE.match(file)]


def listing_requests(server: DemoServer, since: int = 0) -> list[tuple[str, int]]:
    """(category alias, page number) of every category listing page fetched."""
    found = []
    for file, _status, _headers in gets(server, since):
        match = LISTING_FILE.match(file)
        if match:
            found.append((match.group(1), int(match.group(2))))
    return found


def category_pages(server: DemoServer) -> dict[str, int]:
    """Listing pages per category alias, from the site's manifest."""
    return {c["alias"]: len(c["pages"]) for c in server.sitemap.categories.values()}


def j3_listed_ids(root: Path, files: list[str]) -> set[int]:
    """Article ids a j3 page lists in its main content (sidebar modules left out)."""
    ids: set[int] = set()
    for relative in files:
        text = (root / relative).read_text(encoding="utf-8")
        main = text[text.index("<main") : text.index("</main>")]
        ids.update(int(number) for number in J3_ARTICLE_LINK.findall(main))
    return ids


def j3_default_sync_ids(root: Path, pages: int = 2) -> set[int]:
    """What a sync of `pages` listing pages per category must cache from a j3 site: every
    article of the front page and of the first pages of every category."""
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    files = ["index.html"]
    for category in manifest["categories"].values():
        files += category["pages"][:pages]
    return j3_listed_ids(root, files)


def closed_port_url() -> str:
    """A loopback URL nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"
