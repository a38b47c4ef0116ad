"""The audit log: append-only entries for imports and rollbacks, the admin page, formula-safe exports."""
from __future__ import annotations

import datetime as dt
import inspect
import itertools
import json
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from envboard.security import audit
from envboard.core import export_safety
from envboard.core.db import open_reader
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.error_report import report_bytes
from envboard.ingest.testing import make_db
from envboard.ingest.validate import RowError

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TASKS = ("任务编号,整改任务,责任地区,任务类别,责任单位,交办日期,整改时限,是否纳入销号管理,整改进展,进展日期\n"
         "JX-001,某工业园区污水直排,赣州市,水,市生态环境局,2021-09-01,2022年12月31日,是,正在推进,2021-12-31\n")


_names = itertools.count(1)


def rows(db: Path) -> list[tuple]:
    return [(e["actor"], e["action"], json.dumps(e["detail"], ensure_ascii=False))
            for e in audit.store_for(db).entries()]


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.server)])
def db(request, tmp_path, monkeypatch):
    """A store of each mode, configured as the default: the audit log is then the file beside the
    database, or the append-only table beside the DuckLake catalog in PostgreSQL."""
    if request.param == "embedded":
        return make_db(tmp_path / "envboard.duckdb")
    from envboard.core import lake, pgcluster

    pg = request.getfixturevalue("pg")
    target = lake.LakeStore(pgcluster.create_database(pg, f"audit_lake{next(_names)}"), str(tmp_path) + "/")
    make_db(target)
    monkeypatch.setenv("ENVBOARD_STORE", target.url)
    monkeypatch.setenv("ENVBOARD_DATA_PATH", target.data_path)
    return target


def test_import_and_rollback_are_audited_with_counts(db, tmp_path):
    src = tmp_path / "tasks.csv"
    src.write_text(TASKS, encoding="utf-8")
    result = api.commit(src, src.name, "tasks", db_file=db, options=Options(inspection_id="central-2-360000", user="gz"))
    api.rollback(result.import_id, db_file=db, actor="boss")
    (actor1, action1, detail1), (actor2, action2, detail2) = rows(db)
    assert (actor1, action1) == ("gz", "import")
    assert json.loads(detail1) == {"import_id": result.import_id, "kind": "tasks", "file": "tasks.csv",
                                   "inserted": 1, "updated": 0, "unchanged": 0}
    assert (actor2, action2, json.loads(detail2)["import_id"]) == ("boss", "rollback", result.import_id)


def test_rejected_import_writes_no_audit_entry(db, tmp_path):
    src = tmp_path / "tasks.csv"
    src.write_text(TASKS.replace("2021-09-01", "not a date"), encoding="utf-8")
    result = api.commit(src, src.name, "tasks", db_file=db, options=Options(inspection_id="central-2-360000"))
    assert result.status == "rejected" and rows(db) == []


def test_record_by_path_and_filtered_entries(db):
    audit.record(db, "boss", "weights", {"pm25": 0.4})
    audit.record(db, "ed", "publish", {"month": "2024-06"})
    con = open_reader(db)
    try:
        assert list(audit.entries(con)["actor"]) == ["ed", "boss"]
        assert list(audit.entries(con, action="weights")["detail"]) == ['{"pm25": 0.4}']
        assert audit.entries(con, actor="x' or '1'='1").empty
        assert audit.entries(con, until=dt.date(2000, 1, 2)).empty
    finally:
        con.close()


def test_unknown_action_is_refused(db):
    with pytest.raises(ValueError):
        audit.record(db, "x", "drop table", {})


def test_audit_module_has_no_update_or_delete_path():
    source = inspect.getsource(audit).lower()
    assert "update audit_log" not in source and "delete from audit_log" not in source
    assert [n for n, _ in inspect.getmembers(audit, inspect.isfunction) if n.startswith(("update", "delete"))] == []


def test_audit_page_lists_entries_for_an_admin(demo_db_path, monkeypatch):
    monkeypatch.setenv("ENVBOARD_AUTH", "open")
    audit.record(demo_db_path, "boss", "freeze", {"month": "2024-06"})
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/admin_audit.py").run()
    assert not at.exception and at.title[0].value == "审计日志"
    shown = at.dataframe[0].value
    assert "冻结" in list(shown["操作"]) and "boss" in list(shown["操作人"])


def test_exports_never_turn_text_into_formulas():
    frame = pd.DataFrame({"v": ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "ok", "http://x.org"]})
    csv = pd.read_csv(__import__("io").BytesIO(export_safety.csv_bytes(frame)), encoding="utf-8-sig")
    assert list(csv["v"]) == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1", "'-2", "'@SUM(A1)", "ok", "http://x.org"]
    book = openpyxl.load_workbook(__import__("io").BytesIO(export_safety.xlsx_bytes(frame)))
    cells = [c.value for c in book.active["A"][1:]]
    assert cells[0] == '=HYPERLINK("http://x","y")' and book.active["A2"].data_type == "s"
    assert not book.active._hyperlinks


def test_error_report_keeps_formula_values_as_text():
    err = RowError("a.xlsx", "表1", 3, "任务编号", "ingest.err.required", "=1+1")
    sheet = openpyxl.load_workbook(__import__("io").BytesIO(report_bytes([err]))).active
    assert (sheet["E2"].value, sheet["E2"].data_type) == ("=1+1", "s")
