"""The README documents what the program has: every command, every key binding id, every
setting. (A doc that lags the code is found here, not by a user.)"""

import re
from dataclasses import fields
from pathlib import Path

from tgagreader.cli import COMMANDS
from tgagreader.config import Config
from tgagreader.tui import bindings

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_binding_id_is_documented():
    missing = []
    for group in bindings.ALL.values():
        for binding in group:
            if re.fullmatch(r"reader\.link_[2-8]", binding.id):
                continue  # written as `reader.link_1` … `reader.link_9`
            if f"`{binding.id}`" not in README:
                missing.append(binding.id)
    assert not missing


def test_every_command_is_documented():
    for command in COMMANDS:
        if command is not None:
            assert f"`tgag {command}" in README, command


def test_every_setting_is_documented():
    for item in fields(Config):
        if item.name in ("config_file", "sources"):
            continue
        assert f"`{item.name}`" in README or f"`[{item.name}]`" in README, item.name
        if item.name != "keys":
            assert f"`TGAG_{item.name.upper()}`" in README, item.name
