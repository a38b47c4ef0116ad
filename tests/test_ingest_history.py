"""History is never rewritten: importing the 2024-06 ledger leaves every as-of-2024-05 figure as it was."""
from __future__ import annotations

import datetime as dt

import pytest

from envboard.core.db import open_reader
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db
from envboard.domain.metrics import petitions, rectification

HEAD = "任务编号,整改任务,责任地区,任务类别,交办日期,整改时限,整改进展\n"
MAY = HEAD + ("JX-1,污水直排,赣州市,水,2022-03-01,2024年12月底前,正在推进\n"
              "JX-2,扬尘污染,赣州市,大气,2022-03-01,2024年12月底前,已销号\n"
              "JX-3,矿山修复,赣州市,生态,2022-03-01,长期坚持,正在推进\n")
JUNE = MAY.replace("JX-1,污水直排,赣州市,水,2022-03-01,2024年12月底前,正在推进",
                   "JX-1,污水直排,赣州市,水,2022-03-01,2024年12月底前,已销号")
P_HEAD = "受理编号,行政区域,问题类型,是否属实,是否办结\n"
P_MAY = P_HEAD + "D3JX202405100001,赣州市章贡区,大气,属实,已办结\nD3JX202405100002,赣州市章贡区,水,属实,正在办理\n"
P_JUNE = P_MAY.replace("水,属实,正在办理", "水,属实,已办结")
MAY_END, JUNE_END = dt.date(2024, 5, 31), dt.date(2024, 6, 30)


@pytest.fixture()
def db(tmp_path, monkeypatch):
    path = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    return path


def figures(db, as_of: dt.date) -> tuple[dict, dict]:
    con = open_reader(db)
    try:
        return rectification(con, "360700", as_of), petitions(con, "360700", as_of)
    finally:
        con.close()


def load(tmp_path, name: str, text: str, kind: str, as_of: dt.date) -> api.PreviewResult:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = api.commit(path, name, kind, options=Options(inspection_id="central-3-360000", batch_no=1, as_of=as_of))
    assert result.status == "imported", [e.as_dict() for e in result.errors]
    return result


def test_june_ledger_leaves_may_figures_identical(db, tmp_path):
    load(tmp_path, "台账2024年5月.csv", MAY, "tasks", MAY_END)
    load(tmp_path, "信访2024年5月.csv", P_MAY, "petitions", MAY_END)
    may_before = figures(db, MAY_END)
    assert (may_before[0]["tasks_closed"], may_before[1]["petitions_closed"]) == (1, 1)

    tasks = load(tmp_path, "台账2024年6月.csv", JUNE, "tasks", JUNE_END)
    load(tmp_path, "信访2024年6月.csv", P_JUNE, "petitions", JUNE_END)

    assert figures(db, MAY_END) == may_before
    june = figures(db, JUNE_END)
    assert (june[0]["tasks_closed"], june[1]["petitions_closed"]) == (2, 2)
    # one status event appended (JX-1 closed on the June as-of date); the unchanged ones add nothing
    assert (tasks.counts.inserted, tasks.counts.updated) == (0, 1)
    con = open_reader(db)
    try:
        history = con.execute("select task_id, changed_on, status from task_status_history "
                              "where task_id like '%JX-1' order by changed_on").fetchall()
        closed = con.execute("select petition_id, closed_on from petitions order by 1").fetchall()
    finally:
        con.close()
    assert history == [("central-3-360000/JX-1", MAY_END, "in_progress"), ("central-3-360000/JX-1", JUNE_END, "closed")]
    # the petition closed in May keeps its May date although the June ledger again gives no date
    assert closed == [("D3JX202405100001", MAY_END), ("D3JX202405100002", JUNE_END)]
