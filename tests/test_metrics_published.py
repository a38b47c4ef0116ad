"""The published figures, reproduced by the same queries the pages use (sources in docs/DATA.md)."""
import datetime as dt
import json

import pytest

from envboard.domain import metrics, rank, rank_values
from envboard.cli.main import main
from envboard.core.queries import run
from envboard.core.regions import resolve_region


def summary(con, region, month):
    return metrics.summary(con, resolve_region(con, region), metrics.parse_month_end(month))


def test_ganzhou_2022_closure_rate_is_294_of_320(demo_con):
    s = summary(demo_con, "赣州市", "2022-12")
    assert (s["tasks_total"], s["tasks_under_closure"], s["tasks_closed"]) == (361, 320, 294)
    assert s["closure_rate_pct"] == metrics.pct(294, 320) == 91.9


def test_ganzhou_2022_petitions_2114_of_2133(demo_con):
    s = summary(demo_con, "赣州", "2022-12")
    assert (s["petitions_received"], s["petitions_closed"]) == (2133, 2114)
    assert s["petition_resolution_rate_pct"] == 99.1


def test_ganzhou_rates_rose_39_3_and_13_5_points_against_2021(demo_con):
    s = summary(demo_con, "360700", "2022-12")
    before = summary(demo_con, "360700", "2021-12")
    assert s["closure_rate_change_pp"] == 39.3
    assert s["petition_resolution_rate_change_pp"] == 13.5
    assert s["closure_rate_change_pp"] == metrics.round_half_even(s["closure_rate_pct"] - before["closure_rate_pct"], 1)


def test_ganzhou_2022_supervision_47_letters_8_notices_3_interviews(demo_con):
    sup = summary(demo_con, "赣州市", "2022-12")["supervision"]
    assert (sup["letter"]["actions"], sup["notice"]["actions"], sup["interview"]["actions"]) == (47, 8, 3)


def test_ganzhou_pm25_jan_nov_2022_is_20_down_9_1_percent(demo_con):
    s = summary(demo_con, "赣州市", "2022-11")
    assert (s["pm25_mean"], s["pm25_mean_last_year"]) == (20, 22)
    assert s["pm25_yoy_pct"] == metrics.round_half_even((20 - 22) / 22 * 100, 1) == -9.1


def test_fuzhou_2022_302_problems_241_managed_211_done_petitions_99_4(demo_con):
    s = summary(demo_con, "抚州市", "2022-12")
    assert (s["tasks_total"], s["tasks_under_closure"], s["tasks_done"]) == (302, 241, 211)
    assert (s["petitions_received"], s["petitions_closed"], s["petition_resolution_rate_pct"]) == (1100, 1093, 99.4)


def test_tianmen_may_2022_by_round(demo_con):
    rounds = run(demo_con, "rectification_by_round", scope_code="429006", as_of=dt.date(2022, 5, 31))
    got = {r.round_label: (r.tasks_total, r.tasks_done, r.tasks_in_progress) for r in rounds.itertuples()}
    assert got == {"round1": (33, 33, 0), "review": (18, 14, 4), "round2": (20, 0, 20)}


def test_anyang_2022_38_tasks_27_done_11_on_schedule_114_petitions_closed(demo_con):
    s = summary(demo_con, "安阳市", "2022-12")
    assert (s["tasks_total"], s["tasks_done"], s["tasks_on_schedule"], s["tasks_overdue"]) == (38, 27, 11, 0)
    assert (s["petitions_received"], s["petitions_closed"]) == (114, 114)
    insp = demo_con.execute("select stationed_from, stationed_to, feedback_on from inspections "
                            "where inspection_id = 'provincial-2-410500'").fetchall()[0]
    assert insp == (dt.date(2021, 12, 29), dt.date(2022, 3, 9), dt.date(2022, 5, 20))


def test_xiangtan_june_2018_13_of_14_closed_27_interviewed_59_held_accountable(demo_con):
    s = summary(demo_con, "湘潭市", "2018-06")
    assert (s["tasks_total"], s["tasks_done"], s["tasks_closed"]) == (14, 13, 13)
    assert (s["petitions_received"], s["petitions_closed"]) == (310, 310)
    assert s["supervision"]["interview"]["people"] == 27
    assert s["supervision"]["accountability"]["people"] == 59
    assert s["supervision"]["interview"]["actions"] != 27      # people are counted apart from actions


def test_cli_metrics_json_has_the_ganzhou_figures(demo_db_path, capsys):
    assert main(["metrics", "--region", "赣州", "--as-of", "2022-12", "--json", "--db", str(demo_db_path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["region_code"] == "360700" and out["as_of"] == "2022-12"
    assert (out["tasks_closed"], out["tasks_under_closure"], out["closure_rate_pct"]) == (294, 320, 91.9)
    assert (out["petitions_closed"], out["petitions_received"], out["petition_resolution_rate_pct"]) == (2114, 2133, 99.1)
    for key in ("tasks_total", "tasks_done", "tasks_on_schedule", "tasks_overdue", "supervision",
                "pm25_mean", "pm25_yoy_pct", "good_days_pct", "water_good_pct"):
        assert key in out


@pytest.mark.parametrize("region, month, closed, managed", [("360700", "2021-12", 163, 310), ("360700", "2022-12", 294, 320)])
def test_closure_rate_ranking_matches_summary(demo_con, region, month, closed, managed):
    counts = run(demo_con, "closure_rate_by_city", scope_code="360000", as_of=metrics.parse_month_end(month))
    row = counts.set_index("city_code").loc[region]
    assert (row.tasks_closed, row.tasks_under_closure) == (closed, managed)
    # the 排行榜's closure preset ranks the same counts with the one ranker
    board = rank_values.leaderboard(demo_con, "closure_rate", "360000", rank.parse_period(month)).ranked
    ranked = board.set_index("region_code")
    assert (ranked.loc[region, "numerator"], ranked.loc[region, "denominator"]) == (closed, managed)
    shown = rank.displayed(ranked["value"], 1)
    assert ranked.loc[region, "rank"] == (shown > shown[region]).sum() + 1


def test_heavy_pollution_days_agree_on_the_overview_leaderboard_briefing_and_public_snapshot(demo_con):
    """重污染天数 (AQI > 200), 1—12月 2022, demo data: 九江 1 day of 362 valid days, last of 江西's 11
    cities; the other ten have none and share first place. One figure on every surface."""
    from envboard.briefing import build
    from envboard.publish import snapshot

    s = summary(demo_con, "360400", "2022-12")
    assert (s["heavy_days"], s["valid_days"]) == (1, 362)
    board = rank_values.leaderboard(demo_con, "heavy_pollution_days", "360000", rank.parse_period("ytd:2022-12")).ranked
    ranks = dict(zip(board["region_code"], board["rank"]))
    assert (ranks["360400"], ranks["360700"], set(board["value"])) == (11, 1, {0.0, 1.0})
    ed = build.build_edition(demo_con, "360700", dt.date(2022, 12, 31))
    briefed = {r["city_code"]: (r["value"], r["denominator"], r["rank"]) for r in ed["tables"]["heavy_pollution_days"]}
    assert briefed["360400"] == (1, 362, 11) and briefed["360700"][2] == 1
    figures = snapshot.build(demo_con, dt.date(2022, 12, 31), "360000", dt.date(2022, 12, 31))["figures"]
    ytd = figures[figures["period_kind"] == "ytd"].set_index("region_code")
    assert (ytd.loc["360400", "heavy_days"], ytd.loc["360400", "valid_days"], ytd.loc["360400", "heavy_days_rank"]) == (1, 362, 11)
    assert ytd.loc["360000", "heavy_days"] == 1                          # a province: its cities' sum
