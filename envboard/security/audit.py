"""The audit log: who did what, when, with counts — append-only and hash-chained, in its own store.

`record` is the only writer; there is deliberately no function that updates or deletes entries.
The entries live beside the database (`<db>.audit.jsonl`, or the `audit_path` setting), not in it,
so signing in never writes the data file or waits for an import, and restoring a backup cannot
remove entries. In server mode they live in the append-only table `envboard_audit_log` of the
catalog's PostgreSQL database, one chain for every app server (audit_store.PgAuditStore).
A failed write raises AuditWriteError: the caller's action does not go ahead.
Entries written before this store existed remain in the database table `audit_log`.
"""
from __future__ import annotations

import datetime as dt
import re
import json
from pathlib import Path

import duckdb
import pandas as pd

from envboard.core import db, lake
from envboard.core.lake import LakeStore
from envboard.core.settings import get_setting
from envboard.security.audit_store import (AuditStore, AuditWriteError, FileAuditStore,  # noqa: F401
                                           PgAuditStore)

ACTIONS = ("login", "login_failed", "logout", "import", "rollback", "edit", "publish", "freeze", "weights",
           "user", "backup", "restore", "demo", "edition", "mapping")
_WORK_COPY = re.compile(r"^\.(?P<name>.+)\.\d+\.(?:\d+|restore)\.next$")


def live_path(path: Path) -> Path:
    """The live database a write's private copy belongs to (the path itself otherwise)."""
    m = _WORK_COPY.match(path.name)
    return path.with_name(m["name"]) if m else path


def store_for(db_file: Path | str | LakeStore | None = None) -> AuditStore:
    """The audit store of a database file or lake (the configured store when None): in server mode
    the PostgreSQL table beside the catalog, else the file (`audit_path`, or beside the database)."""
    target = db_file if db_file is not None else db.store()
    if isinstance(target, LakeStore):
        return PgAuditStore(target.dsn)
    explicit = get_setting("audit_path")
    if explicit:
        return FileAuditStore(Path(explicit).expanduser())
    path = live_path(Path(target).resolve())
    return FileAuditStore(path.with_name(f"{path.name}.audit.jsonl"))


def _db_of(con: duckdb.DuckDBPyConnection) -> Path | LakeStore | None:
    row = con.execute("select path from duckdb_databases() where database_name = current_database()").fetchall()
    if lake.is_lake(con):       # server mode: the path is `postgres:<dsn>` of the catalog
        return LakeStore(row[0][0].removeprefix("postgres:"), "")
    return Path(row[0][0]) if row and row[0][0] else None


def record(con_or_path: duckdb.DuckDBPyConnection | Path | str | None, actor: str | None, action: str,
           detail: dict | None = None) -> dict:
    """Append one entry (UTC time) to the store of that database and return it.

    Inside a write transaction (a connection) an AuditWriteError aborts the write, so an entry
    exists for every change that lands."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    target = _db_of(con_or_path) if isinstance(con_or_path, duckdb.DuckDBPyConnection) else con_or_path
    return store_for(target).append(actor or "unknown", action, detail or {})


def frame(store: AuditStore, actor: str = "", action: str = "", since: dt.date | None = None,
          until: dt.date | None = None) -> pd.DataFrame:
    """The log, newest first, filtered like the audit page."""
    rows = [e for e in store.entries()
            if (not actor or e["actor"] == actor) and (not action or e["action"] == action)
            and (since is None or e["at"][:10] >= since.isoformat())
            and (until is None or e["at"][:10] <= until.isoformat())]
    out = pd.DataFrame([{"audit_id": e["seq"], "logged_at": e["at"].replace("T", " "), "actor": e["actor"],
                         "action": e["action"], "detail": json.dumps(e["detail"], ensure_ascii=False)}
                        for e in reversed(rows)], columns=["audit_id", "logged_at", "actor", "action", "detail"])
    return out


def entries(con_or_path, actor: str = "", action: str = "", since: dt.date | None = None,
            until: dt.date | None = None) -> pd.DataFrame:
    """The log of that database (a connection or a path), newest first, filtered."""
    target = _db_of(con_or_path) if isinstance(con_or_path, duckdb.DuckDBPyConnection) else con_or_path
    return frame(store_for(target), actor, action, since, until)
