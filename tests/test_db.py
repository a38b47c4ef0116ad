"""Copy-on-write writes: readers never see half an import and pick up the new file."""
import time

import duckdb
import pytest

from envboard.core import db
from envboard.core.lake import LakeStore


def _count(reader):
    cur = reader.cursor()
    try:
        return cur.execute("select count(*) from supervision_actions").fetchall()[0][0]
    finally:
        cur.close()


def test_a_failed_write_leaves_the_live_file_untouched(empty_db_path):
    before = empty_db_path.read_bytes()
    with pytest.raises(RuntimeError):
        with db.write_transaction(empty_db_path) as con:
            con.execute("insert into supervision_actions (action_id, kind, region_code, city_code, acted_on) "
                        "values ('a1', 'letter', '360700', '360700', date '2022-01-01')")
            raise RuntimeError("boom")
    assert empty_db_path.read_bytes() == before
    assert not list(empty_db_path.parent.glob(".*.next"))


def test_reader_keeps_old_version_until_the_switch_then_sees_the_new(empty_db_path):
    reader = db.Reader(empty_db_path)
    assert _count(reader) == 0
    version = reader.data_version()
    with db.write_transaction(empty_db_path) as con:
        con.execute("insert into supervision_actions (action_id, kind, region_code, city_code, acted_on) "
                    "values ('a1', 'letter', '360700', '360700', date '2022-01-01')")
        assert _count(reader) == 0          # not yet switched: the old version
    assert _count(reader) == 1
    assert reader.data_version() == version + 1


def test_a_switch_during_the_version_read_is_not_cached_under_the_new_snapshot(empty_db_path, monkeypatch):
    """Server mode swaps the served connection from a background thread. If the swap lands while
    `data_version` reads the old one, the old number must not be remembered for the new snapshot
    (it was, and a replica showed 数据版本 3 for good while serving 4)."""
    reader = db.Reader(empty_db_path)
    before = reader.data_version()
    with db.write_transaction(empty_db_path) as con:
        con.execute("insert into supervision_actions (action_id, kind, region_code, city_code, acted_on) "
                    "values ('a1', 'letter', '360700', '360700', date '2022-01-01')")
    reader.background = True
    monkeypatch.setattr(reader, "_refresh_later", lambda stamp: None)    # the copy is still being built
    read = db.data_version

    def read_while_the_copy_lands(cur):
        value = read(cur)
        reader._con, reader._stamp = db.open_reader(empty_db_path), reader._file_stamp()
        return value

    monkeypatch.setattr(db, "data_version", read_while_the_copy_lands)
    assert reader.data_version() == before          # read from the old connection
    monkeypatch.setattr(db, "data_version", read)
    assert reader.data_version() == before + 1      # the new one is read, not the remembered old number
    assert _count(reader) == 1


def test_server_mode_starts_the_copy_when_only_the_version_check_saw_the_new_snapshot(monkeypatch):
    """A page asks `data_version()` first (its cache key) and queries within the poll window. The
    poll's answer must reach `cursor()`: when the window gave back the served snapshot instead, the
    copy of the newer one never started and a replica served snapshot 3 for good."""
    newest = {"id": 3}

    def snapshot_copy(path, version=None):     # stands in for copying a snapshot out of the lake
        con = duckdb.connect()
        con.execute("attach ':memory:' as envboard")
        con.execute("create table envboard.meta (key varchar, value varchar)")
        con.execute("insert into envboard.meta values ('data_version', $v)", {"v": str(version)})
        return con

    monkeypatch.setattr(db.lake, "connect", lambda store, read_only=False: None)
    monkeypatch.setattr(db.lake, "latest_snapshot", lambda store, con=None: newest["id"])
    monkeypatch.setattr(db, "open_reader", snapshot_copy)
    reader = db.Reader(LakeStore("dbname=x", "lake/"), poll_seconds=60, background=True)
    assert reader.data_version() == 3
    newest["id"] = 4
    reader._polled = 0.0                        # the poll window has passed
    seen = [reader.data_version()]              # polls, sees 4, still serves 3 while copying
    deadline = time.monotonic() + 10
    while seen[-1] != 4 and time.monotonic() < deadline:
        time.sleep(0.05)
        seen.append(reader.data_version())      # within the window: no new poll
    assert seen[0] == 3 and seen[-1] == 4


def test_second_writer_is_refused_when_not_waiting(empty_db_path):
    with db.write_lock(empty_db_path):
        with pytest.raises(db.ImportBusy):
            with db.write_transaction(empty_db_path, wait=False):
                pass


def test_migrations_are_applied_once(empty_db_path):
    con = db.open_reader(empty_db_path)
    names = {r[0] for r in con.execute("select name from schema_migrations").fetchall()}
    assert names == {p.name for p in db._migration_files()}
