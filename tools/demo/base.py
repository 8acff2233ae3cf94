"""Shared machinery of the two generation builders."""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from model import (
    Article,
    Category,
    Image,
    Site,
    amp,
    date_iso,
    date_lc2,
    date_lc3,
    email_cloak,
    esc,
    esc_q,
    pagebreak_parts,
    stable_int,
    truncate,
    whosonline,
)
from tpl import Env

HOST = "http://__HOST__"  # replaced by the demo server with http://127.0.0.1:PORT


def php_div(a: int, b: int) -> int | float:
    return a // b if a % b == 0 else a / b


@dataclass
class Page:
    """Bookkeeping for one generated page."""

    path: str  # canonical request path + query, e.g. "/index.php/tin-tuc.html?start=5"
    file: str  # file name under the site directory
    itemid: int  # active menu item
    trail: list[tuple[str, str | None]] = field(default_factory=list)  # breadcrumbs


class Builder:
    generation = ""
    template_dir = ""

    def __init__(self, site: Site, out: Path) -> None:
        self.site = site
        self.out = out
        self.files: dict[str, bytes] = {}
        self.static: set[str] = set()
        self.manifest: dict[str, Any] = {
            "generation": self.generation,
            "site_name": site.name,
            "host_placeholder": HOST,
            "home": {},
            "categories": {},
            "articles": {},
            "menu": {},
            "errors": {},
            "special": {},
        }
        helpers = {
            "esc": esc,
            "esc_q": esc_q,
            "amp": amp,
            "date_lc2": date_lc2,
            "date_lc3": date_lc3,
            "date_iso": date_iso,
            "php_div": php_div,
            "truncate": truncate,
            "len": len,
            "enumerate": enumerate,
            "range": range,
            "str": str,
        }
        helpers.update(self.helpers())
        self.env = Env(Path(__file__).resolve().parent / "templates" / self.template_dir, helpers)

    def cat_key(self, cat: Category) -> str:
        """File-name key of a category: its alias (aliases are unique only per parent in Joomla)."""
        same = [c for c in self.site.categories if c.alias == cat.alias]
        return cat.alias if len(same) == 1 else f"{cat.id}-{cat.alias}"

    # -- to override ---------------------------------------------------------------------------

    def helpers(self) -> dict[str, Any]:
        return {}

    def build(self) -> None:
        raise NotImplementedError

    # -- common helpers ------------------------------------------------------------------------

    def render(self, name: str, **ctx: Any) -> str:
        return self.env.render(name, **ctx)

    def write(self, rel: str, content: str | bytes) -> None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        self.files[rel] = data

    def whosonline_text(self, page: Page) -> str:
        return whosonline(f"{self.generation}:{page.path}")

    def cloaked(self, text: str, art: Article, where: str) -> str:
        return email_cloak(text, f"{self.generation}:{art.id}:{where}", self.generation)

    @staticmethod
    def image_ns(img: Image | None, float_: str) -> SimpleNamespace | None:
        if img is None:
            return None
        return SimpleNamespace(src=img.src, caption=img.caption, alt=img.alt, float=float_)

    def blog_split(
        self, items: list[Any], leading: int, intro: int, links: int
    ) -> tuple[list[Any], list[Any], list[Any]]:
        return (
            items[:leading],
            self.order_down_columns(items[leading : leading + intro], 2),
            items[leading + intro : leading + intro + links],
        )

    @staticmethod
    def order_down_columns(items: list[Any], columns: int) -> list[Any]:
        """ContentHelperQuery::orderDownColumns() (multi_column_order = down, the default)."""
        count = len(items)
        if columns == 1 or count <= columns:
            return list(items)
        max_rows = math.ceil(count / columns)
        cells = max_rows * columns
        empty = cells - count
        index: dict[tuple[int, int], int] = {}
        i = 1
        for row in range(1, max_rows + 1):
            for col in range(1, columns + 1):
                index[row, col] = -1 if empty > cells - i else 0
                i += 1
        i = 0
        for col in range(1, columns + 1):
            for row in range(1, max_rows + 1):
                if i < count and index[row, col] != -1:
                    index[row, col] = i
                    i += 1
        out = []
        for row in range(1, max_rows + 1):
            for col in range(1, columns + 1):
                if len(out) < count:
                    out.append(items[index[row, col]])
        return out

    @staticmethod
    def page_numbers(total: int, limit: int, limitstart: int) -> dict[str, int]:
        """JPagination's page arithmetic (10 displayed pages)."""
        pages_total = max(1, math.ceil(total / limit)) if limit else 1
        current = limitstart // limit + 1 if limit else 1
        displayed = 10
        start = current - displayed // 2
        start = max(start, 1)
        if start + displayed > pages_total:
            stop = pages_total
            start = 1 if pages_total < displayed else pages_total - displayed + 1
        else:
            stop = start + displayed - 1
        return {"total": pages_total, "current": current, "start": start, "stop": stop}

    def mailto_hash(self, absolute_link: str) -> str:
        return hashlib.sha1(absolute_link.encode()).hexdigest()

    def form_token(self, key: str) -> str:
        return hashlib.md5(f"token:{self.generation}:{key}".encode()).hexdigest()

    def article_pages(self, art: Article) -> tuple[list[str], list[str]]:
        return pagebreak_parts(art.text)

    def flush(self) -> None:
        """Write all files (the output directory is replaced as a whole)."""
        import shutil

        if self.out.exists():
            shutil.rmtree(self.out)
        for rel, data in sorted(self.files.items()):
            path = self.out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        self.manifest["static"] = sorted(self.static)
        (self.out / "manifest.json").write_text(
            json.dumps(self.manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
            encoding="utf-8",
        )

    def hits_rows(self) -> list[tuple[str, str]]:
        return [("Số lần xem các bài viết", str(self.site.total_hits))]

    def stable(self, *parts: Any) -> int:
        return stable_int(self.generation, *parts)

    def register_article(self, art: Article, **entry: Any) -> None:
        self.manifest["articles"][str(art.id)] = {"alias": art.alias, "catid": art.catid, **entry}

    def register_category(self, cat: Category, **entry: Any) -> None:
        self.manifest["categories"][str(cat.id)] = {
            "alias": cat.alias,
            "route": cat.route,
            "itemid": cat.itemid,
            "layout": cat.layout,
            "page_size": cat.page_size,
            "parent": cat.parent.id if cat.parent else None,
            **entry,
        }
