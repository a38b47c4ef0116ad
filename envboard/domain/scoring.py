"""综合考评: a weighted mean of metrics scored 0–100 against fixed anchors (or, on request, min–max
within the peers); weights and anchors from the versioned scoring_weights.toml."""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from envboard.core.errors import UsageError
from envboard.domain.metrics import round_half_even
from envboard.domain.rank import Period, metric, rank_values, split_sufficient
from envboard.domain.values import base_values, units

WEIGHTS_TOML = Path(__file__).with_name("scoring_weights.toml")


@dataclass(frozen=True)
class Weights:
    version: str
    normalisation: str
    weights: dict[str, float]     # metric key → weight (≥ 0)
    groups: dict[str, str]        # metric key → rectification | petitions | environment
    anchors: dict[str, tuple[float, float]] | None = None   # metric key → (worst, best) for "anchors"
    anchor_sources: dict[str, str] | None = None           # metric key → where the anchors come from


@functools.cache
def default_weights() -> Weights:
    """The shipped weights (envboard/domain/scoring_weights.toml)."""
    doc = tomllib.loads(WEIGHTS_TOML.read_text(encoding="utf-8"))
    comps = doc["component"]
    anchors = {c["metric"]: (float(c["worst"]), float(c["best"])) for c in comps if "worst" in c and "best" in c}
    if doc["normalisation"] == "anchors" and set(anchors) != {c["metric"] for c in comps}:
        raise ValueError("scoring_weights.toml: every component needs worst and best anchors")
    return Weights(str(doc["version"]), doc["normalisation"], {c["metric"]: float(c["weight"]) for c in comps},
                   {c["metric"]: c["group"] for c in comps}, anchors,
                   {c["metric"]: c.get("anchor_source", "") for c in comps})


def with_weights(base: Weights, weights: dict[str, float]) -> Weights:
    """`base` with some weights changed (version marked as edited); UsageError for bad weights."""
    merged = {**base.weights, **{k: float(v) for k, v in weights.items()}}
    if set(merged) != set(base.weights) or any(w < 0 for w in merged.values()) or sum(merged.values()) <= 0:
        raise UsageError("权重须为非负数且合计大于 0 / weights must be non-negative with a positive sum")
    edited = merged != base.weights
    return Weights(base.version + ("+edited" if edited else ""), base.normalisation, merged, base.groups,
                   base.anchors, base.anchor_sources)


def normalise(values: pd.Series, higher_is_better: bool) -> pd.Series:
    """Min–max normalisation to 0–100 with the best value at 100; all equal → 100."""
    low, high = values.min(), values.max()
    if high == low:
        return pd.Series(100.0, index=values.index)
    scaled = (values - low) / (high - low) * 100
    return scaled if higher_is_better else 100 - scaled


def anchored(values: pd.Series, worst: float, best: float) -> pd.Series:
    """Points 0–100 against fixed anchors: worst → 0, best → 100, linear between, clipped outside."""
    return ((values - worst) / (best - worst) * 100).clip(0, 100).astype("float64")


def breakdown(con, scope_code: str, period: Period, weights: Weights | None = None) -> pd.DataFrame:
    """Long frame: region_code, metric, group, value, normalised (0–100), weight, contribution (points).

    Contributions are rounded to 2 decimals; a region's score is their sum.
    """
    weights = weights or default_weights()
    total = sum(weights.weights.values())
    parts = []
    for key, weight in weights.weights.items():
        m = metric(key)
        ok, _ = split_sufficient(base_values(con, key, scope_code, period), m)
        if weights.normalisation == "anchors":
            norm = anchored(ok["value"], *weights.anchors[key])
        else:
            norm = normalise(ok["value"], m.higher_is_better)
        contrib = (norm * weight / total).map(lambda v: round_half_even(v, 2))
        parts.append(pd.DataFrame({"region_code": ok["region_code"], "metric": key, "group": weights.groups[key],
                                   "value": ok["value"], "normalised": norm, "weight": weight, "contribution": contrib}))
    return pd.concat(parts, ignore_index=True)


def score_values(con, scope_code: str, period: Period, weights: Weights | None = None) -> pd.DataFrame:
    """region_code, value (the integrated score, 0–100, sum of contributions), numerator (NaN), denominator
    (components the region has), reason (incomplete)."""
    weights = weights or default_weights()
    parts = breakdown(con, scope_code, period, weights)
    per = parts.groupby("region_code").agg(score=("contribution", "sum"), components=("metric", "count")).reset_index()
    complete = per["components"] == len(weights.weights)
    per["value"] = per["score"].where(complete).map(lambda v: round_half_even(v, 2) if pd.notna(v) else float("nan"))
    per["reason"] = complete.map(lambda ok: None if ok else "rank.reason.score_incomplete")
    return per.assign(numerator=float("nan"), denominator=per["components"])[
        ["region_code", "value", "numerator", "denominator", "reason"]]


def score_table(con, scope_code: str, period: Period, weights: Weights | None = None) -> pd.DataFrame:
    """Wide frame, best first: rank, tie, region_code, region_name, one column of points per metric, value (the score)."""
    weights = weights or default_weights()
    wide = breakdown(con, scope_code, period, weights).pivot(index="region_code", columns="metric", values="contribution")
    wide = wide.dropna().reset_index()
    wide["value"] = wide[list(weights.weights)].sum(axis=1).map(lambda v: round_half_even(v, 2))
    wide = units(con, scope_code)[["region_code", "region_name"]].merge(wide, on="region_code")
    return rank_values(wide, "value", True, 2)
