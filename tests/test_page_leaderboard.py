"""排行榜 page under AppTest: zh and en, URL state, the same rows as the CLI, the score breakdown."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from envboard.cli.main import main
from tests.conftest import APP


def _page(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/leaderboard.py").run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang, title, rate_col, ganzhou", [("zh", "排行榜", "销号率", "赣州市"),
                                                            ("en", "Leaderboards", "Closure rate", "Ganzhou")])
def test_leaderboard_shows_ganzhou_first_in_jiangxi(demo_db_path, lang, title, rate_col, ganzhou):
    at = _page({"lang": lang, "scope": "360000", "period": "2022-12", "metric": "closure_rate"})
    table = at.dataframe[0].value
    assert at.title[0].value == title
    assert table.iloc[0][rate_col] == "91.9 %" and table.iloc[0].iloc[1] == ganzhou
    assert list(table.iloc[0].iloc[3:5]) == ["294", "320"]


def test_page_table_has_the_cli_rows(demo_db_path, capsys):
    params = {"scope": "360000", "period": "ytd:2022-11", "metric": "tasks_overdue", "mode": "value", "against": "prev"}
    table = _page(params).dataframe[0].value
    assert main(["rank", "--metric", "tasks_overdue", "--scope", "360000", "--period", "ytd:2022-11",
                 "--against", "prev", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    ranks = [f"{r['rank']}（并列）" if r["tie"] else str(r["rank"]) for r in rows]
    assert list(table["排名"]) == ranks
    assert list(table["地区"]) == [r["region_name"] for r in rows]
    assert list(table["逾期任务数"]) == [f"{int(r['value']):,}" for r in rows]
    assert "（并列）" in "".join(ranks)       # 赣州 and 抚州 both have no overdue task


def test_widget_change_goes_to_the_url(demo_db_path):
    at = _page({"scope": "360000", "period": "2022-12"})
    at.selectbox(key="lb_metric").select("pm25_mean").run()
    assert at.query_params["metric"] == "pm25_mean" and not at.exception
    assert at.dataframe[0].value.columns[2] == "PM2.5 平均浓度"


def test_integrated_score_shows_breakdown_that_adds_up(demo_db_path):
    at = _page({"lang": "en", "scope": "360000", "period": "2022", "metric": "integrated_score"})
    breakdown = at.dataframe[-1].value
    points = breakdown.drop(columns=["Rank", "Region", "Total"]).astype(float)
    assert (points.sum(axis=1).round(2) == breakdown["Total"].astype(float)).all()
    ranked = at.dataframe[0].value
    assert list(ranked["Region"]) == list(breakdown["Region"])
