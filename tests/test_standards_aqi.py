"""AQI (HJ 633-2012 / HJ 633-2026) against worked_examples.csv, breakpoint edges and rules."""
from __future__ import annotations

import math
from fractions import Fraction

import pytest
from test_standards_common import examples, numbers, pairs

from envboard.standards import reference
from envboard.standards.aqi import daily_aqi, hourly_aqi, iaqi

EX = examples()
C01 = numbers(EX["C01"]["inputs"])


def _primary(text: str) -> tuple[str, ...]:
    return () if text == "none" else tuple(text.split(","))


@pytest.mark.parametrize("row_id", [f"P{i:02d}" for i in range(1, 18)])
def test_published_cnemc_realtime_aqi_2017_is_reproduced(row_id):
    row = EX[row_id]
    expected = pairs(row["expected"])
    result = hourly_aqi(numbers(row["inputs"]), on="2017-07-07")
    assert result.aqi == int(expected["aqi"])
    assert result.primary == _primary(expected["primary"])
    assert result.category == expected["category"]


@pytest.mark.parametrize("row_id, on", [("C01", "2026-02-28"), ("C02", "2026-03-01")])
def test_daily_iaqis_match_worked_examples(row_id, on):
    row = EX[row_id]
    head, _, rest = row["expected"].partition(";")
    expected_iaqi = {k: int(v) for k, v in (p.split("=") for p in head.removeprefix("iaqi:").split(","))}
    expected = pairs(rest)
    result = daily_aqi(numbers(row["inputs"]), on=on)
    assert dict(result.iaqi) == expected_iaqi
    assert result.aqi == int(expected["aqi"])
    assert result.primary == _primary(expected["primary"])
    assert result.category == expected["category"]


@pytest.mark.parametrize("row_id, rules", [("C03", "2012"), ("C04", "2026"), ("C05", "2012"),
                                           ("C06", "2026")])
def test_single_iaqi_matches_worked_examples(row_id, rules):
    (column, value), = numbers(EX[row_id]["inputs"]).items()
    assert iaqi(column, value, rules) == int(pairs(EX[row_id]["expected"])["iaqi"])


@pytest.mark.parametrize("row_id", ["C07", "C08"])
def test_2026_realtime_pm25_uses_daily_breakpoints(row_id):
    expected = pairs(EX[row_id]["expected"])
    result = hourly_aqi(numbers(EX[row_id]["inputs"]), rules="2026")
    assert result.iaqi["pm25_1h"] == int(expected["iaqi"])
    assert result.category == expected["category"]


def test_2012_o3_8h_above_800_takes_o3_from_the_1h_value():   # C09
    result = daily_aqi(numbers(EX["C09"]["inputs"]), rules="2012")
    assert dict(result.iaqi) == {"o3_1h": 350}
    assert result.primary == ("O3_1h",)


def test_2026_o3_8h_above_800_is_fixed_at_300():             # C10
    assert dict(daily_aqi(numbers(EX["C10"]["inputs"]), rules="2026").iaqi) == {"o3_8h": 300}


def test_2012_realtime_so2_1h_above_800_takes_so2_from_24h():  # C11
    result = hourly_aqi(numbers(EX["C11"]["inputs"]), rules="2012")
    assert dict(result.iaqi) == {"so2_24h": 154}
    assert result.primary == ("SO2",)


def test_2026_realtime_so2_1h_above_800_is_fixed_at_200():     # C12
    assert dict(hourly_aqi(numbers(EX["C12"]["inputs"]), rules="2026").iaqi) == {"so2_1h": 200}


def test_2026_daily_ignores_o3_1h_but_2012_uses_it():           # C13
    conc = numbers(EX["C13"]["inputs"]) | {"o3_1h": 250}
    new, old = daily_aqi(conc, rules="2026"), daily_aqi(conc, rules="2012")
    assert (new.aqi, new.primary, new.category) == (92, ("O3_8h",), "良")
    assert (old.aqi, old.primary, old.category) == (125, ("O3_1h",), "轻度污染")


def test_aqi_50_has_no_primary_pollutant():                      # C14
    result = daily_aqi(numbers(EX["C14"]["inputs"]), rules="2012")
    assert (result.aqi, result.primary, result.category) == (50, (), "优")


def test_rule_set_switches_on_2026_03_01():
    assert daily_aqi(C01, on="2026-02-28").primary == ("SO2",)
    assert daily_aqi(C01, on="2026-03-01").primary == ("SO2", "PM2.5")
    assert daily_aqi(C01, on="2026-03-01", rules="2012").rules == "2012"
    assert reference.rules_for("2026-02-28") == "2012" and reference.rules_for("2026-03-01") == "2026"


def _interior(rules):
    for column, points in reference.breakpoints(rules).items():
        for index, (level, bp) in enumerate(points[:-1]):
            yield column, index, level, bp


@pytest.mark.parametrize("column, index, level, bp", list(_interior("2012")))
def test_2012_breakpoint_edges(column, index, level, bp):
    at, above = float(bp), float(bp + Fraction(1, 1000))
    assert iaqi(column, at, "2012") == level
    assert iaqi(column, above, "2012") == level + 1
    if bp > 0:
        assert iaqi(column, float(bp - Fraction(1, 1000)), "2012") == level   # ceil, not floor


@pytest.mark.parametrize("column, index, level, bp", list(_interior("2026")))
def test_2026_breakpoint_edges_after_gbt8170_rounding(column, index, level, bp):
    step = Fraction(1, 10) if column.startswith("co_") else Fraction(1)
    next_level, next_bp = reference.breakpoints("2026")[column][index + 1]
    one_step_up = level + math.ceil((next_level - level) * step / (next_bp - bp))
    assert iaqi(column, float(bp), "2026") == level
    assert iaqi(column, float(bp + step * Fraction(49, 100)), "2026") == level   # rounds down to bp
    assert iaqi(column, float(bp + step * Fraction(51, 100)), "2026") == one_step_up
    even = (bp / step) % 2 == 0                                                  # half → even
    assert iaqi(column, float(bp + step / 2), "2026") == (level if even else one_step_up)
    if bp > 0:
        assert iaqi(column, float(bp - step * Fraction(49, 100)), "2026") == level


@pytest.mark.parametrize("rules", ["2012", "2026"])
@pytest.mark.parametrize("column", ["so2_24h", "no2_24h", "co_24h", "pm10_24h", "pm25_24h",
                                    "o3_1h", "no2_1h", "co_1h"])
def test_top_of_table_is_500_and_beyond_is_flagged(rules, column):
    top = float(reference.breakpoints(rules)[column][-1][1])
    hourly = column in ("no2_1h", "co_1h") or (column == "o3_1h" and rules == "2026")
    report = hourly_aqi if hourly else daily_aqi          # 2026 daily ignores O3 1h
    at, beyond = report({column: top}, rules=rules), report({column: top + 1}, rules=rules)
    assert (at.aqi, at.beyond_table) == (500, False)
    assert (beyond.aqi, beyond.beyond_table) == (500, True)


@pytest.mark.parametrize("value, rules, expected", [
    (35.5, "2026", 50 + math.ceil(Fraction(50, 25))),          # 35.5 → 36
    (34.5, "2026", math.ceil(Fraction(34 * 50, 35))),          # 34.5 → 34 (half-even)
    (34.5, "2012", math.ceil(Fraction(345 * 50, 350))),        # 2012: not rounded
    (0.7, "2012", 1),                                          # float 0.7·50/35 must not ceil to 2
])
def test_pm25_rounding_and_exactness(value, rules, expected):
    assert iaqi("pm25_24h", value, rules) == expected


def test_2026_co_rounds_to_one_decimal_half_even():
    assert iaqi("co_24h", 2.25, "2026") == 50 + math.ceil(Fraction(50 * 2, 20))   # 2.25 → 2.2
    assert iaqi("co_24h", 2.25, "2012") == 50 + math.ceil(Fraction(50 * 25, 200))


def test_missing_pollutant_aqi_published_only_above_100():
    high, low = daily_aqi({"pm25_24h": 200}, rules="2012"), daily_aqi({"pm25_24h": 20}, rules="2012")
    assert high.missing == ("SO2", "NO2", "CO", "O3", "PM10")
    assert (high.aqi, high.is_published) == (250, True)
    assert (low.is_complete, low.is_published) == (False, False)


def test_level_colours_from_aqi_levels():
    result = daily_aqi({"pm25_24h": 251}, rules="2012")
    assert (result.level, result.level_num, result.category, result.color) == (
        "六级", 6, "严重污染", "#7E0023")


@pytest.mark.parametrize("conc, message", [
    ({"pm25_24h": -1}, "pm25_24h: negative concentration: -1"),
    ({"pm25_24h": "abc"}, "pm25_24h: not a number: 'abc'"),
    ({"co_24h": float("nan")}, "co_24h: not a finite number"),
    ({"pm2.5": 30}, "unknown pollutant key"),
    ({}, "no usable pollutant"),
])
def test_bad_input_raises_a_clear_value_error(conc, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        daily_aqi(conc, on="2025-01-01")


def test_unknown_rule_set_is_rejected():
    with pytest.raises(ValueError, match="2020"):
        daily_aqi(C01, rules="2020")
