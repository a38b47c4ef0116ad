"""The cell grid of an Excel 97-2003 workbook (xlrd), within the same caps as .xlsx."""
from __future__ import annotations

import xlrd

from envboard.ingest.cells import ReadError, cell_text
from envboard.ingest.xlsx_stream import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, column_letters


def _cell(cell, datemode: int) -> str | None:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return cell_text(xlrd.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError):
            return cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    return cell_text(cell.value)


def read_grids(path) -> list[tuple[str, list[list]]]:
    """(sheet name, rows) of every sheet."""
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as exc:   # xlrd raises XLRDError, struct errors … for a damaged file
        raise ReadError("ingest.err.not_xls", detail=type(exc).__name__) from None
    out = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if sheet.nrows > MAX_ROWS:
            raise ReadError("ingest.err.too_many_rows", limit=MAX_ROWS, sheet=sheet.name, row=sheet.nrows)
        if sheet.ncols > MAX_COLUMNS:
            raise ReadError("ingest.err.too_many_columns", limit=MAX_COLUMNS, sheet=sheet.name,
                            column=column_letters(sheet.ncols))
        rows = []
        for i in range(sheet.nrows):
            row = [_cell(c, book.datemode) for c in sheet.row(i)]
            for j, value in enumerate(row):
                if value is not None and len(value) > MAX_CELL_CHARS:
                    raise ReadError("ingest.err.cell_too_long", limit=MAX_CELL_CHARS, sheet=sheet.name,
                                    row=i + 1, column=column_letters(j + 1))
            rows.append(row)
        out.append((sheet.name, rows))
        book.unload_sheet(index)
    return out
