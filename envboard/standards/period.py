"""Period air statistics per city (month, 1—X月累计, year, custom range) via one SQL statement."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
import hashlib
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from envboard.core.memo import memoised
from envboard.standards.install import ensure_installed
from envboard.standards.reference import to_date

SQL_DIR = Path(__file__).resolve().parent / "sql"
PERIOD_SQL = SQL_DIR / "period_stats.sql"
# the columns of air_daily_aqi that period_stats reads; stored per city-day in air_day_stats
AIR_DAY_COLUMNS = ("city_code", "measured_on", "is_dust", "pm25_ugm3", "pm10_ugm3", "so2_ugm3", "no2_ugm3",
                   "co_mgm3", "o3_8h_ugm3", "aqi", "is_published")
_SOURCE = "from air_daily_aqi as a"


@functools.cache
def aqi_rules_hash() -> str:
    """A hash of the AQI SQL that air_day_stats was computed with (another hash: not current)."""
    return hashlib.sha256((SQL_DIR / "air_daily_aqi.sql").read_bytes()).hexdigest()[:16]


@functools.cache
def _period_sql(source: str) -> str:
    sql = PERIOD_SQL.read_text(encoding="utf-8")
    assert sql.count(_SOURCE) == 1
    return sql.replace(_SOURCE, f"from {source} as a")


def air_days_source(con: duckdb.DuckDBPyConnection) -> str:
    """air_day_stats when it holds the current daily AQI of every air_daily row, else air_daily_aqi.

    The stored table is refreshed inside every write that changes air_daily (envboard.domain.preagg); the
    row count and the AQI rules hash guard against a file written some other way."""
    found = con.execute("select count(*) from duckdb_tables() where database_name = current_database() "
                        "and table_name in ('air_day_stats', 'meta')").fetchall()[0][0]
    if found < 2:                        # a database without migration 041
        return "air_daily_aqi"
    current = con.execute(
        "select (select count(*) from air_daily) = (select count(*) from air_day_stats) "
        "and (select value from meta where key = 'air_day_stats_rules') is not distinct from $rules",
        {"rules": aqi_rules_hash()}).fetchall()[0][0]
    return "air_day_stats" if current else "air_daily_aqi"


def month_period(year: int, month: int) -> tuple[dt.date, dt.date]:
    """(first day, last day) of a calendar month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_to_date_period(year: int, month: int) -> tuple[dt.date, dt.date]:
    """(1 January, last day of `month`): the 1—X月累计 period."""
    return dt.date(year, 1, 1), month_period(year, month)[1]


def year_period(year: int) -> tuple[dt.date, dt.date]:
    """(1 January, 31 December) of `year`."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def period_end(end: dt.date | str) -> dt.date:
    """Last day meant by `end`: '2024-06' → 2024-06-30, '2024' → 2024-12-31, dates as given."""
    if isinstance(end, str) and len(end.strip()) == 7:
        first = to_date(end)
        return month_period(first.year, first.month)[1]
    if isinstance(end, str) and len(end.strip()) == 4:
        return dt.date(int(end), 12, 31)
    return to_date(end)


@memoised
def period_stats(con: duckdb.DuckDBPyConnection, start: dt.date | str, end: dt.date | str,
                 city_codes: Sequence[str] | None = None,
                 exclude_dust: bool = True, rules: str | None = None) -> pd.DataFrame:
    """Per-city period statistics (μg/m³, CO mg/m³, shares 0–1); see sql/period_stats.sql.
    `rules` ('2012' | '2026') computes every day's AQI under one HJ 633 rule set (同口径 base)."""
    start_on, end_on = to_date(start), period_end(end)
    if end_on < start_on:
        raise ValueError(f"period ends ({end_on}) before it starts ({start_on})")
    if rules is not None and rules not in ("2012", "2026"):
        raise ValueError(f"unknown rules {rules!r}; use 2012 or 2026")
    if isinstance(city_codes, str):
        city_codes = [city_codes]
    source = air_days_source(con) if rules is None else f"air_daily_aqi_rules('{rules}')"   # rules checked above
    if source != "air_day_stats":
        ensure_installed(con)
    params = {
        "start": start_on, "end": end_on, "exclude_dust": bool(exclude_dust),
        "city_codes": None if city_codes is None else [str(c) for c in city_codes],
    }
    # temp objects are per connection: run on `con` itself, not on a cursor
    return con.execute(_period_sql(source), params).df()
