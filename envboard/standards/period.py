"""Period air statistics per city (month, 1—X月累计, year, custom range) via one SQL statement."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pandas as pd

from envboard.standards.install import ensure_installed
from envboard.standards.reference import to_date

PERIOD_SQL = Path(__file__).resolve().parent / "sql" / "period_stats.sql"


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


def period_stats(con: duckdb.DuckDBPyConnection, start: dt.date | str, end: dt.date | str,
                 city_codes: Sequence[str] | None = None,
                 exclude_dust: bool = True) -> pd.DataFrame:
    """Per-city period statistics (μg/m³, CO mg/m³, shares 0–1); see sql/period_stats.sql."""
    start_on, end_on = to_date(start), period_end(end)
    if end_on < start_on:
        raise ValueError(f"period ends ({end_on}) before it starts ({start_on})")
    if isinstance(city_codes, str):
        city_codes = [city_codes]
    ensure_installed(con)
    params = {
        "start": start_on, "end": end_on, "exclude_dust": bool(exclude_dust),
        "city_codes": None if city_codes is None else [str(c) for c in city_codes],
    }
    # temp objects are per connection: run on `con` itself, not on a cursor
    return con.execute(PERIOD_SQL.read_text(encoding="utf-8"), params).df()
