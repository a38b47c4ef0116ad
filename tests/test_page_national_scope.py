"""AppTest: every internal page with a scope picker offers and renders 全国 (000000) and the provinces
of a central inspection round as one scope ('360000,420000'), from the URL as from the picker."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from envboard.core.db import open_reader
from envboard.domain.metrics import metrics_for
from tests.conftest import APP

SCOPED_PAGES = ["app_pages/overview.py", "app_pages/closure_rank.py", "app_pages/methodology.py",
                "app_pages/ledger.py", "app_pages/petitions.py", "app_pages/supervision.py",
                "app_pages/briefing.py", "app_pages/meeting.py", "app_pages/leaderboard.py",
                "app_pages/map.py", "app_pages/air_board.py"]


def _page(page: str, scope: str, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params.update({"scope": scope, "month": "2022-12", "lang": lang})
    at.run()
    return at.switch_page(page).run()


def _scope_box(at):
    return next(s for s in at.sidebar.selectbox if s.key in ("sel_scope", "mee_scope"))


def _figures(demo_db_path, scope: str) -> dict:
    con = open_reader(demo_db_path)
    try:
        return metrics_for(con, scope, "2022-12")
    finally:
        con.close()


@pytest.mark.parametrize("page", SCOPED_PAGES)
def test_every_scoped_page_renders_at_national_scope(demo_db_path, page):
    at = _page(page, "全国")
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    box = _scope_box(at)
    assert box.value == "000000"
    assert box.options[0].startswith("全国")
    assert "第一轮“回头看”、中央第二轮（江西省、湖北省）" in box.options


def test_overview_at_national_scope_shows_the_national_figures(demo_db_path):
    at = _page("app_pages/overview.py", "000000")
    nation = _figures(demo_db_path, "000000")
    shown = {m.label: m.value for m in at.metric}
    assert shown["整改任务（问题）"] == f"{nation['tasks_total']:,}" == "3,779"
    assert shown["销号率"] == f"{nation['closure_rate_pct']:.1f} %"
    assert at.caption[0].value.startswith("全国 · 截至2022年12月")


def test_closure_ranking_at_national_scope_ranks_every_city(demo_db_path):
    at = _page("app_pages/closure_rank.py", "000000")       # the 排行榜 with 销号率 selected
    table = at.dataframe[0].value
    assert len(table) == 14                       # the 14 reporting cities of four provinces
    assert list(table["地区"][:2]) == ["湘潭市", "赣州市"]
    assert (table.iloc[1]["销号率"], table.iloc[1]["分子"], table.iloc[1]["分母"]) == ("91.9 %", "294", "320")


def test_round_of_several_provinces_is_one_scope(demo_db_path):
    at = _page("app_pages/overview.py", "000000")
    box = _scope_box(at)
    assert box.options[:4] == ["全国", "中央第一轮（江西省、湖北省、湖南省）",
                               "第一轮“回头看”、中央第二轮（江西省、湖北省）", "江西省"]
    at = _page("app_pages/overview.py", "360000,420000")
    assert not at.exception and not at.error
    both = _figures(demo_db_path, "江西,湖北")
    jx, hb = _figures(demo_db_path, "360000"), _figures(demo_db_path, "420000")
    shown = {m.label: m.value for m in at.metric}
    assert shown["整改任务（问题）"] == f"{jx['tasks_total'] + hb['tasks_total']:,}" == f"{both['tasks_total']:,}"
    assert at.caption[0].value == "第一轮“回头看”、中央第二轮（江西省、湖北省） · 截至2022年12月"


def test_leaderboard_at_a_round_of_two_provinces_ranks_their_cities(demo_db_path):
    at = _page("app_pages/leaderboard.py", "360000,420000")
    assert not at.exception and not at.error
    regions = set(at.dataframe[0].value["地区"])
    assert {"赣州市", "天门市"} <= regions and "湘潭市" not in regions and "安阳市" not in regions


def test_national_scope_in_english(demo_db_path):
    at = _page("app_pages/overview.py", "000000", lang="en")
    assert not at.exception
    assert _scope_box(at).options[0] == "National"
    assert "Central round 2" in " ".join(_scope_box(at).options)


@pytest.mark.parametrize("page", ["overview.py", "cities.py", "environment.py", "progress.py", "methodology.py"])
def test_public_pages_of_a_national_snapshot(demo_db_path, tmp_path_factory, monkeypatch, page):
    import datetime as dt

    from envboard.publish import snapshot

    path = tmp_path_factory.getbasetemp() / "national_published.duckdb"
    if not path.exists():
        con = open_reader(demo_db_path)
        try:
            snapshot.publish(con, dt.date(2022, 12, 31), "全国", path, published_on=dt.date(2023, 1, 5))
        finally:
            con.close()
    monkeypatch.setenv("ENVBOARD_SNAPSHOT", str(path))
    at = AppTest.from_file(str(APP).replace("app.py", "public_app.py"), default_timeout=90).run()
    at.switch_page(f"public_pages/{page}").run()
    assert not at.exception, at.exception
    if page in ("overview.py", "environment.py", "progress.py"):
        region = next(s for s in at.selectbox if s.key == "public_region")
        assert region.value == "000000" and region.options[0] == "全国" and len(region.options) == 15
    if page == "overview.py":
        nation = _figures(demo_db_path, "000000")
        assert {m.label: m.value for m in at.metric}["整改任务销号率"] == f"{nation['closure_rate_pct']:.1f} %"
    if page == "cities.py":         # the 14 cities ranked, 全国 itself not among them
        cities = at.table[0].value
        assert len(cities) == 14 and "全国" not in list(cities["城市"]) and cities.index[0] == "1"
