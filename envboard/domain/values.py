"""Per-region values of a catalogue metric over a period, before ranking: the peer units of a scope
and, for each, value, numerator, denominator and the reason it has no value (scores: domain/scoring.py)."""
from __future__ import annotations

import pandas as pd

from envboard import catalog
from envboard.core.queries import run
from envboard.domain.rank import Period, metric
from envboard.standards.composite import add_composite, grade2_limits
from envboard.standards.period import period_stats
from envboard.standards.water import water_city_stats, water_level_city_stats
from envboard.standards.reference import rules_for


def units(con, scope_code: str) -> pd.DataFrame:
    """The peer regions of a scope: region_code, region_name, unit_level (queries/rank_units.sql)."""
    frame = run(con, "rank_units", scope_code=scope_code)
    return frame.rename(columns={"unit_code": "region_code", "unit_name": "region_name"})[["region_code", "region_name", "unit_level"]]


def _counts(con, m: catalog.Metric, scope_code: str, period: Period) -> pd.DataFrame:
    return run(con, m.source, scope_code=scope_code, as_of=period.end).rename(columns={"unit_code": "region_code"})


def basis(day) -> dict:
    """The rule set in force on `day`: HJ 633 edition for the AQI, GB 3095 Grade II limits for the index."""
    rules = rules_for(day)
    return {"aqi_rules": rules, "limits": grade2_limits(day)[0], "text": f"HJ 633-{rules} · {grade2_limits(day)[0]}"}


def _air(con, codes: list[str], period: Period, basis_on=None) -> pd.DataFrame:
    """Air statistics of a period; with `basis_on`, every day's AQI and the index limits follow the
    rules in force on that date instead of each day's own (a base period on the current basis, 同口径)."""
    rules = basis(basis_on)["aqi_rules"] if basis_on is not None else None
    stats = period_stats(con, period.start, period.end, codes, rules=rules)
    if stats.empty:
        return stats.assign(region_code=[])
    stats = add_composite(stats, on=basis_on)
    stats["pm25_mean"], stats["good_days_share"] = stats["pm25_ugm3"], stats["good_days_share"] * 100
    stats["reason"] = stats["is_valid"].map(lambda ok: None if ok else "rank.reason.air_invalid")
    return stats.rename(columns={"city_code": "region_code"})


def _water(con, codes: list[str], period: Period) -> pd.DataFrame:
    stats = water_city_stats(con, period.start, period.end, codes)
    stats["water_good_share"], stats["inferior_share"] = stats["good_share"] * 100, stats["inferior_share"] * 100
    # 国控 / 省控, each with its own sections as denominator
    stats = stats.merge(water_level_city_stats(con, period.start, period.end, codes), on="city_code", how="left")
    return stats.rename(columns={"city_code": "region_code"})


def base_values(con, key: str, scope_code: str, period: Period, basis_on=None) -> pd.DataFrame:
    """region_code, region_name, value (display units: % for shares), numerator, denominator, reason
    for every peer region of the scope (NaN value when it has no data); any metric but a score.
    `basis_on`: air figures under the rules in force on that date (同口径)."""
    m, peers = metric(key), units(con, scope_code)
    codes = list(peers.loc[peers["unit_level"] != "county", "region_code"])
    if m.group in ("rect", "pet"):
        src = _counts(con, m, scope_code, period)
    elif not codes:
        src = pd.DataFrame({"region_code": pd.Series(dtype="str")})
    else:
        src = _air(con, codes, period, basis_on) if m.group == "air" else _water(con, codes, period)
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
