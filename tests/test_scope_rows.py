"""Finding 1: an editor changes only records whose existing AND new region are in their scope.

Each file below reuses the id of a 抚州 (361000) record of the demo data and writes it as 赣州
(360700), as an editor of 360700 would to take over or rewrite another city's record."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import table_checksums

FILES = {
    "petitions": ("受理编号,批次,交办日期,行政区域,问题类型,是否办结,办结日期\n"
                  "D9JX20160715100001,1,2016-07-15,赣州市,水,已办结,2016-08-01\n"),
    "tasks": ("督察轮次,任务编号,整改任务,责任地区,任务类别,交办日期,整改进展,进展日期\n"
              "central-1-360000,361000-001,改写的任务,赣州市,生态,2017-01-01,已完成,2022-12-30\n"),
    "supervision": ("督办编号,督办方式,行政区域,日期\n361000-2017-letter-001,函告,赣州市,2017-12-24\n"),
}
TABLES = {"petitions": ("petitions", "petition_id", "D9JX20160715100001"),
          "tasks": ("tasks", "task_id", "central-1-360000/361000-001"),
          "supervision": ("supervision_actions", "action_id", "361000-2017-letter-001")}


@pytest.fixture()
def db_copy(demo_db_path, tmp_path):
    path = tmp_path / "envboard.duckdb"
    shutil.copyfile(demo_db_path, path)
    return path


def region_of(path, kind: str) -> str:
    table, key, value = TABLES[kind]
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(f"select region_code from {table} where {key} = ?", [value]).fetchall()[0][0]
    finally:
        con.close()


@pytest.mark.parametrize("kind", sorted(FILES))
def test_editor_cannot_take_over_a_record_of_another_region_by_its_id(db_copy, tmp_path, kind):
    assert region_of(db_copy, kind).startswith("3610")
    src = tmp_path / f"{kind}.csv"
    src.write_text(FILES[kind], encoding="utf-8")
    before = table_checksums(db_copy)
    options = Options(user="gz", allowed_region="360700")
    preview = api.preview(src, src.name, kind, con=duckdb.connect(str(db_copy), read_only=True), options=options)
    assert preview.status == "rejected"
    result = api.commit(src, src.name, kind, db_file=db_copy, options=options)
    assert result.status == "rejected"
    errors = [e for e in result.errors if e.message_key == "ingest.err.existing_out_of_scope"]
    assert len(errors) == 1 and errors[0].row == 2
    assert "361" in errors[0].reason("zh") and "360700" in errors[0].reason("zh")
    assert table_checksums(db_copy) == before
    assert region_of(db_copy, kind).startswith("3610")


def test_admin_may_still_move_a_record(db_copy, tmp_path):
    src = tmp_path / "supervision.csv"
    src.write_text(FILES["supervision"], encoding="utf-8")
    result = api.commit(src, src.name, "supervision", db_file=db_copy, options=Options(user="boss"))
    assert (result.status, result.counts.updated) == ("imported", 1)
    assert region_of(db_copy, "supervision") == "360700"
