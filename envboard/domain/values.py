"""Per-region values of a catalogue metric over a period, before ranking: the peer units of a scope
and, for each, value, numerator, denominator and the reason it has no value (scores: domain/scoring.py)."""
from __future__ import annotations

import pandas as pd

from envboard import catalog
from envboard.core.queries import run
from envboard.domain.rank import Period, metric
from envboard.standards.composite import add_composite
from envboard.standards.period import period_stats
from envboard.standards.water import water_city_stats


def units(con, scope_code: str) -> pd.DataFrame:
    """The peer regions of a scope: region_code, region_name, unit_level (queries/rank_units.sql)."""
    frame = run(con, "rank_units", scope_code=scope_code)
    return frame.rename(columns={"unit_code": "region_code", "unit_name": "region_name"})[["region_code", "region_name", "unit_level"]]


def _counts(con, m: catalog.Metric, scope_code: str, period: Period) -> pd.DataFrame:
    return run(con, m.source, scope_code=scope_code, as_of=period.end).rename(columns={"unit_code": "region_code"})


def _air(con, codes: list[str], period: Period) -> pd.DataFrame:
    stats = period_stats(con, period.start, period.end, codes)
    if stats.empty:
        return stats.assign(region_code=[])
    stats = add_composite(stats)
    stats["pm25_mean"], stats["good_days_share"] = stats["pm25_ugm3"], stats["good_days_share"] * 100
    stats["reason"] = stats["is_valid"].map(lambda ok: None if ok else "rank.reason.air_invalid")
    return stats.rename(columns={"city_code": "region_code"})


def _water(con, codes: list[str], period: Period) -> pd.DataFrame:
    stats = water_city_stats(con, period.start, period.end, codes)
    stats["water_good_share"], stats["inferior_share"] = stats["good_share"] * 100, stats["inferior_share"] * 100
    return stats.rename(columns={"city_code": "region_code"})


def base_values(con, key: str, scope_code: str, period: Period) -> pd.DataFrame:
    """region_code, region_name, value (display units: % for shares), numerator, denominator, reason
    for every peer region of the scope (NaN value when it has no data); any metric but a score."""
    m, peers = metric(key), units(con, scope_code)
    codes = list(peers.loc[peers["unit_level"] != "county", "region_code"])
    if m.group in ("rect", "pet"):
        src = _counts(con, m, scope_code, period)
    elif not codes:
        src = pd.DataFrame({"region_code": pd.Series(dtype="str")})
    else:
        src = _air(con, codes, period) if m.group == "air" else _water(con, codes, period)
    frame = peers.merge(src, on="region_code", how="left")
    den = frame.get(m.denominator, pd.Series(float("nan"), index=frame.index))
    num = frame[m.numerator] if m.numerator else pd.Series(float("nan"), index=frame.index)
    value = _value(frame, m, num, den)
    reason = frame["reason"] if "reason" in frame else pd.Series(None, index=frame.index, dtype="object")
    return pd.DataFrame({"region_code": frame["region_code"], "region_name": frame["region_name"], "value": value,
                         "numerator": num, "denominator": den, "reason": reason})


def _value(frame: pd.DataFrame, m: catalog.Metric, num: pd.Series, den: pd.Series) -> pd.Series:
    if m.group in ("rect", "pet") and m.unit == "share":
        return (num * 100 / den.where(den > 0)).astype("float64")
    if m.unit == "count":
        return num.astype("float64")
    column = m.key if m.key in frame else m.value
    return pd.to_numeric(frame.get(column, pd.Series(float("nan"), index=frame.index)), errors="coerce")
