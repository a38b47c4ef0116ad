"""Findings 2, 11 and 12: a hostile workbook is refused within limits, every failure is a message
naming where (never a traceback or a server path), and implausible values never reach the data."""
from __future__ import annotations

import importlib.util
import random
import resource
import time
from pathlib import Path

import pytest

from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db, table_checksums

_SPEC = importlib.util.spec_from_file_location(
    "fuzz_import", Path(__file__).resolve().parents[1] / "scripts" / "fuzz_import.py")
fuzz = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(fuzz)
OPTIONS = Options(inspection_id="central-3-360000", user="t")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return make_db(tmp_path_factory.mktemp("bounded") / "envboard.duckdb")


def rejected_with(db: Path, name: str, content: bytes, kind: str = "petitions") -> list:
    before = table_checksums(db)
    result = api.commit(content, name, kind, options=OPTIONS, db_file=db)
    assert result.status == "rejected"
    assert table_checksums(db) == before
    for e in result.errors:
        text = e.reason("zh") + e.reason("en") + str(e.value or "")
        assert "Traceback" not in text and "/tmp" not in text and "/envboard" not in text
    return [e for e in result.errors if e.severity == "error"]


def test_a_declared_17_billion_cell_sheet_is_refused_quickly_and_in_little_memory(db):
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    content = fuzz.xlsx_from_xml(fuzz.sheet_xml([fuzz.HEADERS["petitions"]], "A1:XFD1048576", far))
    assert len(content) < 5000
    rss0, start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.monotonic()
    errors = rejected_with(db, "dimension.xlsx", content)
    assert time.monotonic() - start < 20
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss0 < 200_000     # KiB
    assert [(e.message_key, e.sheet, e.row) for e in errors] == [("ingest.err.too_many_rows", "Sheet1", 1048576)]


def test_a_far_column_is_named_by_its_letters(db):
    wide = '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>'
    errors = rejected_with(db, "wide.xlsx", fuzz.xlsx_from_xml(fuzz.sheet_xml([fuzz.HEADERS["petitions"]], extra=wide)))
    assert [(e.message_key, e.row, e.column) for e in errors] == [("ingest.err.too_many_columns", 2, "XFD")]


def test_the_reader_process_is_stopped_at_its_memory_limit(db, monkeypatch):
    monkeypatch.setenv("ENVBOARD_IMPORT_MEMORY_MB", "48")
    rows = [fuzz.HEADERS["petitions"]] + [[f"单元格{i}-{j}-" + "x" * 40 for j in range(8)] for i in range(60_000)]
    errors = rejected_with(db, "big.xlsx", fuzz.xlsx_from_xml(fuzz.sheet_xml(rows)))
    assert [e.message_key for e in errors] == ["ingest.err.read_limit"]
    assert "48 MB" in errors[0].reason("zh")


@pytest.mark.parametrize("cut", [0.4, 0.8, 0.97])
def test_truncated_sheet_xml_is_a_damaged_workbook(db, cut):
    xml = fuzz.sheet_xml([fuzz.HEADERS["petitions"], fuzz._good_row("petitions", 0, random.Random(1))])
    errors = rejected_with(db, "cut.xlsx", fuzz.xlsx_from_xml(xml[: int(len(xml) * cut)]))
    assert [e.message_key for e in errors] == ["ingest.err.xlsx_damaged"]


def test_a_bad_shared_string_index_names_the_cell(db):
    extra = '<row r="2"><c r="B2" t="s"><v>7</v></c></row>'
    errors = rejected_with(db, "sst.xlsx", fuzz.xlsx_from_xml(fuzz.sheet_xml([fuzz.HEADERS["petitions"]], extra=extra),
                                                                "<si><t>a</t></si>"))
    assert [(e.message_key, e.sheet, e.row, e.column, e.value) for e in errors] == [
        ("ingest.err.bad_shared_string", "Sheet1", 2, "B", "7")]


def test_an_upload_name_of_300_bytes_is_a_message(db):
    name = "第1批" + "很长的文件名" * 17 + ".csv"
    assert len(name.encode()) > 256
    rows = [fuzz.HEADERS["petitions"], fuzz._good_row("petitions", 0, random.Random(1))]
    result = api.commit("\n".join(",".join(r) for r in rows).encode(), name, "petitions", options=OPTIONS, db_file=db)
    assert result.status in ("imported", "rejected")


@pytest.mark.parametrize("seed", range(40))
def test_hostile_files_end_in_a_clean_result(db, seed):
    assert fuzz.check_case(db, fuzz.hostile_case(random.Random(seed))) in ("imported", "rejected")


AIR = "城市,日期,PM2.5,PM10,SO2,NO2,CO,O3\n赣州市,2024-05-10,{pm25},60,8,20,0.8,90\n"


@pytest.mark.parametrize("value", ["1e400", "inf", "-inf", "1e308", "99999999999", "-5"])
def test_impossible_air_values_are_rejected_with_the_cell_named(db, value):
    errors = rejected_with(db, "air.csv", AIR.format(pm25=value).encode(), kind="air")
    assert [(e.row, e.column, e.value) for e in errors] == [(2, "PM2.5", value)]
    assert errors[0].message_key in ("ingest.err.implausible", "ingest.err.bad_number")


def test_a_high_but_possible_value_is_imported_with_a_warning(db):
    result = api.commit(AIR.format(pm25="620").encode(), "air.csv", "air", options=OPTIONS, db_file=db)
    assert result.status == "imported"
    assert [(w.row, w.column) for w in result.errors if w.message_key == "ingest.warn.above_table"] == [(2, "PM2.5")]


def test_nan_is_read_as_a_blank_cell_never_stored_as_nan(db):
    import duckdb

    result = api.commit(AIR.format(pm25="NaN").replace("2024-05-10", "2024-05-11").encode(), "air.csv", "air",
                        options=OPTIONS, db_file=db)
    assert result.status == "imported"
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from air_daily where isnan(pm25_ugm3) or isinf(pm25_ugm3)").fetchall() == [(0,)]
        assert con.execute("select pm25_ugm3 from air_daily where measured_on = '2024-05-11'").fetchall() == [(None,)]
    finally:
        con.close()


@pytest.mark.parametrize("kind, text, column", [
    ("supervision", "督办方式,行政区域,日期,涉及人数\n约谈,赣州市,2024-05-10,99999999999\n", "涉及人数"),
    ("supervision", "督办方式,行政区域,日期,涉及人数\n约谈,赣州市,2024-05-10,1e20\n", "涉及人数"),
    ("petitions", "受理编号,批次,交办日期,行政区域,问题类型,责任人被处理情况\n"
                  "D3JX202405100001,1,2024-05-10,赣州市,大气,问责99999999999人\n", "责任人被处理情况"),
])
def test_absurd_people_counts_are_rejected(db, kind, text, column):
    errors = rejected_with(db, f"{kind}.csv", text.encode(), kind=kind)
    assert [(e.row, e.column) for e in errors] == [(2, column)]
