import argparse
from pathlib import Path

import pytest

from cli_tools import isolate
from tgagreader.cli import Context, main
from tgagreader.config import DEFAULT_SITE, ConfigError, load, parse_duration, parse_size


def test_defaults(tmp_path):
    config = load(environ={"TGAG_CONFIG": str(tmp_path / "missing.toml")})
    assert config.site == DEFAULT_SITE
    assert (config.ttl, config.concurrency, config.delay, config.pages) == (600.0, 4, 0.25, 2)
    assert config.sources == {}


def test_precedence_defaults_file_environment_flags(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'site = "http://file.example/"\nttl = "5m"\nconcurrency = 2\n[keys]\nquit = "x"\n'
    )
    environ = {"TGAG_CONFIG": str(path), "TGAG_SITE": "http://env.example", "TGAG_DELAY": "1"}
    config = load(environ=environ)
    assert config.site == "http://env.example/"
    assert (config.ttl, config.concurrency, config.delay) == (300.0, 2, 1.0)
    assert config.keys == {"quit": "x"}
    assert config.sources["site"] == "environment"
    assert config.sources["ttl"] == "file"
    flagged = load({"site": "http://flag.example/", "cache_dir": Path("/tmp/x")}, environ=environ)
    assert flagged.site == "http://flag.example/"
    assert flagged.cache_dir == Path("/tmp/x")
    assert flagged.sources["site"] == "flag"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'site = "http://a/"\nconcurrency = "many"\n',
            r"config.toml:2: key 'concurrency' must be a whole number",
        ),
        ('ttl = "soon"\n', r"config.toml:1: key 'ttl' must be a duration"),
        ('sight = "x"\n', r"config.toml:1: unknown key 'sight'"),
        ('site = "ftp://x"\n', r"config.toml:1: key 'site' must be an http\(s\) URL"),
        ("site = \n", r"config.toml: .*line 1"),
    ],
)
def test_bad_config_names_file_line_and_key(tmp_path, text, message):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load(environ={"TGAG_CONFIG": str(path)})


def test_bad_environment_value_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match="TGAG_CONCURRENCY"):
        load(environ={"TGAG_CONFIG": str(tmp_path / "none"), "TGAG_CONCURRENCY": "0"})


def test_durations_and_sizes():
    assert parse_duration("10m") == 600
    assert parse_duration(0.25) == 0.25
    assert parse_duration("2h") == 7200
    assert parse_size("256MB") == 256 * 1024**2
    assert parse_size("1 GiB") == 1024**3
    assert parse_size(1000) == 1000


@pytest.mark.parametrize("where", ["file", "environment"])
def test_a_timeout_must_be_positive(tmp_path, where):
    path = tmp_path / "config.toml"
    path.write_text('site = "http://a/"\ntimeout = 0\n')
    environ = {"TGAG_CONFIG": str(path if where == "file" else tmp_path / "none.toml")}
    if where == "environment":
        environ["TGAG_TIMEOUT"] = "0"
    expected = "config.toml:2: " if where == "file" else "environment variable TGAG_TIMEOUT: "
    with pytest.raises(ConfigError, match=f"{expected}key 'timeout' must be more than 0"):
        load(environ=environ)
    fine = {"TGAG_CONFIG": str(tmp_path / "none.toml"), "TGAG_TIMEOUT": "0.5"}
    assert load(environ=fine).timeout == 0.5


def test_a_zero_timeout_is_a_usage_error_not_a_traceback(tmp_path, monkeypatch, capsys):
    isolate(monkeypatch, tmp_path)
    monkeypatch.setenv("TGAG_TIMEOUT", "0")
    assert main(["--cache-dir", str(tmp_path / "cache"), "sync"]) == 2
    assert capsys.readouterr().err.startswith("tgag: environment variable TGAG_TIMEOUT: ")


def test_a_timeout_longer_than_a_minute_is_not_cut_short(tmp_path):
    """Each request is also capped as a whole (a body dripping in forever); that cap must not
    be shorter than the read timeout it contains."""
    config = load(environ={"TGAG_CONFIG": str(tmp_path / "none"), "TGAG_TIMEOUT": "120"})
    args = argparse.Namespace(demo=False, offline=False)
    settings = Context(args, config).sync_options().settings
    assert settings.read_timeout == 120
    assert settings.total_timeout >= 3 * 120
    default = Context(args, load(environ={"TGAG_CONFIG": str(tmp_path / "none")}))
    assert default.sync_options().settings.total_timeout == 60  # as documented
