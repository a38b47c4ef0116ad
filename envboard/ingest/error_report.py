"""The XLSX error report: one line per problem, pointing at the original file, sheet, row and column."""
from __future__ import annotations

from pathlib import Path
import tempfile

import xlsxwriter

from envboard.ingest.messages import message
from envboard.ingest.validate import RowError
from envboard.core.export_safety import XLSX_OPTIONS

HEADERS = {
    "zh": ["文件", "工作表", "行号", "列", "值", "原因", "级别"],
    "en": ["File", "Sheet", "Row", "Column", "Value", "Reason", "Severity"],
}
_SEVERITY = {"zh": {"error": "错误", "warning": "提示"}, "en": {"error": "error", "warning": "warning"}}


def report_rows(errors: list[RowError], lang: str = "zh") -> list[list]:
    """The report's rows: file, sheet, row, column, value, reason, severity."""
    return [[e.file, e.sheet or "", e.row, e.column or "", e.value or "", e.reason(lang),
             _SEVERITY[lang][e.severity]] for e in errors]


def write_error_report(errors: list[RowError], path: Path, lang: str = "zh", total: int | None = None) -> Path:
    """Write the report to `path` (.xlsx) and return the path."""
    book = xlsxwriter.Workbook(str(path), XLSX_OPTIONS)
    try:
        sheet = book.add_worksheet("错误" if lang == "zh" else "errors")
        bold = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        sheet.write_row(0, 0, HEADERS[lang], bold)
        for i, row in enumerate(report_rows(errors, lang), start=1):
            sheet.write_row(i, 0, row, wrap)
        if total is not None and total > len(errors):
            sheet.write(len(errors) + 2, 0, message("ingest.err.too_many_errors", lang, shown=len(errors), total=total))
        for col, width in enumerate([28, 12, 8, 16, 30, 48, 8]):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(errors), 1), len(HEADERS[lang]) - 1)
    finally:
        book.close()
    return path


def report_bytes(errors: list[RowError], lang: str = "zh") -> bytes:
    """The report as bytes, for a download button."""
    with tempfile.TemporaryDirectory() as tmp:
        path = write_error_report(errors, Path(tmp) / "errors.xlsx", lang)
        return path.read_bytes()
