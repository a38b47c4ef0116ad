"""Messy real-world spreadsheets: title rows, merged headers, totals, encodings, several sheets, broken files."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import openpyxl
import pytest

from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db

DATA = Path(__file__).parent / "data" / "ingest"
XUNYANG = DATA / "petition_table_jiangxi_xunyang_2024_batch17.csv"
HEADER = ["序号", "受理编号", "交办问题基本情况", "行政区域", "问题类型", "调查核实情况", "是否属实",
          "办结目标", "处理和整改情况", "是否办结", "责任人被处理情况"]
ROW_A = [70, "D3JX202405240023", "施工扬尘严重", "九江市浔阳区", "大气", "基本属实", "基本属实", "", "已整改", "已办结", "无"]
ROW_B = [71, "D3JX202405240024", "夜间噪声扰民", "章贡区", "噪声", "属实", "属实", "", "已整改", "正在办理", "无"]


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    return path


def petitions(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select petition_id, batch_no, region_code, city_code, received_on, pollution_type "
                           "from petitions order by petition_id").fetchall()
    finally:
        con.close()


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def commit(path: Path) -> api.PreviewResult:
    return api.commit(path, path.name, "petitions", options=Options(as_of=dt.date(2024, 5, 26)))


EXPECTED_AB = [("D3JX202405240023", 17, "360403", "360400", dt.date(2024, 5, 24), "air"),
               ("D3JX202405240024", 17, "360702", "360700", dt.date(2024, 5, 24), "noise")]


def test_title_rows_above_the_header_are_skipped_and_give_the_batch(db, tmp_path):
    path = workbook(tmp_path / "公开情况.xlsx", {"Sheet1": [
        ["中央生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第十七批）"], [None], HEADER, ROW_A, ROW_B]})
    result = commit(path)
    assert (result.status, result.counts.inserted) == ("imported", 2)
    assert petitions(db) == EXPECTED_AB
    assert result.n_errors == 0


def test_two_level_merged_header_is_read_as_one(db, tmp_path):
    top = HEADER[:5] + ["办理情况", None, None, None, "是否办结", "责任人被处理情况"]
    sub = [None] * 5 + ["调查核实情况", "是否属实", "办结目标", "处理和整改情况", None, None]
    path = tmp_path / "第17批.xlsx"
    workbook(path, {"表": [top, sub, ROW_A, ROW_B]})
    book = openpyxl.load_workbook(path)
    sheet = book.active
    sheet.merge_cells("F1:I1")
    for col in "ABCDEJK":
        sheet.merge_cells(f"{col}1:{col}2")
    book.save(path)
    result = commit(path)
    assert (result.status, result.counts.inserted) == ("imported", 2), result.errors
    assert petitions(db) == EXPECTED_AB


def test_total_row_and_blank_trailing_rows_and_cells_are_ignored(db, tmp_path):
    path = workbook(tmp_path / "第17批.xlsx", {"Sheet1": [
        HEADER + [None, None], ROW_A + [None], ROW_B, [None] * 5, ["合计", "2件"], [None], [None, None, None]]})
    result = commit(path)
    assert (result.status, result.counts.inserted, result.rows) == ("imported", 2, 2)


def test_full_width_digits_and_letters_are_read(db, tmp_path):
    row = ["７０", "Ｄ３ＪＸ２０２４０５２４００２３", "施工扬尘", "九江市浔阳区", "大气", "", "基本属实", "", "", "正在办理", "无"]
    path = workbook(tmp_path / "第１７批.xlsx", {"Sheet1": [HEADER, row]})
    result = commit(path)
    assert result.status == "imported", result.errors
    assert petitions(db) == [EXPECTED_AB[0]]


def test_excel_serial_and_datetime_cells_are_dates(db, tmp_path):
    header = HEADER + ["交办日期"]
    path = workbook(tmp_path / "第17批.xlsx", {"Sheet1": [
        header, ["1", "X3JX0001", "a", "九江市浔阳区", "大气", "", "属实", "", "", "", "", 45436],
        ["2", "X3JX0002", "b", "章贡区", "水", "", "属实", "", "", "", "", dt.datetime(2024, 5, 25)]]})
    result = commit(path)
    assert result.status == "imported", result.errors
    assert [r[4] for r in petitions(db)] == [dt.date(2024, 5, 24), dt.date(2024, 5, 25)]


def test_gbk_encoded_csv_is_detected(db, tmp_path):
    path = tmp_path / XUNYANG.name
    path.write_bytes(XUNYANG.read_text(encoding="utf-8").encode("gbk"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert commit(path).counts.inserted == 1
    assert petitions(db) == [EXPECTED_AB[0]]


def test_utf8_bom_csv_is_read(db, tmp_path):
    path = tmp_path / XUNYANG.name
    path.write_bytes(b"\xef\xbb\xbf" + XUNYANG.read_bytes())
    result = commit(path)
    assert (result.status, result.counts.inserted) == ("imported", 1)
    assert result.mapping[0]["found"] == "序号"


def test_every_sheet_with_a_header_is_imported_and_errors_name_the_sheet(db, tmp_path):
    bad_b = ROW_B[:4] + ["沙尘暴"] + ROW_B[5:]
    path = workbook(tmp_path / "第17批.xlsx", {"说明": [["填表说明：每个区县一张表"]],
                                                 "浔阳区": [HEADER, ROW_A], "章贡区": [["标题"], HEADER, bad_b]})
    rejected = commit(path)
    assert [(e.sheet, e.row, e.column) for e in rejected.errors if e.severity == "error"] == [("章贡区", 3, "问题类型")]
    path = workbook(tmp_path / "第17批.xlsx", {"说明": [["填表说明"]], "浔阳区": [HEADER, ROW_A], "章贡区": [HEADER, ROW_B]})
    assert commit(path).counts.inserted == 2
    assert petitions(db) == EXPECTED_AB


def test_short_csv_rows_are_padded(db, tmp_path):
    path = tmp_path / "第17批.csv"
    path.write_text(",".join(HEADER) + "\n70,D3JX202405240023,扬尘,九江市浔阳区,大气\n", encoding="utf-8")
    assert commit(path).counts.inserted == 1


@pytest.mark.parametrize("name, content, key", [
    ("fake.xlsx", "序号,受理编号\n1,2\n".encode(), "ingest.err.not_xlsx"),
    ("damaged.xlsx", b"PK\x03\x04" + b"\x00" * 200, "ingest.err.not_xlsx"),
    ("empty.csv", b"", "ingest.err.empty_file"),
    ("blank.csv", b"\n\n  \n", "ingest.err.empty_file"),
    ("binary.csv", bytes(range(256)) * 40, "ingest.err.binary_csv"),
    ("fake.xls", b"not an excel file", "ingest.err.not_xls"),
    ("notes.pdf", b"%PDF-1.4", "ingest.err.unsupported_type"),
], ids=["csv-as-xlsx", "damaged-xlsx", "empty", "blank", "binary", "fake-xls", "pdf"])
def test_broken_files_give_one_clear_error(db, tmp_path, name, content, key):
    path = tmp_path / name
    path.write_bytes(content)
    result = commit(path)
    assert result.status == "rejected"
    assert [e.message_key for e in result.errors if e.severity == "error"] == [key]
    assert result.errors[0].reason("zh") and result.errors[0].reason("en")


def test_ten_megabyte_text_named_csv_is_rejected_quickly(db, tmp_path):
    import time

    path = tmp_path / "notes.csv"
    line = "这是一段普通的会议记录文字，不是表格。Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n"
    path.write_text(line * (10_000_000 // len(line.encode())), encoding="utf-8")
    assert path.stat().st_size > 9_000_000
    start = time.perf_counter()
    result = commit(path)
    assert time.perf_counter() - start < 5
    assert [e.message_key for e in result.errors] == ["ingest.err.no_header"]


def test_excel_97_workbook_with_title_total_and_date_cells(db):
    # made with xlwt: a merged title row, the header, two rows with real date cells, a 合计 row
    path = DATA / "petitions_batch17_excel97.xls"
    result = commit(path)
    assert (result.status, result.counts.inserted, result.rows) == ("imported", 2, 2), result.errors
    assert petitions(db) == EXPECTED_AB
