from pathlib import Path

import pytest

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
