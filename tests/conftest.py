"""Shared fixtures: one demo database per test session, pointed to by ENVBOARD_DB."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
APP = str(PROJECT_DIR / "app.py")
# Modules whose tests start processes, run pages (AppTest), render exports or build national data;
# `pytest -m "not slow"` leaves them (and tests/browser/) out of the quick development loop.
SLOW_MODULES = {"test_bench", "test_briefing_exports", "test_concurrency", "test_crash", "test_demo_national",
                "test_fuzz_import", "test_ingest_bench", "test_pages_core", "test_public_app"}


def pytest_collection_modifyitems(items):
    for item in items:
        stem = item.path.stem
        if item.path.parent.name == "browser" or stem in SLOW_MODULES or stem.startswith("test_page_"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory) -> Path:
    """A demo database built once per session; ENVBOARD_DB points at it for the whole session."""
    from envboard.cli.common import create_database

    path = tmp_path_factory.mktemp("db") / "envboard.duckdb"
    create_database(path, demo=True)
    os.environ["ENVBOARD_DB"] = str(path)
    return path


@pytest.fixture(scope="session")
def pg():
    """Server mode: one throwaway PostgreSQL cluster for the session (Debian's postgresql package);
    each lake or store gets its own database in it (pgcluster.create_database)."""
    from envboard.core import pgcluster

    with pgcluster.cluster() as cluster:
        yield cluster


@pytest.fixture()
def demo_con(demo_db_path):
    """A read connection to the session's demo database."""
    from envboard.core.db import open_reader

    con = open_reader(demo_db_path)
    yield con
    con.close()


@pytest.fixture()
def empty_db_path(tmp_path) -> Path:
    """A migrated database with the region list and no other data, in its own folder."""
    from envboard.cli.common import create_database

    path = tmp_path / "empty.duckdb"
    create_database(path, demo=False)
    return path
