"""Install the standards engine into a DuckDB connection as TEMP tables, macros and views.

TEMP objects live in the connection's temp catalog, so this works on a read-only attached
database (`attach 'x.duckdb' as envboard (read_only); use envboard`). Call once per connection:

    from envboard.standards.install import install
    install(con)
    con.sql("select * from air_daily_aqi where city_code = '110000'")
"""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from envboard.standards import reference
from envboard.standards.exact import E6

SQL_DIR = Path(__file__).resolve().parent / "sql"
_FILES = ("air_daily_aqi.sql", "water_section_class.sql")


def _breakpoint_rows() -> list[tuple]:
    rows = []
    for rules in reference.RULES:
        for column, points in reference.breakpoints(rules).items():
            for (il, lo), (ih, hi) in zip(points, points[1:]):
                rows.append((rules, column, il, ih, float(lo), float(hi), int(lo * E6), int(hi * E6)))
    return rows


def _segment_sql(points: tuple) -> str:
    """CASE branches: exact ceil interpolation of n (millionths) on one breakpoint column."""
    parts = []
    for (il, lo), (ih, hi) in zip(points, points[1:]):
        lo6, hi6 = int(lo * E6), int(hi * E6)
        parts.append(
            f"when n <= {hi6} then {il} + ({ih - il} * (n - {lo6}) + {hi6 - lo6 - 1}) // {hi6 - lo6}")
    return f"case when n is null then null {' '.join(parts)} else {points[-1][0]} end"


def _macro_sql() -> list[str]:
    """Generated macros: aqi_iaqi_<column>(rules, n), aqi_beyond_<column>(rules, n) per column,
    and the generic aqi_iaqi_e6(rules, col, n) / aqi_beyond_e6(rules, col, n)."""
    columns = sorted({c for rules in reference.RULES for c in reference.breakpoints(rules)})
    statements, generic_iaqi, generic_beyond = [], [], []
    for column in columns:
        iaqi, beyond = [], []
        for rules in reference.RULES:
            points = reference.breakpoints(rules).get(column)
            if points:
                iaqi.append(f"when rules = '{rules}' then ({_segment_sql(points)})")
                beyond.append(f"when rules = '{rules}' then n > {int(points[-1][1] * E6)}")
        statements.append(f"create or replace temp macro aqi_iaqi_{column}(rules, n) as "
                          f"cast(case {' '.join(iaqi)} end as integer)")
        statements.append(f"create or replace temp macro aqi_beyond_{column}(rules, n) as "
                          f"case {' '.join(beyond)} end")
        generic_iaqi.append(f"when col = '{column}' then aqi_iaqi_{column}(rules, n)")
        generic_beyond.append(f"when col = '{column}' then aqi_beyond_{column}(rules, n)")
    statements.append("create or replace temp macro aqi_iaqi_e6(rules, col, n) as "
                      f"case {' '.join(generic_iaqi)} end")
    statements.append("create or replace temp macro aqi_beyond_e6(rules, col, n) as "
                      f"case {' '.join(generic_beyond)} end")
    return statements


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "create or replace temp table aqi_breakpoints (rules varchar, pollutant varchar, "
        "iaqi_lo integer, iaqi_hi integer, bp_lo double, bp_hi double, "
        "bp_lo_e6 bigint, bp_hi_e6 bigint)")
    con.executemany("insert into temp.aqi_breakpoints values (?, ?, ?, ?, ?, ?, ?, ?)",
                    _breakpoint_rows())
    con.execute(
        "create or replace temp table aqi_levels (aqi_min integer, aqi_max integer, "
        "level_num integer, level_cn varchar, category_cn varchar, category_en varchar, hex varchar)")
    con.executemany(
        "insert into temp.aqi_levels values (?, ?, ?, ?, ?, ?, ?)",
        [(int(r["aqi_min"]), int(r["aqi_max"] or 500), int(r["level_num"]), r["level_cn"],
          r["category_cn"], r["category_en"], r["hex"]) for r in reference.aqi_levels()])
    _create_water_limits(con)


def _create_water_limits(con: duckdb.DuckDBPyConnection) -> None:
    """water_limits(code, body_type, direction, class_num, limit_value); pH as range 6–9."""
    con.execute(
        "create or replace temp table water_limits (code varchar, body_type varchar, "
        "direction varchar, class_num integer, limit_value decimal(18, 6), is_assessed boolean)")
    rows = []
    for code, row in reference.water_limits().items():
        if row["direction"] not in ("upper_limit", "lower_limit"):
            continue
        bodies = {"all": ("river", "lake"), "river": ("river",), "lake_reservoir": ("lake",)}
        for body in bodies[row["waterbody"]]:
            for num, label in enumerate(("I", "II", "III", "IV", "V"), start=1):
                rows.append((code.removesuffix("_lake"), body, row["direction"], num,
                             row[f"class_{label}"], row["in_21_assessment_indicators"] == "yes"))
    con.executemany("insert into temp.water_limits values (?, ?, ?, ?, ?, ?)", rows)


def _run_file(con: duckdb.DuckDBPyConnection, name: str) -> None:
    text = (SQL_DIR / name).read_text(encoding="utf-8")
    body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("--"))
    for statement in body.split(";\n"):
        if statement.strip().strip(";"):
            con.execute(statement)


class _Shared:
    """Runs the install statements into the `memory` catalog instead of TEMP, so that every cursor
    of the connection (each its own client context, which TEMP objects do not reach) sees them."""

    _CREATE = re.compile(r"create or replace temp (macro|view|table) ")

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def _sql(self, sql: str) -> str:
        return self._CREATE.sub(r"create or replace \1 memory.main.", sql).replace("temp.", "memory.main.")

    def execute(self, sql: str, *args):
        return self.con.execute(self._sql(sql), *args)

    def executemany(self, sql: str, *args):
        return self.con.executemany(self._sql(sql), *args)


def install(con: duckdb.DuckDBPyConnection, shared: bool = False) -> duckdb.DuckDBPyConnection:
    """Create (or replace) the standards tables, macros and views on `con`; returns `con`.

    shared=False: TEMP objects (this connection only). shared=True: objects in the `memory`
    catalog, visible to all cursors of an in-memory connection with the database attached
    (db.open_reader does this)."""
    target = _Shared(con) if shared else con
    _create_tables(target)
    for statement in _macro_sql():
        target.execute(statement)
    for name in _FILES:
        _run_file(target, name)
    return con


def is_installed(con: duckdb.DuckDBPyConnection) -> bool:
    """True when install(con) has run on this connection (TEMP) or its shared memory catalog."""
    found = con.execute(
        "select count(*) from duckdb_views() where view_name = 'air_daily_aqi' "
        "and (temporary or database_name = 'memory')"
    ).fetchall()
    return bool(found and found[0][0])


def ensure_installed(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """install(con) unless already installed; returns `con`."""
    return con if is_installed(con) else install(con)
