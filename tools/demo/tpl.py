"""A tiny template engine with PHP's whitespace behaviour.

Joomla layouts are PHP files, and PHP swallows exactly one newline that directly follows a
closing ``?>``.  That rule produces the characteristic whitespace of Joomla pages (indentation
left behind by control lines, glued closing tags, blank lines where a condition was false).
To reproduce it, the layouts under ``templates/`` are transcriptions of the PHP files where

* ``{{ expr }}`` echoes a Python expression (no automatic escaping, like ``echo``),
* ``{% if expr %}`` / ``{% elif expr %}`` / ``{% else %}`` / ``{% endif %}``,
  ``{% for target in expr %}`` / ``{% endfor %}``, ``{% set name = expr %}``,
* ``{# comment #}`` outputs nothing,
* ``{{= expr }}`` echoes like ``{{ }}`` but keeps the following newline (for the places where
  a Joomla template has a ``<jdoc:include />`` tag, which is not PHP),

and every other tag that is directly followed by a newline swallows that newline, exactly like PHP.
Expressions are evaluated with the render context as local names and the helper functions
given to :class:`Env` as globals.  Build-time tool only; nothing here is used at runtime.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

_TOKEN = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)


class TemplateError(Exception):
    pass


class _Node:
    def render(self, scope: dict[str, Any], out: list[str], env: Env) -> None:
        raise NotImplementedError


class _Text(_Node):
    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, scope, out, env) -> None:
        out.append(self.text)


class _Expr(_Node):
    def __init__(self, src: str, where: str) -> None:
        self.src = src
        self.code = compile(f"(\n{src}\n)", where, "eval")

    def render(self, scope, out, env) -> None:
        value = eval(self.code, env.globals, scope)
        if value is None or value is False:
            return
        out.append(str(value))


class _Set(_Node):
    def __init__(self, src: str, where: str) -> None:
        self.code = compile(src, where, "exec")

    def render(self, scope, out, env) -> None:
        exec(self.code, env.globals, scope)


class _If(_Node):
    def __init__(self) -> None:
        self.branches: list[tuple[Any, list[_Node]]] = []

    def render(self, scope, out, env) -> None:
        for cond, body in self.branches:
            if cond is None or eval(cond, env.globals, scope):
                for node in body:
                    node.render(scope, out, env)
                return


class _For(_Node):
    def __init__(self, target: str, src: str, where: str) -> None:
        self.assign = compile(f"{target} = __loop_value__", where, "exec")
        self.iter = compile(src, where, "eval")
        self.body: list[_Node] = []

    def render(self, scope, out, env) -> None:
        for value in eval(self.iter, env.globals, scope):
            scope["__loop_value__"] = value
            exec(self.assign, env.globals, scope)
            for node in self.body:
                node.render(scope, out, env)


def _parse(source: str, where: str) -> list[_Node]:
    parts = _TOKEN.split(source)
    root: list[_Node] = []
    stack: list[tuple[str, Any, list[_Node]]] = []
    body = root
    keep_newline = False
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if i > 0 and part.startswith("\n") and not keep_newline:
                part = part[1:]  # PHP: the newline right after "?>" is not output
            if part:
                body.append(_Text(part))
            continue
        kind, inner = part[:2], part[2:-2].strip()
        keep_newline = kind == "{{" and inner.startswith("=")
        if keep_newline:
            inner = inner[1:].strip()
        if kind == "{#":
            continue
        if kind == "{{":
            body.append(_Expr(inner, where))
            continue
        word, _, rest = inner.partition(" ")
        rest = rest.strip()
        if word == "if":
            node = _If()
            branch: list[_Node] = []
            node.branches.append((compile(rest, where, "eval"), branch))
            body.append(node)
            stack.append(("if", node, body))
            body = branch
        elif word in ("elif", "else"):
            if not stack or stack[-1][0] != "if":
                raise TemplateError(f"{where}: {word} outside if")
            node = stack[-1][1]
            branch = []
            cond = compile(rest, where, "eval") if word == "elif" else None
            node.branches.append((cond, branch))
            body = branch
        elif word == "for":
            target, sep, src = rest.partition(" in ")
            if not sep:
                raise TemplateError(f"{where}: bad for: {inner}")
            node = _For(target.strip(), src.strip(), where)
            body.append(node)
            stack.append(("for", node, body))
            body = node.body
        elif word in ("endif", "endfor"):
            if not stack or stack[-1][0] != word[3:]:
                raise TemplateError(f"{where}: unexpected {word}")
            _, _, body = stack.pop()
        elif word == "set":
            body.append(_Set(rest, where))
        else:
            raise TemplateError(f"{where}: unknown tag {inner!r}")
    if stack:
        raise TemplateError(f"{where}: unclosed {stack[-1][0]}")
    return root


class Env:
    """Loads ``*.tpl`` files from a directory and renders them."""

    def __init__(self, directory: Path, helpers: Mapping[str, Callable[..., Any] | Any]) -> None:
        self.directory = directory
        self.globals: dict[str, Any] = dict(helpers)
        self.globals["include"] = self.render
        self._cache: dict[str, list[_Node]] = {}

    def _load(self, name: str) -> list[_Node]:
        nodes = self._cache.get(name)
        if nodes is None:
            path = self.directory / f"{name}.tpl"
            source = path.read_text(encoding="utf-8")
            # A template file ends with the newline of its last line; like a PHP file that
            # ends in "?>\n" or in text, keep it only when the last thing is text.
            nodes = _parse(source, str(path))
            self._cache[name] = nodes
        return nodes

    def render(self, name: str, /, **context: Any) -> str:
        out: list[str] = []
        scope = dict(context)
        for node in self._load(name):
            node.render(scope, out, self)
        return "".join(out)
