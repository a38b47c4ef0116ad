"""Monthly briefing (envboard/briefing): figures, ranked tables and the 通报 text agree with metrics."""
import datetime as dt
import json

import pytest

from envboard.cli.main import main
from envboard.briefing import build, text
from envboard.briefing.ranking import rank_cities
from envboard.briefing.tables import TABLES
from envboard.domain import rank, rank_values
from envboard.domain.metrics import summary
from envboard.core.regions import resolve_region

DEC_2022 = dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def ganzhou(demo_db_path):
    from envboard.core.db import open_reader

    con = open_reader(demo_db_path)
    yield build.build_edition(con, "360700", DEC_2022), summary(con, resolve_region(con, "360700"), DEC_2022)
    con.close()


def _section(ed, key):
    return next(s["body"] for s in ed["sections"] if s["key"] == key)


def test_text_states_ganzhou_closure_figures_from_metrics_summary(ganzhou):
    ed, s = ganzhou
    assert (s["tasks_closed"], s["tasks_under_closure"], s["closure_rate_pct"], s["closure_rate_change_pp"]) == (294, 320, 91.9, 39.3)
    body = _section(ed, "rectification")
    expected = (f"截至2022年12月底，赣州市需销号管理问题{s['tasks_under_closure']}个，已销号{s['tasks_closed']}个，"
                f"销号率{s['closure_rate_pct']}%，较上年同期提高{s['closure_rate_change_pp']}个百分点。")
    assert body.startswith(expected)
    assert "需销号管理问题320个，已销号294个，销号率91.9%，较上年同期提高39.3个百分点" in body
    assert f"全部{s['tasks_total']}个整改问题中，已完成整改{s['tasks_done']}个" in body


def test_text_matches_the_cli_metrics_json(ganzhou, capsys):
    ed, _ = ganzhou
    assert main(["metrics", "--region", "360700", "--as-of", "2022-12", "--json"]) == 0
    m = json.loads(capsys.readouterr().out)
    assert f"已办结{m['petitions_closed']}件，办结率{m['petition_resolution_rate_pct']}%" in _section(ed, "petitions")
    assert "受理督察交办信访件2133件，已办结2114件，办结率99.1%" in _section(ed, "petitions")
    env = _section(ed, "environment")
    assert f"平均浓度为{m['pm25_mean']}微克/立方米，同比下降{abs(m['pm25_yoy_pct'])}%" in env
    assert f"优良天数比例为{m['good_days_pct']}%（{m['good_days']}/{m['valid_days']}天）" in env
    sup = m["supervision"]
    assert (f"发出督办/提醒函{sup['letter']['actions']}件，通报{sup['notice']['actions']}次，"
            f"约谈{sup['interview']['actions']}次（{sup['interview']['people']}人）") in _section(ed, "supervision")
    assert "督办/提醒函47件，通报8次，约谈3次" in _section(ed, "supervision")


def test_text_names_first_last_and_most_improved_city_from_the_table(ganzhou):
    ed, _ = ganzhou
    rows = ed["tables"]["closure_rate"]
    first, last = rows[0], rows[-1]
    best = max(rows, key=lambda r: r["change"])
    body = _section(ed, "rectification")
    assert f"全省{len(rows)}个设区市中，销号率最高的是{first['city_name']}（{first['value']}%）" in body
    assert f"最低的是{last['city_name']}（{last['value']}%）" in body
    assert f"提高最多的是{best['city_name']}（提高{best['change']}个百分点）" in body
    assert (first["city_name"], best["city_name"]) == ("赣州市", "抚州市")


def test_closure_table_row_equals_the_headline_and_the_query(ganzhou, demo_con):
    ed, s = ganzhou
    gz = next(r for r in ed["tables"]["closure_rate"] if r["city_code"] == "360700")
    assert (gz["numerator"], gz["denominator"], gz["value"], gz["change"]) == (294, 320, 91.9, s["closure_rate_change_pp"])
    board = rank_values.leaderboard(demo_con, "closure_rate", "360000", rank.parse_period("2022-12")).ranked
    by_leaderboard = dict(zip(board["region_code"], board["rank"]))       # the 排行榜's closure preset
    assert {r["city_code"]: r["rank"] for r in ed["tables"]["closure_rate"]} == by_leaderboard


def test_every_ranked_table_has_denominators_and_last_year(ganzhou):
    ed, _ = ganzhou
    assert list(ed["tables"]) == [spec.key for spec in TABLES]
    for key, rows in ed["tables"].items():
        assert len(rows) == 11, key                     # the 11 cities of 江西省
        assert all(r["denominator"] for r in rows), key
        assert any(r["rank_last_year"] is not None for r in rows), key


def test_province_overdue_text_counts_the_watchlist(demo_con):
    ed = build.build_edition(demo_con, "360000", DEC_2022)
    overdue = [r for r in ed["watchlist"] if r["watch"] == "overdue"]
    assert len(overdue) == ed["figures"]["tasks_overdue"] == 553
    units = {(r["city_code"], r["responsible_unit"]) for r in overdue}     # 市生态环境局 of each city counts once
    assert len(units) > len({r["responsible_unit"] for r in overdue})
    assert f"逾期未完成整改任务553个，涉及责任单位{len(units)}个" in _section(ed, "overdue")
    assert sum(r["value"] for r in ed["tables"]["tasks_overdue"]) == 553
    at_risk = [r for r in ed["watchlist"] if r["watch"] == "at_risk"]
    assert sum(r["numerator"] for r in ed["tables"]["tasks_overdue"]) == len(at_risk) == 21
    assert f"另有{len(at_risk)}个整改任务将在30日内到期" in _section(ed, "overdue")


def test_ties_share_the_lower_rank():
    import pandas as pd

    frame = pd.DataFrame({"city_code": ["a", "b", "c", "d"], "value": [90.0, 95.04, 94.96, None]})
    ranked = rank_cities(frame, "value", higher_is_better=True, places=1)
    assert list(ranked["city_code"]) == ["b", "c", "a", "d"]
    assert list(ranked["rank"].astype("object").where(ranked["rank"].notna(), None)) == [1, 1, 3, None]
    assert list(ranked["is_tie"]) == [True, True, False, False]


@pytest.mark.parametrize("change, phrase", [(39.3, "较上年同期提高39.3个百分点"), (-2.0, "较上年同期下降2.0个百分点"),
                                            (0.0, "与上年同期持平"), (None, "")])
def test_percentage_point_phrases(change, phrase):
    assert text.pp_phrase(change) == phrase


def test_edits_replace_the_generated_section_only(ganzhou):
    ed, _ = ganzhou
    edited = {**ed, "edits": {"requirements": "请各地抓紧整改。"}}
    final = {s["key"]: s["body"] for s in build.final_sections(edited)}
    assert final["requirements"] == "请各地抓紧整改。"
    assert final["rectification"] == _section(ed, "rectification")
