"""AppTest: the 整改台账 page in zh and en, from the URL, with filters and month-on-month change."""
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from envboard.domain import rectification
from envboard.core.i18n import t
from envboard.domain.metrics import format_value, pct
from tests.conftest import APP

PAGE = "app_pages/ledger.py"


def _page(demo_db_path, **params):
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return at.switch_page(PAGE).run()


def _metrics(at):
    return {m.label: m for m in at.metric}


def test_ganzhou_closure_rate_with_its_parts_and_change(demo_db_path, demo_con):
    at = _page(demo_db_path, scope="360700", month="2022-12")
    assert not at.exception
    assert at.title[0].value == "整改台账"
    nov = rectification.ledger_counts(rectification.ledger(demo_con, "360700", dt.date(2022, 11, 30), 30))
    rate = _metrics(at)["销号率"]
    assert rate.value == format_value(pct(294, 320), "pct1") == "91.9 %"
    change = round(pct(294, 320) - pct(nov["tasks_closed"], nov["tasks_under_closure"]), 1)
    assert rate.delta == "较上月 " + format_value(change, "pp1")      # the badge says what it compares
    assert "294 / 320" in " ".join(c.value for c in at.caption)
    assert "数据截至 2022-12-31" in " ".join(c.value for c in at.caption)


def test_round_filter_shows_tianmen_review_14_of_18(demo_db_path):
    at = _page(demo_db_path, scope="429006", month="2022-05")
    at.selectbox(key="ledger_round").select("review").run()
    assert not at.exception
    m = _metrics(at)
    assert (m["任务数"].value, m["已完成"].value) == ("18", "14")
    assert "14 / 18" in " ".join(c.value for c in at.caption)
    assert len(at.dataframe[0].value) == 18


def test_at_risk_window_from_the_sidebar_changes_the_count(demo_db_path, demo_con):
    at = _page(demo_db_path, scope="360000", month="2022-05")
    at.number_input(key="ledger_risk_days").set_value(90).run()
    expected = rectification.ledger(demo_con, "360000", dt.date(2022, 5, 31), 90)["is_at_risk"].sum()
    assert _metrics(at)["临期（90天内到期）"].value == f"{expected:,}"


def test_overdue_filter_lists_only_overdue_tasks(demo_db_path, demo_con):
    at = _page(demo_db_path, scope="360000", month="2020-06")
    at.selectbox(key="ledger_flag").select("overdue").run()
    expected = rectification.ledger(demo_con, "360000", dt.date(2020, 6, 30), 30)["is_overdue"].sum()
    assert expected > 0 and len(at.dataframe[0].value) == expected
    assert set(at.dataframe[0].value["逾期"]) == {"是"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_renders_every_section(demo_db_path, demo_con, lang):
    at = _page(demo_db_path, scope="410500", month="2022-12", lang=lang)
    assert not at.exception
    titles = {"zh": "整改台账", "en": "Rectification ledger"}
    assert at.title[0].value == titles[lang]
    tables = [d.value for d in at.dataframe]
    assert len(tables[0]) == 38
    assert len(at.get("plotly_chart")) == 1      # the status timeline
    keys = ["ledger.filters", "ledger.progress", "ledger.projection", "ledger.rebound"]
    assert [t(k, lang) for k in keys] == [h.value for h in at.subheader if not h.value.startswith(("任务清单", "Tasks"))]
    assert len(tables[-1]) == len(rectification.rebound_tasks(demo_con, "410500", dt.date(2022, 12, 31)))


def test_rebound_table_lists_ganzhou_rebounds(demo_db_path, demo_con):
    at = _page(demo_db_path, scope="360700", month="2022-12")
    expected = rectification.rebound_tasks(demo_con, "360700", dt.date(2022, 12, 31))
    shown = at.dataframe[-1].value
    assert len(expected) > 0 and list(shown["任务 ID"]) == list(expected["task_id"])
    assert list(shown["销号后属实信访"]) == list(expected["petitions_after"])


def test_progress_table_shows_done_change_vs_previous_month(demo_db_path, demo_con):
    at = _page(demo_db_path, scope="360700", month="2022-12")
    progress = at.dataframe[2].value.set_index("所在地区")
    dec = rectification.ledger(demo_con, "360700", dt.date(2022, 12, 31), 30)
    nov = rectification.ledger(demo_con, "360700", dt.date(2022, 11, 30), 30)
    city = dec[dec.region_code == "360700"]
    change = int(city.is_done.sum() - nov[nov.region_code == "360700"].is_done.sum())
    assert progress.loc["赣州市", "已完成"] == city.is_done.sum()
    assert progress.loc["赣州市", "已完成较上月"] == f"{change:+,}"
    assert progress.loc["赣州市", "应完成进度"] == format_value(city.expected_progress.mean() * 100, "pct1")


def test_at_risk_window_round_trips_through_the_url(demo_db_path, demo_con):
    at = _page(demo_db_path, scope="360000", month="2022-05", risk="60")
    expected = rectification.ledger(demo_con, "360000", dt.date(2022, 5, 31), 60)["is_at_risk"].sum()
    assert _metrics(at)["临期（60天内到期）"].value == f"{expected:,}"
    at.number_input(key="ledger_risk_days").set_value(45).run()
    assert at.query_params["risk"] == "45"


def test_progress_is_by_city_for_a_province(demo_db_path, demo_con):
    at = _page(demo_db_path, scope="360000", month="2022-12")
    progress = at.dataframe[2].value.set_index("所在地区")
    dec = rectification.ledger(demo_con, "360000", dt.date(2022, 12, 31), 30)
    assert set(progress.index) == set(dec.city_name)
    assert progress.loc["赣州市", "任务数"] == (dec.city_code == "360700").sum()
