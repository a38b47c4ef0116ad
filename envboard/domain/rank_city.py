"""一市一档: a city's figures across every registry metric, with its rank among its province's cities."""
from __future__ import annotations

import pandas as pd

from envboard.domain.rank import Period, parse_period
from envboard.domain.rank_values import leaderboard


def peer_scope(con, city_code: str) -> str:
    """The scope a city is ranked in: its province (a municipality: the national city list)."""
    rows = con.execute("select province_code, is_municipality from regions where code = ?", [city_code]).fetchall()
    if not rows:
        return "000000"
    province, is_municipality = rows[0]
    return "000000" if is_municipality else province


def standing(board, city_code: str) -> dict:
    """The city's row in a leaderboard: value, numerator, denominator, rank, peers ranked, tie, reason."""
    row = board.ranked[board.ranked["region_code"] == city_code]
    out = {"metric": board.metric.key, "peers": len(board.ranked), "reason": None}
    if len(row):
        r = row.iloc[0]
        return out | {k: r[k] for k in ("value", "numerator", "denominator", "rank", "tie", "change", "rank_change", "change_pct")}
    why = board.excluded.loc[board.excluded["region_code"] == city_code, "reason"]
    return out | {"value": None, "numerator": None, "denominator": None, "rank": None, "tie": False,
                  "change": None, "rank_change": None, "change_pct": None, "reason": why.iloc[0] if len(why) else "rank.reason.no_tasks"}


def recent_months(period: Period, months: int = 12) -> list[Period]:
    """The `months` calendar months ending with the period's last month, oldest first."""
    y, m = period.end.year, period.end.month
    out = []
    for _ in range(months):
        out.append(parse_period(f"{y}-{m:02d}"))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out[::-1]


def history(con, city_code: str, key: str, period: Period, months: int = 12) -> pd.DataFrame:
    """month (first day), value, rank, peers for the city over recent months (month periods)."""
    scope = peer_scope(con, city_code)
    rows = []
    for p in recent_months(period, months):
        s = standing(leaderboard(con, key, scope, p, "value", "prev"), city_code)
        rows.append({"month": p.start, "value": s["value"], "rank": s["rank"], "peers": s["peers"]})
    return pd.DataFrame(rows)
