"""Shared fixtures: the demo site served over real HTTP on 127.0.0.1, and caches synced from it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tgagreader.demo.server import DemoServer
from tgagreader.fetch import FetchSettings
from tgagreader.store import Store
from tgagreader.sync import SyncOptions, run_sync

FAST = FetchSettings(concurrency=4, delay=0.0, retries=1, backoff=0.01)


def fast_options(**changes) -> SyncOptions:
    return SyncOptions(settings=FAST, **changes)


@pytest.fixture(scope="session", params=["j3", "j25"])
def demo_server(request) -> Iterator[DemoServer]:
    """A demo site of each generation, shared by the tests that only read from it."""
    with DemoServer(request.param) as server:
        yield server


@pytest.fixture(scope="session")
def j3_server() -> Iterator[DemoServer]:
    with DemoServer("j3") as server:
        yield server


@pytest.fixture(scope="session")
def synced_cache(tmp_path_factory, j3_server) -> Path:
    """A cache filled by one full sync of the j3 demo site (copy it before changing it)."""
    path = tmp_path_factory.mktemp("synced") / "cache"
    with Store(path) as store:
        summary = run_sync(store, j3_server.url, fast_options(all_pages=True))
    assert not summary.failed, summary.failed
    return path


@pytest.fixture
def cache_copy(synced_cache, tmp_path) -> Path:
    """A private copy of the synced cache."""
    target = tmp_path / "cache"
    shutil.copytree(synced_cache, target)
    return target


@pytest.fixture
def serve() -> Iterator:
    """Start demo servers for one test: `serve("j3", root=copy, validators=True, port=...)`;
    all are stopped at the end of the test."""
    servers: list[DemoServer] = []

    def start(generation: str = "j3", **options) -> DemoServer:
        server = DemoServer(generation, **options).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """An editable copy of the j3 demo site (serve it with `serve("j3", root=site_copy)`)."""
    from demo_tools import copy_site

    return copy_site("j3", tmp_path / "site")


# Hypothesis: a bounded number of examples in CI; `HYPOTHESIS_PROFILE=long` for a long run.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("ci", max_examples=100, deadline=None)
settings.register_profile(
    "long", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
