"""Backup and restore: a consistent Parquet export with a manifest of table checksums.

`backup` exports the live database under the write lock (no import can run meanwhile), so the
export is one version. `restore` imports a backup into a new file beside the live one, checks
every table against the manifest, and swaps it in with os.replace under the same lock: readers
see the old or the restored database, never a mix.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import duckdb

from envboard.security import audit
from envboard.core import db

MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """The backup folder is missing, incomplete or does not match its manifest."""


def table_checksums(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """table → [row count, order-independent hash of all rows] for every base table."""
    names = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() "
        "and schema_name = 'main' and not temporary order by table_name").fetchall()]
    out = {}
    for name in names:
        n, h = con.execute(f'select count(*), coalesce(sum(hash(t)), 0)::varchar from "{name}" as t').fetchall()[0]
        out[name] = [int(n), h]
    return out


def _attach(path: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    con.execute(f"attach '{str(path).replace(chr(39), chr(39) * 2)}' as envboard (read_only)")
    con.execute("use envboard")
    return con


def backup(path: Path, folder: Path, actor: str | None = None) -> dict:
    """Export `path` to `folder` (which must be empty or absent); return the manifest."""
    if not path.exists():
        raise db.DatabaseMissing(str(path))
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"备份目录不为空 / backup folder is not empty: {folder}")
    folder.mkdir(parents=True, exist_ok=True)
    with db.write_lock(path):
        con = _attach(path)
        try:
            con.execute(f"export database '{_literal(folder)}' (format parquet)")
            manifest = {"data_version": db.data_version(con), "created_at": dt.datetime.now(dt.UTC).isoformat(),
                        "tables": table_checksums(con)}
        finally:
            con.close()
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
    try:
        audit.record(path, actor, "backup", {"folder": folder.name, "data_version": manifest["data_version"],
                                             "manifest_sha256": manifest_hash(folder)})
    except audit.AuditWriteError:
        shutil.rmtree(folder, ignore_errors=True)     # an unrecorded backup could not be restored anyway
        raise
    return manifest


def manifest_hash(folder: Path) -> str:
    """sha256 of the backup's manifest file, as recorded in the audit log when it was made."""
    return hashlib.sha256((Path(folder) / MANIFEST).read_bytes()).hexdigest()


def check_against_audit(path: Path, folder: Path) -> None:
    """Refuse a backup the audit log does not know, or any backup when the log's chain is broken:
    an edited backup with a recomputed manifest has a manifest hash no backup entry records."""
    store = audit.store_for(path)
    intact, _, where = store.verify()
    if not intact:
        raise BackupError(f"审计日志哈希链断开（{where}），拒绝恢复 / audit chain broken at {where}; restore refused")
    digest = manifest_hash(folder)
    if not any(e["action"] == "backup" and e["detail"].get("manifest_sha256") == digest for e in store.entries()):
        raise BackupError("备份未在审计日志中登记或已被改动 / backup unknown to the audit log or altered")


def _literal(path: Path) -> str:
    return str(path).replace("'", "''")


def read_manifest(folder: Path) -> dict:
    try:
        return json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"备份清单缺失或损坏 / missing or damaged manifest in {folder}") from exc


def restore(folder: Path, path: Path, actor: str | None = None) -> dict:
    """Replace the database at `path` with the backup in `folder`; return the manifest."""
    manifest = read_manifest(folder)
    check_against_audit(path, folder)
    with db.write_lock(path):
        work = path.with_name(f".{path.name}.{os.getpid()}.restore.next")
        work.unlink(missing_ok=True)
        try:
            _build(folder, work, manifest, _live_version(path), actor)
            os.replace(work, path)
        finally:
            work.unlink(missing_ok=True)
            Path(f"{work}.wal").unlink(missing_ok=True)
    return manifest


def _live_version(path: Path) -> int:
    if not path.exists():
        return 0
    con = _attach(path)
    try:
        return db.data_version(con)
    finally:
        con.close()


def _build(folder: Path, work: Path, manifest: dict, live_version: int, actor: str | None) -> None:
    """Import the backup into `work`, check it against the manifest, bump the data version."""
    con = duckdb.connect(str(work))
    try:
        con.execute(f"import database '{_literal(Path(folder))}'")
        if table_checksums(con) != manifest["tables"]:
            raise BackupError(f"备份内容与清单不符 / backup does not match its manifest: {folder}")
        db.migrate(con)
        audit.record(con, actor, "restore", {"from": Path(folder).name, "data_version": manifest["data_version"]})
        db.set_meta(con, "data_version", str(max(live_version, manifest["data_version"]) + 1))
        con.execute("checkpoint")
    finally:
        con.close()
    with open(work, "rb") as fh:
        os.fsync(fh.fileno())
