"""Helpers for the tests that run `tgag` in-process: its result, and an environment with nothing
of the developer's configuration, cache or terminal in it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def error_line(self) -> str:
        """The one line an error writes on stderr (asserting that it is one line)."""
        assert self.err.endswith("\n"), repr(self.err)
        assert self.err.count("\n") == 1, self.err
        return self.err


def isolate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No real configuration, no real cache, nothing from the developer's environment."""
    for key in list(os.environ):
        if key.startswith("TGAG_"):
            monkeypatch.delenv(key)
    for key in ("NO_COLOR", "COLUMNS"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("TGAG_CONFIG", str(tmp_path / "no-such-config.toml"))
    monkeypatch.setenv("TGAG_DELAY", "0")  # the polite delay is for the real site
    monkeypatch.setenv("TGAG_RETRIES", "0")  # a closed port fails at once
