"""Pre-aggregated tables (migrations/005_perf.sql): rebuilt inside the write that changed the data."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from envboard.standards.composite import add_composite
from envboard.standards.period import period_stats

SQL_DIR = Path(__file__).resolve().parent / "sql"
COLUMNS = ["city_code", "year", "period_start", "period_end", "pm25_ugm3", "pm10_ugm3", "so2_ugm3", "no2_ugm3",
           "co_p95_mgm3", "o3_8h_p90_ugm3", "valid_days", "good_days", "good_days_share", "is_valid",
           "composite_index", "is_attained", "composite_rank"]


def complete_years(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Years whose 31 December is in air_daily (a year still running is not ranked)."""
    rows = con.execute("select year(measured_on) as y from air_daily group by y "
                       "having max(measured_on) = make_date(y, 12, 31) order by y").fetchall()
    return [r[0] for r in rows]


def composite_year(con: duckdb.DuckDBPyConnection, year: int) -> pd.DataFrame:
    """period_stats of every city for one calendar year, with composite index and rank."""
    stats = add_composite(period_stats(con, dt.date(year, 1, 1), dt.date(year, 12, 31)))
    return stats.assign(year=year)[COLUMNS]


def refresh_preaggregates(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rebuild every pre-aggregated table from the base tables; call in the write transaction."""
    con.execute("delete from air_composite_year")
    rows = 0
    for year in complete_years(con):
        frame = composite_year(con, year)
        con.register("frame_in", frame)
        try:
            con.execute("insert into air_composite_year by name select * from frame_in")
        finally:
            con.unregister("frame_in")
        rows += len(frame)
    return {"air_composite_year": rows}


def leaderboard(con: duckdb.DuckDBPyConnection, from_year: int, to_year: int) -> pd.DataFrame:
    """Composite-index ranking per city-year from air_composite_year (see sql/composite_leaderboard.sql)."""
    sql = (SQL_DIR / "composite_leaderboard.sql").read_text(encoding="utf-8")
    return con.execute(sql, {"from_year": from_year, "to_year": to_year}).df()
