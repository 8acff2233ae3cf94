"""The site's categories, nested as its menu nests, with unread counts."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tgagreader.models import Category, walk_menu
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
        self.menu: list[Category] | None = None  # None until loaded
        self._counts: dict[str, tuple[int, int]] = {}
        self._total = (0, 0)
        self._bookmarks = 0
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
        self._counts, self._total, self._bookmarks = counts, total, bookmarks
        if menu == self.menu:
            self._relabel()  # same tree, new counts (reading an article does this)
            return
        selected = self.cursor_node.data if self.cursor_node is not None else ALL
        self.menu = menu
        self.clear()
        self._by_key = {}
        self._by_key[ALL] = (self.root.add_leaf(Text(), data=ALL), None, 0)
        self._by_key[BOOKMARKS] = (self.root.add_leaf(Text(), data=BOOKMARKS), None, 0)
        for category in menu:
            self._add(self.root, category, 0)
        self._relabel()
        self.root.expand_all()
        self.select_key(selected or ALL)

    def _relabel(self) -> None:
        """Labels for the counts last loaded, fitted to the width."""
        for key, (node, category, depth) in self._by_key.items():
            if key == ALL:
                # Latest counts what is unread; Bookmarks how many there are.
                node.set_label(self._label("Latest", self._total[1], 0, bold=True))
            elif key == BOOKMARKS:
                node.set_label(self._label("Bookmarks", self._bookmarks, 0, bold=False))
            elif category is not None:
                _articles, unread = category.totals(self._counts)
                name = category.name or category.alias
                node.set_label(self._label(name, unread, depth, bold=True))

    def on_resize(self) -> None:
        if self.menu is not None:
            self._relabel()

    def _label(self, name: str, shown: int, depth: int, *, bold: bool) -> Text:
        """The name, cut with an ellipsis if need be, and `shown` (unless 0) at the right
        edge, bold or dim."""
        count = str(shown) if shown else ""
        room = self.scrollable_content_region.width - self.guide_depth * depth - 3
        if room < 8:  # not laid out yet, or too narrow to align anything
            return Text.assemble(name, (f" {count}" if count else "", "bold"))
        if len(name) + len(count) + 1 > room:
            name = name[: max(1, room - len(count) - 2)] + "…"
        gap = " " * max(1, room - len(name) - len(count))
        return Text.assemble(name, gap, (count, "bold" if bold else "dim"))

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
        found = self._by_key.get(key)
        if found is not None:
            self.move_cursor(found[0])

    def all_categories(self) -> list[Category]:
        return list(walk_menu(self.menu or []))

    def keys_of(self, key: str) -> list[str] | None:
        """A category's key and its subcategories' (their articles are listed under it)."""
        found = self._by_key.get(key)
        category = found[1] if found is not None else None
        return category.keys() if category is not None else None
