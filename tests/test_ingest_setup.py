"""An office sets up its own database: init (no demo) → templates → imports → a rendered overview."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from envboard.__main__ import main
from envboard.ingest.templates import template_fields
from tests.conftest import APP

ROWS = {
    "inspections": [{"督察编号": "central-3-360000", "督察类型": "中央", "轮次": "第三轮",
                     "督察组": "中央第三生态环境保护督察组", "督察对象": "江西省", "进驻日期": "2024-04-11",
                     "结束日期": "2024-05-11", "反馈日期": "2024-08-20"}],
    "sections": [{"断面编号": "GJ-01", "断面名称": "八一桥", "河流/湖库": "赣江", "水体类型": "河流",
                  "所在区县": "南昌市东湖区", "级别": "国控", "水质目标": "Ⅲ"}],
    "tasks": [
        {"整改任务": f"任务{i}", "任务编号": f"T-{i}", "责任地区": "赣州市", "任务类别": "水", "交办日期": "2024-09-01",
         "整改时限": "2025年12月底前", "是否纳入销号管理": "是", "整改进展": status, "进展日期": "2024-11-30"}
        for i, status in enumerate(["已销号", "已销号", "正在推进", "已完成"], start=1)],
    "petitions": [
        {"受理编号": f"D3JX2024041500{i:02d}", "批次": "1", "交办日期": "2024-04-15", "行政区域": "赣州市章贡区",
         "问题类型": kind, "是否属实": "属实", "是否办结": status, "办结日期": "2024-05-20"}
        for i, (kind, status) in enumerate([("大气", "已办结"), ("水", "已办结"), ("噪声", "已办结"),
                                            ("大气、噪声", "阶段性办结")], start=1)],
    "air": [{"城市": "赣州市", "日期": (dt.date(2024, 11, 1) + dt.timedelta(days=d)).isoformat(), "PM2.5": "30",
             "PM10": "50", "SO2": "8", "NO2": "20", "CO": "0.8", "O3_8h": "100"} for d in range(30)],
    "water": [{"断面": "GJ-01", "月份": "2024年11月", "指标": code, "监测值": value}
              for code, value in [("DO", "7.5"), ("COD_Mn", "3.1"), ("NH3_N", "0.3"), ("TP", "0.08")]],
}


def fill_template(kind: str, path, rows: list[dict]) -> None:
    """Write the template of `kind`, replace its example row by `rows` (by header) and save it."""
    main(["template", kind, "-o", str(path)])
    book = openpyxl.load_workbook(path)
    sheet = book.active
    headers = [f.label_zh for f in template_fields(kind)]
    for r, row in enumerate(rows, start=2):
        for c, header in enumerate(headers, start=1):
            sheet.cell(r, c, row.get(header))
    book.save(path)


@pytest.fixture()
def office_db(tmp_path, monkeypatch):
    path = tmp_path / "office.duckdb"
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    assert main(["init", "--db", str(path)]) == 0
    for kind, rows in ROWS.items():
        file = tmp_path / f"{kind}.xlsx"
        fill_template(kind, file, rows)
        extra = ["--inspection", "中央第三轮 江西"] if kind in ("tasks", "petitions") else []
        assert main(["import", str(file), "--kind", kind, *extra]) == 0, kind
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()


def test_office_database_from_templates_renders_the_overview(office_db, capsys):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["scope"] = "360700"
    at.query_params["month"] = "2024-11"
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["销号率"] == "50.0 %"            # 2 closed of 4 under closure management
    assert metrics["信访办结率"] == "75.0 %"        # 3 closed of 4 (阶段性办结 is not closed)
    assert not any("示例数据" in w.value for w in at.warning)


def test_inspection_description_that_matches_nothing_lists_the_valid_ones(office_db, tmp_path, capsys):
    file = tmp_path / "tasks.xlsx"
    fill_template("tasks", file, ROWS["tasks"])
    assert main(["import", str(file), "--kind", "tasks", "--inspection", "中央第二轮 江西"]) == 2
    err = capsys.readouterr().err
    assert "未知督察“中央第二轮 江西”" in err and "central-3-360000（江西省 2024-04-11）" in err


def test_shipped_reporting_units_are_regions_of_their_province(office_db):
    from envboard.core.db import open_reader

    con = open_reader(office_db)
    rows = dict(con.execute("select name, level || '/' || parent_code || '/' || city_code from regions "
                            "where is_reporting_unit").fetchall())
    con.close()
    assert rows["赣江新区"] == "city/360000/369901"          # ranked beside Jiangxi's cities
    assert rows["宁东能源化工基地"] == "city/640000/649901"
    assert rows["四川天府新区"] == "county/510100/510100"    # folded into 成都市
