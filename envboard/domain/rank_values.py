"""The leaderboard: peer regions ranked by a catalogue metric's value or its change (values: domain/values.py)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from envboard.core.regions import resolve_region
from envboard.domain.rank import (
    NATIONAL,
    Period,
    RankMetric,
    displayed,
    metric,
    previous,
    rank_values,
    split_sufficient,
)
from envboard.domain.scoring import score_values
from envboard.domain.values import base_values, units  # noqa: F401 (units: part of this module's interface)

COLUMNS = ["rank", "region_code", "region_name", "value", "numerator", "denominator", "change", "rank_change", "tie"]


def raw_values(con, key: str, scope_code: str, period: Period) -> pd.DataFrame:
    """region_code, region_name, value (display units: % for shares), numerator, denominator, reason
    for every peer region of the scope (NaN value when it has no data)."""
    if metric(key).group == "score":
        return units(con, scope_code).merge(score_values(con, scope_code, period), on="region_code", how="left")
    return base_values(con, key, scope_code, period)


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
    return displayed(values, places)



def resolve_scope(con, text: str) -> str:
    """'000000' / 'national' / '全国' → the national scope; else a province or city code (UsageError if unknown)."""
    if (text or "").strip().lower() in (NATIONAL, "national", "全国", "china"):
        return NATIONAL
    return resolve_region(con, text, levels=("province", "city")).code


def records(board: Leaderboard) -> list[dict]:
    """The ranked rows as plain values (displayed value; None for missing): what the CLI prints."""
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
