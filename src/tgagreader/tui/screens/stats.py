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
from tgagreader.models import Category
from tgagreader.tui import bindings
from tgagreader.tui.widgets.category_tree import totals

if TYPE_CHECKING:
    from tgagreader.tui.app import ReaderApp


def _number(value: int | None) -> str:
    return "–" if value is None else f"{value:,}".replace(",", ".")


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
        history = store.stats_history()
        with VerticalScroll(id="stats"):
            yield Label("Site statistics", classes="section")
            if not history:
                yield Static(Text("No statistics yet: they arrive with the first sync."))
            else:
                fetched_at, latest = history[-1]
                when = from_timestamp(fetched_at)
                table = Table.grid(padding=(0, 2))
                table.add_column(style="bold")
                table.add_column(justify="right")
                table.add_row("Guests online", _number(latest.guests_online))
                table.add_row("Members online", _number(latest.members_online))
                table.add_row("Article view hits", _number(latest.article_hits))
                for label, value in latest.other.items():
                    table.add_row(Text(label), Text(value))
                table.add_row("Fetched at", when.strftime("%d/%m/%Y %H:%M (+07:00)"))
                yield Static(table)
                guests = [float(s.guests_online or 0) for _, s in history]
                hits = [float(s.article_hits or 0) for _, s in history]
                first = from_timestamp(history[0][0])
                span = f"{len(history)} syncs since {first.strftime('%d/%m/%Y %H:%M')}"
                yield Label(f"Guests online, {span}", classes="section")
                yield _plot(guests, "guests")
                growth = hits[-1] - hits[0] if len(hits) > 1 else 0
                yield Label(
                    f"Article views added between syncs: +{_number(int(growth))} in all",
                    classes="section",
                )
                yield _plot(_increments(hits), "views")
            yield Label("Cached articles by category", classes="section")
            yield Static(self._categories_table())
        yield Footer()

    # j and k reach the screen (down and up are the focused VerticalScroll's own): scroll that,
    # not the screen, which never scrolls.
    def action_scroll_down(self) -> None:
        self.query_one("#stats", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#stats", VerticalScroll).scroll_up(animate=False)

    def _categories_table(self) -> Table:
        app: ReaderApp = self.app  # type: ignore[assignment]
        store = app.store
        _site, _name, menu, _when = store.site()
        counts = store.category_counts()
        table = Table(show_edge=False, box=None, padding=(0, 2))
        table.add_column("Category")
        table.add_column("Cached", justify="right")
        table.add_column("Unread", justify="right")

        def add(category: Category, depth: int) -> None:
            total, unread = totals(category, counts)  # with its subcategories, as the tree
            table.add_row(
                Text("  " * depth + (category.name or category.alias)), str(total), str(unread)
            )
            for child in category.children:
                add(child, depth + 1)

        for category in menu:
            add(category, 0)
        everything, unread = store.totals()
        table.add_row(Text("All", style="bold"), str(everything), str(unread))
        return table


def _plot(values: list[float], unit: str) -> Horizontal:
    """A sparkline a few cells per snapshot wide (not stretched over the screen), with its
    smallest and largest values beside it."""
    low, high = (int(min(values)), int(max(values))) if values else (0, 0)
    line = Sparkline(values, summary_function=max)
    line.styles.width = max(8, min(len(values) * 3, 90))
    return Horizontal(
        line,
        Static(Text(f" max {_number(high)} {unit}\n min {_number(low)} {unit}", style="dim")),
        classes="plot",
    )


def _increments(values: list[float]) -> list[float]:
    """Hits are a running total: the plot shows how much each sync added."""
    if len(values) < 2:
        return values
    return [max(0.0, later - earlier) for earlier, later in pairwise(values)]
