"""全国 (000000) and multi-province selections as scopes: metrics, rank, air board, briefing, publish."""
from __future__ import annotations

import json

import pytest

from envboard.cli.main import main
from envboard.domain.metrics import metrics_for


def test_metrics_national_is_the_sum_of_the_provinces(demo_con):
    nation = metrics_for(demo_con, "全国", "2022-12")
    assert (nation["region_code"], nation["region_name"], nation["region_level"]) == ("000000", "全国", "national")
    assert metrics_for(demo_con, "000000", "2022-12")["tasks_total"] == nation["tasks_total"]
    parts = [metrics_for(demo_con, code, "2022-12") for code in ("360000", "410000", "420000", "430000")]
    for key in ("tasks_total", "tasks_under_closure", "tasks_closed", "petitions_received", "petitions_closed",
                "sections_assessed", "valid_days", "good_days"):
        assert nation[key] == sum(p[key] for p in parts), key
    assert nation["tasks_total"] > 0 and nation["pm25_mean"] is not None


def test_multi_province_selection(demo_con):
    both = metrics_for(demo_con, "江西,湖北", "2022-12")
    assert (both["region_code"], both["region_level"]) == ("360000,420000", "multi")
    jx, hb = metrics_for(demo_con, "360000", "2022-12"), metrics_for(demo_con, "420000", "2022-12")
    assert both["tasks_total"] == jx["tasks_total"] + hb["tasks_total"]
    assert metrics_for(demo_con, "湖北省、江西省", "2022-12")["region_code"] == "360000,420000"


def test_rank_and_air_board_accept_national_and_lists(demo_db_path, capsys):
    assert main(["rank", "--metric", "closure_rate", "--scope", "全国", "--period", "2022-12", "--json"]) == 0
    nation = json.loads(capsys.readouterr().out)
    assert nation["scope"] == "000000" and "赣州市" in [r["region_name"] for r in nation["rows"]]
    assert "湘潭市" in [r["region_name"] for r in nation["rows"]]
    assert main(["rank", "--metric", "closure_rate", "--scope", "江西,湖北", "--period", "2022-12", "--json"]) == 0
    pair = json.loads(capsys.readouterr().out)
    assert {r["region_code"][:2] for r in pair["rows"]} == {"36", "42"} and len(pair["rows"]) == 12
    assert main(["air-board", "--scope", "000000", "--month", "2022-11", "--top", "2", "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    assert board["scope"] == "000000" and board["metrics"]["pm25_mean"]["month"]["ranked"] == 14
    assert main(["metrics", "--region", "000000", "--as-of", "2022-12", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["region_name"] == "全国"


def test_unknown_province_in_a_list_is_a_usage_error(demo_db_path, capsys):
    assert main(["metrics", "--region", "江西,火星", "--as-of", "2022-12"]) == 2
    assert "火星" in capsys.readouterr().err


def test_national_briefing_builds(demo_con):
    from envboard.briefing.build import build_edition
    import datetime as dt

    ed = build_edition(demo_con, "全国", dt.date(2022, 12, 31))
    assert ed["scope"] == {"code": "000000", "name": "全国", "level": "national"}
    assert ed["figures"]["tasks_total"] == metrics_for(demo_con, "全国", "2022-12")["tasks_total"]


def test_publish_national_snapshot(demo_con):
    import datetime as dt

    from envboard.publish.snapshot import build

    frames = build(demo_con, dt.date(2022, 12, 31), "000000", dt.date(2023, 1, 5))
    assert frames["publication"].iloc[0]["scope_code"] == "000000"
    regions = frames["regions"]
    assert regions.iloc[0]["region_name"] == "全国" and len(regions) == 15      # 全国 + the 14 reporting cities
