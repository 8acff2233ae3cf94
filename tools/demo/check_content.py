"""Validate tools/demo/content.json, the text of the bundled demo copy of the TGAG site.

Usage: python tools/demo/check_content.py [content.json] [--seed SEED.txt] [-v]

Exits 1 when a check fails; prints a summary (counts and which articles carry which markup
features) either way. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CONTENT = HERE / "content.json"
DEFAULT_SEED = Path("/work/shared/seed/000_7377caa6f6ac9b62.txt")
SEED_TITLE = "An Giang: 4 năm thực hiện Quy chế công tác dân vận của hệ thống chính trị"
SEED_BYLINE = "Quốc Hùng"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
FORBIDDEN = {"script", "html", "body", "head", "iframe", "style"}
INTERNAL = re.compile(
    r"^index\.php\?option=com_content&view=article&id=(\d+):([a-z0-9-]+)&catid=(\d+)&Itemid=(\d+)$"
)
PAGEBREAK = re.compile(r'<hr class="system-pagebreak"[^>]*/>')
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
OFFSET = timedelta(hours=7)


class Body(HTMLParser):
    """Collects tag balance problems, img/a attributes and paragraph texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: Counter[str] = Counter()
        self.imgs: list[dict[str, str]] = []
        self.links: list[str] = []
        self.paras: list[str] = []
        self._para: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        a = {k: (v or "") for k, v in attrs}
        if tag == "img":
            self.imgs.append(a)
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "br" and self._para is not None:
            self._para.append(" ")
        if tag in VOID:
            return
        if tag == "p":
            self._para = []
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}> (open: {self.stack[-3:]})")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "p" and self._para is not None:
            self.paras.append(collapse("".join(self._para)))
            self._para = None

    def handle_data(self, data):
        self.text.append(data)
        if self._para is not None:
            self._para.append(data)

    def close(self):
        super().close()
        if self.stack:
            self.errors.append(f"unclosed tags: {self.stack}")


def collapse(s: str) -> str:
    return " ".join(s.replace("\xa0", " ").split())


def parse_body(html: str) -> Body:
    b = Body()
    b.feed(html)
    b.close()
    return b


def walk_strings(obj, path="$"):
    if isinstance(obj, str):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from walk_strings(k, f"{path}.<key>")
            yield from walk_strings(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from walk_strings(v, f"{path}[{i}]")


def parse_time(s: str) -> datetime:
    d = datetime.fromisoformat(s)
    if d.utcoffset() != OFFSET:
        raise ValueError(f"not +07:00: {s}")
    return d


def seed_paragraphs(seed: Path) -> list[str]:
    lines = seed.read_text(encoding="utf-8").split("\n")
    start = lines.index(SEED_TITLE) + 1
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == SEED_BYLINE)
    blocks: list[list[str]] = [[]]
    for ln in lines[start:end]:
        if ln.strip():
            blocks[-1].append(ln)
        elif blocks[-1]:
            blocks.append([])
    return [collapse(" ".join(b)) for b in blocks if b] + [SEED_BYLINE]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("content", nargs="?", type=Path, default=DEFAULT_CONTENT)
    ap.add_argument("--seed", type=Path, default=DEFAULT_SEED)
    ap.add_argument("-v", "--verbose", action="store_true", help="list per-article word counts")
    args = ap.parse_args(argv)

    errors: list[str] = []
    warnings: list[str] = []
    err = errors.append

    raw = args.content.read_text(encoding="utf-8")
    data = json.loads(raw)

    # -- NFC everywhere -------------------------------------------------------------------
    for path, s in walk_strings(data):
        if not unicodedata.is_normalized("NFC", s):
            err(f"not NFC: {path}")
        if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in s):
            err(f"control character in {path}")

    site = data["site"]
    for k in ("name", "short_name", "description", "keywords"):
        if not site.get(k):
            err(f"site.{k} missing")

    # -- categories -----------------------------------------------------------------------
    cats = {c["id"]: c for c in data["categories"]}
    if len(cats) != len(data["categories"]):
        err("duplicate category ids")
    if len({c["itemid"] for c in cats.values()}) != len(cats):
        err("duplicate category itemids")
    if len({c["alias"] for c in cats.values()}) != len(cats):
        err("duplicate category aliases")
    for c in cats.values():
        if not SLUG.match(c["alias"]):
            err(f"category {c['id']}: bad alias {c['alias']!r}")
        if c["parent"] is not None and c["parent"] not in cats:
            err(f"category {c['id']}: unknown parent {c['parent']}")
        if c["layout"] not in ("blog", "list"):
            err(f"category {c['id']}: layout {c['layout']!r}")
        if not (isinstance(c["page_size"], int) and c["page_size"] > 0):
            err(f"category {c['id']}: page_size")
        if c.get("description"):
            b = parse_body(c["description"])
            errors.extend(f"category {c['id']} description: {e}" for e in b.errors)
    parents = {c["parent"] for c in cats.values() if c["parent"] is not None}
    if len(cats) < 7:
        err(f"only {len(cats)} categories")
    if not parents:
        err("no nested category")

    # -- articles -------------------------------------------------------------------------
    arts = data["articles"]
    ids = [a["id"] for a in arts]
    if len(set(ids)) != len(ids):
        err("duplicate article ids")
    if len({a["alias"] for a in arts}) != len(arts):
        err("duplicate article aliases")
    by_id = {a["id"]: a for a in arts}
    per_cat: Counter[int] = Counter()
    features: dict[str, list[int]] = defaultdict(list)
    para_seen: dict[str, int] = {}
    all_srcs_listed: set[str] = set()
    total_words = 0
    words_of: dict[int, int] = {}

    for a in arts:
        aid = a["id"]
        where = f"article {aid}"
        if not (1000 <= aid <= 2600):
            err(f"{where}: id outside 1000..2600")
        if not SLUG.match(a["alias"]):
            err(f"{where}: bad alias {a['alias']!r}")
        if a["catid"] not in cats:
            err(f"{where}: unknown catid {a['catid']}")
            continue
        per_cat[a["catid"]] += 1
        try:
            created = parse_time(a["created"])
            pub = parse_time(a["publish_up"])
            if pub < created:
                err(f"{where}: publish_up before created")
            if a["modified"] is not None and parse_time(a["modified"]) <= created:
                err(f"{where}: modified not after created")
            if not (
                datetime(2014, 6, 1, tzinfo=created.tzinfo)
                <= created
                < datetime(2015, 6, 1, tzinfo=created.tzinfo)
            ):
                err(f"{where}: created outside 2014-06..2015-05")
        except (ValueError, TypeError) as e:
            err(f"{where}: bad date ({e})")
        if not (50 <= a["hits"] <= 25000):
            err(f"{where}: hits {a['hits']}")
        if not isinstance(a["featured"], bool):
            err(f"{where}: featured not bool")
        if not a["title"].strip():
            err(f"{where}: empty title")

        html = a["intro_html"] + "\n" + a["full_html"]
        for tag in FORBIDDEN:
            if re.search(rf"<{tag}[\s>/]", html, re.I):
                err(f"{where}: forbidden <{tag}>")
        body = parse_body(html)
        errors.extend(f"{where}: {e}" for e in body.errors)
        if not a["intro_html"].strip():
            err(f"{where}: empty intro_html")

        # images: every <img> listed, every listed file used, sizes agree
        listed = {i["src"]: i for i in a["images"]}
        if len(listed) != len(a["images"]):
            err(f"{where}: duplicate entries in images")
        used = set()
        for im in body.imgs:
            src = im.get("src", "")
            used.add(src)
            if src not in listed:
                err(f"{where}: <img src={src!r}> not in images")
            elif im.get("width") and int(im["width"]) != listed[src]["width"]:
                err(f"{where}: width of {src} differs from images entry")
            if src.startswith("/") or "://" in src:
                err(f"{where}: image src should be relative: {src}")
        for key in ("image_intro", "image_fulltext"):
            if a[key] is not None:
                used.add(a[key]["src"])
                if a[key]["src"] not in listed:
                    err(f"{where}: {key} not in images")
        for src, i in listed.items():
            if src not in used:
                err(f"{where}: listed image {src} is never used")
            if not re.match(r"^images/201[45]/\d\d/[a-z0-9-]+\.jpg$", src):
                err(f"{where}: odd image path {src}")
            if not (i.get("description") and i["width"] > 0 and i["height"] > 0):
                err(f"{where}: incomplete images entry {src}")
        all_srcs_listed.update(listed)

        # links
        for href in body.links:
            href_u = unescape(href)
            m = INTERNAL.match(href_u)
            if m:
                tid, talias, tcat, titem = int(m[1]), m[2], int(m[3]), int(m[4])
                t = by_id.get(tid)
                if t is None:
                    err(f"{where}: link to missing article {tid}")
                elif t["alias"] != talias or t["catid"] != tcat or cats[tcat]["itemid"] != titem:
                    err(f"{where}: inconsistent internal link {href_u}")
                features["internal link"].append(aid)
            elif href_u.startswith(("http://", "https://")):
                features["external link"].append(aid)
            else:
                err(f"{where}: unexpected href {href_u}")

        # duplicate paragraphs across articles
        for p in body.paras:
            if len(p) > 80:
                if p in para_seen and para_seen[p] != aid:
                    err(f"{where}: paragraph repeated from article {para_seen[p]}: {p[:60]}...")
                para_seen.setdefault(p, aid)

        text = collapse(" ".join(body.text))
        words = len(text.split())
        words_of[aid] = words
        total_words += words

        # feature inventory
        if PAGEBREAK.search(a["intro_html"]):
            err(f"{where}: pagebreak in intro_html")
        nbreaks = len(PAGEBREAK.findall(html))
        if nbreaks:
            features[f"pagebreak ({nbreaks + 1} pages)"].append(aid)
        if EMAIL.search(text):
            features["e-mail address"].append(aid)
        if re.search(r'<table[^>]*border="1"', html):
            features["data table"].append(aid)
        if re.search(r'<table[^>]*border="0"[^>]*>\s*<tbody>\s*<tr>\s*<td><img', html):
            features["layout-table image"].append(aid)
        if re.search(r'<img[^>]*class="caption"', html):
            features["img.caption with title"].append(aid)
        if re.search(r'<img[^>]*/>\s*</p>\s*<p style="text-align: center;"><em>', html):
            features["image + centered italic caption"].append(aid)
        for tag, name in (
            ("blockquote", "blockquote"),
            ("ul", "ul list"),
            ("ol", "ol list"),
            ("h3", "h3 subheadings"),
        ):
            if body.tags[tag]:
                features[name].append(aid)
        if re.search(r"<p><strong>(?:<span[^>]*>)?\d\. ", html):
            features["numbered <p><strong> subheadings"].append(aid)
        if "font-family: 'times new roman'" in html:
            features["Word span soup"].append(aid)
        if 'lang="VI"' in html:
            features['span lang="VI"'].append(aid)
        if "<p>&nbsp;</p>" in html:
            features["<p>&nbsp;</p> spacers"].append(aid)
        if "<br />" in html:
            features["<br /> inside paragraph"].append(aid)
        if a["image_intro"] or a["image_fulltext"]:
            features["intro/fulltext image fields"].append(aid)
        right = re.findall(r'<p style="text-align: right;">', a["full_html"] or a["intro_html"])
        if not right:
            features["no byline paragraph"].append(aid)
        if a["author"] not in (None, "Quản trị viên"):
            features["author field = real name"].append(aid)
        if a["author"] is None:
            features["author field = null"].append(aid)
        if not a["full_html"].strip():
            features["intro only (empty full_html)"].append(aid)

    # -- per-category pagination ----------------------------------------------------------
    for cid, c in cats.items():
        n = per_cat[cid]
        if cid in parents:
            continue
        pages = math.ceil(n / c["page_size"]) if n else 0
        if not (2 <= pages <= 4) or not (6 <= n <= 19):
            err(f"category {cid} ({c['alias']}): {n} articles = {pages} pages")

    breaks = [k for k in features if k.startswith("pagebreak")]
    if sum(len(features[k]) for k in breaks) != 1:
        err("expected exactly one multi-page article")
    if not features["e-mail address"]:
        err("no article with an e-mail address")
    if len(features["data table"]) < 2:
        err("fewer than 2 articles with a data table")
    nfeat = sum(a["featured"] for a in arts)
    if not (6 <= nfeat <= 10):
        warnings.append(f"{nfeat} featured articles")
    if max(words_of.values()) < 2500:
        err("no article with >= 2,500 words")
    for aid, w in words_of.items():
        if w < 150:
            warnings.append(f"article {aid}: only {w} words")
    long_ones = sorted(aid for aid, w in words_of.items() if w > 900)
    nmod = sum(a["modified"] is not None for a in arts)

    # -- the seed article -----------------------------------------------------------------
    seed_art = [a for a in arts if a["title"] == SEED_TITLE]
    if len(seed_art) != 1:
        err("seed article missing (or duplicated)")
    elif args.seed.exists():
        got = parse_body(seed_art[0]["intro_html"] + seed_art[0]["full_html"]).paras
        want = seed_paragraphs(args.seed)
        if got != want:
            err("seed article text differs from the seed file")
            for i, (g, w) in enumerate(zip(got, want, strict=False)):
                if g != w:
                    err(f"  first difference in paragraph {i + 1}: {g[:50]!r} vs {w[:50]!r}")
                    break
    else:
        warnings.append(f"seed file {args.seed} not found; verbatim check skipped")

    # -- report ---------------------------------------------------------------------------
    print(
        f"{args.content}: {len(cats)} categories, {len(arts)} articles, {nfeat} featured, "
        f"{len(all_srcs_listed)} image files, {total_words} words, "
        f"{nmod} with a modified date"
    )
    print("  longer than 900 words: " + ", ".join(f"{aid} ({words_of[aid]})" for aid in long_ones))
    for cid, c in cats.items():
        n = per_cat[cid]
        print(
            f"  {cid:>3} {c['layout']:<4} {c['alias']:<52} {n:>3} articles "
            f"({math.ceil(n / c['page_size']) if n else 0} pages)"
            + (f"  parent={c['parent']}" if c["parent"] else "")
        )
    print("features:")
    for k in sorted(features):
        v = sorted(set(features[k]))
        print(f"  {k}: {', '.join(map(str, v))}")
    if args.verbose:
        for a in arts:
            print(
                f"  {a['id']} {a['created'][:10]} cat={a['catid']:<3} "
                f"{words_of[a['id']]:>5}w hits={a['hits']:<6} {a['title'][:60]}"
            )
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
