"""The top line: the site, whether it is reachable, how old the cache is, sync progress."""

from __future__ import annotations

import time
from collections.abc import Callable

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tgagreader.render import age


class StatusBar(Widget):
    DEFAULT_CSS = """
    StatusBar { dock: top; height: 1; background: $panel; color: $text; padding: 0 1; }
    """

    site_name: reactive[str] = reactive("TGAG")
    online: reactive[bool | None] = reactive(None)
    last_sync: reactive[float | None] = reactive(None)
    progress: reactive[tuple[int, int] | None] = reactive(None)
    offline_mode: reactive[bool] = reactive(False)
    filter: reactive[str] = reactive("")

    def __init__(self, clock: Callable[[], float] = time.time, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = clock

    def on_mount(self) -> None:
        self.set_interval(30, self.refresh)  # the cache's age moves on

    def render(self) -> Text:
        left = Text("TGAG", style="bold")
        left.append(" · ")
        left.append(self.site_name)
        right = Text()
        if self.filter:
            right.append(f"[{self.filter}]  ", style="bold")
        if self.progress is not None:
            done, total = self.progress
            right.append(f"syncing {done}/{total}  ", style="bold")
        if self.offline_mode:
            right.append("○ offline", style="bold")
        elif self.online is False:
            right.append("○ site unreachable", style="bold")
        elif self.online:
            right.append("● online")
        if self.last_sync is not None:
            right.append(f" · cache {age(max(0.0, self.clock() - self.last_sync))} old")
        else:
            right.append(" · nothing cached yet")
        width = self.size.width
        left.truncate(max(8, width - right.cell_len - 1), overflow="ellipsis")
        gap = max(1, width - left.cell_len - right.cell_len)
        return Text.assemble(left, " " * gap, right)
