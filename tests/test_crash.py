"""Crash safety: a CLI import killed with SIGKILL at random moments leaves the database as it was
before that import (or, if the kill came after the switch, exactly as after it), never in between."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from envboard.core.db import write_transaction
from envboard.ingest import api
from envboard.ingest.bench import make_petition_csv
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db, table_checksums

PROJECT = Path(__file__).resolve().parents[1]
INSPECTION = "central-3-360000"
OPTIONS = Options(inspection_id=INSPECTION, received_on=__import__("datetime").date(2024, 5, 10),
                  as_of=__import__("datetime").date(2024, 5, 31))


def cli_import(db: Path, src: Path) -> subprocess.Popen:
    env = {**os.environ, "ENVBOARD_DB": str(db), "PYTHONPATH": str(PROJECT)}
    return subprocess.Popen([sys.executable, "-m", "envboard", "import", str(src), "--kind", "petitions",
                             "--inspection", INSPECTION, "--received-on", "2024-05-10", "--as-of", "2024-05-31"],
                            cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def history(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select import_id, file_name, inserted from import_history order by import_id").fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """A base database with one earlier import, the big file, and the state after importing it fully."""
    folder = tmp_path_factory.mktemp("crash")
    base = make_db(folder / "base.duckdb")
    small = make_petition_csv(folder / "第1批 早先.csv", 500)
    assert api.commit(small, small.name, "petitions", options=OPTIONS, db_file=base).status == "imported"
    big = make_petition_csv(folder / "第1批.csv", 40_000, seed=3)
    full = folder / "full.duckdb"
    shutil.copyfile(base, full)
    assert api.commit(big, big.name, "petitions", options=OPTIONS, db_file=full).status == "imported"
    return {"base": base, "big": big, "full": full}


@pytest.mark.parametrize("run", range(4))
def test_kill_9_during_import_leaves_old_or_new_state(files, tmp_path, run):
    db = tmp_path / "envboard.duckdb"
    shutil.copyfile(files["base"], db)
    before, after = table_checksums(files["base"]), table_checksums(files["full"])
    proc = cli_import(db, files["big"])
    time.sleep(random.Random(run).uniform(0.3, 4.0))       # a random moment, not a timing assertion
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    state = table_checksums(db)                            # the file opens cleanly
    assert state in (before, after)
    earlier = history(files["base"])
    assert history(db)[: len(earlier)] == earlier           # the earlier import is intact
    if state == before:
        assert history(db) == earlier                       # no trace of the interrupted import


def test_next_write_removes_work_files_left_by_a_killed_writer(files, tmp_path):
    db = tmp_path / "envboard.duckdb"
    shutil.copyfile(files["base"], db)
    left = tmp_path / f".{db.name}.99999.0.next"
    left.write_bytes(b"half a copy")
    Path(f"{left}.wal").write_bytes(b"x")
    with write_transaction(db) as con:
        con.execute("select 1").fetchall()
    assert not list(tmp_path.glob(".*.next*"))
    assert table_checksums(db) == table_checksums(files["base"])
