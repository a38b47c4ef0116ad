"""Unknown values: grouped in the dry run, mapped once (stored, audited, scoped), used by later imports."""
from __future__ import annotations

import datetime as dt

import pytest

from envboard.cli.main import main
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db

HEAD = "受理编号,行政区域,问题类型,是否属实,是否办结\n"
ROWS = "".join(f"D3JX2024052400{i:02d},赣州市章贡区,大气,属实,已转办\n" for i in range(1, 13)) + \
    "D3JX202405240099,赣州市章贡区,宇宙射线,属实,已办结\n"
OPTIONS = dict(inspection_id="central-3-360000", batch_no=17, as_of=dt.date(2024, 5, 31))


@pytest.fixture()
def db(tmp_path, monkeypatch):
    path = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    return path


def test_dry_run_groups_unknown_values_by_column_with_counts(db, tmp_path):
    src = tmp_path / "第17批.csv"
    src.write_text(HEAD + ROWS, encoding="utf-8")
    result = api.preview(src, src.name, "petitions", options=Options(**OPTIONS))
    assert result.status == "rejected"
    assert [(u.column, u.value, u.rows, u.first_row) for u in result.unknown_values] == \
        [("是否办结", "已转办", 12, 2), ("问题类型", "宇宙射线", 1, 14)]
    assert "正在办理" in result.unknown_values[0].choices("petitions")
    assert result.as_json()["unknown_values"][0]["rows"] == 12


def test_stored_mapping_is_used_by_later_imports_in_its_scope_only(db, tmp_path, capsys):
    src = tmp_path / "第17批.csv"
    src.write_text(HEAD + ROWS.replace("宇宙射线", "大气"), encoding="utf-8")
    api.save_value_maps("petitions", "360700", [("status", "已转办", "正在办理")], "gz")
    assert api.commit(src, src.name, "petitions", options=Options(**OPTIONS, allowed_region="360700")).status == "imported"
    other = api.preview(src, src.name, "petitions", options=Options(**OPTIONS, allowed_region="361000"))
    assert other.status == "rejected"          # 抚州's editor has no such mapping (and no such rows)
    with pytest.raises(ValueError):
        api.save_value_maps("petitions", "", [("status", "已转办", "随便写")], "gz")


def test_mapping_file_on_the_command_line(db, tmp_path, capsys):
    src = tmp_path / "第17批.csv"
    src.write_text(HEAD + ROWS.replace("宇宙射线", "大气"), encoding="utf-8")
    mapping = tmp_path / "对应.csv"
    mapping.write_text("列,原值,对应值\nstatus,已转办,正在办理\n", encoding="utf-8")
    args = ["import", str(src), "--kind", "petitions", "--inspection", "central-3-360000", "--as-of", "2024-05-31"]
    assert main(args) == 1
    assert main([*args, "--mapping", str(mapping)]) == 0
    assert main(["mapping", str(mapping), "--kind", "petitions"]) == 0
    from envboard.core.db import open_reader
    from envboard.security import audit
    con = open_reader(db)
    try:
        assert [e["action"] for e in audit.store_for(db).entries()].count("mapping") == 1
        assert con.execute("select raw_value, mapped_value from value_mappings").fetchall() == [("已转办", "正在办理")]
    finally:
        con.close()
