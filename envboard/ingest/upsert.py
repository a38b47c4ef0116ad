"""Write staged rows by natural key, record undo rows, and roll one import back exactly."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from envboard.core.errors import UsageError
from envboard.ingest.messages import bilingual
from envboard.ingest.pipeline import STAGE

UNDO_TABLES = ("inspections", "water_sections", "reporting_units", "tasks", "task_status_history", "petitions", "supervision_actions", "air_daily", "water_monthly")
KEYS = {
    "inspections": ("inspection_id",), "water_sections": ("section_id",), "reporting_units": ("unit_code",),
    "tasks": ("task_id",), "task_status_history": ("task_id", "changed_on"), "petitions": ("petition_id",),
    "supervision_actions": ("action_id",), "air_daily": ("city_code", "measured_on"),
    "water_monthly": ("section_id", "month", "indicator"),
}


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


def _join(key, left="t", right="s") -> str:
    return " and ".join(f"{left}.{k} = {right}.{k}" for k in key)


def _diff(cols) -> str:
    return "(" + (" or ".join(f"s.{c} is distinct from t.{c}" for c in cols) or "false") + ")"


def compare_columns(table_columns: dict, key, provided: set[str]) -> list[str]:
    return [c for c in table_columns if c in provided and c not in key]


def plan_table(con, table: str, key, cols: list[str], source: str = STAGE) -> Counts:
    """How many staged rows are new, changed or the same as in `table`."""
    row = con.execute(
        f"select count(*) filter (where t.{key[0]} is null), "
        f"count(*) filter (where t.{key[0]} is not null and {_diff(cols)}), "
        f"count(*) filter (where t.{key[0]} is not null and not {_diff(cols)}) "
        f"from {source} s left join {table} t on {_join(key)}"
    ).fetchall()[0]
    return Counts(*row)


def apply_table(con, table: str, key, cols: list[str], defaults: dict, import_id: int,
                source: str = STAGE) -> Counts:
    """Insert new rows, update changed ones (saving the old row in undo_<table>); return the counts."""
    keys = ", ".join(key)
    con.execute(
        f"create or replace temp table ingest_changes as select {', '.join('s.' + k for k in key)}, "
        f"case when t.{key[0]} is null then 'insert' when {_diff(cols)} then 'update' else 'same' end as _op "
        f"from {source} s left join {table} t on {_join(key)}"
    )
    changed = f"(select s.* from {source} s join ingest_changes c on {_join(key, 'c', 's')} where c._op = '%s')"
    con.execute(
        f"insert into undo_{table} by name select {import_id} as undo_import_id, 'update' as undo_op, t.* "
        f"from {table} t join ingest_changes s on {_join(key)} where s._op = 'update'"
    )
    if cols:
        sets = ", ".join(f"{c} = s.{c}" for c in cols)
        con.execute(f"update {table} as t set {sets} from {changed % 'update'} s where {_join(key)}")
    insert_cols = list(key) + cols
    values = ", ".join(f"coalesce({c}, {defaults[c]})" if c in defaults else c for c in insert_cols)
    con.execute(f"insert into {table} ({', '.join(insert_cols)}) select {values} from {changed % 'insert'}")
    con.execute(
        f"insert into undo_{table} by name select {import_id} as undo_import_id, 'insert' as undo_op, "
        f"{keys} from ingest_changes where _op = 'insert'"
    )
    counts = con.execute(
        "select count(*) filter (where _op = 'insert'), count(*) filter (where _op = 'update'), "
        "count(*) filter (where _op = 'same') from ingest_changes").fetchall()[0]
    return Counts(*counts)


def next_import_id(con) -> int:
    return con.execute("select coalesce(max(import_id), 0) + 1 from import_history").fetchall()[0][0]


def record_import(con, import_id: int, kind: str, file_name: str, content_hash: str, user: str | None,
                  counts: Counts) -> None:
    con.execute(
        "insert into import_history (import_id, kind, file_name, content_hash, imported_by, imported_at, "
        "inserted, updated, unchanged, rejected) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [import_id, kind, file_name, content_hash, user, _now(), counts.inserted, counts.updated,
         counts.unchanged, counts.rejected],
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _touched(con, import_id: int) -> list[str]:
    return [t for t in UNDO_TABLES if con.execute(
        f"select count(*) from undo_{t} where undo_import_id = ?", [import_id]).fetchall()[0][0]]


def _check_rollback(con, import_id: int) -> list[str]:
    row = con.execute("select kind, rolled_back_at from import_history where import_id = ?", [import_id]).fetchall()
    if not row:
        raise UsageError(bilingual("ingest.err.rollback_unknown", import_id=import_id))
    if row[0][0] == "demo":
        raise UsageError(bilingual("ingest.err.rollback_demo"))
    if row[0][1] is not None:
        raise UsageError(bilingual("ingest.err.rollback_done", import_id=import_id))
    tables = _touched(con, import_id)
    for t in tables:
        later = con.execute(
            f"select min(u.undo_import_id) from undo_{t} u join import_history h on h.import_id = u.undo_import_id "
            f"where u.undo_import_id > ? and h.rolled_back_at is null", [import_id]).fetchall()[0][0]
        if later is not None:
            raise UsageError(bilingual("ingest.err.rollback_later", later=later))
    return tables


def rollback_import(con: duckdb.DuckDBPyConnection, import_id: int) -> list[str]:
    """Undo one import inside the caller's transaction; return the tables restored."""
    tables = _check_rollback(con, import_id)
    for t in reversed(tables):
        key = KEYS[t]
        con.execute(f"delete from {t} as t using undo_{t} s where s.undo_import_id = ? and s.undo_op = 'insert' "
                    f"and {_join(key)}", [import_id])
        cols = [c for c in _columns(con, t) if c not in key]
        sets = ", ".join(f"{c} = s.{c}" for c in cols)
        con.execute(f"update {t} as t set {sets} from undo_{t} s where s.undo_import_id = ? and "
                    f"s.undo_op = 'update' and {_join(key)}", [import_id])
        con.execute(f"delete from undo_{t} where undo_import_id = ?", [import_id])
    con.execute("update import_history set rolled_back_at = ? where import_id = ?", [_now(), import_id])
    return tables


def _columns(con, table: str) -> list[str]:
    return [r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = ? and table_schema = 'main' "
        "order by ordinal_position", [table]).fetchall()]
