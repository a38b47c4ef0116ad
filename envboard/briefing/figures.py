"""Per-city figures of the briefing's ranked tables, each from a named query or the standards engine.

Each `city_<metric>` returns city_code, city_name, value (as displayed: rates in % to one decimal,
counts, index to two decimals), numerator and denominator for one as-of month end.
"""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from envboard import catalog
from envboard.domain.metrics import pct, round_half_even
from envboard.domain.rank import Period
from envboard.domain.rank_values import raw_values
from envboard.core.queries import run
from envboard.standards.composite import add_composite
from envboard.standards.period import period_stats
from envboard.standards.water import water_city_stats

COLUMNS = ["city_code", "city_name", "value", "numerator", "denominator"]


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def city_closure_rate(con: duckdb.DuckDBPyConnection, peers: str, as_of: dt.date, **_) -> pd.DataFrame:
    rates = run(con, "closure_rate_by_city", scope_code=peers, as_of=as_of)
    return _frame([{"city_code": r.city_code, "city_name": r.city_name, "value": pct(r.tasks_closed, r.tasks_under_closure),
                    "numerator": int(r.tasks_closed), "denominator": int(r.tasks_under_closure)} for r in rates.itertuples()])


def city_tasks_overdue(con, peers: str, as_of: dt.date, at_risk_days: int = 30, **_) -> pd.DataFrame:
    tasks = run(con, "briefing_city_tasks", scope_code=peers, as_of=as_of, at_risk_days=at_risk_days)
    # numerator here: tasks at risk (due soon), shown beside the overdue count; denominator: all tasks
    return _frame([{"city_code": r.city_code, "city_name": r.city_name, "value": int(r.tasks_overdue),
                    "numerator": int(r.tasks_at_risk), "denominator": int(r.tasks_total)} for r in tasks.itertuples()])


def city_resolution_rate(con, peers: str, as_of: dt.date, **_) -> pd.DataFrame:
    pets = run(con, "briefing_city_petitions", scope_code=peers, as_of=as_of)
    return _frame([{"city_code": r.city_code, "city_name": r.city_name, "value": pct(r.petitions_closed, r.petitions_received),
                    "numerator": int(r.petitions_closed), "denominator": int(r.petitions_received)} for r in pets.itertuples()])


def _cities(con, peers: str) -> pd.DataFrame:
    return run(con, "scope_cities", scope_code=peers)


def _air(con, peers: str, as_of: dt.date) -> pd.DataFrame:
    """Year-to-date (1—X月累计) air statistics with the composite index, one row per peer city."""
    cities = _cities(con, peers)
    if cities.empty:
        return pd.DataFrame()
    stats = period_stats(con, dt.date(as_of.year, 1, 1), as_of, list(cities["city_code"]))
    if stats.empty:
        return stats
    return add_composite(stats).merge(cities, on="city_code")


def city_composite_index(con, peers: str, as_of: dt.date, **_) -> pd.DataFrame:
    """Composite index (2 dp; lower is better); numerator = PM2.5 μg/m³ (integer), denominator = valid days."""
    air = _air(con, peers, as_of)
    return _frame([{"city_code": r.city_code, "city_name": r.city_name,
                    "value": None if r.composite_index != r.composite_index else float(r.composite_index),
                    "numerator": round_half_even(r.pm25_ugm3, 0) if r.pm25_ugm3 == r.pm25_ugm3 else None,
                    "denominator": int(r.valid_days)} for r in air.itertuples()])


def city_good_days_share(con, peers: str, as_of: dt.date, **_) -> pd.DataFrame:
    air = _air(con, peers, as_of)
    return _frame([{"city_code": r.city_code, "city_name": r.city_name, "value": pct(r.good_days, r.valid_days),
                    "numerator": int(r.good_days), "denominator": int(r.valid_days)} for r in air.itertuples()])


def city_water_good_share(con, peers: str, as_of: dt.date, **_) -> pd.DataFrame:
    cities = _cities(con, peers)
    if cities.empty:
        return _frame([])
    water = water_city_stats(con, dt.date(as_of.year, 1, 1), as_of, list(cities["city_code"])).merge(cities, on="city_code")
    return _frame([{"city_code": r.city_code, "city_name": r.city_name, "value": pct(r.good_sections, r.sections),
                    "numerator": int(r.good_sections), "denominator": int(r.sections)} for r in water.itertuples()])


def city_metric(key: str, con, peers: str, as_of: dt.date, **_) -> pd.DataFrame:
    """Any leaderboard metric of the catalogue, year to date (1—X月累计; counts as they stood on the
    month end), from the leaderboard's own values: for a metric with no `city_<key>` above."""
    m = catalog.METRICS[key]
    values = raw_values(con, key, peers, Period("ytd", dt.date(as_of.year, 1, 1), as_of)).dropna(subset=["value"])
    return _frame([{"city_code": r.region_code, "city_name": r.region_name, "value": round_half_even(r.value, m.places),
                    "numerator": None if r.numerator != r.numerator else int(r.numerator),
                    "denominator": int(r.denominator)} for r in values.itertuples()])
