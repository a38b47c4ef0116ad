"""The audit log: append-only records of who did what, when, with counts.

`record` is the only writer; there is deliberately no function that updates or deletes entries.
Actions: login, logout, import, rollback, edit, publish, freeze, weights, user, backup, restore.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

ACTIONS = ("login", "logout", "import", "rollback", "edit", "publish", "freeze", "weights", "user",
           "backup", "restore", "mapping")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _insert(con: duckdb.DuckDBPyConnection, actor: str, action: str, detail: dict) -> None:
    con.execute("insert into audit_log (logged_at, actor, action, detail) values ($at, $actor, $action, $detail)",
                {"at": _now(), "actor": actor or "unknown", "action": action,
                 "detail": json.dumps(detail, ensure_ascii=False, default=str)})


def record(con_or_path: duckdb.DuckDBPyConnection | Path | str | None, actor: str | None, action: str,
           detail: dict | None = None) -> None:
    """Append one entry (UTC time). With a connection it joins that transaction; with a path (or
    None for the configured database) it is its own copy-on-write write."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action}")
    if isinstance(con_or_path, duckdb.DuckDBPyConnection):
        _insert(con_or_path, actor, action, detail or {})
        return
    from envboard.core import db

    path = Path(con_or_path) if con_or_path is not None else db.db_path()
    with db.write_transaction(path) as con:
        _insert(con, actor, action, detail or {})


def entries(con: duckdb.DuckDBPyConnection, actor: str = "", action: str = "", since: dt.date | None = None,
            until: dt.date | None = None):
    """The log, newest first (a DataFrame), filtered like the audit page."""
    from envboard.core import queries

    return queries.run(con, "audit_log_entries", actor=actor or "", action=action or "",
                       since=since or dt.date(2000, 1, 1), until=until or dt.date(2100, 12, 31))
