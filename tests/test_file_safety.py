"""Finding 13: writes keep the database private and leave nothing behind when they fail."""
from __future__ import annotations

import os
import shutil
import stat

import pytest

from envboard.core import db


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_write_keeps_the_database_mode(empty_db_path):
    os.chmod(empty_db_path, 0o600)
    with db.write_transaction(empty_db_path) as con:
        con.execute("select 1").fetchall()
    assert mode(empty_db_path) == 0o600
    os.chmod(empty_db_path, 0o640)
    with db.write_transaction(empty_db_path) as con:
        con.execute("select 1").fetchall()
    assert mode(empty_db_path) == 0o640


def test_a_new_database_gets_the_configured_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("ENVBOARD_FILE_MODE", "0640")
    path = tmp_path / "new.duckdb"
    with db.write_transaction(path) as con:
        con.execute("select 1").fetchall()
    assert mode(path) == 0o640


def test_a_copy_cut_short_is_removed(empty_db_path, monkeypatch):
    def full_disk(src, dst):
        with open(dst, "wb") as fh:
            fh.write(b"half a database")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(shutil, "copyfile", full_disk)
    before = empty_db_path.read_bytes()
    with pytest.raises(OSError):
        with db.write_transaction(empty_db_path):
            pass
    assert empty_db_path.read_bytes() == before
    assert [p.name for p in empty_db_path.parent.iterdir() if p.name.endswith(".next")] == []


def test_the_audit_log_is_private(tmp_path):
    from envboard.security import audit

    audit.record(tmp_path / "x.duckdb", "a", "weights", {})
    assert mode(tmp_path / "x.duckdb.audit.jsonl") == 0o600
