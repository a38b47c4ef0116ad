"""城市档案 (一市一档) and 地图 pages under AppTest, in zh and en."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from envboard.domain import rank
from envboard.core.queries import run
from envboard.domain.rank_values import leaderboard, records
from tests.conftest import APP


def _page(path: str, params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(path).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang, title, label", [("zh", "城市档案（一市一档）：赣州市", "销号率"),
                                                ("en", "City file: Ganzhou", "Closure rate")])
def test_city_file_shows_kpis_with_rank_among_peers(demo_db_path, demo_con, lang, title, label):
    at = _page("app_pages/city_file.py", {"lang": lang, "city": "360700", "period": "2022-12"})
    assert at.title[0].value == title
    card = next(m for m in at.metric if m.label == label)
    assert card.value == "91.9 %"
    gz = next(r for r in records(leaderboard(demo_con, "closure_rate", "360000", rank.parse_period("2022-12")))
              if r["region_code"] == "360700")
    captions = " ".join(c.value for c in at.caption)
    expected = f"第 {gz['rank']} 名 / 共 11 个" if lang == "zh" else f"rank {gz['rank']} of 11"
    assert expected in captions and "294 / 320" in captions


def test_city_file_lists_overdue_tasks_first(demo_db_path, demo_con):
    at = _page("app_pages/city_file.py", {"city": "360100", "period": "2022-12"})
    tasks = next(d.value for d in at.dataframe if "逾期" in d.value.columns)
    parts = run(demo_con, "rank_rectification", scope_code="360000", as_of=rank.parse_period("2022-12").end)
    overdue = int(parts.set_index("unit_code").loc["360100", "tasks_overdue"])
    assert overdue > 0 and list(tasks["逾期"][:overdue]) == ["是"] * overdue
    assert set(tasks["逾期"][overdue:]) <= {"否"}


def test_city_file_for_a_city_outside_jiangxi(demo_db_path):
    at = _page("app_pages/city_file.py", {"lang": "en", "city": "429006", "period": "2022"})
    assert at.title[0].value == "City file: Tianmen"


@pytest.mark.parametrize("lang, title", [("zh", "地图"), ("en", "Map")])
def test_map_draws_every_jiangxi_city_with_its_value(demo_db_path, demo_con, lang, title):
    at = _page("app_pages/map.py", {"lang": lang, "scope": "360000", "period": "2022-12", "metric": "closure_rate"})
    assert at.title[0].value == title
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    points = spec["data"][-1]
    shown = {r["region_code"]: r["value"] for r in records(leaderboard(demo_con, "closure_rate", "360000", rank.parse_period("2022-12")))}
    assert sorted(points["customdata"]) == sorted(shown)
    assert dict(zip(points["customdata"], points["marker"]["color"])) == shown
    assert "mapbox" not in spec["layout"] and "geo" not in spec["layout"]       # no tiles, no CDN world map
