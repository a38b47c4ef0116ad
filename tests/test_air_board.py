"""MEE-style air rankings: nine metrics, 当月 and 1—X月累计 side by side, best and worst N with ties."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from envboard.domain import air_board
from envboard.cli.main import main
from envboard.domain.rank import POLLUTANT_BOARD
from tests.conftest import APP


def test_best_and_worst_keep_ties(demo_con):
    board = air_board.air_board(demo_con, "360000", "2022-11", metrics=("pm25_mean",))
    month, ytd = board.boards["pm25_mean"]
    assert (month.period.text, ytd.period.text) == ("2022-11", "ytd:2022-11")
    # 1—11月: 赣州 20; 萍乡, 鹰潭, 抚州 all 27 → best 3 holds four cities (并列第2)
    best = air_board.best(ytd, 3)
    assert list(best["region_name"]) == ["赣州市", "萍乡市", "鹰潭市", "抚州市"]
    assert list(best["rank"]) == [1, 2, 2, 2] and list(best["tie"]) == [False, True, True, True]
    worst = air_board.worst(ytd, 2)         # worst first: 上饶 32, then 九江 and 宜春 31 (并列倒数第2)
    assert list(worst["region_name"]) == ["上饶市", "九江市", "宜春市"]
    assert list(worst["rank_from_bottom"]) == [1, 2, 2]


def test_cli_air_board_json_has_every_metric_month_and_ytd(demo_db_path, capsys):
    assert main(["air-board", "--scope", "360000", "--month", "2022-11", "--top", "3", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out["metrics"]) == list(POLLUTANT_BOARD) and (out["month"], out["ytd"]) == ("2022-11", "ytd:2022-11")
    ganzhou = out["metrics"]["pm25_mean"]["ytd"]["best"][0]
    assert (ganzhou["region_name"], ganzhou["value"], ganzhou["change_pct"]) == ("赣州市", 20.0, -9.1)
    good = out["metrics"]["good_days_share"]["month"]
    assert good["change_kind"] == "absolute" and good["best"][0]["change_pct"] is None
    assert out["metrics"]["composite_index"]["month"]["basis"] == "HJ 633-2012 · GB 3095-2012 grade II"


@pytest.mark.parametrize("lang, title", [("zh", "城市空气质量排名（当月与累计）"), ("en", "City air-quality rankings (month and year to date)")])
def test_air_board_page(demo_db_path, lang, title):
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in {"lang": lang, "scope": "360000", "month": "2022-11", "top": "3"}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/air_board.py").run()
    assert not at.exception
    assert at.title[0].value == title
    assert len(at.table) == 4 * len(POLLUTANT_BOARD)          # best and worst, month and ytd, per metric
    pm25_ytd_best = at.table[4 * 1 + 2].value                  # second metric (PM2.5), ytd, best
    assert list(pm25_ytd_best.iloc[:, 1]) == ["赣州市", "萍乡市", "鹰潭市", "抚州市"]
    assert pm25_ytd_best.iloc[0, 3] == "-9.1 %"
