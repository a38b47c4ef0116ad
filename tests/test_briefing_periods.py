"""Every figure of the 赣州 2022-12 通报 states its period, and the text, tables and charts agree with
the query of that period: 当月 (the month), 1—12月累计 (year to date) or 截至12月底 (the month-end stock)."""
import datetime as dt
import re

import pytest

from envboard.briefing import build, charts, document, layout
from envboard.core.queries import run
from envboard.domain.metrics import pct, round_half_even
from envboard.standards.period import period_stats

DEC = dt.date(2022, 12, 31)


@pytest.fixture(scope="module")
def edition(demo_db_path):
    from envboard.core.db import open_reader

    con = open_reader(demo_db_path)
    yield build.build_edition(con, "360700", DEC), con
    con.close()


def _section(ed, key):
    return next(s["body"] for s in ed["sections"] if s["key"] == key)


def _annex(ed, prefix):
    return next(a for a in document.annexes(ed) if a.title.startswith(prefix))


def test_supervision_of_the_month_and_of_the_year_each_match_their_query(edition):
    ed, con = edition
    body = _section(ed, "supervision")
    ytd = run(con, "supervision_summary", scope_code="360700", from_date=dt.date(2022, 1, 1), as_of=DEC).set_index("kind")
    assert body.startswith(f"2022年1—12月，赣州市共发出督办/提醒函{ytd.loc['letter', 'actions']}件，通报{ytd.loc['notice', 'actions']}次")
    assert (ytd.loc["letter", "actions"], ytd.loc["notice", "actions"]) == (47, 8)          # published 2022-12-30
    month = run(con, "briefing_supervision_month", scope_code="360700", month_start=dt.date(2022, 12, 1), as_of=DEC)
    letters, notices = (month["kind"] == "letter").sum(), (month["kind"] == "notice").sum()
    assert f"其中当月（12月）发出督办/提醒函{letters}件，通报{notices}次。" in body
    assert letters < ytd.loc["letter", "actions"]
    month_table = _annex(ed, "当月督办问责（当月，12月）").frame
    assert len(month_table) == len(month) == letters + notices
    ytd_table = _annex(ed, "督办问责（1—12月累计）").frame.set_index("方式")
    assert (ytd_table.loc["督办/提醒函", "次数"], ytd_table.loc["通报", "次数"]) == (47, 8)


def test_month_end_figures_match_the_closure_query_in_text_table_and_chart(edition):
    ed, con = edition
    row = run(con, "closure_rate_by_city", scope_code="360000", as_of=DEC).set_index("city_code").loc["360700"]
    closed, managed = int(row["tasks_closed"]), int(row["tasks_under_closure"])
    assert f"截至2022年12月底，赣州市需销号管理问题{managed}个，已销号{closed}个，销号率{pct(closed, managed)}%" in _section(ed, "rectification")
    table = _annex(ed, "各市销号率（截至12月底）").frame.set_index("城市").loc["赣州市"]
    assert (table["销号率"], table["已销号"], table["纳入销号管理"]) == (f"{pct(closed, managed)}%", str(closed), str(managed))
    titles = {k: f.layout.title.text for k, f in charts.figures(ed).items()}
    assert titles == {"closure_rate": "各市销号率（%，截至12月底）", "composite_index": "各市环境空气质量综合指数（1—12月累计）"}


def test_year_to_date_air_figures_match_period_stats_with_last_years_change(edition):
    ed, con = edition
    now = period_stats(con, dt.date(2022, 1, 1), DEC, ["360700"]).iloc[0]
    then = period_stats(con, dt.date(2021, 1, 1), dt.date(2021, 12, 31), ["360700"]).iloc[0]
    share_now, share_then = pct(int(now["good_days"]), int(now["valid_days"])), pct(int(then["good_days"]), int(then["valid_days"]))
    body = _section(ed, "environment")
    assert body.startswith("2022年1—12月，赣州市")
    assert f"优良天数比例为{share_now}%（{int(now['good_days'])}/{int(now['valid_days'])}天）" in body
    headline = _annex(ed, "主要指标").frame.set_index("指标").loc["优良天数比例"]
    change = round_half_even(share_now - share_then, 1)
    assert headline["统计口径"] == "1—12月累计" and headline["数值"] == f"{share_now}%"
    assert headline["同比变化"] != "—" and float(re.sub(r"[^\d.+-]", "", headline["同比变化"])) == change
    annex6 = _annex(ed, "各市优良天数比例（1—12月累计）").frame.set_index("城市").loc["赣州市"]
    assert float(annex6["同比变化"]) == change and annex6["上年同期"] == f"{share_then}%"


def test_every_table_title_and_headline_row_names_its_period(edition):
    ed, _ = edition
    periods = ("截至12月底", "1—12月累计", "当月，12月")
    for a in document.annexes(ed):
        assert any(p in a.title for p in periods), a.title
    assert set(layout.headline_frame(ed)["统计口径"]) == {"截至12月底", "1—12月累计"}
