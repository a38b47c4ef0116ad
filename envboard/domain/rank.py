"""Leaderboards: the metrics on them (from the catalogue), periods, and the one place that ranks peer regions."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import pandas as pd

from envboard import catalog
from envboard.core.dates import parse_month_end
from envboard.core.errors import UsageError
from envboard.domain import metrics

NATIONAL = "000000"


RankMetric = catalog.Metric
# The leaderboard metrics, in catalogue order (envboard/catalog.py is where a metric is defined).
REGISTRY: dict[str, RankMetric] = {m.key: m for m in catalog.on("leaderboard")}


# MEE's monthly city 通报: six pollutants, 重污染天数, 优良天数比例 and the composite index
POLLUTANT_BOARD = ("composite_index", "pm25_mean", "pm10_mean", "o3_p90", "so2_mean", "no2_mean", "co_p95",
                   "heavy_pollution_days", "good_days_share")


def metric(key: str) -> RankMetric:
    """The registry entry for `key`; UsageError listing the known keys otherwise."""
    if key not in REGISTRY:
        raise UsageError(f"未知指标 / unknown metric “{key}”: {', '.join(REGISTRY)}")
    return REGISTRY[key]


# ---------------------------------------------------------------- periods

@dataclass(frozen=True)
class Period:
    kind: str           # month | ytd | year | range
    start: dt.date
    end: dt.date

    @property
    def text(self) -> str:
        """The period as the CLI and the URL write it (2022, 2022-12, ytd:2022-11, 2022-01..2022-11)."""
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "month":
            return f"{self.end:%Y-%m}"
        if self.kind == "ytd":
            return f"ytd:{self.end:%Y-%m}"
        return f"{self.start:%Y-%m}..{self.end:%Y-%m}"


_YEAR = re.compile(r"^\d{4}$")


def parse_period(text: str) -> Period:
    """'2022' | '2022-12' | 'ytd:2022-11' | '2022-01..2022-11' → Period; UsageError otherwise."""
    text = (text or "").strip()
    if _YEAR.match(text):
        year = int(text)
        return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))
    if text.startswith("ytd:"):
        end = parse_month_end(text[4:])
        return Period("ytd", dt.date(end.year, 1, 1), end)
    if ".." in text:
        first, last = text.split("..", 1)
        start, end = parse_month_end(first).replace(day=1), parse_month_end(last)
        if end < start:
            raise UsageError(f"时段结束早于开始 / period ends before it starts: “{text}”")
        return Period("range", start, end)
    try:
        end = parse_month_end(text)
    except UsageError:
        raise UsageError(f"时段格式 / period must be 2022, 2022-12, ytd:2022-11 or 2022-01..2022-11, got “{text}”") from None
    return Period("month", end.replace(day=1), end)


def _shift_months(day: dt.date, months: int, end: bool) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
    return metrics.month_end(y, m + 1) if end else dt.date(y, m + 1, 1)


def previous(period: Period, against: str) -> Period:
    """The comparison period: 'yoy' the same months a year earlier, 'prev' the period just before
    (previous month; 1—(X−1)月 for year-to-date; previous year; a range shifted by its length)."""
    if against == "yoy":
        months = -12
    elif period.kind == "ytd":
        if period.end.month == 1:
            return replace(period, start=dt.date(period.end.year - 1, 1, 1), end=dt.date(period.end.year - 1, 12, 31), kind="year")
        return replace(period, end=_shift_months(period.end, -1, True))
    else:
        months = -((period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1)
    return replace(period, start=_shift_months(period.start, months, False), end=_shift_months(period.end, months, True))


# ---------------------------------------------------------------- ranking (the one place)

def displayed(values: pd.Series, places: int) -> pd.Series:
    """Values as shown on screen (GB/T 8170 half-even rounding to `places`); NaN stays NaN."""
    return values.map(lambda v: metrics.round_half_even(v, places) if pd.notna(v) else float("nan")).astype("float64")


def ranks(values: pd.Series, higher_is_better: bool, places: int) -> tuple[pd.Series, pd.Series]:
    """(rank, tie) of each value, index kept: 1 = best, compared as displayed (`places` decimals,
    GB/T 8170), equal displayed values share the lower rank (1, 1, 3) and are ties; NaN: no rank, no tie.
    The one ranker: leaderboards, the briefing's tables and the public snapshot all rank with it."""
    shown = displayed(pd.to_numeric(values, errors="coerce"), places)
    rank = shown.rank(method="min", ascending=not higher_is_better).astype("Int64")
    tie = shown.map(shown.value_counts()).fillna(0).gt(1) & shown.notna()
    return rank, tie.astype(bool)


def rank_values(frame: pd.DataFrame, column: str, higher_is_better: bool, places: int) -> pd.DataFrame:
    """`frame` with `rank` and `tie` (see `ranks`), sorted best first; `column` must already be free of
    excluded rows."""
    out = frame.copy()
    out["rank"], out["tie"] = ranks(out[column], higher_is_better, places)
    sort_cols = ["rank", "region_code"] if "region_code" in out else ["rank"]
    return out.sort_values(sort_cols, na_position="last").reset_index(drop=True)


def split_sufficient(frame: pd.DataFrame, m: RankMetric) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows with enough data, rows listed separately with `reason`) for one metric's values."""
    den = pd.to_numeric(frame["denominator"], errors="coerce").fillna(0)
    bad = frame["value"].isna() | (den < m.min_denominator) | frame.get("reason", pd.Series(index=frame.index, dtype="object")).notna()
    excluded = frame[bad].copy()
    if "reason" not in excluded:
        excluded["reason"] = None
    excluded["reason"] = excluded["reason"].fillna(m.exclusion)
    return frame[~bad].drop(columns=["reason"], errors="ignore"), excluded[["region_code", "region_name", "reason"]]
