"""The Textual application: opens on the cache at once and refreshes it in the background."""

from __future__ import annotations

import time
import webbrowser
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.screen import Screen

from tgagreader.config import Config
from tgagreader.store import Store, StoreError
from tgagreader.sync import SiteUnreachable, SyncEvent, SyncOptions, SyncSummary, sync
from tgagreader.text import is_openable_url
from tgagreader.tui import bindings
from tgagreader.tui.commands import ReaderCommands
from tgagreader.tui.guard import shows_store_errors
from tgagreader.tui.screens.help import HelpScreen
from tgagreader.tui.screens.main import MainScreen
from tgagreader.tui.screens.stats import StatsScreen
from tgagreader.tui.widgets.status_bar import StatusBar

DARK, LIGHT = "textual-dark", "textual-light"


class ReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "tgagreader"
    BINDINGS = bindings.APP
    COMMANDS = App.COMMANDS | {ReaderCommands}

    def __init__(
        self,
        store: Store,
        site: str,
        *,
        config: Config | None = None,
        options: SyncOptions | None = None,
        offline: bool = False,
        refresh_on_start: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__()
        self.store = store
        self.site = site
        self.config = config or Config()
        self.options = options or SyncOptions()
        self.offline = offline
        self.refresh_on_start = refresh_on_start
        self.clock = clock
        self.syncing = False

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Leave, remembering where the reader was in the article on screen."""
        screen = self.main_screen
        if screen is not None and screen.is_mounted:
            screen.save_position()
        super().exit(*args, **kwargs)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands, less "Keys" and "Quit": `ReaderCommands` has its own of
        both, and the palette would show each twice."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Keys", "Quit"):
                yield command

    def get_default_screen(self) -> Screen[None]:
        return MainScreen()

    @property
    def main_screen(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        if self.config.keys:
            self.set_keymap(dict(self.config.keys))
            unknown = sorted(set(self.config.keys) - bindings.ids())
            if unknown:
                self.notify(
                    f"Unknown key binding ids in [keys]: {', '.join(unknown)} (see ? for the ids)",
                    severity="warning",
                    timeout=8,
                    markup=False,
                )

    @shows_store_errors
    def refresh_if_stale(self) -> None:
        """At start: the cache is on screen already; fetch what is new if it is old."""
        last = self.store.last_sync()
        stale = last is None or self.clock() - last > self.config.ttl
        if self.refresh_on_start and not self.offline and stale:
            self.action_refresh()

    # -- refreshing ----------------------------------------------------------------------------

    def action_refresh(self) -> None:
        if self.offline:
            self.notify("Offline mode: not fetching anything.", severity="warning", timeout=3)
            return
        if self.syncing:
            self.notify("A refresh is already running.", timeout=3)
            return
        self._start_sync(self.options)

    @shows_store_errors
    def fetch_older(self, category: str) -> None:
        """The list reached its end: fetch the category's next listing page from the site."""
        if self.offline or self.syncing:
            return
        pages = 1
        while self.store.get_listing(category, pages) is not None:
            pages += 1
        cached = self.store.get_listing(category, pages - 1)
        if cached is not None and cached[0].next_url is None:
            return  # the site has no older page
        options = replace(
            self.options, categories=(category,), start_page=pages, pages=1, front_page=False
        )
        self._start_sync(options, quiet=True)

    def _start_sync(self, options: SyncOptions, quiet: bool = False) -> None:
        # Set here, not in the worker: a second `r` pressed before the worker runs sees it.
        self.syncing = True
        self._status(progress=(0, 1))
        self._sync(options, quiet)

    # An async worker, not a thread: the sync is async I/O (parsing a page costs under a
    # millisecond), and Textual cancels a task at exit. A thread cannot be cancelled, and
    # quitting waited for it: up to read timeout x attempts (80 s) on a site that never answers.
    @work(exclusive=True, group="sync")
    async def _sync(self, options: SyncOptions, quiet: bool = False) -> None:
        try:
            summary = await sync(
                self.store, self.site, replace(options, lock_timeout=0.0), self._show_progress
            )
        except SiteUnreachable as error:
            self._sync_failed(f"Cannot reach {self.site}: {error}", False)
        except (StoreError, OSError) as error:
            self._sync_failed(str(error), None)
        else:
            self._sync_done(summary, quiet)

    def _status(self, **values: object) -> None:
        """Set the main screen's status bar, whichever screen is on top now."""
        screen = self.main_screen
        if screen is not None and screen.is_mounted:
            status = screen.query_one(StatusBar)
            for name, value in values.items():
                setattr(status, name, value)

    def _show_progress(self, event: SyncEvent) -> None:
        if event.kind != "done":
            self._status(progress=(event.done, max(event.total, 1)))

    def _sync_failed(self, message: str, online: bool | None) -> None:
        self.syncing = False
        self._status(progress=None, online=online)
        self.notify(message, title="Refresh failed", severity="warning", timeout=6, markup=False)

    def _sync_done(self, summary: SyncSummary, quiet: bool) -> None:
        self.syncing = False
        self._status(progress=None, online=True)
        if summary.skipped:
            self.notify("Another sync of this cache is running.", timeout=3)
        elif summary.failed:
            self.notify(
                f"{summary.line()}\n"
                + "\n".join(f"{url}: {why}" for url, why in summary.failed[:3]),
                title="Refreshed with failures",
                severity="warning",
                timeout=8,
                markup=False,
            )
        elif not quiet or summary.new:
            self.notify(summary.line(), title="Refreshed", timeout=4, markup=False)
        screen = self.main_screen
        if screen is not None:
            screen.reload()

    # -- other actions -------------------------------------------------------------------------

    def open_url(self, url: str) -> None:
        """Open a link in the web browser: http(s) only, whatever the page said."""
        if not is_openable_url(url):
            self.notify(
                f"Not opening {url!r}: only http(s) links are opened.",
                severity="warning",
                markup=False,
            )
            return
        self._open_in_browser(url)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        if not webbrowser.open(url):
            self.call_from_thread(
                self.notify, f"No browser could open {url}", severity="warning", markup=False
            )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_statistics(self) -> None:
        if not isinstance(self.screen, StatsScreen):
            self.push_screen(StatsScreen())

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.current_theme.dark else DARK
