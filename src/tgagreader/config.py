"""Settings: defaults < config file < environment < command-line flags.

The config file is TOML, at `$TGAG_CONFIG` or `config.toml` in the platform's user config
directory (`~/.config/tgagreader/config.toml` on Linux). Every scalar key can also be set from
the environment as `TGAG_<KEY>` (`TGAG_SITE`, `TGAG_CACHE_DIR`, `TGAG_TTL`, ...). A mistake in
the file is reported in one line naming the file, the line and the key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

APP = "tgagreader"
DEFAULT_SITE = "http://tuyengiao.angiang.gov.vn/"
"""The TGAG site's address as last known; it cannot be checked from where tgagreader was
written, so it is a setting like any other (`--site`, `TGAG_SITE`, `site = ...`)."""
DEFAULT_CACHE_SIZE = 256 * 1024 * 1024


class ConfigError(Exception):
    """A bad setting; the message names where it came from."""


@dataclass(frozen=True, slots=True)
class Config:
    site: str = DEFAULT_SITE
    cache_dir: Path = field(default_factory=lambda: user_dir("cache"))
    ttl: float = 600.0
    """Seconds after which `latest` refreshes the listings before answering."""
    # concurrency, delay, timeout (its read_timeout) and retries repeat `FetchSettings`'
    # defaults, and pages `SyncOptions`': importing either would import httpx, which `tgag
    # latest` answering from the cache must not wait for.
    concurrency: int = 4
    delay: float = 0.25
    timeout: float = 20.0
    retries: int = 3
    pages: int = 2
    cache_size: int = DEFAULT_CACHE_SIZE
    """Bytes of articles (their JSON, uncompressed) kept before the least recently read go."""
    theme: str = "textual-dark"
    keys: Mapping[str, str] = field(default_factory=dict)
    """Key bindings of the reader by binding id, e.g. `{"quit": "q,ctrl+c"}`."""
    sources: Mapping[str, str] = field(default_factory=dict)
    """Where each non-default value came from: "file", "environment" or "flag"."""


_UNSET = Path("/nonexistent/unset")


def user_dir(kind: str, app: str = APP) -> Path:
    """The platform's user cache or config directory for `app` (platformdirs, loaded only when
    no directory was given)."""
    import platformdirs

    if kind == "cache":
        return Path(platformdirs.user_cache_dir(app))
    return Path(platformdirs.user_config_dir(app))


def config_path(environ: Mapping[str, str] | None = None) -> Path:
    """Where the config file is read from (it need not exist)."""
    explicit = (os.environ if environ is None else environ).get("TGAG_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    return user_dir("config") / "config.toml"


def load(
    flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Config:
    """The effective configuration. `flags` holds command-line values (None = not given)."""
    environ = os.environ if environ is None else environ
    config = Config(cache_dir=_UNSET)  # the platform's default is looked up only if needed
    sources: dict[str, str] = {}
    path = config_path(environ)
    if path.is_file():
        text, values = _read_file(path)
        config = _apply(
            config, values, sources, "file", lambda key: f"{path}:{_line_of(text, key)}"
        )
    for item in fields(Config):
        if item.name in ("keys", "sources"):
            continue
        value = environ.get(f"TGAG_{item.name.upper()}")
        if value not in (None, ""):
            config = _apply(
                config,
                {item.name: value},
                sources,
                "environment",
                lambda key: f"environment variable TGAG_{key.upper()}",
            )
    if flags:
        given = {key: value for key, value in flags.items() if value is not None}
        config = _apply(
            config, given, sources, "flag", lambda key: f"option --{key.replace('_', '-')}"
        )
    if config.cache_dir is _UNSET:
        config = replace(config, cache_dir=user_dir("cache"))
    return replace(config, sources=sources)


def _read_file(path: Path) -> tuple[str, dict[str, Any]]:
    """The config file's text (to name the lines of mistakes) and its values."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the config file ({error})") from error
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from error
    known = {item.name for item in fields(Config)} - {"sources"}
    for key in data:
        if key not in known:
            raise ConfigError(f"{path}:{_line_of(text, key)}: unknown key {key!r}")
    return text, data


def _apply(
    config: Config,
    values: Mapping[str, Any],
    sources: dict[str, str],
    origin: str,
    where: Callable[[str], str],
) -> Config:
    """`config` with `values` (from `origin`); a bad one is reported at `where(key)`."""
    changes: dict[str, Any] = {}
    for key, raw in values.items():
        try:
            changes[key] = _convert(key, raw)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"{where(key)}: key {key!r} {error}") from None
        sources[key] = origin
    return replace(config, **changes)


def _convert(key: str, raw: Any) -> Any:
    if key == "site":
        value = str(raw).strip()
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError(f"must be an http(s) URL, not {raw!r}")
        return value if value.endswith("/") or "?" in value else value + "/"
    if key == "cache_dir":
        return Path(str(raw)).expanduser()
    if key in ("ttl", "delay", "timeout"):
        value = parse_duration(raw)
        if key == "timeout" and value <= 0:
            raise ValueError("must be more than 0 (seconds)")  # 0 would time out every request
        if value < 0:
            raise ValueError("must not be negative")
        return value
    if key in ("concurrency", "retries", "pages"):
        number = _integer(raw)
        if number < (0 if key == "retries" else 1):
            raise ValueError(f"must be at least {0 if key == 'retries' else 1}")
        return number
    if key == "cache_size":
        return parse_size(raw)
    if key == "theme":
        return str(raw)
    if key == "keys":
        if not isinstance(raw, Mapping) or not all(isinstance(v, str) for v in raw.values()):
            raise ValueError('must be a table of binding id = "keys"')
        return dict(raw)
    raise ValueError("is not a setting")


def _integer(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError("must be a whole number")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw)
    raise ValueError(f"must be a whole number, not {raw!r}")


_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$")
_UNITS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, None: 1}


def parse_duration(raw: Any) -> float:
    """Seconds from `90`, `0.25`, `"10m"`, `"2h"`, `"3d"`, `"1w"`."""
    if isinstance(raw, bool):
        raise ValueError('must be a duration such as 600 or "10m"')
    if isinstance(raw, int | float):
        return float(raw)
    match = _DURATION.match(str(raw).lower())
    if not match:
        raise ValueError(f'must be a duration such as 600 or "10m", not {raw!r}')
    return float(match.group(1)) * _UNITS[match.group(2)]


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.IGNORECASE)


def parse_size(raw: Any) -> int:
    """Bytes from `1048576`, `"256MB"`, `"1 GiB"`."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    match = _SIZE.match(str(raw))
    if not match:
        raise ValueError(f'must be a size such as "256MB", not {raw!r}')
    unit = (match.group(2) or "").lower().rstrip("b").rstrip("i")
    scale = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}[unit]
    return int(float(match.group(1)) * scale)


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^\s*{re.escape(key)}\s*=", line) or re.match(
            rf"^\s*\[{re.escape(key)}\]", line
        ):
            return number
    return 1


def describe(config: Config) -> list[tuple[str, str, str]]:
    """(key, value, origin) rows for `tgag config show`."""
    rows = []
    for item in fields(Config):
        if item.name == "sources":
            continue
        value = getattr(config, item.name)
        shown = (
            ", ".join(f"{k}={v}" for k, v in value.items())
            if isinstance(value, Mapping)
            else str(value)
        )
        rows.append((item.name, shown, config.sources.get(item.name, "default")))
    return rows
