"""Read .xlsx, .xls and .csv files into chunks of text cells with their sheet and row numbers.

A table may sit below title rows and a merged group-header row: the header is the row (among the
first HEAD_ROWS) with the most known column names. Blank rows, repeated headers and 合计/小计 rows
are dropped; short rows are padded. CSVs are streamed in chunks so a million rows fit in memory.
"""
from __future__ import annotations

import codecs
import re
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
import tempfile

import pandas as pd

from envboard.ingest import layout, sandbox
from envboard.ingest.cells import ReadError, cell_text  # noqa: F401  (re-exported)

HEAD_ROWS = 30
CHUNK_ROWS = 100_000
XLSX_MAX_UNPACKED = 512 << 20     # bytes of all workbook members once unpacked
XLSX_MAX_SHEETS = 50
_VALUE = re.compile(r"[-+]?\d[\d,.]*%?|\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?.*")
_TOTAL_WORDS = ("合计", "小计", "总计", "累计", "共计")


@dataclass
class Table:
    """One sheet's table: the header as found and an iterator of data chunks."""
    sheet: str | None
    header_row: int                      # 1-based row of the header
    header: list[str | None]
    title: str                           # text above the header (for 第N批 and dates)
    chunks: Iterator[pd.DataFrame] = field(repr=False)   # columns 0..n-1 (str) and "_row" (int)
    notes_from: int | None = None        # 1-based row where notes/statistics below the table begin
    notes_to: int | None = None
    group_rows: int = 0                  # one-cell group label rows (一、大气污染防治)


def find_header(rows: list[list], score: Callable[[list], int]) -> int | None:
    """Index of the row with the most known headers (at least two), or None."""
    best, best_score = None, 1
    for i, row in enumerate(rows[:HEAD_ROWS]):
        s = score(row)
        if s > best_score:
            best, best_score = i, s
    return best


def merge_header(rows: list[list], at: int, score: Callable[[list], int] | None = None) -> tuple[list, int]:
    """(header, rows it spans): blanks filled from the row above (merged vertically) or, for a
    two-level header whose group cells are merged across, from the sub-header row below."""
    header = [_blank_to_none(c) for c in rows[at]]
    above = rows[at - 1] if at > 0 else []
    header = [above[i] if c is None and i < len(above) else c for i, c in enumerate(header)]
    below = rows[at + 1] if at + 1 < len(rows) else []
    span = 1
    if score and _is_sub_header(header, below, score):
        header, span = _with_sub_header(header, below, score), 2
    while header and _blank_to_none(header[-1]) is None:
        header.pop()
    return header, span


def _blank_to_none(cell):
    return None if cell is None or not str(cell).strip() else cell


def _is_sub_header(header: list, below: list, score) -> bool:
    """The next row names columns, and none under a column the header row already names."""
    if not below or score(below) < 1:
        return False
    # a first data row whose text equals a column name (首要污染物 = "PM2.5") has numbers or dates
    if any(_VALUE.fullmatch(str(c).strip()) for c in below if _blank_to_none(c) is not None):
        return False
    under_known = [c for i, c in enumerate(below) if i < len(header) and score([header[i]])]
    return score(under_known) == 0


def _with_sub_header(header: list, below: list, score) -> list:
    """Sub-headers under a group cell merged across (处理和整改情况 over 约谈（人）/问责（人）) win; a known
    single-level column keeps its own name."""
    width = max(len(header), len(below))
    top = [header[i] if i < len(header) else None for i in range(width)]
    sub = [below[i] if i < len(below) else None for i in range(width)]
    merged = []
    for i in range(width):
        group = top[i] is not None and i + 1 < width and top[i + 1] is None and sub[i] and sub[i + 1]
        in_group = top[i] is None and i > 0 and merged and sub[i] is not None
        if group or in_group or (sub[i] and not (top[i] and score([top[i]]))):
            merged.append(sub[i])
        else:
            merged.append(top[i])
    return merged


def _title(rows: list[list], at: int) -> str:
    return " ".join(str(c) for row in rows[:at] for c in row if c is not None)


def clean_chunk(frame: pd.DataFrame, header: list) -> pd.DataFrame:
    """Drop blank rows, repeated header rows and 合计/小计 rows."""
    cells = frame.drop(columns="_row")
    stripped = cells.apply(lambda s: s.str.strip())
    keep = stripped.notna().any(axis=1) & (stripped != "").any(axis=1)
    lead = stripped.iloc[:, : min(3, stripped.shape[1])]
    for col in lead.columns:
        keep &= ~lead[col].fillna("").str.replace(r"\s+", "", regex=True).str.startswith(_TOTAL_WORDS)
    if len(header) and stripped.shape[1] >= len(header):
        first = str(header[0]).strip() if header[0] is not None else None
        if first:
            keep &= ~(stripped.iloc[:, 0] == first) | (stripped.iloc[:, 1] != str(header[1] or "").strip())
    return frame[keep.fillna(False)]


def _frame(rows: list[list], first_row: int, width: int) -> pd.DataFrame:
    padded = [(r + [None] * width)[:width] for r in rows]
    frame = pd.DataFrame(padded, columns=range(width), dtype="str")
    frame["_row"] = range(first_row, first_row + len(rows))
    return frame


def _grid_tables(name: str | None, rows: list[list], score) -> Table | None:
    at = find_header(rows, score)
    if at is None:
        return None
    header, span = merge_header(rows, at, score)
    data = rows[at + span:]
    end = layout.table_end(data)
    notes = (at + span + end + 1, at + span + len(data)) if end < len(data) else (None, None)
    data = data[:end]
    header, data = layout.join_regions(header, data)
    header, data, groups = layout.carry_groups(header, data)
    width = max(len(header), 1)

    def chunks():
        for start in range(0, len(data), CHUNK_ROWS):
            yield clean_chunk(_frame(data[start:start + CHUNK_ROWS], at + span + 1 + start, width), header)
    return Table(name, at + 1, header, _title(rows, at), chunks(), *notes, len(groups))


def read_xlsx(data: bytes, score) -> list[Table]:
    """Tables of every sheet with a recognisable header (cells read by the sandboxed reader)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReadError("ingest.err.not_xlsx")
    check_xlsx_size(data)
    return _workbook_tables(data, ".xlsx", score)


def _workbook_tables(data: bytes, suffix: str, score) -> list[Table]:
    with tempfile.TemporaryDirectory(prefix="envboard-book-") as tmp:
        path = Path(tmp) / f"book{suffix}"
        path.write_bytes(data)
        grids = sandbox.read_grids(path, suffix)
    tables = []
    for name, rows in grids:
        if layout.skip_sheet(name):
            continue
        table = _grid_tables(name, _trim(rows), score)
        if table:
            tables.append(table)
    return tables


def check_xlsx_size(data: bytes) -> None:
    """Refuse a workbook whose members unpack to more than XLSX_MAX_UNPACKED bytes or that has more
    than XLSX_MAX_SHEETS sheets, before openpyxl reads it (a zip bomb would exhaust memory)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        unpacked = sum(m.file_size for m in members)
        sheets = sum(1 for m in members if m.filename.startswith("xl/worksheets/") and m.filename.endswith(".xml"))
    if unpacked > XLSX_MAX_UNPACKED:
        raise ReadError("ingest.err.xlsx_too_large", limit=f"{XLSX_MAX_UNPACKED >> 20} MB")
    if sheets > XLSX_MAX_SHEETS:
        raise ReadError("ingest.err.xlsx_too_large", limit=f"{XLSX_MAX_SHEETS} sheets")


def read_xls(data: bytes, score) -> list[Table]:
    """Tables of every sheet of an Excel 97-2003 workbook (cells read by the sandboxed reader)."""
    return _workbook_tables(data, ".xls", score)


def _trim(rows: list[list]) -> list[list]:
    while rows and not any(c is not None for c in rows[-1]):
        rows.pop()
    return rows


def sniff_encoding(head: bytes) -> str:
    """utf-8-sig, utf-8 or gb18030 from the first bytes; ReadError for binary or unknown text."""
    if not head.strip():
        raise ReadError("ingest.err.empty_file")
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if b"\x00" in head or head.startswith(b"PK\x03\x04"):
        raise ReadError("ingest.err.binary_csv")
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
            return encoding
        except UnicodeDecodeError:
            continue
    raise ReadError("ingest.err.encoding")


def _head_records(text: str) -> tuple[list[list], str]:
    lines = text.splitlines()[:-1] or text.splitlines()    # the last line may be cut off
    sample = "\n".join(lines[: HEAD_ROWS * 4])
    best = (None, ",")
    for delim in (",", "\t", ";"):
        rows = [[c if c.strip() else None for c in r] for r in csv.reader(io.StringIO(sample), delimiter=delim)]
        if best[0] is None or max(map(len, rows), default=0) > max(map(len, best[0]), default=0):
            best = (rows, delim)
    return best[0][:HEAD_ROWS], best[1]


def read_csv(path: Path, score, chunk_rows: int = CHUNK_ROWS) -> list[Table]:
    """The CSV's table, read lazily in chunks of `chunk_rows` records."""
    with open(path, "rb") as fh:
        head = fh.read(256 * 1024)
    encoding = sniff_encoding(head)
    rows, delim = _head_records(head.decode(encoding, errors="ignore"))
    at = find_header(rows, score)
    if at is None:
        return []
    header, span = merge_header(rows, at, score)
    width = max(max(map(len, rows)), len(header)) + 16

    def chunks():
        reader = pd.read_csv(
            path, encoding=encoding, sep=delim, header=None, names=list(range(width)), index_col=False,
            dtype="str", keep_default_na=False, na_values=[""], skip_blank_lines=False,
            chunksize=chunk_rows, engine="c", encoding_errors="strict",
        )
        offset = 0
        try:
            for frame in reader:
                frame["_row"] = range(offset + 1, offset + 1 + len(frame))
                offset += len(frame)
                frame = frame[frame["_row"] > at + span][list(range(len(header))) + ["_row"]]
                yield clean_chunk(frame, header)
        except UnicodeDecodeError:
            raise ReadError("ingest.err.encoding") from None
        except (pd.errors.ParserError, csv.Error) as exc:
            raise ReadError("ingest.err.bad_csv", detail=str(exc)[:200]) from None
    return [Table(None, at + 1, header, _title(rows, at), chunks())]


def read_tables(path: Path, file_name: str, score) -> list[Table]:
    """Tables of the file (by extension of `file_name`); ReadError for unreadable or empty files."""
    suffix = Path(file_name).suffix.lower()
    if path.stat().st_size == 0:
        raise ReadError("ingest.err.empty_file")
    if suffix == ".csv" or suffix == ".txt":
        tables = read_csv(path, score)
    elif suffix in (".xlsx", ".xlsm"):
        tables = read_xlsx(path.read_bytes(), score)
    elif suffix == ".xls":
        tables = read_xls(path.read_bytes(), score)
    else:
        raise ReadError("ingest.err.unsupported_type")
    if not tables:
        raise ReadError("ingest.err.no_header", rows=HEAD_ROWS)
    return tables
