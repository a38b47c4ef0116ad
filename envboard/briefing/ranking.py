"""Standings of cities for the briefing's ranked tables: the project's ranking engine (envboard/domain/rank.py)."""
from __future__ import annotations

import pandas as pd

from envboard.domain import rank


def rank_cities(frame: pd.DataFrame, value: str, higher_is_better: bool, places: int) -> pd.DataFrame:
    """`frame` plus rank (1 = best; equal displayed values share the lower rank: 1, 1, 3) and is_tie,
    best first; values are compared as displayed (`places` decimals), cities without a value get no rank."""
    ranked = rank.rank_values(frame.rename(columns={"city_code": "region_code"}), value, higher_is_better, places)
    return ranked.rename(columns={"region_code": "city_code", "tie": "is_tie"})
