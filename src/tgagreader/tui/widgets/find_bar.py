"""The `/` prompt under the reader: find in the article as you type."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Input

from tgagreader.tui import bindings


class FindBar(Input):
    """One line (compact: Input's focused style would otherwise give it a border with no room
    left for the text). The screen shows the match count beside it."""

    DEFAULT_CSS = """
    FindBar { display: none; width: 1fr; }
    FindBar.-textual-compact { padding: 0 1; }
    FindBar.-visible { display: block; }
    """
    BINDINGS = bindings.FIND_BAR

    class Closed(Message):
        def __init__(self, keep: bool) -> None:
            self.keep = keep
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="Find in article (diacritics optional)", id=id, compact=True)

    def open(self) -> None:
        self.value = ""
        self.add_class("-visible")
        self.focus()

    def action_cancel(self) -> None:
        self.remove_class("-visible")
        self.post_message(self.Closed(keep=False))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.remove_class("-visible")
        self.post_message(self.Closed(keep=True))
