"""Concurrency: readers (another process and threads with Reader cursors) during a CLI import never
meet a lock and see the old or the new row count only; two imports at once run one after the other."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from envboard.core.db import ImportBusy, Reader, write_lock, write_transaction
from envboard.ingest import api
from envboard.ingest.bench import make_petition_csv
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db

PROJECT = Path(__file__).resolve().parents[1]
INSPECTION = "central-3-360000"
OPTIONS = Options(inspection_id=INSPECTION, received_on=__import__("datetime").date(2024, 5, 10),
                  as_of=__import__("datetime").date(2024, 5, 31))
READER_SCRIPT = """
import json, sys
from pathlib import Path
from envboard.core.db import Reader
db, stop = Path(sys.argv[1]), Path(sys.argv[2])
reader, seen, errors = Reader(db), set(), []
while True:
    done = stop.exists()
    try:
        cur = reader.cursor()
        seen.add(cur.execute("select count(*) from petitions").fetchall()[0][0])
        cur.close()
    except Exception as exc:
        errors.append(type(exc).__name__ + ": " + str(exc)[:200])
    if done:
        break
print(json.dumps({"seen": sorted(seen), "errors": errors}))
"""


def cli_import(db: Path, src: Path) -> subprocess.Popen:
    env = {**os.environ, "ENVBOARD_DB": str(db), "PYTHONPATH": str(PROJECT)}
    return subprocess.Popen([sys.executable, "-m", "envboard", "import", str(src), "--kind", "petitions",
                             "--inspection", INSPECTION, "--received-on", "2024-05-10", "--as-of", "2024-05-31"],
                            cwd=PROJECT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture()
def db(tmp_path) -> Path:
    path = make_db(tmp_path / "envboard.duckdb")
    small = make_petition_csv(tmp_path / "第1批 早先.csv", 500)
    assert api.commit(small, small.name, "petitions", options=OPTIONS, db_file=path).status == "imported"
    return path


def read_in_threads(db: Path, stop: threading.Event, n: int = 4) -> tuple[set, list]:
    reader, seen, errors = Reader(db), set(), []

    def loop():
        while not stop.is_set():
            try:
                cur = reader.cursor()
                seen.add(cur.execute("select count(*) from petitions").fetchall()[0][0])
                cur.close()
            except Exception as exc:   # noqa: BLE001 — any error at all is a failure of the design
                errors.append(repr(exc))
    threads = [threading.Thread(target=loop) for _ in range(n)]
    for th in threads:
        th.start()
    return seen, errors, threads


def test_readers_see_old_or_new_count_during_a_cli_import(db, tmp_path):
    big = make_petition_csv(tmp_path / "第1批.csv", 30_000, seed=5)
    stop_file, stop = tmp_path / "stop", threading.Event()
    other = subprocess.Popen([sys.executable, "-c", READER_SCRIPT, str(db), str(stop_file)], cwd=PROJECT,
                             env={**os.environ, "PYTHONPATH": str(PROJECT)}, stdout=subprocess.PIPE, text=True)
    seen, errors, threads = read_in_threads(db, stop)
    proc = cli_import(db, big)
    _, err = proc.communicate()
    stop.set()
    for th in threads:
        th.join()
    stop_file.touch()
    report = json.loads(other.communicate()[0])
    assert proc.returncode == 0, err
    assert errors == [] and report["errors"] == []
    assert seen <= {500, 30_000} and set(report["seen"]) <= {500, 30_000}
    assert 30_000 in report["seen"]                     # its last read comes after the import
    assert Reader(db).cursor().execute("select count(*) from petitions").fetchall()[0][0] == 30_000


def test_two_cli_imports_at_once_run_one_after_the_other(db, tmp_path):
    a = make_petition_csv(tmp_path / "第1批 a.csv", 8_000, seed=1)
    b = tmp_path / "第2批 b.csv"
    b.write_text(a.read_text(encoding="utf-8-sig").replace("D3JX", "D3JY"), encoding="utf-8-sig")
    first, second = cli_import(db, a), cli_import(db, b)
    assert first.wait() == 0 and second.wait() == 0, (first.stderr.read(), second.stderr.read())
    cur = Reader(db).cursor()
    assert cur.execute("select count(*) from petitions").fetchall()[0][0] == 500 + 8_000 + 8_000 - 500
    assert cur.execute("select count(*) from import_history").fetchall()[0][0] == 3


def test_a_write_that_must_not_wait_is_refused_while_an_import_holds_the_lock(db):
    with write_lock(db), pytest.raises(ImportBusy), write_transaction(db, wait=False):
        pass
