"""数据导入 page: what it shows, its templates, its error table, and the xlsx limits it relies on."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from envboard.ingest import api, readers
from envboard.ingest.context import Options
from envboard.ingest.mapping import KINDS
from envboard.ingest.testing import make_db

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def test_import_page_shows_kinds_templates_uploader_and_history(demo_db_path):
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/data_import.py").run()
    assert not at.exception and at.title[0].value == "数据导入"
    assert sorted(at.selectbox(key="import_kind").options) == sorted(
        ["信访举报件", "整改任务", "整改进展", "督办情况", "空气质量", "水质", "督察轮次", "监测断面",
         "报告单位（新区、开发区、基地）"])
    assert len(at.get("download_button")) == len(KINDS)
    assert len(at.get("file_uploader")) == 1
    history = at.dataframe[0].value
    assert list(history["类型"])[-1] == "示例数据"          # the kind in words, not its code (demo)


def test_templates_open_with_the_canonical_headers():
    from envboard.ingest.templates import template_fields
    from envboard.ui.import_view import template_bytes

    for kind in KINDS:
        sheet = openpyxl.load_workbook(io.BytesIO(template_bytes(kind))).active
        assert [c.value for c in sheet[1]] == [f.label_zh for f in template_fields(kind)]


def test_error_table_has_file_sheet_row_column_value_reason(tmp_path):
    from envboard.ui.import_view import error_frame

    db = make_db(tmp_path / "envboard.duckdb")
    content = ("任务编号,整改任务,责任地区,任务类别,责任单位,交办日期,整改时限\n"
               "JX-1,=HYPERLINK(\"x\"),抚州市,水,u,不是日期,2022-12-31\n").encode()
    result = api.commit(content, "台账.csv", "tasks", db_file=db,
                        options=Options(inspection_id="central-2-360000", allowed_region="360700"))
    frame = error_frame(result)
    assert list(frame.columns) == ["文件", "工作表", "行号", "列", "值", "原因", "级别"]
    rows = frame[frame["级别"] == "错误"].set_index("列")
    assert rows.loc["交办日期", "原因"] == "日期无法识别" and rows.loc["交办日期", "行号"] == 2
    assert rows.loc["责任地区", "原因"] == "地区 361000 不在您的管辖范围（360700）内"


def xlsx_with(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_zip_bomb_workbook_is_refused_before_it_is_unpacked(monkeypatch):
    monkeypatch.setattr(readers, "XLSX_MAX_UNPACKED", 1 << 20)
    bomb = xlsx_with({"xl/worksheets/sheet1.xml": b"0" * (4 << 20)})
    assert len(bomb) < 100_000
    with pytest.raises(readers.ReadError) as err:
        readers.check_xlsx_size(bomb)
    assert err.value.key == "ingest.err.xlsx_too_large"


def test_a_workbook_with_too_many_sheets_is_refused():
    many = xlsx_with({f"xl/worksheets/sheet{i}.xml": b"<x/>" for i in range(readers.XLSX_MAX_SHEETS + 1)})
    with pytest.raises(readers.ReadError):
        readers.check_xlsx_size(many)


def test_formulas_are_read_as_their_cached_values_never_evaluated(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["城市", "日期", "PM2.5"])
    book.active.append(["赣州市", "2024-05-01", "=WEBSERVICE(\"http://x\")"])
    path = tmp_path / "air.xlsm"
    book.save(path)
    db = make_db(tmp_path / "envboard.duckdb")
    result = api.commit(path, path.name, "air", db_file=db)
    assert result.status == "imported"            # the formula cell has no cached value: read as empty
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select pm25_ugm3 from air_daily").fetchall() == [(None,)]
    con.close()
