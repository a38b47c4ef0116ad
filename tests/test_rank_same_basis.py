"""Changes as the agencies compute them: same basis across 2026-03-01 (同口径), relative change (%)
for concentrations and the composite index, percentage points for rates, and no change against a
base period that is not statistically valid (HJ 663)."""
from __future__ import annotations

import shutil

import pytest

from envboard.domain.rank import POLLUTANT_BOARD, REGISTRY, parse_period
from envboard.domain.rank_values import basis, leaderboard, records
from envboard.standards.composite import add_composite
from envboard.standards.period import period_stats


def _row(board, name):
    return board.ranked.set_index("region_name").loc[name]


def test_composite_change_across_the_switch_is_on_the_current_basis(demo_con):
    # 南昌 1—6月 2026 against 1—6月 2025. Under the limits of their own time both indices are 3.37
    # (持平) although PM2.5, PM10, CO and O3 all fell; on one basis (GB 3095-2026 transition limits
    # for both) the base is 3.60 and the index improved 6.4 %.
    board = leaderboard(demo_con, "composite_index", "360000", parse_period("ytd:2026-06"))
    row = _row(board, "南昌市")
    assert (row.value, row.previous_value, row.previous_value_own_basis) == (3.37, 3.60, 3.37)
    assert row.change_pct == -6.4
    assert board.previous_recomputed and board.basis == board.previous_basis
    assert board.basis == "HJ 633-2026 · GB 3095-2026 transition grade II"
    for key in ("pm25_mean", "pm10_mean", "co_p95", "o3_p90"):
        assert _row(leaderboard(demo_con, key, "360000", parse_period("ytd:2026-06")), "南昌市").change_pct < 0
    # the recomputed base is the 2025 statistics divided by the 2026 limits
    base = period_stats(demo_con, "2025-01-01", "2025-06-30", ["360100"])
    assert add_composite(base, limits="2026-transition").iloc[0].composite_index == 3.60
    assert add_composite(base).iloc[0].composite_index == 3.37


def test_same_rules_on_both_sides_need_no_recomputing(demo_con):
    board = leaderboard(demo_con, "composite_index", "360000", parse_period("2022-06"))
    assert not board.previous_recomputed and board.basis == "HJ 633-2012 · GB 3095-2012 grade II"
    assert (board.ranked["previous_value"] == board.ranked["previous_value_own_basis"]).all()


def test_good_days_base_recomputed_under_hj633_2026(demo_con):
    board = leaderboard(demo_con, "good_days_share", "360000", parse_period("2026-06"))
    assert board.previous_recomputed and board.metric.change == "absolute"
    assert basis("2025-06-30")["aqi_rules"] == "2012" and basis("2026-06-30")["aqi_rules"] == "2026"


def test_concentration_change_is_relative_and_ranked_so(demo_con):
    # 赣州 PM2.5 1—11月 2022: 20 μg/m³, −9.1 % on 22 (published: 江西省生态环境厅 2022-12-30).
    board = leaderboard(demo_con, "pm25_mean", "360000", parse_period("ytd:2022-11"), by="change")
    rows = records(board)
    ganzhou = next(r for r in rows if r["region_name"] == "赣州市")
    assert (ganzhou["value"], ganzhou["previous_value"], ganzhou["change"], ganzhou["change_pct"]) == (20, 22, -2, -9.1)
    assert ganzhou["change_kind"] == "relative"
    # ranked by % (鹰潭 −10.0 % before 赣州 −9.1 %; 萍乡 and 抚州 tie at −6.9 %), not by μg/m³
    assert [(r["rank"], r["region_name"], r["change_pct"]) for r in rows[:4]] == [
        (1, "鹰潭市", -10.0), (2, "赣州市", -9.1), (3, "萍乡市", -6.9), (3, "抚州市", -6.9)]
    assert [r["change"] for r in rows[:2]] == [-3.0, -2.0]


def test_rates_change_in_percentage_points(demo_con):
    board = leaderboard(demo_con, "closure_rate", "360000", parse_period("2022-12"), by="change")
    assert board.metric.change == "absolute" and board.ranked["change_pct"].isna().all()
    row = _row(board, "赣州市")
    assert row.change == pytest.approx(39.3)          # 91.9 % − 52.6 %: +39.3 个百分点 (published)


def test_registry_states_change_kind_for_every_air_board_metric():
    assert {k: REGISTRY[k].change for k in POLLUTANT_BOARD} == {
        "composite_index": "relative", "pm25_mean": "relative", "pm10_mean": "relative", "o3_p90": "relative",
        "so2_mean": "relative", "no2_mean": "relative", "co_p95": "relative", "heavy_pollution_days": "absolute",
        "good_days_share": "absolute"}


def test_change_against_an_invalid_base_is_withheld(demo_db_path, tmp_path):
    import duckdb

    path = tmp_path / "gap.duckdb"
    shutil.copy(demo_db_path, path)
    con = duckdb.connect(str(path))
    # 赣州 June 2021 keeps 20 daily values: fewer than the 27 a month needs (HJ 663 / GB 3095 Table 4)
    con.execute("delete from air_daily where city_code = '360700' and measured_on between '2021-06-01' and '2021-06-10'")
    board = leaderboard(con, "pm25_mean", "360000", parse_period("2022-06"))
    row = _row(board, "赣州市")
    assert row.base_invalid and row.previous_value != row.previous_value and row.change_pct != row.change_pct
    by_change = leaderboard(con, "pm25_mean", "360000", parse_period("2022-06"), by="change")
    out = by_change.excluded.set_index("region_name").loc["赣州市"]
    assert out.reason == "rank.reason.base_invalid"
    con.close()
