"""The 月通报's ranked tables list every peer city: one without a value comes last, unranked, with the
leaderboard's reason (the catalogue's `exclusion`), never silently left out."""
from __future__ import annotations

import datetime as dt

from envboard.briefing import layout
from envboard.briefing.tables import SPECS, ranked_table
from envboard.core import db as store
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db

TASKS = ("任务编号,整改任务,责任地区,任务类别,责任单位,交办日期,整改时限,是否纳入销号管理,整改进展\n"
         "JX-001,污水直排整改,赣州市,水,市生态环境局,2021-09-01,2022-06-30,是,已销号\n"
         "JX-002,扬尘整改,赣州市,大气,市住建局,2021-09-01,2022-06-30,是,正在推进\n")


def test_a_city_without_tasks_is_listed_unranked_with_its_reason(tmp_path):
    db = make_db(tmp_path / "envboard.duckdb")
    result = api.commit(TASKS.encode(), "整改任务.csv", "tasks", db_file=db,
                        options=Options(inspection_id="central-2-360000", user="test", as_of=dt.date(2022, 12, 31)))
    assert result.status == "imported", result.errors
    con = store.open_reader(db)
    try:
        rows = ranked_table(con, SPECS["closure_rate"], "360000", dt.date(2022, 12, 31), 30)
    finally:
        con.close()
    assert len(rows) == 11                                      # the 11 cities of 江西
    assert (rows[0]["city_name"], rows[0]["rank"], rows[0]["value"]) == ("赣州市", 1, 50.0)
    unranked = rows[1:]
    assert {r["rank"] for r in unranked} == {None}
    assert {r["reason"] for r in unranked} == {"rank.reason.no_closure_tasks"}
    assert "抚州市" in {r["city_name"] for r in unranked}
    ed = {"tables": {"closure_rate": rows}}
    frame = layout.ranked_frame(ed, "closure_rate", "zh")
    assert list(frame.iloc[-1])[:3] == ["—", rows[-1]["city_name"], "无纳入销号管理的任务"]
    assert layout.ranked_frame(ed, "closure_rate", "en").iloc[-1, 2] == "No tasks under closure management"


def test_the_xlsx_sheet_says_why_a_city_is_unranked(tmp_path):
    from envboard.briefing import export_xlsx

    rows = [{"rank": 1, "is_tie": False, "city_code": "360700", "city_name": "赣州市", "value": 50.0, "numerator": 1,
             "denominator": 2, "rank_last_year": None, "value_last_year": None, "change": None, "reason": None},
            {"rank": None, "is_tie": False, "city_code": "361000", "city_name": "抚州市", "value": None,
             "numerator": None, "denominator": None, "rank_last_year": None, "value_last_year": None, "change": None,
             "reason": "rank.reason.no_closure_tasks"}]
    columns = dict((name, values) for name, values, _ in export_xlsx._ranked({"tables": {"closure_rate": rows}},
                                                                              "closure_rate"))
    assert columns["未排名原因"] == ["", "无纳入销号管理的任务"]
