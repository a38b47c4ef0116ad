"""The briefing's ranked tables: standing of every peer city this month and a year earlier."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from decimal import Decimal

import duckdb
import pandas as pd

from envboard import catalog
from envboard.briefing import figures
from envboard.briefing.ranking import rank_cities
from envboard.core.formatting import format_cell, format_change, round_half_even  # noqa: F401 (format_*: re-exported)
from envboard.core.queries import run
from envboard.domain.metrics import same_day_last_year


@dataclass(frozen=True)
class TableSpec:
    key: str                 # briefing.table.<key> is its title, briefing.unit.<key> its unit
    collect: object          # figures.city_<key>
    higher_is_better: bool
    fmt: str                 # pct1 | int | idx2
    places: int              # decimals of the displayed value and its change (ranks compare these)


def _spec(m: catalog.Metric) -> TableSpec:
    collect = getattr(figures, f"city_{m.key}", None) or functools.partial(figures.city_metric, m.key)
    return TableSpec(m.key, collect, m.higher_is_better, "idx2" if m.unit == "index" else m.fmt, m.places)


# The briefing's ranked tables, in document order: the catalogue's metrics on the "briefing" surface.
TABLES: list[TableSpec] = [_spec(m) for m in catalog.on("briefing")]
SPECS = {s.key: s for s in TABLES}
ROW_KEYS = ["rank", "is_tie", "city_code", "city_name", "value", "numerator", "denominator",
            "rank_last_year", "value_last_year", "change", "reason"]


def _change(now, then, places: int):
    if now is None or then is None or now != now or then != then:
        return None
    return round_half_even(Decimal(str(now)) - Decimal(str(then)), places) if places else int(now) - int(then)


def _plain(value):
    """JSON-safe cell: NaN/NA → None, numpy scalars → Python."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def ranked_table(con: duckdb.DuckDBPyConnection, spec: TableSpec, peers: str, as_of: dt.date,
                 at_risk_days: int) -> list[dict]:
    """One ranked table as records (ROW_KEYS), best first, with last year's standing and the change."""
    now = rank_cities(spec.collect(con, peers, as_of, at_risk_days=at_risk_days), "value", spec.higher_is_better, spec.places)
    then = rank_cities(spec.collect(con, peers, same_day_last_year(as_of), at_risk_days=at_risk_days),
                       "value", spec.higher_is_better, spec.places)
    then = then[["city_code", "rank", "value"]].rename(columns={"rank": "rank_last_year", "value": "value_last_year"})
    merged = now.merge(then, on="city_code", how="left")
    merged["change"] = [_change(a, b, spec.places) for a, b in zip(merged["value"], merged["value_last_year"])]
    merged["reason"] = [None if v == v and v is not None else _exclusion(spec) for v in merged["value"]]
    rows = [{k: _plain(row[k]) for k in ROW_KEYS} for row in merged.to_dict("records")]
    # every peer city appears: one without a value is listed last, unranked, with the leaderboard's reason
    shown = {r["city_code"] for r in rows}
    rows += [{**dict.fromkeys(ROW_KEYS), "is_tie": False, "city_code": c.city_code, "city_name": c.city_name,
              "reason": _exclusion(spec)}
             for c in run(con, "scope_cities", scope_code=peers).itertuples() if c.city_code not in shown]
    return rows


def _exclusion(spec: TableSpec) -> str:
    """The string key saying why a city has no rank in this table (the catalogue's, as on the leaderboard)."""
    return catalog.METRICS[spec.key].exclusion


def build_tables(con: duckdb.DuckDBPyConnection, peers: str, as_of: dt.date, at_risk_days: int) -> dict[str, list[dict]]:
    """Every ranked table of the briefing, keyed by TableSpec.key."""
    return {spec.key: ranked_table(con, spec, peers, as_of, at_risk_days) for spec in TABLES}


def row_of(rows: list[dict], city_code: str) -> dict | None:
    return next((r for r in rows if r["city_code"] == city_code), None)
