"""The site's categories, nested as its menu nests, with unread counts."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tgagreader.models import Category
from tgagreader.tui import bindings

ALL = "*all"
BOOKMARKS = "*bookmarks"


class CategoryTree(Tree[str]):
    """Node data is a category key, or `ALL` / `BOOKMARKS` for the two lists above the menu."""

    BINDINGS = bindings.TREE
    DEFAULT_CSS = """
    CategoryTree { background: $surface; padding: 0 1; overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text("TGAG"), data=ALL, id=id)
        self.show_root = False
        self.auto_expand = False  # enter opens a category; it does not fold its children
        self.guide_depth = 2
        self.menu: list[Category] = []
        self._loaded: tuple | None = None
        self._by_key: dict[str, tuple[TreeNode[str], Category | None, int]] = {}

    def load(
        self,
        menu: list[Category],
        counts: dict[str, tuple[int, int]],
        *,
        total: tuple[int, int],
        bookmarks: int,
    ) -> None:
        """(Re)build the tree, keeping the cursor on the same category. `counts` holds
        (articles, unread) by category key, `total` the same for the whole cache."""
        if self._loaded is not None and self._loaded[0] == menu:
            self._relabel(counts, total=total, bookmarks=bookmarks)  # same tree: new counts
            return
        selected = self.cursor_node.data if self.cursor_node is not None else ALL
        self.menu = menu
        self._loaded = (menu, counts, total, bookmarks)
        self.clear()
        self._by_key = {}
        self._by_key[ALL] = (self.root.add_leaf(Text(), data=ALL), None, 0)
        self._by_key[BOOKMARKS] = (self.root.add_leaf(Text(), data=BOOKMARKS), None, 0)
        for category in menu:
            self._add(self.root, category, 0)
        self._relabel(counts, total=total, bookmarks=bookmarks)
        self.root.expand_all()
        self.select_key(selected or ALL)

    def _relabel(
        self, counts: dict[str, tuple[int, int]], *, total: tuple[int, int], bookmarks: int
    ) -> None:
        """New counts in the labels, without rebuilding the tree (reading an article does this)."""
        self._loaded = (self.menu, counts, total, bookmarks)
        for key, (node, category, depth) in self._by_key.items():
            if key == ALL:
                node.set_label(self._label("Latest", total[1], total[0], 0))
            elif key == BOOKMARKS:
                node.set_label(self._label("Bookmarks", None, bookmarks, 0))
            elif category is not None:
                articles, unread = totals(category, counts)
                node.set_label(
                    self._label(category.name or category.alias, unread, articles, depth)
                )

    def on_resize(self) -> None:
        if self._loaded is not None:  # labels are fitted to the width
            _menu, counts, total, bookmarks = self._loaded
            self._relabel(counts, total=total, bookmarks=bookmarks)

    def _label(self, name: str, unread: int | None, total: int, depth: int) -> Text:
        """The name, cut with an ellipsis if need be, and the count at the right edge."""
        count = f"{unread}" if unread else (f"{total}" if total and unread is None else "")
        room = self.scrollable_content_region.width - self.guide_depth * depth - 3
        if room < 8:  # not laid out yet, or too narrow to align anything
            return Text.assemble(name, (f" {count}" if count else "", "bold"))
        if len(name) + len(count) + 1 > room:
            name = name[: max(1, room - len(count) - 2)] + "…"
        gap = " " * max(1, room - len(name) - len(count))
        return Text.assemble(name, gap, (count, "bold" if unread else "dim"))

    def _add(self, parent: TreeNode[str], category: Category, depth: int) -> None:
        if category.children:
            node = parent.add(Text(), data=category.key, expand=True)
            for child in category.children:
                self._add(node, child, depth + 1)
        else:
            node = parent.add_leaf(Text(), data=category.key)
        self._by_key[category.key] = (node, category, depth)

    def select_key(self, key: str) -> None:
        # A node has no line number until the tree's lines are built again after `clear()`;
        # moving to it before that put the cursor on the first line (Latest).
        _ = self.last_line
        for node in _nodes(self.root):
            if node.data == key:
                self.move_cursor(node)
                return

    def all_categories(self) -> list[Category]:
        return _flatten(self.menu)

    def keys_of(self, key: str) -> list[str] | None:
        """A category's key and its subcategories' (their articles are listed under it)."""
        for category in _flatten(self.menu):
            if category.key == key:
                return [c.key for c in _flatten([category])] + [
                    c.alias for c in _flatten([category])
                ]
        return None


def totals(category: Category, counts: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """(articles, unread) of a category with its subcategories'."""
    total = unread = 0
    for item in _flatten([category]):
        own = counts.get(item.key, (0, 0))
        total += own[0]
        unread += own[1]
    return total, unread


def _flatten(menu: list[Category] | tuple[Category, ...]) -> list[Category]:
    found: list[Category] = []
    for category in menu:
        found.append(category)
        found.extend(_flatten(category.children))
    return found


def _nodes(node: TreeNode[str]) -> list[TreeNode[str]]:
    found = [node]
    for child in node.children:
        found.extend(_nodes(child))
    return found
