"""Composite index 环境空气质量综合指数 Σ w_i·C_i/S_i and Grade II attainment (达标).

Concentrations: SO2, NO2, PM10, PM2.5 period means (μg/m³); CO 95th percentile of daily means
(mg/m³); O3 90th percentile of daily max 8h means (μg/m³). Limits S_i: GB 3095 Grade II (annual for
SO2, NO2, PM10, PM2.5; 24h for CO; daily max 8h for O3) of the standard chosen by `limits` (README.md).

Rounding follows the published ranking method (城市环境空气质量排名技术规定, 环办监测〔2018〕19号,
with HJ 663): each single-pollutant index I_i = C_i / S_i is computed from the UNROUNDED period
statistic; only I_sum is rounded (2 decimals, GB/T 8170) for display, ranking and ties. The
concentrations are rounded (integers, CO 1 decimal) for display and for attainment only.
`inputs="rounded"` rounds the concentrations first, to reproduce a table computed that way.
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
INPUT_CHOICES = ("unrounded", "rounded")
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
    concentrations: Mapping[str, Fraction]          # the values indexed (as given, or rounded first)
    inputs: str = "unrounded"                       # unrounded | rounded (see module docstring)
    concentrations_display: Mapping[str, Fraction] | None = None   # GB/T 8170, as shown
    given_at_display_precision: bool = False        # every value given had display precision

    @property
    def index(self) -> float:
        """The index rounded half-even to 2 decimals (as shown)."""
        return round_fraction(self.index_exact, 2)

    @property
    def inputs_at_display_precision(self) -> bool:
        """True when every concentration given already had display precision (integers, CO 1 decimal):
        such inputs are usually published, rounded values, and the index may then be 0.01 off."""
        return self.given_at_display_precision

    def as_dict(self) -> dict:
        """JSON-ready dict: index (2 dp), sub_indices (4 dp), max_pollutant, weights, limits."""
        return {
            "index": self.index,
            "sub_indices": {p: round_fraction(v, 4) for p, v in self.sub_indices.items()},
            "max_pollutant": list(self.max_pollutant), "weights": dict(self.weights),
            "limits_standard": self.limits_standard,
            "limits": {p: float(v) for p, v in self.limits.items()},
            "concentrations": {p: float(v) for p, v in self.concentrations.items()},
            "inputs": self.inputs,
            "inputs_at_display_precision": self.inputs_at_display_precision,
            "index_exact": round_fraction(self.index_exact, 6),
            "concentrations_display": {p: float(v) for p, v in (self.concentrations_display or {}).items()},
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


def pm25_limit(on: dt.date | str | None = None) -> float:
    """The PM2.5 annual Grade II limit (μg/m³) in force on `on`: 35 under GB 3095-2012, the
    transition value of GB 3095-2026 from its start, then its final value."""
    return float(grade2_limits(on)[1]["PM2.5"])


def _exact(conc: Mapping[str, object]) -> dict[str, int]:
    """Concentrations in millionths of their unit (the precision DuckDB keeps), all six required."""
    out: dict[str, int] = {}
    for key, value in conc.items():
        name = key if key in POLLUTANTS else _ALIASES.get(key.lower())
        if name is None:
            raise ValueError(f"unknown pollutant {key!r}; expected {', '.join(POLLUTANTS)}")
        out[name] = scaled(value, name)
    missing = [p for p in POLLUTANTS if p not in out]
    if missing:
        raise ValueError(f"composite index needs all six pollutants; missing {missing}")
    return out


def _display(exact: Mapping[str, int]) -> dict[str, Fraction]:
    """GB/T 8170 display values: integers in μg/m³, CO one decimal in mg/m³."""
    return {p: Fraction(round_half_even(n, UNIT_ONE_DECIMAL if p == "CO" else UNIT_INTEGER), UNIT_INTEGER)
            for p, n in exact.items()}


def _normalise(conc: Mapping[str, object]) -> dict[str, Fraction]:
    """Display (rounded) concentrations: what attainment is judged on."""
    return _display(_exact(conc))


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
                    weights: Mapping[str, float] | None = None,
                    inputs: str = "unrounded") -> CompositeResult:
    """Composite index of the six pollutants for a period ending on `on` (see module docstring).

    inputs="unrounded" (default, the published method) indexes the values as given;
    inputs="rounded" rounds them per GB/T 8170 first (to reproduce tables computed that way)."""
    if inputs not in INPUT_CHOICES:
        raise ValueError(f"unknown inputs {inputs!r}; use one of {', '.join(INPUT_CHOICES)}")
    exact = _exact(conc)
    shown = _display(exact)
    values = shown if inputs == "rounded" else {p: Fraction(n, UNIT_INTEGER) for p, n in exact.items()}
    label, limit_values = grade2_limits(on, limits)
    used = resolve_weights(weights)
    subs = {p: Fraction(used[p]) * values[p] / limit_values[p] for p in POLLUTANTS}
    top = max(subs.values())
    return CompositeResult(
        index_exact=sum(subs.values(), Fraction(0)), sub_indices=subs,
        max_pollutant=tuple(p for p in POLLUTANTS if subs[p] == top), weights=used,
        limits_standard=label, limits=limit_values, concentrations=values,
        inputs=inputs, concentrations_display=shown,
        given_at_display_precision=all(shown[p] == Fraction(n, UNIT_INTEGER) for p, n in exact.items()),
    )


def attainment(conc: Mapping[str, object], on: dt.date | str | None = None,
               limits: str = "auto") -> dict[str, bool]:
    """Grade II attainment per pollutant and 'overall' (rounded values ≤ limits in force)."""
    values = _normalise(conc)
    _label, limit_values = grade2_limits(on, limits)
    result = {p: values[p] <= limit_values[p] for p in POLLUTANTS}
    result["overall"] = all(result.values())
    return result


# single-pollutant index columns added by add_composite
SUB_INDEX_COLUMNS = {"SO2": "i_so2", "NO2": "i_no2", "PM10": "i_pm10", "PM2.5": "i_pm25",
                     "CO": "i_co", "O3": "i_o3"}


def add_composite(stats: pd.DataFrame, limits: str = "auto",
                  weights: Mapping[str, float] | None = None, inputs: str = "unrounded",
                  on: dt.date | str | None = None) -> pd.DataFrame:
    """period_stats rows plus composite_index (2 dp), composite_index_exact, the single-pollutant
    indices i_so2 … i_o3 (unrounded), limits_standard, composite_inputs and is_attained (ranks:
    envboard/domain/rank.py, on the 2-decimal value). The limits follow each row's period end,
    or `on` when given (to put a base period on the basis of the current one, 同口径)."""
    out = stats.copy()
    indices, exact, attained, labels = [], [], [], []
    subs: dict[str, list] = {col: [] for col in SUB_INDEX_COLUMNS.values()}
    for row in out.itertuples(index=False):
        conc = {p: getattr(row, col) for col, p in STATS_COLUMNS.items()}
        day = on if on is not None else pd.Timestamp(row.period_end).date()
        if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in conc.values()):
            indices.append(float("nan"))
            exact.append(float("nan"))
            attained.append(None)
            labels.append(grade2_limits(day, limits)[0])
            for col in subs.values():
                col.append(float("nan"))
            continue
        result = composite_index(conc, day, limits, weights, inputs)
        indices.append(result.index)
        exact.append(float(result.index_exact))
        labels.append(result.limits_standard)
        for p, col in SUB_INDEX_COLUMNS.items():
            subs[col].append(float(result.sub_indices[p]))
        attained.append(attainment(conc, day, limits)["overall"])
    out["composite_index"] = pd.Series(indices, index=out.index, dtype="float64")
    out["composite_index_exact"] = pd.Series(exact, index=out.index, dtype="float64")
    for col, values in subs.items():
        out[col] = pd.Series(values, index=out.index, dtype="float64")
    out["limits_standard"] = labels
    out["composite_inputs"] = inputs
    out["is_attained"] = attained
    return out


def rounding_drift(stats: pd.DataFrame) -> pd.DataFrame:
    """What computing from the displayed concentrations would change, per period_stats row with all six
    pollutants: city_code, the concentrations as displayed (GB/T 8170), composite_index as published
    (from the unrounded statistics), composite_index_from_display (from the displayed values) and
    difference (from_display − published, 2 decimals; 0 where the two agree). Limits follow each
    row's period end, as in add_composite."""
    rows = []
    for row in stats.itertuples(index=False):
        conc = {p: getattr(row, col) for col, p in STATS_COLUMNS.items()}
        if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in conc.values()):
            continue
        day = pd.Timestamp(row.period_end).date()
        published, from_display = composite_index(conc, day), composite_index(conc, day, inputs="rounded")
        rows.append({"city_code": row.city_code,
                     **{col: float(published.concentrations_display[p]) for col, p in STATS_COLUMNS.items()},
                     "composite_index": published.index, "composite_index_from_display": from_display.index,
                     "difference": round(from_display.index - published.index, 2)})
    columns = ["city_code", *STATS_COLUMNS, "composite_index", "composite_index_from_display", "difference"]
    return pd.DataFrame(rows, columns=columns)
