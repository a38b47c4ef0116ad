"""Pre-aggregated tables (migrations/005_perf.sql, 041_preagg_air_days.sql): refreshed inside the write
that changed their inputs, recomputing only the calendar years whose input rows changed.

Plain SQL tables written in the same transaction as the data, so a reader sees the data and its
pre-aggregates of one version together, in the embedded file as in any catalog that has transactions.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from envboard import catalog
from envboard.domain import rank
from envboard.standards.composite import add_composite
from envboard.standards.install import ensure_installed
from envboard.standards.period import AIR_DAY_COLUMNS, aqi_rules_hash, period_stats
from envboard.core.db import get_meta, set_meta

SQL_DIR = Path(__file__).resolve().parent / "sql"
COLUMNS = ["city_code", "year", "period_start", "period_end", "pm25_ugm3", "pm10_ugm3", "so2_ugm3", "no2_ugm3",
           "co_p95_mgm3", "o3_8h_p90_ugm3", "valid_days", "good_days", "good_days_share", "is_valid",
           "composite_index", "is_attained", "composite_rank",
           # 060_composite_basis: index from unrounded statistics, its parts and basis
           "composite_index_exact", "i_so2", "i_no2", "i_pm10", "i_pm25", "i_co", "i_o3",
           "limits_standard", "composite_inputs"]
_AIR_FINGERPRINT = ("select year(measured_on) as year, count(*) as input_rows, "
                    "sum(hash(city_code, measured_on, pm25_ugm3, pm10_ugm3, so2_ugm3, no2_ugm3, co_mgm3, "
                    "o3_8h_ugm3, o3_1h_ugm3, is_dust)) as fingerprint from air_daily group by all")


def complete_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years whose 31 December is in air_daily (a year still running is not ranked)."""
    rows = con.execute("select year(measured_on) as y from air_daily group by y "
                       "having max(measured_on) = make_date(y, 12, 31) order by y").fetchall()
    return [r[0] for r in rows]


def composite_year(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """period_stats of every city for one calendar year, with composite index and its rank (the one
    ranker: 1 = cleanest, ties on the displayed 2-decimal value share the lower rank)."""
    stats = add_composite(period_stats(con, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    m = catalog.METRICS["composite_index"]
    stats["composite_rank"], _ = rank.ranks(stats["composite_index"], m.higher_is_better, m.places)
    return stats.assign(year=year)[COLUMNS]


def _changed_years(con: duckdb.DuckDBPyConnection, target: str, force: bool) -> tuple[list[int], list[int]]:
    """(years to recompute, years that no longer have input) of `target`; records the new fingerprints."""
    now = {r[0]: (r[1], r[2]) for r in con.execute(_AIR_FINGERPRINT).fetchall()}
    before = {r[0]: (r[1], r[2]) for r in con.execute(
        "select year, input_rows, fingerprint from preagg_inputs where target = $t", {"t": target}).fetchall()}
    changed = sorted(y for y, fp in now.items() if force or before.get(y) != fp)
    gone = sorted(set(before) - set(now))
    con.execute("delete from preagg_inputs where target = $t", {"t": target})
    if now:      # executemany refuses an empty list: a rollback can leave no air data at all
        con.executemany("insert into preagg_inputs values (?, ?, ?, ?)",
                        [(target, y, rows, int(fp), ) for y, (rows, fp) in now.items()])
    return changed, gone


def _refresh_air_days(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Store the daily AQI of the years whose air_daily rows changed; returns those years."""
    rules = aqi_rules_hash()
    force = get_meta(con, "air_day_stats_rules") != rules
    changed, gone = _changed_years(con, "air_day_stats", force)
    if force:
        con.execute("delete from air_day_stats")
    for year in changed + gone:
        con.execute("delete from air_day_stats where year(measured_on) = $y", {"y": year})
    if changed:
        ensure_installed(con)
        con.execute(f"insert into air_day_stats select {', '.join(AIR_DAY_COLUMNS)} from air_daily_aqi "
                    "where list_contains($years, year(measured_on)) order by city_code, measured_on",
                    {"years": changed})
    set_meta(con, "air_day_stats_rules", rules)
    return changed + gone


def refresh_preaggregates(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Bring every pre-aggregated table up to date with the base tables; call in the write transaction."""
    years = set(_refresh_air_days(con))
    complete = complete_years(con)
    stored = {r[0] for r in con.execute("select distinct year from air_composite_year").fetchall()}
    redo = sorted((years | (set(complete) - stored)) & set(complete)) if stored else complete
    con.execute("delete from air_composite_year where not list_contains($keep, year) or list_contains($redo, year)",
                {"keep": complete, "redo": redo})
    for year in redo:
        frame = composite_year(con, year)
        con.register("frame_in", frame)
        try:
            con.execute("insert into air_composite_year by name select * from frame_in")
        finally:
            con.unregister("frame_in")
    counts = con.execute("select (select count(*) from air_composite_year), (select count(*) from air_day_stats)").fetchall()[0]
    return {"air_composite_year": counts[0], "air_day_stats": counts[1]}


def leaderboard(con: duckdb.DuckDBPyConnection, from_year: int, to_year: int) -> pd.DataFrame:
    """Composite-index ranking per city-year from air_composite_year (see sql/composite_leaderboard.sql)."""
    sql = (SQL_DIR / "composite_leaderboard.sql").read_text(encoding="utf-8")
    return con.execute(sql, {"from_year": from_year, "to_year": to_year}).df()
