"""Water section class (C18–C24), CWQI (C25–C30) and the period SQL per section and city."""
from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from test_standards_common import examples, fresh_db, pairs

from envboard.standards.water import (
    canonical_indicator, cwqi, cwqi_indicator, indicator_class, section_class,
    water_city_stats, water_section_stats,
)

EX = examples()


def _values(row_id):
    return {k: float(v) for k, v in pairs(EX[row_id]["inputs"]).items()}


@pytest.mark.parametrize("row_id, body", [("C18", "river"), ("C19", "lake"), ("C20", "river"),
                                          ("C21", "river"), ("C22", "river"), ("C23", "river"),
                                          ("C24", "river")])
def test_section_class_matches_worked_examples(row_id, body):
    expected = pairs(EX[row_id]["expected"])
    result = section_class(_values(row_id), body)
    assert result.class_label == expected["class"]
    if "limiting" in expected:
        assert result.limiting == (expected["limiting"].removesuffix("(lake)"),)


def test_c18_per_indicator_classes():
    note = EX["C18"]["notes"].removeprefix("per-indicator: ")
    expected = {k: ["I", "II", "III"].index(v) + 1 for k, v in (p.split(":") for p in note.split(","))}
    assert dict(section_class(_values("C18")).indicator_classes) == expected


@pytest.mark.parametrize("code, value, expected", [
    ("DO", 5.0, 3), ("DO", 4.999, 4), ("DO", 7.5, 1), ("DO", 1.999, 6),
    ("NH3_N", 1.0, 3), ("NH3_N", 1.0001, 4), ("NH3_N", 2.0, 5), ("NH3_N", 2.0001, 6),
    ("pH", 6.0, 1), ("pH", 9.0, 1), ("pH", 5.99, 6), ("COD", 15, 1), ("Hg", 0.00005, 1),
    ("Hg", 0.00006, 3), ("TP", 0.3, 4),
])
def test_indicator_limits_are_inclusive(code, value, expected):
    assert indicator_class(code, value) == expected


def test_lake_tp_uses_lake_row_and_excluded_indicators_are_ignored():
    assert indicator_class("TP", 0.05, "lake") == 3 and indicator_class("TP", 0.05) == 2
    assert section_class({"TN": 5, "FC": 99999, "WT": 30, "DO": 8}).class_label == "I"


def test_aliases():
    assert canonical_indicator("CODMn") == "COD_Mn"
    assert canonical_indicator("NH3N") == "NH3_N" and canonical_indicator("NH3-N") == "NH3_N"
    assert canonical_indicator("cod_mn") == "COD_Mn"


@pytest.mark.parametrize("row_id", ["C25", "C26", "C27", "C28", "C29", "C30"])
def test_cwqi_single_indicator_matches_worked_examples(row_id):
    (code, value), = _values(row_id).items()
    expected = Fraction(pairs(EX[row_id]["expected"])["cwqi_i"])
    assert cwqi_indicator(code, value) == expected


def test_cwqi_sum_and_lake_tp():
    assert cwqi_indicator("TP", 0.05, "lake") == 1
    assert cwqi({"DO": 8, "pH": 7.5, "TN": 9}) == Fraction(5, 8) + Fraction(1, 4)


@pytest.mark.parametrize("call, message", [
    (lambda: section_class({"XYZ": 1}), "unknown water indicator 'XYZ'"),
    (lambda: section_class({"DO": -1}), "DO: negative value"),
    (lambda: section_class({"DO": "five"}), "DO: not a number"),
    (lambda: section_class({}), "no assessed"),
    (lambda: section_class({"DO": 5}, "sea"), "unknown water body"),
    (lambda: cwqi_indicator("DO", 0), "undefined"),
])
def test_bad_water_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


@pytest.fixture()
def water_db():
    con = fresh_db()
    con.executemany("insert into water_sections values (?, ?, ?, ?, 'r', ?, 'national', ?)", [
        ("s1", "甲", "河", "river", "360700", 3), ("s2", "乙", "湖", "lake", "360700", 2),
        ("s3", "丙", "河", "river", "361000", 3)])
    rows = []
    for sid in ("s1", "s2"):
        rows += [(sid, dt.date(2024, 1, 1), k, v) for k, v in _values("C18").items()]
    rows += [("s3", dt.date(2024, m, 1), "NH3_N", v) for m, v in ((1, 2.2), (2, 2.4))]
    rows += [("s3", dt.date(2024, m, 1), "DO", 6.5) for m in (1, 2)]
    con.executemany("insert into water_monthly values (?, ?, ?, ?)", rows)
    return con


def test_section_period_class_in_sql(water_db):
    rows = water_section_stats(water_db, "2024-01", "2024-02").set_index("section_id")
    assert list(rows.class_label) == ["III", "V", "劣V"]                 # s3: mean NH3_N 2.3
    assert list(rows.limiting_indicators) == ["TP", "TP", "NH3_N"]
    assert list(rows.is_on_target) == [True, False, False]


def test_city_shares_and_cwqi_in_sql(water_db):
    cities = water_city_stats(water_db, "2024-01", "2024-02").set_index("city_code")
    ga = cities.loc["360700"]
    assert (ga.sections, ga.good_share, ga.inferior_share, ga.on_target_share) == (2, 0.5, 0, 0.5)
    river = float(cwqi(_values("C18"), "river"))
    lake = float(cwqi(_values("C18"), "lake"))
    assert ga.cwqi_river == pytest.approx(river) and ga.cwqi_lake == pytest.approx(lake)
    assert ga.cwqi == pytest.approx((river + lake) / 2)
    assert cities.loc["361000"].cwqi == pytest.approx(2.3 / 1.0 + 5 / 6.5)
    assert "cwqi_rank" not in cities                     # ranks come from the one ranker, not the standards
    assert list(cities.cwqi.dropna()) == sorted(cities.cwqi.dropna())
