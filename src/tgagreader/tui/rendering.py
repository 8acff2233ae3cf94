"""Rich text → the segments of one line of a line-API widget."""

from __future__ import annotations

from rich.console import Console
from rich.segment import Segment
from rich.text import Text


def styled_segments(line: Text, console: Console) -> list[Segment]:
    """The segments of `line`: `Text.render` leaves out the text's own (whole-line) style."""
    segments = list(line.render(console))
    if line.style:
        segments = list(Segment.apply_style(segments, console.get_style(line.style)))
    return segments
