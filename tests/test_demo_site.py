"""The bundled demo site (both Joomla generations) and its loopback server."""

from __future__ import annotations

import email.utils
import importlib.util
import re
import shutil
import signal
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

if importlib.util.find_spec("tgagreader") is None:  # a checkout without an installed package
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from selectolax.lexbor import LexborHTMLParser

from tgagreader.demo import site_root
from tgagreader.demo.server import DemoServer, SiteMap

GENERATIONS = ["j25", "j3"]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module", params=GENERATIONS)
def demo(request):
    with DemoServer(request.param) as server:
        yield server


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=10) as c:
        yield c


def get(client, demo, path, **kw):
    return client.get(demo.origin + path, **kw)


def manifest(demo) -> dict:
    return demo.sitemap.manifest


def paged_category(demo) -> dict:
    return next(
        c | {"id": int(k)} for k, c in manifest(demo)["categories"].items() if len(c["pages"]) > 1
    )


def multipage_article(demo) -> tuple[int, dict]:
    return next((int(k), v) for k, v in manifest(demo)["articles"].items() if v.get("pages"))


def article_urls(demo, aid: int, art: dict) -> list[str]:
    """Every URL form Joomla answers for one article."""
    cat = manifest(demo)["categories"][str(art["catid"])]
    route, itemid, alias, catid = cat["route"], cat["itemid"], art["alias"], art["catid"]
    return [
        f"/index.php/{route}/{aid}-{alias}.html",
        f"/index.php/{route}/{aid}-{alias}",
        f"/{route}/{aid}-{alias}.html",
        f"/{route}/{aid}-wrong-alias",
        f"/index.php/{route.split('/')[0]}/{aid}",
        f"/index.php?option=com_content&view=article&id={aid}:{alias}&catid={catid}&Itemid={itemid}",
        f"/index.php?option=com_content&view=article&id={aid}",
        f"/index.php?option=com_content&view=article&id={aid}&catid={catid}&utm_source=fb&fbclid=XYZ",
        f"/index.php/component/content/article/{catid}-{cat['alias']}/{aid}-{alias}",
        f"/index.php/component/content/article/{aid}-{alias}.html",
        f"/index.php/{route}/{aid}-{alias}.html?tmpl=component&print=1&page=",
    ]


# ---------------------------------------------------------------------------------------------


def test_site_root_and_manifest():
    for gen in GENERATIONS:
        root = site_root(gen)
        assert (root / "manifest.json").is_file()
        assert (root / "index.html").is_file()
        assert SiteMap(root).generation == gen
    with pytest.raises(ValueError, match="unknown"):
        site_root("j4")


def test_server_starts_on_ephemeral_port_and_stops():
    server = DemoServer("j3").start()
    try:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.url)
        assert server.port > 0
        assert httpx.get(server.url).status_code == 200
    finally:
        server.stop()
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.1", server.port), timeout=1),
    ):
        pass


def test_front_page(demo, client):
    r = get(client, demo, "/")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert "etag" not in r.headers
    assert "last-modified" not in r.headers
    html = r.text
    assert "__HOST__" not in html
    assert f'<base href="{demo.origin}/' in html
    assert 'class="blog-featured' in html
    assert 'class="items-more"' in html
    assert re.search(
        r"<p>Đang có \d+&#160;khách và (không thành viên|một thành viên|\d&#160;thành viên) đang online</p>",
        html,
    )
    assert "<dt>Số lần xem các bài viết</dt>" in html
    assert "Tiến tới đại hội đảng" in html
    assert "Giải phóng miền Nam" in html
    if demo.generation == "j25":
        assert html.startswith('<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"')
        assert '<ul class="menu">' in html
    else:
        assert html.startswith("<!DOCTYPE html>")
        assert '<ul class="nav menu mod-list">' in html
        assert "<dt>Các bài viết</dt>" in html
        assert "<dt>Người dùng</dt>" in html


def test_category_page_two(demo, client):
    cat = paged_category(demo)
    if demo.generation == "j25":
        path = f"/index.php/{cat['route']}.html?start={cat['page_size']}"
    else:
        layout = "&layout=blog" if cat["layout"] == "blog" else ""
        path = f"/index.php?option=com_content&view=category{layout}&id={cat['id']}&Itemid={cat['itemid']}&limitstart={cat['page_size']}"
    r = get(client, demo, path)
    assert r.status_code == 200
    assert f"Trang 2 / {len(cat['pages'])}" in r.text
    assert r.content == (demo.root / cat["pages"][1]).read_bytes().replace(
        b"http://__HOST__", demo.origin.encode()
    )
    # past the last page: Joomla (ListModel::getStart) shows the last page
    last = get(client, demo, f"/index.php?Itemid={cat['itemid']}&limitstart=100000")
    assert last.status_code == 200
    assert f"Trang {len(cat['pages'])} / {len(cat['pages'])}" in last.text


def test_article_by_every_url_form(demo, client):
    aid, art = next(
        (int(k), v) for k, v in manifest(demo)["articles"].items() if not v.get("pages")
    )
    bodies = {path: get(client, demo, path) for path in article_urls(demo, aid, art)}
    expected = (
        (demo.root / art["file"]).read_bytes().replace(b"http://__HOST__", demo.origin.encode())
    )
    for path, r in bodies.items():
        assert r.status_code == 200, path
        assert r.content == expected, path


def test_multipage_article(demo, client):
    aid, art = multipage_article(demo)
    cat = manifest(demo)["categories"][str(art["catid"])]
    n = len(art["pages"])
    if demo.generation == "j25":
        base = f"/index.php/{cat['route']}/{aid}-{art['alias']}.html"
        page2, showall = f"{base}?showall=&start=1", f"{base}?showall=1&limitstart="
        assert 'id="article-index"' in get(client, demo, base).text
    else:
        base = f"/index.php?option=com_content&view=article&id={aid}:{art['alias']}&catid={art['catid']}&Itemid={cat['itemid']}"
        page2, showall = f"{base}&limitstart=1", f"{base}&showall=1"
        assert 'class="pull-right article-index"' in get(client, demo, base).text
    r = get(client, demo, page2)
    assert r.status_code == 200
    assert f'<div class="pagenavcounter">Trang 2 / {n}</div>' in r.text
    assert "pagenavcounter" not in get(client, demo, showall).text
    assert (
        get(
            client, demo, f"/index.php?option=com_content&view=article&id={aid}&limitstart={n}"
        ).status_code
        == 404
    )


def test_not_found(demo, client):
    marker = (
        'id="errorboxheader"'
        if demo.generation == "j25"
        else 'class="label label-inverse">404</span>'
    )
    for path in [
        "/no/such/page.html",
        "/index.php/no-such-menu.html",
        "/index.php?option=com_nothing",
    ]:
        r = get(client, demo, path)
        assert r.status_code == 404, path
        assert marker in r.text
    r = get(client, demo, "/index.php?option=com_content&view=article&id=987654321")
    assert r.status_code == 404
    assert "Không tìm thấy bài viết" in r.text
    assert marker in r.text
    cat = next(iter(manifest(demo)["categories"].values()))
    r = get(client, demo, f"/index.php/{cat['route']}/987654321-gone.html")
    assert r.status_code == 404
    assert "Không tìm thấy bài viết" in r.text
    r = get(client, demo, "/index.php?option=com_content&view=category&id=987654")
    assert r.status_code == 404
    assert "Không thấy Chuyên mục" in r.text


def test_feeds_are_wellformed_with_absolute_links(demo, client):
    cats = manifest(demo)["categories"].values()
    for cat in cats:
        for kind, ctype in (("rss", "application/rss+xml"), ("atom", "application/atom+xml")):
            if demo.generation == "j25":
                path = f"/index.php/{cat['route']}.feed?type={kind}"
            else:
                path = f"/index.php?Itemid={cat['itemid']}&format=feed&type={kind}"
            r = get(client, demo, path)
            assert r.status_code == 200, path
            assert r.headers["content-type"].startswith(ctype)
            root = ET.fromstring(r.content)
            if kind == "rss":
                links = [e.text for e in root.iter("link")] + [e.text for e in root.iter("guid")]
                assert root.find("channel/item") is not None or not cat["pages"]
            else:
                links = [e.get("href") for e in root.iter(f"{ATOM}link")] + [
                    e.text for e in root.iter(f"{ATOM}id")
                ]
            assert links
            for link in links:
                assert link.startswith(demo.origin), link


def test_images_are_jpeg(demo, client):
    images = [s for s in manifest(demo)["static"] if s.startswith("images/")]
    assert images
    for rel in images[:5]:
        r = get(client, demo, "/" + rel)
        assert r.status_code == 200
        assert r.headers["content-type"] == "image/jpeg"
        assert r.content[:3] == b"\xff\xd8\xff"
        assert len(r.content) <= 20_000


def test_whosonline_differs_between_pages(demo, client):
    pattern = re.compile(r"<p>Đang có (.*?) đang online</p>")
    aid, _ = next(iter(manifest(demo)["articles"].items()))
    a = pattern.search(get(client, demo, "/").text).group(1)
    b = pattern.search(
        get(client, demo, f"/index.php?option=com_content&view=article&id={aid}").text
    ).group(1)
    assert a != b


def test_head_request(demo, client):
    r = client.head(demo.origin + "/")
    assert r.status_code == 200
    assert int(r.headers["content-length"]) > 1000
    assert r.content == b""


def test_requests_are_recorded(demo, client):
    before = len(demo.requests)
    get(
        client,
        demo,
        "/index.php?option=com_content&view=featured&utm_medium=x",
        headers={"X-Test": "1"},
    )
    rec = demo.requests[before]
    assert rec.method == "GET"
    assert rec.path == "/index.php?option=com_content&view=featured&utm_medium=x"
    assert rec.status == 200
    assert rec.headers.get("X-Test") == "1"


def test_validators_give_304():
    with DemoServer("j25", validators=True) as demo, httpx.Client() as c:
        r = c.get(demo.url)
        etag, lm = r.headers["etag"], r.headers["last-modified"]
        assert email.utils.parsedate_to_datetime(lm)
        r2 = c.get(demo.url, headers={"If-None-Match": etag})
        assert r2.status_code == 304
        assert r2.content == b""
        r3 = c.get(demo.url, headers={"If-Modified-Since": lm})
        assert r3.status_code == 304
        r4 = c.get(demo.url, headers={"If-None-Match": '"other"'})
        assert r4.status_code == 200
        assert [x.status for x in demo.requests] == [200, 304, 304, 200]


def test_root_override_serves_a_modified_copy(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(site_root("j3"), root)
    aid, art = next(iter(SiteMap(root).articles.items()))
    page = root / art["file"]
    page.write_text(
        page.read_text(encoding="utf-8").replace("</h2>", " (đã sửa)</h2>", 1), encoding="utf-8"
    )
    with DemoServer("j3", root=root) as demo:
        r = httpx.get(f"{demo.origin}/index.php?option=com_content&view=article&id={aid}")
        assert "(đã sửa)" in r.text


def test_the_generation_is_the_served_sites_own():
    """Tests branch on `generation`: it is what the site served is, not what was asked."""
    with DemoServer("j3", root=site_root("j25")) as demo:
        assert demo.generation == "j25"
        assert "/index.php/" in httpx.get(demo.url).text  # Joomla 2.5's SEF links


def test_pages_say_no_cache_and_validated_pages_say_their_validators():
    with DemoServer("j3") as plain, DemoServer("j3", validators=True) as validated:
        page = httpx.get(plain.url)
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert page.headers["cache-control"].startswith("no-store")
        assert "etag" not in page.headers
        image = next(f for f in SiteMap(plain.root).static if f.endswith(".jpg"))
        assert "cache-control" not in httpx.get(plain.origin + "/" + image).headers
        page = httpx.get(validated.url)
        assert "etag" in page.headers
        assert "cache-control" not in page.headers


def test_python_m_tgagreader_demo_serves_until_interrupted():
    process = subprocess.Popen(
        [sys.executable, "-m", "tgagreader.demo", "--generation", "j25"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = process.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
        assert httpx.get(url).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(10) == 0
    assert "Traceback" not in process.stderr.read()


def _links(html: str, page_url: str, origin: str) -> set[str]:
    tree = LexborHTMLParser(html)
    base = tree.css_first("base")
    base_url = base.attributes.get("href") if base else page_url
    out = set()
    for sel, attr in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
        for node in tree.css(f"{sel}[{attr}]"):
            value = node.attributes.get(attr) or ""
            if not value or value.startswith(("#", "javascript:", "mailto:")):
                continue
            url = urljoin(base_url, value).split("#", 1)[0]
            if url.startswith(origin + "/"):
                out.add(url)
    return out


def test_crawl_whole_site_every_link_resolves(demo, client):
    """Every link, image, stylesheet, script and feed link of every page points to something."""
    origin = demo.origin
    seen: set[str] = set()
    queue = deque([demo.url])
    pages = 0
    broken = []
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        r = client.get(url)
        if r.status_code != 200:
            broken.append((url, r.status_code))
            continue
        ctype = r.headers["content-type"]
        if ctype.startswith("text/html"):
            pages += 1
            assert "__HOST__" not in r.text
            queue.extend(u for u in _links(r.text, url, origin) if u not in seen)
        elif "xml" in ctype:
            ET.fromstring(r.content)
        assert len(seen) < 5000
    assert not broken, broken[:10]
    n_articles = len(manifest(demo)["articles"])
    assert pages > n_articles
    files = {urlsplit(u).path for u in seen}
    assert any(p.endswith((".jpg", ".jpeg")) for p in files)
