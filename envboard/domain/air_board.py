"""MEE-style city air-quality rankings: each of the six pollutants, 重污染天数, 优良天数比例 and the
composite index, for the month and 1—X月累计 side by side, with the best and worst N (ties kept).

As in MEE's monthly 通报 of the 168 cities: ranks ascending for concentrations and the composite
index (smaller is better), descending for 优良天数比例; equal displayed values share a rank and the
next is skipped (1, 2, 2, 4); the best N run from rank 1 to the last city tied at rank ≤ N ("从第1名
至并列第19名"), the worst N are listed worst first ("并列倒数第20名"). Changes are relative (%) for
concentrations and the index, in percentage points for the share, on one basis (rank_values)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from envboard.domain.rank import POLLUTANT_BOARD, Period, displayed, parse_period, ranks
from envboard.domain.rank_values import Leaderboard, leaderboard


@dataclass(frozen=True)
class AirBoard:
    scope_code: str
    month: Period
    ytd: Period
    boards: dict[str, tuple[Leaderboard, Leaderboard]]    # metric → (当月, 1—X月累计)


def periods(as_of: dt.date | str) -> tuple[Period, Period]:
    """(the month, 1—X月累计) ending with the month of `as_of` ('2022-11' or a date)."""
    text = as_of if isinstance(as_of, str) else f"{as_of:%Y-%m}"
    return parse_period(text[:7]), parse_period(f"ytd:{text[:7]}")


def air_board(con, scope_code: str, as_of: dt.date | str, metrics: tuple[str, ...] = POLLUTANT_BOARD) -> AirBoard:
    """Every air leaderboard of a scope for the month and the year to date."""
    month, ytd = periods(as_of)
    return AirBoard(scope_code, month, ytd,
                    {key: (leaderboard(con, key, scope_code, month), leaderboard(con, key, scope_code, ytd)) for key in metrics})


def best(board: Leaderboard, n: int) -> pd.DataFrame:
    """Rows ranked 1 … n, and every row tied with the n-th (so possibly more than n)."""
    return board.ranked[board.ranked["rank"] <= n].reset_index(drop=True)


def worst(board: Leaderboard, n: int) -> pd.DataFrame:
    """The worst n, worst first, with `rank_from_bottom` (1 = worst; ties share it) and every row tied
    with the n-th from the bottom."""
    m, frame = board.metric, board.ranked.copy()
    frame["rank_from_bottom"], _ = ranks(frame["value"], not m.higher_is_better, m.places)
    frame = frame[frame["rank_from_bottom"] <= n]
    return frame.sort_values(["rank_from_bottom", "region_code"]).reset_index(drop=True)


def side_by_side(board: AirBoard, key: str) -> pd.DataFrame:
    """One row per region: month value, rank, change and year-to-date value, rank, change."""
    month, ytd = board.boards[key]
    cols = ["region_code", "region_name", "rank", "value", "change", "change_pct", "tie"]
    left = month.ranked[cols].add_prefix("month_").rename(columns={"month_region_code": "region_code",
                                                                    "month_region_name": "region_name"})
    right = ytd.ranked[cols].drop(columns="region_name").add_prefix("ytd_").rename(columns={"ytd_region_code": "region_code"})
    return left.merge(right, on="region_code", how="outer").sort_values(["month_rank", "region_code"], na_position="last")


def records(board: AirBoard, n: int) -> dict:
    """What the CLI prints: per metric and period, the best and worst n with ranks, values and changes."""
    out: dict = {"scope": board.scope_code, "month": board.month.text, "ytd": board.ytd.text, "top": n, "metrics": {}}
    for key, pair in board.boards.items():
        entry = {}
        for label, lb in zip(("month", "ytd"), pair):
            m = lb.metric
            def rows(frame, bottom=False):
                shown = displayed(frame["value"], m.places)
                return [{"rank": int(r["rank"]), "rank_from_bottom": int(r["rank_from_bottom"]) if bottom else None,
                         "region_code": r["region_code"], "region_name": r["region_name"],
                         "value": None if pd.isna(shown[i]) else float(shown[i]), "tie": bool(r["tie"]),
                         "change": None if pd.isna(r["change"]) else float(r["change"]),
                         "change_pct": None if pd.isna(r["change_pct"]) else float(r["change_pct"])}
                        for i, r in frame.iterrows()]
            entry[label] = {"basis": lb.basis, "previous_recomputed": lb.previous_recomputed, "change_kind": m.change,
                            "ranked": len(lb.ranked), "excluded": len(lb.excluded),
                            "best": rows(best(lb, n)), "worst": rows(worst(lb, n), bottom=True)}
        out["metrics"][key] = entry
    return out
