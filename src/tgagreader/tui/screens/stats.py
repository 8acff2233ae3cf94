"""The site's statistics: who is online, article view hits and mod_stats' other rows, their
history across syncs as sparklines, and how many articles of each category are cached."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Sparkline, Static

from tgagreader.localtime import from_timestamp
from tgagreader.models import Category, SiteStats
from tgagreader.render import number, stats_rows
from tgagreader.store import StoreError
from tgagreader.tui import bindings
from tgagreader.tui.guard import notify_store_error

if TYPE_CHECKING:
    from tgagreader.tui.app import ReaderApp


class StatsScreen(Screen[None]):
    BINDINGS = bindings.STATISTICS
    DEFAULT_CSS = """
    StatsScreen VerticalScroll { padding: 1 2; }
    StatsScreen .section { text-style: bold; margin-top: 1; color: $accent; }
    StatsScreen .plot { height: 3; margin: 0 0 1 0; }
    StatsScreen Sparkline { height: 3; }
    StatsScreen .plot Static { width: auto; }
    """

    def compose(self) -> ComposeResult:
        app: ReaderApp = self.app  # type: ignore[assignment]
        store = app.store
        with VerticalScroll(id="stats"):
            yield Label("Site statistics", classes="section")
            try:
                history = store.stats_history()
                menu = store.site().menu
                counts, everything = store.category_counts(), store.totals()
            except StoreError as error:
                notify_store_error(self, error)
                yield Static(Text(f"The cache cannot be read: {error}"))
            else:
                yield from _history(history)
                yield Label("Cached articles by category", classes="section")
                yield Static(_categories_table(menu, counts, everything))
        yield Footer()

    # j and k reach the screen (down and up are the focused VerticalScroll's own): scroll that,
    # not the screen, which never scrolls.
    def action_scroll_down(self) -> None:
        self.query_one("#stats", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#stats", VerticalScroll).scroll_up(animate=False)


def _history(history: list[tuple[float, SiteStats]]) -> ComposeResult:
    if not history:
        yield Static(Text("No statistics yet: they arrive with the first sync."))
        return
    fetched_at, latest = history[-1]
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(justify="right")
    when = from_timestamp(fetched_at).strftime("%d/%m/%Y %H:%M (+07:00)")
    for label, value in stats_rows(latest, when):
        table.add_row(Text(label), Text(value))
    yield Static(table)
    guests = [float(s.guests_online or 0) for _, s in history]
    hits = [float(s.article_hits or 0) for _, s in history]
    first = from_timestamp(history[0][0])
    span = f"{len(history)} syncs since {first.strftime('%d/%m/%Y %H:%M')}"
    yield Label(f"Guests online, {span}", classes="section")
    yield _plot(guests, "guests")
    if len(history) < 2:  # hits are a running total: one snapshot adds nothing to compare
        yield Label("Article views added between syncs", classes="section")
        yield Static(Text("Needs two syncs.", style="dim"))
        return
    yield Label(
        f"Article views added between syncs: +{number(int(hits[-1] - hits[0]))} in all",
        classes="section",
    )
    yield _plot(_increments(hits), "views")


def _categories_table(
    menu: list[Category], counts: dict[str, tuple[int, int]], everything: tuple[int, int]
) -> Table:
    table = Table(show_edge=False, box=None, padding=(0, 2))
    table.add_column("Category")
    table.add_column("Cached", justify="right")
    table.add_column("Unread", justify="right")

    def add(category: Category, depth: int) -> None:
        total, unread = category.totals(counts)  # with its subcategories, as the tree
        table.add_row(
            Text("  " * depth + (category.name or category.alias)), str(total), str(unread)
        )
        for child in category.children:
            add(child, depth + 1)

    for category in menu:
        add(category, 0)
    table.add_row(Text("All", style="bold"), str(everything[0]), str(everything[1]))
    return table


def _plot(values: list[float], unit: str) -> Horizontal:
    """A sparkline a few cells per snapshot wide (not stretched over the screen), with its
    smallest and largest values beside it."""
    low, high = (int(min(values)), int(max(values))) if values else (0, 0)
    line = Sparkline(values, summary_function=max)
    line.styles.width = max(8, min(len(values) * 3, 90))
    return Horizontal(
        line,
        Static(Text(f" max {number(high)} {unit}\n min {number(low)} {unit}", style="dim")),
        classes="plot",
    )


def _increments(values: list[float]) -> list[float]:
    """Hits are a running total: the plot shows how much each sync added (one value fewer;
    none for a single snapshot, never the total itself)."""
    return [max(0.0, later - earlier) for earlier, later in pairwise(values)]
