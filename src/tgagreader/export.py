"""Cached articles written out: JSONL (one `tgag read --format json` object per line) or a
folder of Markdown files with YAML front matter."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from tgagreader import render
from tgagreader.codec import article_json, category_json, iso
from tgagreader.models import Article
from tgagreader.text import slugify


def to_jsonl(articles: Iterable[Article], path: Path) -> int:
    """Write one JSON object per line; the file appears whole or not at all."""
    count = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as out:
        try:
            for article in articles:
                data = article_json(article, render.body_text(article))
                out.write(json.dumps(data, ensure_ascii=False))
                out.write("\n")
                count += 1
            out.close()
            os.replace(out.name, path)  # fails if `path` is a folder: no temporary file left
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(out.name)
            raise
    return count


def to_markdown(articles: Iterable[Article], folder: Path) -> int:
    """One `<id>-<slug>.md` per article, front matter first."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for article in articles:
        name = f"{article.id}-{slugify(article.title)[:80] or 'bai-viet'}.md"
        text = front_matter(article) + render.to_markdown(article)
        (folder / name).write_text(text, encoding="utf-8")
        count += 1
    return count


def front_matter(article: Article) -> str:
    """YAML front matter; every value a JSON scalar or object (JSON is valid YAML)."""
    fields = {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "category": category_json(article.category),
        "published": iso(article.published),
        "modified": iso(article.modified),
        "author": article.credit,
        "hits": article.hits,
        "complete": article.complete,  # false: the page was cut off, the text is not whole
    }
    lines = [
        "---",
        *(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()),
    ]
    return "\n".join([*lines, "---", ""]) + "\n"
