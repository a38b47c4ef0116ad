"""Stream the cells of an .xlsx without trusting its <dimension>, within row, column and cell caps.

openpyxl pads every row to the width the sheet declares and yields every row up to the declared
last one, so a 4.7 KB workbook declaring A1:XFD1048576 asks for 17 billion cells. This reader walks
the sheet XML once (`iterparse`, elements cleared as it goes), keeps only the cells that are there,
and stops with a ReadError naming the sheet, row and column as soon as a cap is passed.
Values follow `readers.cell_text`: dates ISO (from the cell's number format), whole numbers without
'.0', booleans 是/否, formulas as their cached value (never evaluated).
"""
from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
import zipfile
from collections.abc import Iterator
from xml.etree.ElementTree import ParseError, iterparse

from openpyxl.styles.numbers import is_date_format

from envboard.ingest.cells import ReadError, cell_text

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_ROWS = 300_000          # a sheet reaching further is refused (CSV streams bigger files)
MAX_COLUMNS = 256
MAX_CELL_CHARS = 32_767     # Excel's own limit for one cell
MAX_SHARED_STRINGS = 2_000_000
_REF = re.compile(r"^([A-Z]{1,3})(\d{1,7})$")
_DATE_IDS = set(range(14, 23)) | {27, 30, 36, 45, 46, 47, 50, 57}


def column_index(letters: str) -> int:
    """1-based column number of 'A', 'AB', 'XFD'."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def _parse(member) -> Iterator[tuple[str, object]]:
    try:
        yield from iterparse(member, events=("start", "end"))
    except ParseError as exc:
        raise ReadError("ingest.err.xlsx_damaged", detail=f"{getattr(member, 'name', '')}: {exc}"[:200]) from None


def _text(elem) -> str:
    """Text of an <si> or <is>: every <t>, phonetic runs (<rPh>) left out."""
    parts = []
    for child in elem.iter():
        if child.tag == f"{NS}rPh":
            break
        if child.tag == f"{NS}t" and child.text:
            parts.append(child.text)
    return "".join(parts)


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    out: list[str] = []
    with archive.open("xl/sharedStrings.xml") as member:
        for event, elem in _parse(member):
            if event == "end" and elem.tag == f"{NS}si":
                text = _text(elem)
                if len(text) > MAX_CELL_CHARS:
                    raise ReadError("ingest.err.cell_too_long", limit=MAX_CELL_CHARS)
                out.append(text)
                elem.clear()
                if len(out) > MAX_SHARED_STRINGS:
                    raise ReadError("ingest.err.xlsx_too_large", limit=f"{MAX_SHARED_STRINGS} strings")
    return out


def date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of the cell formats (cellXfs) that show a date or time."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    custom: dict[int, str] = {}
    dates, index, in_xfs = set(), 0, False
    with archive.open("xl/styles.xml") as member:
        for event, elem in _parse(member):
            if event == "end" and elem.tag == f"{NS}numFmt":
                custom[int(elem.get("numFmtId", "-1"))] = elem.get("formatCode", "")
            elif elem.tag == f"{NS}cellXfs":
                in_xfs = event == "start"
            elif event == "end" and in_xfs and elem.tag == f"{NS}xf":
                fid = int(elem.get("numFmtId", "0") or 0)
                if fid in _DATE_IDS or (fid in custom and is_date_format(custom[fid])):
                    dates.add(index)
                index += 1
    return dates


def sheets(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(name, member path) of every worksheet, in workbook order."""
    rels = {}
    with archive.open("xl/_rels/workbook.xml.rels") as member:
        for event, elem in _parse(member):
            if event == "end" and elem.tag == f"{PKG_REL}Relationship":
                target = elem.get("Target", "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
                rels[elem.get("Id")] = path
    out = []
    with archive.open("xl/workbook.xml") as member:
        for event, elem in _parse(member):
            if event == "end" and elem.tag == f"{NS}sheet":
                path = rels.get(elem.get(f"{REL_NS}id"), "")
                if path.startswith("xl/worksheets/") and path in archive.namelist():
                    out.append((elem.get("name") or path, path))
    return out


def is_1904(archive: zipfile.ZipFile) -> bool:
    with archive.open("xl/workbook.xml") as member:
        for event, elem in _parse(member):
            if event == "end" and elem.tag == f"{NS}workbookPr":
                return elem.get("date1904") in ("1", "true")
    return False


class _Cells:
    """Converts one <c> element to text, knowing the shared strings, date styles and epoch."""

    def __init__(self, strings: list[str], dates: set[int], epoch: dt.datetime):
        self.strings, self.dates, self.epoch = strings, dates, epoch

    def value(self, elem, where: dict) -> str | None:
        kind = elem.get("t", "n")
        raw = elem.findtext(f"{NS}v")
        if kind == "inlineStr":
            node = elem.find(f"{NS}is")
            return cell_text(_text(node)) if node is not None else None
        if raw is None or not raw.strip() or kind == "e":    # a formula without a cached value: empty
            return None
        if kind == "s":
            try:
                return cell_text(self.strings[int(raw)])
            except (ValueError, IndexError):
                raise ReadError("ingest.err.bad_shared_string", value=raw[:40], **where) from None
        if kind == "b":
            return cell_text(raw.strip() in ("1", "true"))
        if kind in ("str", "d"):
            return cell_text(raw)
        return self._number(raw, elem.get("s"), where)

    def _number(self, raw: str, style, where: dict) -> str | None:
        try:
            number = float(raw)
        except ValueError:
            raise ReadError("ingest.err.bad_number_cell", value=raw[:40], **where) from None
        if not math.isfinite(number):
            return raw.strip()              # left as written; validation names it
        if style is not None and style.isdigit() and int(style) in self.dates and 0 <= number < 2_958_466:
            return cell_text(self.epoch + dt.timedelta(days=number))
        return cell_text(number)


def sheet_rows(archive: zipfile.ZipFile, name: str, path: str, cells: _Cells) -> Iterator[tuple[int, list]]:
    """(row number, cells up to the last non-empty one) of every row that has a value."""
    with archive.open(path) as member:
        row_no, row, next_col = 0, {}, 1
        for event, elem in _parse(member):
            tag = elem.tag
            if event == "start" and tag == f"{NS}row":
                given = elem.get("r")
                row_no = int(given) if given and given.isdigit() else row_no + 1
                row, next_col = {}, 1
                _check_row(name, row_no)
            elif event == "end" and tag == f"{NS}c":
                col = _cell_column(elem.get("r"), next_col, name, row_no)
                next_col = col + 1
                where = {"sheet": name, "row": row_no, "column": column_letters(col)}
                value = cells.value(elem, where)
                if value is not None:
                    if len(value) > MAX_CELL_CHARS:
                        raise ReadError("ingest.err.cell_too_long", limit=MAX_CELL_CHARS, **where)
                    row[col] = value
                elem.clear()
            elif event == "end" and tag == f"{NS}row":
                if row:
                    yield row_no, [row.get(i) for i in range(1, max(row) + 1)]
                elem.clear()


def _check_row(sheet: str, row_no: int) -> None:
    if row_no > MAX_ROWS:
        raise ReadError("ingest.err.too_many_rows", limit=MAX_ROWS, sheet=sheet, row=row_no)


def _cell_column(ref: str | None, default: int, sheet: str, row_no: int) -> int:
    match = _REF.match(ref or "")
    col = column_index(match[1]) if match else default
    if col > MAX_COLUMNS:
        raise ReadError("ingest.err.too_many_columns", limit=MAX_COLUMNS, sheet=sheet, row=row_no,
                        column=column_letters(col))
    return col


def read_grids(path) -> list[tuple[str, list[list]]]:
    """(sheet name, rows) of every worksheet; rows without values are empty lists so that the
    position of a row in the list is its Excel row number minus one."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise ReadError("ingest.err.not_xlsx") from None
    with archive:
        try:
            names = sheets(archive)
            cells = _Cells(shared_strings(archive), date_styles(archive),
                           dt.datetime(1904, 1, 1) if is_1904(archive) else dt.datetime(1899, 12, 30))
        except KeyError:          # a required member is missing
            raise ReadError("ingest.err.not_xlsx") from None
        out = []
        for name, member in names:
            rows: list[list] = []
            for row_no, values in sheet_rows(archive, name, member, cells):
                rows.extend([] for _ in range(row_no - 1 - len(rows)))
                rows.append(values)
            out.append((name, rows))
        return out
