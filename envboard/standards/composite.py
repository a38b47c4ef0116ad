"""Composite index 环境空气质量综合指数 Σ w_i·C_i/S_i and Grade II attainment (达标).

Concentrations: SO2, NO2, PM10, PM2.5 period means (μg/m³); CO 95th percentile of daily means
(mg/m³); O3 90th percentile of daily max 8h means (μg/m³). Rounded per GB/T 8170 (half-even;
integers, CO 1 decimal) before indexing. Limits S_i: GB 3095 Grade II (annual for SO2, NO2,
PM10, PM2.5; 24h for CO; daily max 8h for O3) of the standard chosen by `limits` (README.md).
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from envboard.standards import reference
from envboard.standards.exact import UNIT_INTEGER, UNIT_ONE_DECIMAL, round_half_even, scaled

POLLUTANTS = ("SO2", "NO2", "PM10", "PM2.5", "CO", "O3")
_AVERAGING = {"SO2": "annual", "NO2": "annual", "PM10": "annual", "PM2.5": "annual",
              "CO": "24h", "O3": "8h_daily_max"}
_ALIASES = {"so2": "SO2", "no2": "NO2", "pm10": "PM10", "pm25": "PM2.5", "pm2.5": "PM2.5",
            "co": "CO", "co_p95": "CO", "o3": "O3", "o3_8h": "O3", "o3_8h_p90": "O3"}
LIMIT_CHOICES = ("auto", "2012", "2026", "2026-transition", "2026-final")
# period_stats column → pollutant
STATS_COLUMNS = {"so2_ugm3": "SO2", "no2_ugm3": "NO2", "pm10_ugm3": "PM10",
                 "pm25_ugm3": "PM2.5", "co_p95_mgm3": "CO", "o3_8h_p90_ugm3": "O3"}


@dataclass(frozen=True)
class CompositeResult:
    """Composite index (exact and 2-decimal), sub-indices, weights and limits used."""

    index_exact: Fraction
    sub_indices: Mapping[str, Fraction]
    max_pollutant: tuple[str, ...]
    weights: Mapping[str, float]
    limits_standard: str
    limits: Mapping[str, Fraction]
    concentrations: Mapping[str, Fraction]

    @property
    def index(self) -> float:
        """The index rounded half-even to 2 decimals (as shown)."""
        return round_fraction(self.index_exact, 2)

    def as_dict(self) -> dict:
        """JSON-ready dict: index (2 dp), sub_indices (4 dp), max_pollutant, weights, limits."""
        return {
            "index": self.index,
            "sub_indices": {p: round_fraction(v, 4) for p, v in self.sub_indices.items()},
            "max_pollutant": list(self.max_pollutant), "weights": dict(self.weights),
            "limits_standard": self.limits_standard,
            "limits": {p: float(v) for p, v in self.limits.items()},
            "concentrations": {p: float(v) for p, v in self.concentrations.items()},
        }


def round_fraction(value: Fraction, places: int) -> float:
    """`value` rounded half-even (GB/T 8170) to `places` decimals, as a float."""
    scaled_value = value * 10**places
    q, r = divmod(scaled_value.numerator, scaled_value.denominator)
    if 2 * r > scaled_value.denominator or (2 * r == scaled_value.denominator and q % 2):
        q += 1
    return q / 10**places


def _phase(limits: str, on: dt.date) -> tuple[str, str]:
    """(standard, grade_or_phase) of the Grade II limits to use."""
    if limits not in LIMIT_CHOICES:
        raise ValueError(f"unknown limits {limits!r}; use one of {', '.join(LIMIT_CHOICES)}")
    if limits == "2012" or (limits == "auto" and on < reference.SWITCH_ON):
        return "GB 3095-2012", "grade_II"
    if limits == "2026-final" or (limits in ("auto", "2026") and on > dt.date(2030, 12, 31)):
        return "GB 3095-2026", "grade_II"
    return "GB 3095-2026", "transition_grade_II"


def grade2_limits(on: dt.date | str | None = None, limits: str = "auto") -> tuple[str, dict]:
    """(label, {pollutant: limit}) of the Grade II limits in force on `on` or chosen by `limits`."""
    standard, phase = _phase(limits, reference.to_date(on))
    found = {
        row["pollutant"]: Fraction(row["limit"]) for row in reference.air_limits()
        if row["standard"] == standard and row["grade_or_phase"] == phase
        and row["pollutant"] in _AVERAGING and row["averaging"] == _AVERAGING[row["pollutant"]]
    }
    label = f"{standard} {phase.replace('_', ' ')}"
    return label, {p: found[p] for p in POLLUTANTS}


def _normalise(conc: Mapping[str, object]) -> dict[str, Fraction]:
    out: dict[str, Fraction] = {}
    for key, value in conc.items():
        name = key if key in POLLUTANTS else _ALIASES.get(key.lower())
        if name is None:
            raise ValueError(f"unknown pollutant {key!r}; expected {', '.join(POLLUTANTS)}")
        unit = UNIT_ONE_DECIMAL if name == "CO" else UNIT_INTEGER
        out[name] = Fraction(round_half_even(scaled(value, name), unit), UNIT_INTEGER)
    missing = [p for p in POLLUTANTS if p not in out]
    if missing:
        raise ValueError(f"composite index needs all six pollutants; missing {missing}")
    return out


def resolve_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """Weights per pollutant: `weights` over composite_weights.toml over 1."""
    merged = {p: 1.0 for p in POLLUTANTS} | reference.composite_weights_file()
    for key, value in (weights or {}).items():
        name = key if key in POLLUTANTS else _ALIASES.get(key.lower())
        if name is None or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"bad weight {key}={value!r}")
        merged[name] = float(value)
    return merged


def composite_index(conc: Mapping[str, object], on: dt.date | str | None = None,
                    limits: str = "auto",
                    weights: Mapping[str, float] | None = None) -> CompositeResult:
    """Composite index of the six pollutants for a period ending on `on` (see module docstring)."""
    values = _normalise(conc)
    label, limit_values = grade2_limits(on, limits)
    used = resolve_weights(weights)
    subs = {p: Fraction(used[p]) * values[p] / limit_values[p] for p in POLLUTANTS}
    top = max(subs.values())
    return CompositeResult(
        index_exact=sum(subs.values(), Fraction(0)), sub_indices=subs,
        max_pollutant=tuple(p for p in POLLUTANTS if subs[p] == top), weights=used,
        limits_standard=label, limits=limit_values, concentrations=values,
    )


def attainment(conc: Mapping[str, object], on: dt.date | str | None = None,
               limits: str = "auto") -> dict[str, bool]:
    """Grade II attainment per pollutant and 'overall' (rounded values ≤ limits in force)."""
    values = _normalise(conc)
    _label, limit_values = grade2_limits(on, limits)
    result = {p: values[p] <= limit_values[p] for p in POLLUTANTS}
    result["overall"] = all(result.values())
    return result


def add_composite(stats: pd.DataFrame, limits: str = "auto",
                  weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """period_stats rows plus composite_index (2 dp), is_attained and composite_rank (并列 = min)."""
    out = stats.copy()
    indices, attained = [], []
    for row in out.itertuples(index=False):
        conc = {p: getattr(row, col) for col, p in STATS_COLUMNS.items()}
        if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in conc.values()):
            indices.append(float("nan"))
            attained.append(None)
            continue
        on = pd.Timestamp(row.period_end).date()
        indices.append(composite_index(conc, on, limits, weights).index)
        attained.append(attainment(conc, on, limits)["overall"])
    out["composite_index"] = indices
    out["is_attained"] = attained
    out["composite_rank"] = out["composite_index"].rank(method="min").astype("Int64")
    return out
