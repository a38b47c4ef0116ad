"""Backup and restore: a round trip gives equal table checksums; a damaged backup restores nothing."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from envboard.security import audit
import pytest

from envboard.security import backup
from envboard.cli.main import main
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db

TASKS = ("任务编号,整改任务,责任地区,任务类别,责任单位,交办日期,整改时限,是否纳入销号管理,整改进展,进展日期\n"
         "JX-001,某工业园区污水直排,赣州市,水,市生态环境局,2021-09-01,2022年12月31日,是,正在推进,2021-12-31\n")


def checksums(path: Path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return backup.table_checksums(con)
    finally:
        con.close()


def version(path: Path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return int(con.execute("select value from meta where key = 'data_version'").fetchall()[0][0])
    finally:
        con.close()


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = make_db(tmp_path / "envboard.duckdb")
    src = tmp_path / "tasks.csv"
    src.write_text(TASKS, encoding="utf-8")
    assert api.commit(src, src.name, "tasks", db_file=path, options=Options(inspection_id="central-2-360000")).status == "imported"
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    return path


def test_backup_then_restore_after_a_change_gives_back_equal_tables(db, tmp_path):
    before = checksums(db)
    assert main(["backup", str(tmp_path / "bk")]) == 0
    manifest = json.loads((tmp_path / "bk" / "manifest.json").read_text())
    assert manifest["tables"]["tasks"][0] == 1 and manifest["data_version"] == version(db)
    api.rollback(1, db_file=db)
    assert checksums(db)["tasks"][0] == 0
    v = version(db)
    assert main(["restore", str(tmp_path / "bk")]) == 0
    after = checksums(db)
    restored = {k: v for k, v in after.items() if k not in ("audit_log", "meta")}
    assert restored == {k: v for k, v in before.items() if k not in ("audit_log", "meta")}
    assert version(db) == v + 1                       # caches see a new version
    assert audit.store_for(db).entries()[-1]["action"] == "restore"
    assert not list(db.parent.glob(".*.next"))


def test_damaged_backup_is_refused_and_the_database_is_untouched(db, tmp_path):
    folder = tmp_path / "bk"
    backup.backup(db, folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["tables"]["tasks"][0] = 99
    (folder / "manifest.json").write_text(json.dumps(manifest))
    before = checksums(db)
    with pytest.raises(backup.BackupError):
        backup.restore(folder, db)
    assert checksums(db) == before and not list(db.parent.glob(".*.next"))


def test_backup_refuses_a_non_empty_folder(db, tmp_path):
    folder = tmp_path / "bk"
    folder.mkdir()
    (folder / "x").write_text("x")
    with pytest.raises(backup.BackupError):
        backup.backup(db, folder)


def test_restore_without_manifest_is_refused(db, tmp_path):
    shutil.rmtree(tmp_path / "nothing", ignore_errors=True)
    with pytest.raises(backup.BackupError):
        backup.restore(tmp_path / "nothing", db)


def test_cli_reports_a_bad_backup_folder_with_exit_2(db, tmp_path, capsys):
    assert main(["restore", str(tmp_path / "missing")]) == 2
    assert "manifest" in capsys.readouterr().err
