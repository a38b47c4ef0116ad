"""Server-mode commands: maintenance of the DuckLake (merge small files, expire snapshots) and serve.

`maintenance` keeps every snapshot a frozen briefing edition records (its data version), the newest
one, and all snapshots younger than --keep-days; files are deleted only after --grace-hours, so a
reader still scanning an expired snapshot's files does not lose them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from envboard.core import db, lake
from envboard.core.errors import UsageError


def kept_versions() -> set[int]:
    """Snapshot ids that maintenance never expires: those of issued briefing editions."""
    from envboard.briefing import editions  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    return {int(e["data_version"]) for e in editions.list_editions() if e.get("data_version") is not None}


def expirable(con, keep_days: int, keep: set[int]) -> list[int]:
    """Snapshots older than keep_days, except `keep` and the newest."""
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=keep_days)
    rows = con.execute(f"select snapshot_id, snapshot_time from {lake.ALIAS}.snapshots() order by 1").fetchall()
    newest = rows[-1][0] if rows else None
    return [sid for sid, at in rows if sid != newest and sid not in keep and at.astimezone(dt.UTC) < cutoff]


def maintain(store: lake.LakeStore, keep_days: int = 30, grace_hours: int = 24, dry_run: bool = False) -> dict:
    """Merge small files, expire old snapshots (keeping editions'), delete files no longer needed."""
    keep = kept_versions()
    con = lake.connect(store)
    try:
        versions = expirable(con, keep_days, keep)
        merged = 0
        if not dry_run:
            merged = len(con.execute(f"call ducklake_merge_adjacent_files('{lake.ALIAS}')").fetchall())
            if versions:
                con.execute(f"call ducklake_expire_snapshots('{lake.ALIAS}', versions => $v)", {"v": versions})
        files = con.execute(f"call ducklake_cleanup_old_files('{lake.ALIAS}', dry_run => $d, "
                            f"older_than => now() - to_hours($h))", {"d": dry_run, "h": grace_hours}).fetchall()
        snapshots = con.execute(f"select count(*) from {lake.ALIAS}.snapshots()").fetchall()[0][0]
    finally:
        con.close()
    return {"dry_run": dry_run, "merged_files": merged, "expired_snapshots": versions,
            "kept_for_editions": sorted(keep), "deleted_files": len(files), "snapshots_left": int(snapshots)}


def load_file(store: lake.LakeStore, path) -> dict[str, int]:
    """Replace the lake's data by the tables of an embedded database file (moving to server mode);
    one transaction. Returns rows per table."""
    def copy(con) -> dict[str, int]:
        con.execute(f"attach '{lake._literal(str(path))}' as source (read_only)")
        tables = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where database_name = 'source' and schema_name = 'main' "
            "and table_name in (select table_name from duckdb_tables() where database_name = $a) "
            "and table_name <> 'schema_migrations' order by 1", {"a": lake.ALIAS}).fetchall()]
        counts = {}
        for t in tables:
            con.execute(f"delete from {lake.ALIAS}.main.{t}")
            con.execute(f"insert into {lake.ALIAS}.main.{t} by name select * from source.main.{t}")
            counts[t] = con.execute(f"select count(*) from {lake.ALIAS}.main.{t}").fetchall()[0][0]
        return counts

    return db.write(copy, store)


def cmd_lake_load(args) -> int:
    store = db.store()
    if not isinstance(store, lake.LakeStore):
        raise UsageError("lake-load 仅用于服务器模式 / lake-load is for server mode (ENVBOARD_STORE=ducklake:…)")
    if not Path(args.file).is_file():
        raise UsageError(f"文件不存在 / file not found: {Path(args.file).name}")
    counts = load_file(store, Path(args.file).resolve())
    print(json.dumps({"rows": counts}, ensure_ascii=False) if args.json else
          f"已载入 / loaded: {sum(counts.values())} rows in {len(counts)} tables")
    return 0


def cmd_maintenance(args) -> int:
    store = db.store()
    if not isinstance(store, lake.LakeStore):
        raise UsageError("maintenance 仅用于服务器模式 / maintenance is for server mode (ENVBOARD_STORE=ducklake:…); "
                         "the embedded file is checkpointed by every write")
    out = maintain(store, args.keep_days, args.grace_hours, args.dry_run)
    print(json.dumps(out, ensure_ascii=False) if args.json else
          f"合并文件 / merged files: {out['merged_files']}; 过期快照 / expired snapshots: {len(out['expired_snapshots'])}; "
          f"保留（通报） / kept for editions: {out['kept_for_editions']}; 删除文件 / deleted files: {out['deleted_files']}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("maintenance", help="server mode: merge small files, expire old snapshots, delete unused files")
    p.add_argument("--keep-days", type=int, default=30, help="keep every snapshot younger than this (default 30)")
    p.add_argument("--grace-hours", type=int, default=24,
                   help="delete unused files only this long after they became unused (default 24)")
    p.add_argument("--dry-run", action="store_true", help="list what would be expired and deleted")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_maintenance)

    p = sub.add_parser("lake-load", help="server mode: replace the lake's data by an embedded database file")
    p.add_argument("file", help="an EnvBoard DuckDB file (e.g. data/envboard.duckdb)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lake_load)
