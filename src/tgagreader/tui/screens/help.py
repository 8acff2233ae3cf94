"""`?`: every binding, by where it works, with its id (for `[keys]` in config.toml)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tgagreader.tui import bindings

if TYPE_CHECKING:
    from tgagreader.tui.app import ReaderApp


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings.HELP
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen VerticalScroll { width: 90; max-width: 100%; height: 90%; border: round $accent;
        background: $surface; padding: 0 1; }
    """

    @property
    def reader_app(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        keymap = dict(self.reader_app.config.keys)
        table = Table(box=None, show_edge=False, padding=(0, 1), expand=True)
        table.add_column(Text("Keys"), style="bold", no_wrap=True)
        table.add_column(Text("Does"))
        table.add_column(Text("Id (config.toml [keys])"), style="dim", no_wrap=True)
        for section, group in bindings.ALL.items():
            table.add_row(Text(section, style="bold underline"), "", "")
            for binding in group:
                keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
                table.add_row(Text(_keys(keys)), Text(binding.description), Text(binding.id or ""))
            table.add_row("", "", "")
        table.add_row(Text("ctrl+p"), Text("Command palette: every action by name"), Text(""))
        with VerticalScroll():
            yield Static(Text("tgagreader — keys", style="bold"))
            yield Static(table)


def _keys(keys: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
    }
    return ", ".join(names.get(key.strip(), key.strip()) for key in keys.split(","))
