"""The leaderboard: peer regions ranked by a catalogue metric's value or its change (values: domain/values.py)."""
from __future__ import annotations

from dataclasses import dataclass, replace as _replace

import pandas as pd

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
from envboard.domain.values import base_values, basis, units  # noqa: F401 (units, basis: part of this module's interface)
from envboard.core.settings import pm25_decimals
from envboard.core.regions import resolve_scope as resolve

COLUMNS = ["rank", "region_code", "region_name", "value", "numerator", "denominator", "change", "rank_change", "tie"]


def raw_values(con, key: str, scope_code: str, period: Period, basis_on=None) -> pd.DataFrame:
    """region_code, region_name, value (display units: % for shares), numerator, denominator, reason
    for every peer region of the scope (NaN value when it has no data). `basis_on`: air figures under
    the rules in force on that date (同口径)."""
    if metric(key).group == "score":
        return units(con, scope_code).merge(score_values(con, scope_code, period), on="region_code", how="left")
    return base_values(con, key, scope_code, period, basis_on)


@dataclass(frozen=True)
class Leaderboard:
    metric: RankMetric
    scope_code: str
    period: Period
    by: str                 # value | change
    against: str            # yoy | prev
    ranked: pd.DataFrame    # COLUMNS (+ previous_value, previous_rank, change_pct, previous_value_own_basis), best first
    excluded: pd.DataFrame  # region_code, region_name, reason
    basis: str = ""                 # rule set of the figures (HJ 633 edition · GB 3095 limits)
    previous_basis: str = ""        # rule set the comparison period was computed under (= basis: 同口径)
    previous_recomputed: bool = False   # the comparison period was recomputed under the current rules

    @property
    def change_places(self) -> int:
        """Decimals of the change as shown and ranked: 1 for a relative change (%), else the metric's."""
        return 1 if self.metric.change == "relative" else self.metric.places


def with_precision(m: RankMetric, scope_code: str) -> RankMetric:
    """PM2.5 shown and ranked to the scope's precision setting (0 or 1 decimal; ties judged on it)."""
    if m.key == "pm25_mean" and pm25_decimals(scope_code) == 1:
        return _replace(m, places=1)             # catalog.Metric.fmt then reads ugm3_1
    return m


def relative_change(now: pd.Series, then: pd.Series, places: int) -> pd.Series:
    """(now − then) ÷ then × 100 of the displayed values, one decimal (GB/T 8170); NaN for a zero base."""
    shown_now, shown_then = _rounded(now, places), _rounded(then, places)
    pct = (shown_now - shown_then) * 100 / shown_then.where(shown_then != 0)
    return _rounded(pct, 1)


def leaderboard(con, key: str, scope_code: str, period: Period, by: str = "value", against: str = "yoy") -> Leaderboard:
    """Peer regions ranked by a metric's value (standing) or by its improvement against a comparison period.

    The comparison period is put on the basis of the current one (同口径): when the standards in force
    differ (2026-03-01), air figures of the base are recomputed under the current rules; the figure
    under its own rules is kept as previous_value_own_basis. Change is relative (%) or absolute per
    metric (RankMetric.change); a base that is not statistically valid (HJ 663) gives no change."""
    m = with_precision(metric(key), scope_code)
    before = previous(period, against)
    here = basis(period.end)
    recompute = m.standard_bound and basis(before.end)["text"] != here["text"]
    # one rule set for the whole period (a period that spans 2026-03-01 is put on the rules of its end)
    now, excluded = split_sufficient(raw_values(con, key, scope_code, period, period.end if m.standard_bound else None), m)
    raw_then = raw_values(con, key, scope_code, before, period.end if recompute else None)
    then, then_out = split_sufficient(raw_then, m)
    then = rank_values(then, "value", m.higher_is_better, m.places)[["region_code", "value", "rank"]]
    now = now.merge(then.rename(columns={"value": "previous_value", "rank": "previous_rank"}), on="region_code", how="left")
    if recompute:
        own, _ = split_sufficient(raw_values(con, key, scope_code, before), m)
        now = now.merge(own[["region_code", "value"]].rename(columns={"value": "previous_value_own_basis"}),
                        on="region_code", how="left")
    else:
        now["previous_value_own_basis"] = now["previous_value"]
    now["change"] = _rounded(now["value"], m.places) - _rounded(now["previous_value"], m.places)
    now["change_pct"] = (relative_change(now["value"], now["previous_value"], m.places) if m.change == "relative"
                         else pd.Series(float("nan"), index=now.index))
    invalid_base = set(then_out.loc[then_out["reason"] == "rank.reason.air_invalid", "region_code"]) if m.group == "air" else set()
    if by == "change":
        moved = now["change_pct"] if m.change == "relative" else now["change"]
        now = now.assign(improvement=moved if m.higher_is_better else -moved)
        lacking = now["improvement"].isna()
        reasons = now.loc[lacking, "region_code"].map(
            lambda c: "rank.reason.base_invalid" if c in invalid_base else "rank.reason.no_previous")
        excluded = pd.concat([excluded, now.loc[lacking, ["region_code", "region_name"]].assign(reason=reasons.values)])
        places = 1 if m.change == "relative" else m.places
        ranked = rank_values(now[~lacking], "improvement", True, places).drop(columns="improvement")
        ranked["rank_change"] = pd.array([pd.NA] * len(ranked), dtype="Int64")
    else:
        ranked = rank_values(now, "value", m.higher_is_better, m.places)
        ranked["rank_change"] = (ranked["previous_rank"] - ranked["rank"]).astype("Int64")
    ranked["base_invalid"] = ranked["region_code"].isin(invalid_base)
    ranked = ranked[COLUMNS + ["previous_value", "previous_rank", "change_pct", "previous_value_own_basis", "base_invalid"]]
    prev_basis = here["text"] if (recompute or not m.standard_bound) else basis(before.end)["text"]
    return Leaderboard(m, scope_code, period, by, against, ranked, excluded.reset_index(drop=True),
                       here["text"] if m.standard_bound else "", prev_basis if m.standard_bound else "", recompute)


def _rounded(values: pd.Series, places: int) -> pd.Series:
    return displayed(values, places)



def resolve_scope(con, text: str) -> str:
    """'000000' / 'national' / '全国' → the national scope; a list of provinces ('江西,湖北') → their codes
    joined by commas; else a province or city code (UsageError if unknown)."""
    return resolve(con, text, levels=("province", "city")).code


def records(board: Leaderboard) -> list[dict]:
    """The ranked rows as plain values (displayed value; None for missing): what the CLI prints."""
    m, frame = board.metric, board.ranked.reset_index(drop=True)
    shown, change = displayed(frame["value"], m.places), displayed(frame["change"], m.places)
    previous_shown = displayed(frame["previous_value"], m.places)
    own_shown = displayed(frame["previous_value_own_basis"], m.places)
    out = []
    for i, row in frame.iterrows():
        out.append({"rank": int(row["rank"]), "region_code": row["region_code"], "region_name": row["region_name"],
                    "value": _plain(shown[i]), "numerator": _int(row["numerator"]), "denominator": _int(row["denominator"]),
                    "change": _plain(change[i]), "rank_change": _int(row["rank_change"]), "tie": bool(row["tie"]),
                    # added: relative change (%), the kind ranked on, the base on both rule sets
                    "change_pct": _plain(row["change_pct"]), "change_kind": m.change,
                    "previous_value": _plain(previous_shown[i]), "previous_value_own_basis": _plain(own_shown[i]),
                    "base_invalid": bool(row["base_invalid"])})
    return out


def _plain(value) -> float | None:
    return None if pd.isna(value) else float(value)


def _int(value) -> int | None:
    return None if pd.isna(value) else int(value)
