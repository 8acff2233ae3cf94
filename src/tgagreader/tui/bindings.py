"""Every key binding of the reader, by id.

Each binding has an id so that `config.toml` can remap it:

    [keys]
    quit = "q,ctrl+q"
    refresh = "f5,r"

The tables here are what the widgets bind, what the help screen lists and what the README
documents; there is no other list of keys.
"""

from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("ctrl+q", "quit", "Quit", id="quit", priority=True, show=False),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("s", "statistics", "Stats", id="statistics", show=False),
    Binding("r", "refresh", "Refresh", id="refresh"),
    Binding("ctrl+t", "toggle_dark", "Theme", id="toggle_theme", show=False),
    Binding("q,escape", "screen.back", "Back", id="back"),
]
# The main screen's own: Textual's Screen binds tab and shift+tab to focus_next/previous, and a
# screen's bindings come before the app's, so these must be the screen's to be reached at all.
MAIN = [
    Binding("tab", "focus_next_pane", "Next pane", id="next_pane", show=False),
    Binding("shift+tab", "focus_previous_pane", "Previous pane", id="previous_pane", show=False),
]
LIST = [
    Binding("j,down", "cursor_down", "Down", id="list.down", show=False),
    Binding("k,up", "cursor_up", "Up", id="list.up", show=False),
    Binding("g,home", "first", "First", id="list.first", show=False),
    Binding("G,end", "last", "Last", id="list.last", show=False),
    Binding("pagedown,space", "page_down", "Page down", id="list.page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="list.page_up", show=False),
    Binding("enter,l", "open", "Read", id="list.open"),
    Binding("m", "screen.toggle_read", "Read/unread", id="list.toggle_read", show=False),
    Binding("b", "screen.toggle_bookmark", "Bookmark", id="list.toggle_bookmark"),
    Binding("u", "screen.toggle_unread_only", "Unread only", id="list.unread_only"),
    Binding("slash", "screen.search", "Search", id="list.search"),
    Binding("o", "screen.browser", "Browser", id="list.browser", show=False),
    Binding("y", "screen.copy_url", "Copy URL", id="list.copy_url", show=False),
]
READER = [
    Binding("j,down", "scroll_down", "Down", id="reader.down", show=False),
    Binding("k,up", "scroll_up", "Up", id="reader.up", show=False),
    Binding("g,home", "scroll_home", "Top", id="reader.top", show=False),
    Binding("G,end", "scroll_end", "Bottom", id="reader.bottom", show=False),
    Binding("space,pagedown", "page_down", "Page down", id="reader.page_down", show=False),
    Binding("pageup", "page_up", "Page up", id="reader.page_up", show=False),
    Binding("slash", "find", "Find", id="reader.find"),
    Binding("n", "find_next", "Next match", id="reader.find_next", show=False),
    Binding("N", "find_previous", "Previous match", id="reader.find_previous", show=False),
    Binding("right_square_bracket", "next_article", "Next", id="reader.next_article"),
    Binding("left_square_bracket", "previous_article", "Previous", id="reader.previous_article"),
    Binding("o", "screen.browser", "Browser", id="reader.browser"),
    Binding("y", "screen.copy_url", "Copy URL", id="reader.copy_url", show=False),
    Binding("m", "screen.toggle_read", "Read/unread", id="reader.toggle_read", show=False),
    Binding("b", "screen.toggle_bookmark", "Bookmark", id="reader.toggle_bookmark", show=False),
    *[
        Binding(
            str(n), f"screen.open_link({n})", f"Open link {n}", id=f"reader.link_{n}", show=False
        )
        for n in range(1, 10)
    ],
]
TREE = [
    Binding("j,down", "cursor_down", "Down", id="tree.down", show=False),
    Binding("k,up", "cursor_up", "Up", id="tree.up", show=False),
    Binding("g,home", "scroll_home", "First", id="tree.first", show=False),
    Binding("G,end", "scroll_end", "Last", id="tree.last", show=False),
    Binding("enter,l", "select_cursor", "Open", id="tree.open"),
    Binding("slash", "screen.search", "Search", id="tree.search"),
]
FIND_BAR = [Binding("escape", "cancel", "Close", id="find.cancel", show=False)]
SEARCH = [
    Binding("escape", "cancel", "Back", id="search.cancel"),
    Binding("down", "focus_results", "Results", id="search.results", show=False),
]
# down and up scroll too: they are the focused scroll view's own keys, and reach it first.
STATISTICS = [
    Binding("q,escape,s", "app.pop_screen", "Back", id="stats.back"),
    Binding("j", "scroll_down", "Down", id="stats.down", show=False),
    Binding("k", "scroll_up", "Up", id="stats.up", show=False),
]
HELP = [Binding("q,escape,question_mark", "app.pop_screen", "Close", id="help.close")]
ALL = {
    "Everywhere": APP,
    "Main screen": MAIN,
    "Category tree": TREE,
    "Article list": LIST,
    "Reader": READER,
    "Find in the article": FIND_BAR,
    "Search screen": SEARCH,
    "Statistics screen": STATISTICS,
    "Help screen": HELP,
}


def ids() -> set[str]:
    """Every binding id, for checking `[keys]` in config.toml."""
    return {binding.id for group in ALL.values() for binding in group if binding.id}
