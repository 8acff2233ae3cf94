"""Self-check of the page corpus (not a parser test).

Run:  python tests/pages/check_corpus.py [DIR]

For every <case>.json it checks that the file loads, has the documented keys, that <case>.html
exists, and that what the JSON asserts is really present in the page: body_contains strings in
the visible text (tags stripped, block tags -> space, inline tags -> nothing, entities decoded,
whitespace incl. U+00A0 collapsed, Joomla e-mail cloaks decoded), titles, bylines, hit counts,
image/link/page/menu URLs among the page's hrefs/srcs resolved against <base href>, and that
every body_excludes string does occur somewhere in the page (so that excluding it means something).
It uses only the standard library.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
from pathlib import Path
from urllib.parse import urljoin

TOP_KEYS = [
    "url",
    "kind",
    "charset_header",
    "description",
    "article",
    "listing",
    "stats",
    "menu",
    "error",
]
ARTICLE_KEYS = [
    "id",
    "title",
    "category",
    "author",
    "byline",
    "published",
    "modified",
    "hits",
    "summary_startswith",
    "body_contains",
    "body_excludes",
    "block_types",
    "images",
    "links",
    "pages",
    "prev_url",
    "next_url",
    "complete",
]
BLOCK_TAGS = set(
    "p div br li ul ol td th tr table h1 h2 h3 h4 h5 h6 blockquote dl dt dd section article header "
    "footer aside nav main form fieldset option select hr pre figure figcaption caption tbody thead "
    "center marquee".split()
)
MOJIBAKE_MARKERS = {"Ä", "Ã"}
ADDY = r"((?:'[^']*'\s*\+?\s*)+)"


def decode(name: str, raw: bytes) -> str:
    if name.startswith("x01_"):
        return unicodedata.normalize("NFC", raw.decode("cp1258"))
    return raw.decode("utf-8")


def _concat(expr: str) -> str:
    return html.unescape("".join(re.findall(r"'([^']*)'", expr)))


def uncloak(s: str) -> str:
    def j3(m: re.Match) -> str:
        a = re.search(
            r"var addy\w+ = " + ADDY + r";\s*addy\w+ = addy\w+ \+ " + ADDY + ";", m.group(2), re.S
        )
        return _concat(a.group(1)) + _concat(a.group(2)) if a else m.group(0)

    def j25(m: re.Match) -> str:
        a = re.search(
            r"var addy\d+ = " + ADDY + r";\s*addy\d+ = addy\d+ \+ " + ADDY + ";", m.group(0), re.S
        )
        return " " + _concat(a.group(1)) + _concat(a.group(2)) if a else m.group(0)

    s = re.sub(
        r"<span id=\"cloak(\w+)\">[^<]*</span><script type='text/javascript'>(.*?)</script>",
        j3,
        s,
        flags=re.S,
    )
    return re.sub(
        r"\s*<script type='text/javascript'>\s*<!--\s*var prefix.*?document.write\('span>'\);\s*//-->\s*</script>",
        j25,
        s,
        flags=re.S,
    )


def visible_text(s: str) -> str:
    s = re.sub(r"(?is)<head\b.*?</head>", " ", s)
    s = re.sub(r"(?s)<!--.*?-->", " ", s)
    s = re.sub(r"(?is)<(script|style|noscript|object)\b.*?</\1\s*>", " ", s)
    s = re.sub(r"(?is)<select\b.*?</select>", " ", s)
    s = re.sub(
        r"(?s)</?([a-zA-Z][a-zA-Z0-9:]*)\b[^>]*>",
        lambda m: " " if m.group(1).lower() in BLOCK_TAGS else "",
        s,
    )
    return re.sub(r"[\s\u00a0]+", " ", html.unescape(s))


def norm(t: str) -> str:
    return re.sub(r"[\s\u00a0]+", " ", t).strip()


def urls(s: str, tag: str, attr: str, base: str) -> set[str]:
    pat = rf"(?is)<{tag}\b[^>]*?\s{attr}\s*=\s*(\"([^\"]*)\"|'([^']*)')"
    return {
        urljoin(base, html.unescape(m.group(2) if m.group(2) is not None else m.group(3)))
        for m in re.finditer(pat, s)
    }


def check_article(
    name: str, meta: dict, s: str, text: str, hrefs: set, imgs: set, bad: list
) -> None:
    a = meta["article"]
    if meta["kind"] != "other":
        bad.extend(f"{name}: article lacks {k}" for k in ARTICLE_KEYS if k not in a)
    if a.get("title") and norm(a["title"]) not in re.sub(r"[\u200b\u202e\u001b]", "", text):
        bad.append(f"{name}: title not visible")
    bad.extend(
        f"{name}: not visible: {t}" for t in a.get("body_contains", []) if norm(t) not in text
    )
    for ex in a.get("body_excludes", []):
        if ex in MOJIBAKE_MARKERS:
            continue
        if ex not in s and ex not in html.unescape(s):
            bad.append(f"{name}: body_excludes never occurs: {ex!r}")
    for key in ("summary_startswith", "byline"):
        if a.get(key) and norm(a[key]) not in text:
            bad.append(f"{name}: {key} not visible")
    if a.get("hits") is not None and str(a["hits"]) not in text:
        bad.append(f"{name}: hits not visible")
    cat = a.get("category")
    if cat and cat.get("name") and cat["name"] not in text:
        bad.append(f"{name}: category name not visible")
    bad.extend(
        f"{name}: image not in page: {i['src']}"
        for i in a.get("images", [])
        if i["src"] not in imgs
    )
    for link in a.get("links", []):
        where = text if link["url"].startswith("mailto:") else hrefs
        if (link["text"] if link["url"].startswith("mailto:") else link["url"]) not in where:
            bad.append(f"{name}: link not found: {link['url']}")
    for u in [*a.get("pages", []), a.get("prev_url"), a.get("next_url")]:
        if u and u not in hrefs:
            bad.append(f"{name}: url not linked: {u}")


def check_listing(name: str, meta: dict, text: str, hrefs: set, imgs: set, bad: list) -> None:
    li = meta["listing"]
    for it in li["items"] + li.get("more", []):
        if norm(it["title"]) not in text:
            bad.append(f"{name}: item title not visible: {it['title']}")
        if it["url"] not in hrefs:
            bad.append(f"{name}: item url not linked: {it['url']}")
        if it.get("summary_startswith") and norm(it["summary_startswith"]) not in text:
            bad.append(f"{name}: item summary not visible: {it['id']}")
        if it.get("image") and it["image"] not in imgs:
            bad.append(f"{name}: item image not in page: {it['image']}")
    if li.get("next_url") and li["next_url"] not in hrefs:
        bad.append(f"{name}: next_url not linked")


def check_menu(name: str, nodes: list, text: str, hrefs: set, bad: list) -> None:
    for n in nodes:
        if n["name"] not in text:
            bad.append(f"{name}: menu name not visible: {n['name']}")
        if n["url"] and n["url"] not in hrefs:
            bad.append(f"{name}: menu url not linked: {n['url']}")
        check_menu(name, n["children"], text, hrefs, bad)


def check_case(jf: Path, bad: list) -> None:
    name = jf.stem
    meta = json.loads(jf.read_text(encoding="utf-8"))
    bad.extend(f"{name}: missing key {k}" for k in TOP_KEYS if k not in meta)
    hf = jf.with_suffix(".html")
    if not hf.exists():
        bad.append(f"{name}: html missing")
        return
    raw = hf.read_bytes()
    if meta.get("error") == "empty":
        if raw:
            bad.append(f"{name}: should be empty")
        return
    s = decode(name, raw)
    m = re.search(r'<base href="([^"]*)"', s)
    base = html.unescape(m.group(1)) if m else meta["url"]
    text = visible_text(uncloak(s))
    hrefs = urls(s, "a", "href", base) | urls(s, "link", "href", base)
    imgs = urls(s, "img", "src", base)
    if meta.get("article"):
        check_article(name, meta, s, text, hrefs, imgs, bad)
    if meta.get("listing"):
        check_listing(name, meta, text, hrefs, imgs, bad)
    st = meta.get("stats")
    if st:
        if st.get("article_hits") is not None and str(st["article_hits"]) not in text:
            bad.append(f"{name}: article_hits not visible")
        bad.extend(
            f"{name}: stats row not visible: {k}"
            for k, v in st.get("other", {}).items()
            if k not in text or v not in text
        )
    if meta.get("menu"):
        check_menu(name, meta["menu"], text, hrefs, bad)


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).parent
    bad: list[str] = []
    cases = sorted(root.glob("*.json"))
    for jf in cases:
        try:
            check_case(jf, bad)
        except (ValueError, KeyError) as e:
            bad.append(f"{jf.stem}: {e!r}")
    print("\n".join(bad) if bad else "no problems")
    print(f"{len(cases)} cases checked")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
