"""AppTest: the overview, closure ranking (the 排行榜's closure preset) and methodology pages render in zh and en from the URL."""
import re

import plotly.io
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import APP

CORE_PAGES = ["app_pages/overview.py", "app_pages/closure_rank.py", "app_pages/methodology.py"]


def _app(demo_db_path, **params):
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    return at.run()


def _metrics(at):
    return {m.label: m.value for m in at.metric}


def test_overview_shows_ganzhou_figures_from_the_url(demo_db_path):
    at = _app(demo_db_path, scope="360700", month="2022-12")
    assert not at.exception
    assert at.title[0].value == "总览"
    m = _metrics(at)
    assert m["销号率"] == "91.9 %" and m["信访办结率"] == "99.1 %"
    assert m["督办/提醒函"] == "47" and m["通报"] == "8" and m["约谈"] == "3"
    assert m["PM2.5 平均浓度（1—12月）"] == "20 μg/m³"
    captions = " ".join(c.value for c in at.caption)
    assert "294 / 320" in captions and "2,114 / 2,133" in captions
    assert "数据截至 2022-12-31" in captions
    assert any("示例数据" in w.value for w in at.warning)


def test_overview_in_english(demo_db_path):
    at = _app(demo_db_path, scope="360700", month="2022-12", lang="en")
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert _metrics(at)["Closure rate"] == "91.9 %"


def test_overview_trend_chart_has_the_month_end_rates(demo_db_path):
    at = _app(demo_db_path, scope="360700", month="2022-12")
    fig = plotly.io.from_json(at.get("plotly_chart")[0].proto.spec)
    closure = fig.data[0]
    assert str(closure.x[-1]).startswith("2022-12-01")         # December's month-end rate, drawn on December
    assert round(float(closure.y[-1]), 6) == round(294 / 320 * 100, 6)
    assert closure.customdata[-1] == "91.9 %" and fig.layout.yaxis.title.text == "比例（%）"
    assert fig.layout.xaxis.tickformat == "%Y年%-m月"
    pm25 = plotly.io.from_json(at.get("plotly_chart")[1].proto.spec)
    assert pm25.data[1].name == "二级标准（年均）" and set(pm25.data[1].y) == {35}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("page", CORE_PAGES)
def test_every_core_page_renders(demo_db_path, page, lang):
    at = _app(demo_db_path, scope="360000", month="2022-12", lang=lang)
    at.switch_page(page).run()
    assert not at.exception, at.exception


def _leaderboard_table(at):
    return next(d.value for d in at.dataframe if "分子" in d.value.columns)


def test_closure_ranking_opens_the_leaderboard_preset_and_ranks_ganzhou(demo_db_path):
    at = _app(demo_db_path, scope="360000", month="2022-12")
    at.switch_page("app_pages/closure_rank.py").run()
    assert not at.exception
    assert at.title[0].value == "排行榜" and at.selectbox(key="lb_metric").value == "closure_rate"
    assert at.query_params["scope"] in ("360000", ["360000"]) and at.query_params["month"] in ("2022-12", ["2022-12"])
    table = _leaderboard_table(at)
    row = table[table["地区"] == "赣州市"].iloc[0]
    assert row["销号率"] == "91.9 %" and (row["分子"], row["分母"]) == ("294", "320")
    assert row["排名"] == "1"
    rates = [float(v.split()[0]) for v in table["销号率"]]
    assert rates == sorted(rates, reverse=True)


def test_closure_preset_replaces_another_metric_chosen_earlier(demo_db_path):
    at = _app(demo_db_path, scope="360000", month="2022-12", metric="pm25_mean")
    at.switch_page("app_pages/leaderboard.py").run()
    assert at.selectbox(key="lb_metric").value == "pm25_mean"
    at.switch_page("app_pages/closure_rank.py").run()
    assert at.selectbox(key="lb_metric").value == "closure_rate"


def test_changing_the_scope_writes_the_url(demo_db_path):
    at = _app(demo_db_path, scope="360000", month="2022-12")
    at.selectbox(key="sel_scope").select("361000").run()
    assert at.query_params["scope"] == ["361000"] or at.query_params["scope"] == "361000"
    assert _metrics(at)["信访办结率"] == "99.4 %"


def test_unknown_scope_in_url_falls_back_with_a_warning(demo_db_path):
    at = _app(demo_db_path, scope="999999' or 1=1 --", month="2022-12")
    assert not at.exception
    assert at.sidebar.warning


@pytest.mark.parametrize("month, rules, pm25_at_100", [("2022-12", "HJ 633-2012", 75.0), ("2026-06", "HJ 633-2026", 60.0)])
def test_methodology_shows_the_aqi_rules_for_the_month_on_screen(demo_db_path, month, rules, pm25_at_100):
    at = _app(demo_db_path, scope="360700", month=month)
    at.switch_page("app_pages/methodology.py").run()
    assert not at.exception
    assert any(rules in m.value for m in at.markdown)
    table = at.table[1].value
    row = table[table["IAQI"] == 100].iloc[0]
    assert float(row["pm25_24h"]) == pm25_at_100


def test_a_city_is_ranked_among_its_province_peers(demo_db_path):
    at = _app(demo_db_path, scope="360700", month="2022-12")
    at.switch_page("app_pages/closure_rank.py").run()
    table = _leaderboard_table(at)
    assert len(table) == 11 and "赣州市" in set(table["地区"])


def test_overview_names_the_bottom_three_with_their_gap_to_first(demo_db_path):
    at = _app(demo_db_path, scope="360700", month="2022-12")
    lag = next(d.value for d in at.dataframe if "与第一名差距" in d.value.columns)
    assert list(lag["地区"]) == ["上饶市", "宜春市", "南昌市"]
    assert lag.iloc[-1]["排名"] == "11 / 11" and lag.iloc[-1]["销号率"] == "40.5 %"
    first = round(294 / 320 * 100, 1)                                   # 赣州 is first at 91.9 %
    assert lag.iloc[-1]["与第一名差距"] == f"{round(round(104 / 257 * 100, 1) - first, 1):+.1f} 个百分点".replace("+", "")


@pytest.mark.parametrize("lang, expected", [
    ("zh", "整改任务、信访件、空气质量数据、地表水数据：17 个城市中只有 1 个有数据（天门市）"),
    ("en", "Rectification tasks, Petitions, Air-quality data, Surface-water data: 1 of 17 cities have data (Tianmen)")])
def test_a_province_with_one_city_of_data_says_so(demo_db_path, lang, expected):
    at = _app(demo_db_path, scope="420000", month="2022-12", lang=lang)
    assert not at.exception
    notes = [w.value for w in at.warning if expected in w.value]
    assert len(notes) == 1


def test_a_fully_covered_city_has_no_coverage_caveat(demo_db_path):
    at = _app(demo_db_path, scope="360700", month="2022-12")
    assert not any("数据覆盖不全" in w.value for w in at.warning)


def test_the_leaderboard_of_a_partly_covered_province_says_which_cities_it_ranks(demo_db_path):
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in {"scope": "420000", "period": "2022-12", "metric": "pm25_mean"}.items():
        at.query_params[k] = v
    at.run()
    at.switch_page("app_pages/leaderboard.py").run()
    assert not at.exception
    notes = [w.value for w in at.warning if "数据覆盖不全" in w.value]
    assert len(notes) == 1 and "空气质量数据：17 个城市中只有 1 个有数据（天门市）" in notes[0]
    assert "整改任务" not in notes[0]           # the note speaks of the ranked metric's data only
    bar = plotly.io.from_json(at.get("plotly_chart")[0].proto.spec).data[0]
    assert bar.hovertemplate == "%{y}: %{text}<extra></extra>"      # hover as printed: "31 μg/m³", not 31.0417
    assert len(bar.text) == 1 and re.fullmatch(r"\d+ μg/m³", bar.text[0])
