"""Per-region values of a registry metric over a period (before ranking), and the leaderboard."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from envboard.core.queries import run
from envboard.domain.rank import (
    Period,
    RankMetric,
    metric,
    previous,
    rank_values,
    split_sufficient,
)

COLUMNS = ["rank", "region_code", "region_name", "value", "numerator", "denominator", "change", "rank_change", "tie"]


def units(con, scope_code: str) -> pd.DataFrame:
    """The peer regions of a scope: region_code, region_name (queries/rank_units.sql)."""
    frame = run(con, "rank_units", scope_code=scope_code)
    return frame.rename(columns={"unit_code": "region_code", "unit_name": "region_name"})[["region_code", "region_name", "unit_level"]]


def _counts(con, m: RankMetric, scope_code: str, period: Period) -> pd.DataFrame:
    name = "rank_rectification" if m.group == "rect" else "rank_petitions"
    return run(con, name, scope_code=scope_code, as_of=period.end).rename(columns={"unit_code": "region_code"})


def _air(con, codes: list[str], period: Period) -> pd.DataFrame:
    from envboard.standards.composite import add_composite
    from envboard.standards.period import period_stats

    stats = period_stats(con, period.start, period.end, codes)
    if stats.empty:
        return stats.assign(region_code=[])
    stats = add_composite(stats)
    stats["pm25_mean"], stats["good_days_share"] = stats["pm25_ugm3"], stats["good_days_share"] * 100
    stats["reason"] = stats["is_valid"].map(lambda ok: None if ok else "rank.reason.air_invalid")
    return stats.rename(columns={"city_code": "region_code"})


def _water(con, codes: list[str], period: Period) -> pd.DataFrame:
    from envboard.standards.water import water_city_stats

    stats = water_city_stats(con, period.start, period.end, codes)
    stats["water_good_share"], stats["inferior_share"] = stats["good_share"] * 100, stats["inferior_share"] * 100
    return stats.rename(columns={"city_code": "region_code"})


def raw_values(con, key: str, scope_code: str, period: Period) -> pd.DataFrame:
    """region_code, region_name, value (display units: % for shares), numerator, denominator, reason
    for every peer region of the scope (NaN value when it has no data)."""
    m, peers = metric(key), units(con, scope_code)
    if m.group == "score":
        from envboard.domain.scoring import score_values

        return peers.merge(score_values(con, scope_code, period), on="region_code", how="left")
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


def _value(frame: pd.DataFrame, m: RankMetric, num: pd.Series, den: pd.Series) -> pd.Series:
    if m.group in ("rect", "pet") and m.fmt == "pct1":
        return (num * 100 / den.where(den > 0)).astype("float64")
    if m.group in ("rect", "pet"):
        return num.astype("float64")
    return pd.to_numeric(frame.get(m.key, pd.Series(float("nan"), index=frame.index)), errors="coerce")


@dataclass(frozen=True)
class Leaderboard:
    metric: RankMetric
    scope_code: str
    period: Period
    by: str                 # value | change
    against: str            # yoy | prev
    ranked: pd.DataFrame    # COLUMNS (+ previous_value, previous_rank), best first
    excluded: pd.DataFrame  # region_code, region_name, reason


def leaderboard(con, key: str, scope_code: str, period: Period, by: str = "value", against: str = "yoy") -> Leaderboard:
    """Peer regions ranked by a metric's value (standing) or by its improvement against a comparison period."""
    m = metric(key)
    now, excluded = split_sufficient(raw_values(con, key, scope_code, period), m)
    then, _ = split_sufficient(raw_values(con, key, scope_code, previous(period, against)), m)
    then = rank_values(then, "value", m.higher_is_better, m.places)[["region_code", "value", "rank"]]
    now = now.merge(then.rename(columns={"value": "previous_value", "rank": "previous_rank"}), on="region_code", how="left")
    now["change"] = _rounded(now["value"], m.places) - _rounded(now["previous_value"], m.places)
    if by == "change":
        better = now["change"] if m.higher_is_better else -now["change"]
        now = now.assign(improvement=better)
        lacking = now["improvement"].isna()
        excluded = pd.concat([excluded, now.loc[lacking, ["region_code", "region_name"]].assign(reason="rank.reason.no_previous")])
        ranked = rank_values(now[~lacking], "improvement", True, m.places).drop(columns="improvement")
        ranked["rank_change"] = pd.array([pd.NA] * len(ranked), dtype="Int64")
    else:
        ranked = rank_values(now, "value", m.higher_is_better, m.places)
        ranked["rank_change"] = (ranked["previous_rank"] - ranked["rank"]).astype("Int64")
    ranked = ranked[COLUMNS + ["previous_value", "previous_rank"]]
    return Leaderboard(m, scope_code, period, by, against, ranked, excluded.reset_index(drop=True))


def _rounded(values: pd.Series, places: int) -> pd.Series:
    from envboard.domain.rank import displayed

    return displayed(values, places)



def resolve_scope(con, text: str) -> str:
    """'000000' / 'national' / '全国' → the national scope; else a province or city code (UsageError if unknown)."""
    from envboard.domain.rank import NATIONAL
    from envboard.core.regions import resolve_region

    if (text or "").strip().lower() in (NATIONAL, "national", "全国", "china"):
        return NATIONAL
    return resolve_region(con, text, levels=("province", "city")).code


def records(board: Leaderboard) -> list[dict]:
    """The ranked rows as plain values (displayed value; None for missing): what the CLI prints."""
    from envboard.domain.rank import displayed

    m, frame = board.metric, board.ranked
    shown, change = displayed(frame["value"], m.places), displayed(frame["change"], m.places)
    out = []
    for i, row in frame.reset_index(drop=True).iterrows():
        out.append({"rank": int(row["rank"]), "region_code": row["region_code"], "region_name": row["region_name"],
                    "value": _plain(shown[i]), "numerator": _int(row["numerator"]), "denominator": _int(row["denominator"]),
                    "change": _plain(change[i]), "rank_change": _int(row["rank_change"]), "tie": bool(row["tie"])})
    return out


def _plain(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)
