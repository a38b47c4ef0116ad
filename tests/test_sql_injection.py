"""SQL injection: hostile strings in every URL filter of the internal pages, in file cells and in CLI
arguments change nothing (table checksums equal) and end in a clean page, a clean rejection or plain text."""
from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from envboard.cli.main import main
from envboard.security.backup import table_checksums
from envboard.ingest.testing import make_db

APP = str(Path(__file__).resolve().parents[1] / "app.py")
HOSTILE = ["' or '1'='1", "360700'; drop table tasks; --", "2024-06'); delete from petitions; --",
           "\"; attach '/tmp/x.db' as x; --", "1 union select * from audit_log", "$as_of", "%' --"]
PAGES = ["app_pages/overview.py", "app_pages/closure_rank.py", "app_pages/methodology.py", "app_pages/ledger.py",
         "app_pages/petitions.py", "app_pages/supervision.py", "app_pages/meeting.py", "app_pages/data_import.py",
         "app_pages/admin_audit.py"]
PARAMS = ("scope", "month", "lang", "edition", "section", "city", "round")


def checksums(path: Path) -> dict:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return table_checksums(con)
    finally:
        con.close()


@pytest.mark.parametrize("value", HOSTILE[1:3])
def test_hostile_query_params_on_every_page_change_nothing(demo_db_path, value):
    before = checksums(demo_db_path)
    at = AppTest.from_file(APP, default_timeout=90)
    for name in PARAMS:
        at.query_params[name] = value
    at.run()
    assert not at.exception
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
    assert checksums(demo_db_path) == before


def test_hostile_cells_are_stored_as_text_or_rejected(tmp_path, monkeypatch, capsys):
    db = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(db))
    src = tmp_path / "tasks.csv"
    with open(src, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["任务编号", "整改任务", "责任地区", "任务类别", "责任单位", "交办日期", "整改时限",
                      "是否纳入销号管理", "整改进展", "进展日期"])
        for i, v in enumerate(HOSTILE):
            out.writerow([f"JX-{i:03d}", v, "赣州市", "水", v, "2021-09-01", "2022-12-31", "是", "正在推进", "2021-12-31"])
    assert main(["import", str(src), "--kind", "tasks", "--inspection", "central-2-360000"]) == 0
    con = duckdb.connect(str(db), read_only=True)
    titles = [r[0] for r in con.execute("select title from tasks order by task_code").fetchall()]
    assert titles == [v.strip() for v in HOSTILE]
    assert con.execute("select count(*) from regions").fetchall()[0][0] > 3000
    con.close()


def test_hostile_region_cells_and_cli_arguments_are_rejected_cleanly(tmp_path, monkeypatch, capsys):
    db = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(db))
    before = checksums(db)
    src = tmp_path / "tasks.csv"
    src.write_text("任务编号,整改任务,责任地区,任务类别,责任单位,交办日期,整改时限\n"
                   f"JX-1,t,{HOSTILE[1]},水,u,2021-09-01,2022-12-31\n", encoding="utf-8")
    assert main(["import", str(src), "--kind", "tasks", "--inspection", "central-2-360000"]) == 1
    assert main(["import", str(src), "--kind", "tasks", "--inspection", HOSTILE[1]]) == 2   # no such inspection
    assert main(["rollback", "1"]) == 2
    assert main(["user", "add", HOSTILE[0], "--role", "viewer", "--password-stdin"]) == 2
    assert checksums(db) == before
