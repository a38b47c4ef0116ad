"""Water by section level (国控 / 省控): 赣州's published split comes out of the demo through the queries."""
from __future__ import annotations

import datetime as dt

import pytest

from envboard.domain.metrics import metrics_for, water_levels
from envboard.core.queries import run


def test_ganzhou_national_100_and_provincial_97_3(demo_con):
    # seed report (赣州, 2022): 国控断面 优良比例 100 %, 省控断面 97.3 %
    got = metrics_for(demo_con, "赣州市", "2022-12")
    assert got["water_good_pct_national"] == 100.0 and got["water_good_pct_provincial"] == 97.3
    assert (got["sections_good_national"], got["sections_assessed_national"]) == (8, 8)
    assert (got["sections_good_provincial"], got["sections_assessed_provincial"]) == (36, 37)
    # the pooled share stays, with its own denominator: 44 of 45
    assert (got["sections_good"], got["sections_assessed"], got["water_good_pct"]) == (44, 45, 97.8)


def test_levels_add_up_to_the_pooled_figure_in_every_scope(demo_con):
    for scope in ("360000", "360700", "000000", "360000,420000"):
        frame = run(demo_con, "water_by_level", scope_code=scope, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
        pooled = metrics_for(demo_con, scope, "2022-12")
        assert int(frame["sections"].sum()) == pooled["sections_assessed"], scope
        assert int(frame["good_sections"].sum()) == pooled["sections_good"], scope
        assert list(frame["control_level"]) == ["national", "provincial"]


def test_scope_without_water_has_empty_levels(demo_con):
    levels = water_levels(demo_con, "110000", dt.date(2022, 12, 31))
    assert levels["water_by_level"] == {} and levels["water_good_pct_national"] is None


def test_rankings_by_section_level(demo_con):
    from envboard.domain.rank import parse_period
    from envboard.domain.rank_values import leaderboard

    board = leaderboard(demo_con, "water_good_share_provincial", "360000", parse_period("2022"))
    ganzhou = board.ranked.set_index("region_name").loc["赣州市"]
    assert ganzhou.value == pytest.approx(36 * 100 / 37) and (ganzhou.numerator, ganzhou.denominator) == (36, 37)
    national = leaderboard(demo_con, "water_good_share_national", "360000", parse_period("2022"))
    row = national.ranked.set_index("region_name").loc["赣州市"]
    assert (row.value, row.numerator, row.denominator, row["rank"]) == (100.0, 8, 8, 1)


def test_briefing_sentence_gives_both_levels(demo_con):
    from envboard.briefing.build import build_edition

    ed = build_edition(demo_con, "赣州市", dt.date(2022, 12, 31))
    body = " ".join(s["body"] for s in ed["sections"])
    assert "其中国控断面100.0%（8/8个）、省控断面97.3%（36/37个）" in body
