"""Composite index 综合指数 (C15, C16), limits by period, weights, rounding and attainment."""
from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest
from test_standards_common import examples, numbers, pairs

from envboard.domain import rank
from envboard.standards.composite import (
    add_composite, attainment, composite_index, grade2_limits, resolve_weights,
)

KEYS = {"so2_mean": "SO2", "no2_mean": "NO2", "pm10_mean": "PM10", "pm25_mean": "PM2.5",
        "co_p95": "CO", "o3_8h_p90": "O3"}


def _conc(row_id):
    return {KEYS[k]: v for k, v in numbers(examples()[row_id]["inputs"]).items()}


def test_c15_composite_index_2012_limits():
    result = composite_index(_conc("C15"), on="2025-12", limits="auto")
    expected = Fraction(10, 60) + Fraction(30, 40) + Fraction(60, 70) + 1 + Fraction(12, 40) + 1
    assert result.index_exact == expected
    assert f"{float(expected):.4f}" == pairs(examples()["C15"]["expected"])["I_sum"]
    assert result.index == 4.07
    assert result.limits_standard == "GB 3095-2012 grade II"


def test_c16_composite_index_2026_transition_limits():
    result = composite_index(_conc("C16"), on="2026-06", limits="auto")
    assert f"{float(result.index_exact):.4f}" == pairs(examples()["C16"]["expected"])["I_sum"]
    assert result.limits["PM2.5"] == 30 and result.limits["PM10"] == 60
    assert result.limits_standard == "GB 3095-2026 transition grade II"


def test_limits_choice_and_switch_dates():
    assert grade2_limits("2026-02-28")[1]["PM2.5"] == 35
    assert grade2_limits("2026-03-01")[1]["PM2.5"] == 30
    assert grade2_limits("2031-01-01")[1] == {"SO2": 20, "NO2": 30, "PM10": 50, "PM2.5": 25,
                                              "CO": 4, "O3": 160}
    assert grade2_limits("2024-01-01", limits="2026")[1]["PM2.5"] == 30
    assert grade2_limits("2030-01-01", limits="2012")[1]["PM2.5"] == 35
    with pytest.raises(ValueError, match="unknown limits"):
        grade2_limits("2024-01-01", limits="1996")


def test_concentrations_indexed_unrounded_and_rounded_half_even_for_display():
    conc = _conc("C15") | {"PM2.5": 34.5, "CO": 1.25}
    result = composite_index(conc, on="2025-01")
    assert result.concentrations["PM2.5"] == Fraction(69, 2) and result.inputs == "unrounded"
    assert result.concentrations_display["PM2.5"] == 34 and result.concentrations_display["CO"] == Fraction(12, 10)
    assert result.sub_indices["PM2.5"] == Fraction(69, 70)
    assert not result.inputs_at_display_precision
    legacy = composite_index(conc, on="2025-01", inputs="rounded")
    assert legacy.concentrations["PM2.5"] == 34 and legacy.sub_indices["PM2.5"] == Fraction(34, 35)
    assert composite_index(conc | {"PM2.5": 35.5}, on="2025-01").concentrations_display["PM2.5"] == 36


def test_weights_default_to_one_and_can_be_overridden():
    assert resolve_weights() == {p: 1.0 for p in ("SO2", "NO2", "PM10", "PM2.5", "CO", "O3")}
    weighted = composite_index(_conc("C15"), on="2025-12", weights={"PM2.5": 3, "NO2": 2, "O3": 2})
    plain = composite_index(_conc("C15"), on="2025-12")
    assert weighted.index_exact == plain.index_exact + 2 * 1 + 1 * Fraction(30, 40) + 1 * 1
    assert weighted.weights["PM2.5"] == 3.0


def test_attainment_per_pollutant_and_overall():
    at_limits = attainment(_conc("C15"), on="2025-12")
    assert at_limits["overall"] is True                     # PM2.5 35 = limit 35, O3 160 = 160
    after = attainment(_conc("C15"), on="2026-06")
    assert after["PM2.5"] is False and after["overall"] is False
    assert attainment(_conc("C15") | {"O3": 160.6}, on="2025-12")["O3"] is False   # 161 > 160


def test_missing_or_bad_pollutant_is_rejected():
    with pytest.raises(ValueError, match="missing"):
        composite_index({"SO2": 10}, on="2025-01")
    with pytest.raises(ValueError, match="PM10: negative"):
        composite_index(_conc("C15") | {"PM10": -3}, on="2025-01")


def test_composite_index_ties_rank_equally_through_the_one_ranker():
    base = {"so2_ugm3": 10, "no2_ugm3": 30, "pm10_ugm3": 60, "pm25_ugm3": 35,
            "co_p95_mgm3": 1.2, "o3_8h_p90_ugm3": 160, "period_end": pd.Timestamp("2025-12-31")}
    frame = pd.DataFrame([base | {"city_code": "a"}, base | {"city_code": "b", "pm25_ugm3": 20},
                          base | {"city_code": "c"}])
    out = add_composite(frame)
    assert list(out.composite_index) == [4.07, round(4.0738 - 15 / 35, 2), 4.07]
    assert "composite_rank" not in out                   # the standards compute, the one ranker ranks
    assert list(rank.ranks(out.composite_index, higher_is_better=False, places=2)[0]) == [2, 1, 2]
