"""Standings of cities for the briefing's ranked tables; the one place that ranks."""
from __future__ import annotations

import pandas as pd


def rank_cities(frame: pd.DataFrame, value: str, higher_is_better: bool) -> pd.DataFrame:
    """`frame` plus rank (1 = best; equal displayed values share the lower rank: 1, 1, 3) and is_tie.

    Values are compared as displayed (already rounded by the caller), the rule of
    queries/closure_rate_by_city.sql; cities without a value get no rank.
    """
    out = frame.copy()
    ranks = out[value].rank(method="min", ascending=not higher_is_better)
    out["rank"] = ranks.astype("Int64")
    counts = out[value].map(out[value].value_counts())
    out["is_tie"] = (counts > 1) & out[value].notna()
    return out.sort_values(["rank", "city_code"], na_position="last").reset_index(drop=True)
