"""Saved drafts of the 通报 text, per scope and month: every save is a new version with its author and time.

The drafts live in their own SQLite database beside the data file (`<db>.drafts.sqlite`) — in server
mode in the table `envboard_draft_version` of the catalog's PostgreSQL database, shared by every app
server — not in the DuckDB file: every DuckDB write copies the whole file and bumps the data version (refreshing every
page's cache), which a save on each edit must not do, and `init --demo` rebuilds the data file, which
must not lose anyone's draft. Versions are only ever appended (the record of who changed what);
a save names the version it was based on, and a save based on an older version is refused
(DraftConflict) instead of silently overwriting another editor's text.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from envboard.core import db, lake
from envboard.core.lake import LakeStore
from envboard.security import audit

SCHEMA = """
create table if not exists draft_version (
    scope_code text not null,
    month      text not null,          -- YYYY-MM
    version    integer not null,       -- 1, 2, … per scope and month
    edits      text not null,          -- JSON {section key: text} (sections left as generated are absent)
    author     text not null,
    saved_at   text not null,          -- ISO time, UTC
    action     text not null,          -- save | publish
    edition_id text,                   -- the issued edition (action publish)
    primary key (scope_code, month, version)
);
"""
# Server mode: the same table in the PostgreSQL database of the DuckLake catalog, shared by every app server.
PG_TABLE = "envboard_draft_version"
PG_SCHEMA = f"""
do $setup$ begin
  perform pg_advisory_xact_lock(hashtext('{PG_TABLE}'));
  if to_regclass('{PG_TABLE}') is null then
    create table {PG_TABLE} (
      scope_code text not null, month text not null, version integer not null, edits text not null,
      author text not null, saved_at text not null, action text not null, edition_id text,
      primary key (scope_code, month, version));
  end if;
end $setup$"""
_pg_ready: set[str] = set()          # the dsns whose table this process has set up


@dataclass(frozen=True)
class Draft:
    scope_code: str
    month: str
    version: int
    edits: dict = field(default_factory=dict)
    author: str = ""
    saved_at: str = ""
    action: str = "save"
    edition_id: str | None = None


class DraftConflict(Exception):
    """Another editor saved a newer version since this one was opened."""

    def __init__(self, current: Draft):
        super().__init__(f"draft {current.scope_code} {current.month} is at version {current.version}")
        self.current = current


def drafts_path(db_file: Path | None = None) -> Path:
    path = db_file or db.db_path()
    return path.with_name(f"{path.name}.drafts.sqlite")


Where = Path | LakeStore


def _where(path: Where | None) -> Where:
    """The drafts in use: the given SQLite file or lake, else the configured store's."""
    if path is not None:
        return path
    target = db.store()
    return target if isinstance(target, LakeStore) else drafts_path()


def _db_file(where: Where) -> Path | LakeStore:
    """The store whose audit log records saves to the drafts at `where`."""
    if isinstance(where, LakeStore):
        return where
    return where.with_name(where.name.removesuffix(".drafts.sqlite"))


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=30, isolation_level=None)
    con.execute("pragma journal_mode=wal")
    con.executescript(SCHEMA)
    return con


@contextmanager
def _open(where: Where) -> Iterator[tuple[object, str]]:
    """(connection, table name) of the drafts: the SQLite file, or in server mode the PostgreSQL table
    beside the DuckLake catalog (created on first use). Both take the same `?` SQL."""
    if isinstance(where, LakeStore):
        cur = lake.pg_cursor(where.dsn)
        try:
            if where.dsn not in _pg_ready:
                lake.pg_setup(cur, PG_SCHEMA)
                _pg_ready.add(where.dsn)
            yield cur, f"{lake.PG_ALIAS}.public.{PG_TABLE}"
        finally:
            cur.close()
    else:
        with closing(_connect(where)) as con:
            yield con, "draft_version"


def _row(row) -> Draft:
    scope, month, version, edits, author, saved_at, action, edition_id = row
    return Draft(scope, month, version, json.loads(edits), author, saved_at, action, edition_id)


_COLUMNS = 'scope_code, "month", "version", edits, author, saved_at, "action", edition_id'


def _latest(con, table: str, scope_code: str, month: str) -> Draft | None:
    row = con.execute(f"select {_COLUMNS} from {table} where scope_code = ? and \"month\" = ? "
                      "order by \"version\" desc limit 1", (scope_code, month)).fetchone()
    return _row(row) if row else None


def current(scope_code: str, month: str, path: Where | None = None) -> Draft | None:
    """The latest version of the draft, or None when nobody has saved one."""
    with _open(_where(path)) as (con, table):
        return _latest(con, table, scope_code, month)


def history(scope_code: str, month: str, path: Where | None = None) -> list[Draft]:
    """Every version, newest first."""
    with _open(_where(path)) as (con, table):
        rows = con.execute(f"select {_COLUMNS} from {table} where scope_code = ? and \"month\" = ? "
                           "order by \"version\" desc", (scope_code, month)).fetchall()
    return [_row(r) for r in rows]


def save(scope_code: str, month: str, edits: dict, author: str, base_version: int, path: Where | None = None,
         action: str = "save", edition_id: str | None = None) -> Draft:
    """Append a version with `edits`, if the latest version is still `base_version` (0: none yet);
    DraftConflict (holding the latest version) otherwise. Saving unchanged text adds nothing.

    SQLite: `begin immediate` lets one writer check and append at a time. PostgreSQL: two saves on
    the same base both try to insert the same version; the primary key refuses the later one, which
    then reports the conflict like the check does."""
    where = _where(path)
    server = isinstance(where, LakeStore)
    with _open(where) as (con, table):
        con.execute("begin transaction" if server else "begin immediate")
        try:
            latest = _latest(con, table, scope_code, month)
            at = latest.version if latest else 0
            if at != base_version:
                raise DraftConflict(latest)
            if latest and latest.edits == edits and action == "save":
                con.execute("rollback")
                return latest
            draft = Draft(scope_code, month, at + 1, dict(edits), author or "unknown",
                          dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), action, edition_id)
            try:
                con.execute(f"insert into {table} ({_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)",
                            (scope_code, month, draft.version, json.dumps(draft.edits, ensure_ascii=False),
                             draft.author, draft.saved_at, action, edition_id))
            except duckdb.Error as exc:
                if "duplicate key" not in str(exc):
                    raise
                con.execute("rollback")
                raise DraftConflict(current(scope_code, month, where)) from None
            # Recorded before the commit: a failed audit write rolls the draft back (docs/security.md).
            audit.record(_db_file(where), draft.author, "edit",
                         {"briefing_draft": f"{scope_code} {month}", "version": draft.version, "action": action})
            con.execute("commit")
            return draft
        except BaseException:
            with suppress(sqlite3.Error, duckdb.Error):
                con.execute("rollback")
            raise


def text_diff(old: str, new: str) -> list[str]:
    """Line diff of two texts split at sentence ends (。；), '-' removed, '+' added."""
    def sentences(text: str) -> list[str]:
        return [s for s in text.replace("。", "。\n").replace("；", "；\n").splitlines() if s]

    return [ln for ln in difflib.unified_diff(sentences(old), sentences(new), lineterm="", n=0)
            if not ln.startswith(("---", "+++", "@@"))]


def diff_sections(sections: list[dict], old: dict, new: dict) -> dict[str, list[str]]:
    """{section title: diff lines} between two sets of edits over the generated `sections`."""
    out = {}
    for s in sections:
        a, b = old.get(s["key"], s["body"]), new.get(s["key"], s["body"])
        if a != b:
            out[s["title"]] = text_diff(a, b)
    return out
