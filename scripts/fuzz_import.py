"""Fuzz the importer: N random messy files through preview and commit; report crashes and partial writes.

    python scripts/fuzz_import.py [--cases 10000] [--seed 1]

A crash is any exception out of preview/commit. A partial write is a rejected file after which the
database's table checksums differ from before. Exit code 0 when there were neither.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from envboard.security.backup import table_checksums
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.pipeline import UNEXPECTED
from envboard.ingest.testing import make_db

KINDS = ("petitions", "tasks", "supervision", "air")
HEADERS = {
    "petitions": ["序号", "受理编号", "交办问题基本情况", "行政区域", "问题类型", "是否属实", "是否办结", "批次", "交办日期"],
    "tasks": ["任务编号", "整改任务", "责任地区", "任务类别", "责任单位", "交办日期", "整改时限", "是否纳入销号管理", "整改进展"],
    "supervision": ["督办方式", "行政区域", "督办日期", "任务编号", "人数"],
    "air": ["城市", "日期", "PM2.5", "PM10", "SO2", "NO2", "CO", "O3"],
}
GOOD = ["赣州市", "章贡区", "抚州市", "2024-05-10", "2024年5月10日", "45123", "是", "否", "已办结", "水", "大气",
        "属实", "D3JX202405100001", "JX-001", "第1批", "12", "3.5", "-1", "1e400", "", " ", "合计",
        "=1+1", "'; drop table tasks; --", "\x00", "\ufeff", "市\u200b", "NaN", "None", "null", "１２３"]
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16", "latin-1")


class Case:
    """One fuzz file: a name (its extension picks the reader), its bytes and the kind."""

    def __init__(self, name: str, content: bytes, kind: str):
        self.name, self.content, self.kind = name, content, kind


def random_cell(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.6:
        return rng.choice(GOOD)
    if roll < 0.9:
        return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0x4e00, 0x9fa5), rng.randint(0, 0x2fff)]))
                       for _ in range(rng.randint(0, 12)))
    return "x" * rng.randint(100, 5000)


def random_case(rng: random.Random) -> Case:
    """A CSV (any encoding, ragged rows, stray quotes), an XLSX, random bytes, or a hostile file."""
    if rng.random() < 0.2:
        return hostile_case(rng)
    kind = rng.choice(KINDS)
    header = [h for h in HEADERS[kind] if rng.random() > 0.15]
    if rng.random() < 0.5:
        header, rows = _nearly_good(kind, rng)
    else:
        rows = [[random_cell(rng) for _ in range(len(header) + rng.randint(-2, 2))] for _ in range(rng.randint(0, 12))]
    form = rng.random()
    if form < 0.1:
        return Case("第1批 随机.csv", bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 400))), kind)
    if form < 0.3:
        return Case("第1批 随机.xlsx", _xlsx([header, *rows]), kind)
    sep = rng.choice([",", ",", "\t", ";"])
    text = "\n".join(sep.join(_quote(c, rng) for c in row) for row in [header, *rows])
    return Case("第1批 随机.csv", text.encode(rng.choice(ENCODINGS), errors="replace"), kind)


_XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def xlsx_from_xml(sheet_xml: str, shared: str | None = None) -> bytes:
    """A minimal workbook whose one sheet is `sheet_xml` (and shared strings `shared`), as written."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("_rels/.rels", f'{_XML_HEAD}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
                   f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'{_XML_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
                   '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", f'{_XML_HEAD}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
                   f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", f'{_XML_HEAD}<sst xmlns="{_MAIN}">{shared}</sst>')
    return buf.getvalue()


def sheet_xml(rows: list[list[str]], dimension: str | None = None, extra: str = "") -> str:
    """Sheet XML with inline-string cells (numbers as <v>), an optional <dimension> and raw `extra` rows."""
    def cell(col: int, r: int, value: str) -> str:
        ref = f"{chr(65 + col)}{r}"
        try:
            float(value)
            return f'<c r="{ref}"><v>{value}</v></c>'
        except ValueError:
            return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    body = "".join(f'<row r="{r}">' + "".join(cell(c, r, v) for c, v in enumerate(row)) + "</row>"
                   for r, row in enumerate(rows, start=1))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'{_XML_HEAD}<worksheet xmlns="{_MAIN}">{dim}<sheetData>{body}{extra}</sheetData></worksheet>'


def hostile_case(rng: random.Random) -> Case:
    """One of the crash classes found by the red-team pass, with random details."""
    kind = rng.choice(KINDS)
    rows = [list(HEADERS[kind])] + [_good_row(kind, i, rng) for i in range(rng.randint(1, 4))]
    pick = rng.randrange(9)
    if pick == 0:     # a declared dimension of 17 billion cells and one far-away cell
        far = rng.choice(["XFD1048576", "ZZ900000", "IV70000", "A1048576"])
        letters = far.rstrip("0123456789")
        extra = f'<row r="{far[len(letters):]}"><c r="{far}" t="inlineStr"><is><t>x</t></is></c></row>'
        return Case("dimension.xlsx", xlsx_from_xml(sheet_xml(rows, "A1:XFD1048576", extra)), kind)
    if pick == 1:     # sheet XML cut off mid-element
        xml = sheet_xml(rows)
        return Case("truncated.xlsx", xlsx_from_xml(xml[: rng.randint(len(xml) // 3, len(xml) - 5)]), kind)
    if pick == 2:     # a shared-string index past the end of the table
        extra = f'<row r="{len(rows) + 1}"><c r="A{len(rows) + 1}" t="s"><v>{rng.choice([5, 99999, -1])}</v></c></row>'
        return Case("shared.xlsx", xlsx_from_xml(sheet_xml(rows, extra=extra), "<si><t>a</t></si>"), kind)
    if pick == 3:     # absurd numbers where counts and concentrations go
        value = rng.choice(["1e400", "inf", "-inf", "1e308", "NaN", "1e20", "99999999999", "-5", "问责99999999999人"])
        rows[1][rng.randrange(2, len(rows[1]))] = value
        if rng.random() < 0.5:
            return Case("numbers.xlsx", _xlsx(rows), kind)
        return Case("numbers.csv", "\n".join(",".join(r) for r in rows).encode(), kind)
    if pick == 4:     # an upload name of 256 bytes or more
        return Case("第1批" + "很长的文件名" * rng.randint(15, 40) + ".csv", "\n".join(",".join(r) for r in rows).encode(), kind)
    if pick == 5:     # far too many columns in a CSV row
        return Case("wide.csv", ("\n".join(",".join(r) for r in rows) + "\n" + ",".join(["1"] * rng.randint(300, 3000))).encode(), kind)
    if pick == 6:     # one enormous cell
        rows[1][0] = "长" * rng.randint(40_000, 80_000)
        return Case("long.xlsx", _xlsx(rows), kind)
    if pick == 7:     # a number cell that is not a number
        extra = f'<row r="{len(rows) + 1}"><c r="A{len(rows) + 1}"><v>abc</v></c></row>'
        return Case("badnum.xlsx", xlsx_from_xml(sheet_xml(rows, extra=extra)), kind)
    return Case("notzip.xlsx", b"PK\x03\x04" + bytes(rng.getrandbits(8) for _ in range(rng.randint(10, 400))), kind)


def _good_row(kind: str, i: int, rng: random.Random) -> list[str]:
    day = f"2024-05-{rng.randint(10, 28)}"
    return {
        "petitions": [str(i + 1), f"D3JX20240510{i:04d}", "群众反映扬尘", rng.choice(["赣州市", "章贡区", "九江市浔阳区"]),
                      "大气", "属实", "已办结", "1", "2024-05-10"],
        "tasks": [f"JX-{i:03d}", "污水直排整改", rng.choice(["赣州市", "章贡区"]), "水", "市生态环境局", "2021-09-01",
                  "2022-12-31", "是", "正在推进"],
        "supervision": ["约谈", "赣州市", day, "", str(rng.randint(1, 9))],
        "air": ["赣州市", f"2024-05-{i % 28 + 1:02d}", "35", "60", "8", "20", "0.8", "90"],
    }[kind]


def _nearly_good(kind: str, rng: random.Random) -> tuple[list, list]:
    """Valid rows with a few cells replaced by messy values."""
    rows = [_good_row(kind, i, rng) for i in range(rng.randint(1, 10))]
    for _ in range(rng.randint(0, 3)):
        row = rng.choice(rows)
        row[rng.randrange(len(row))] = random_cell(rng)
    return list(HEADERS[kind]), rows


def _quote(cell: str, rng: random.Random) -> str:
    return f'"{cell}"' if rng.random() < 0.2 else cell


def _xlsx(rows: list[list]) -> bytes:
    import io

    import openpyxl
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", c) for c in row])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _checksums(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return table_checksums(con)
    finally:
        con.close()


def check_case(db: Path, case: Case) -> str:
    """'rejected', 'imported' or 'partial_write' (a rejected file that changed the database)."""
    return _check(db, case, None)[0]


def _check(db: Path, case: Case, before: dict | None) -> tuple[str, dict | None]:
    """The outcome and the checksums after it (None after an import); `before` may come from the last case."""
    options = Options(inspection_id="central-3-360000", user="fuzz")
    con = duckdb.connect(str(db), read_only=True)
    try:
        api.preview(case.content, case.name, case.kind, con=con, options=options)
    finally:
        con.close()
    before = before if before is not None else _checksums(db)
    result = api.commit(case.content, case.name, case.kind, options=options, db_file=db)
    if any(e.message_key == UNEXPECTED for e in result.errors):
        raise AssertionError(f"unforeseen value: {[e.params for e in result.errors if e.message_key == UNEXPECTED]}")
    if result.status == "imported":
        return "imported", None
    after = _checksums(db)
    return ("rejected" if after == before else "partial_write"), after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    outcomes, crashes, partial = Counter(), [], []
    with tempfile.TemporaryDirectory() as tmp:
        db = make_db(Path(tmp) / "fuzz.duckdb")
        before = None     # a rejected case's checksums are the next case's "before"
        for i in range(args.cases):
            case = random_case(rng)
            try:
                outcome, before = _check(db, case, before)
            except Exception:   # noqa: BLE001 — the point of the fuzz: record anything that escapes
                crashes.append((i, case.name, traceback.format_exc(limit=3)))
                before = None
                continue
            outcomes[outcome] += 1
            if outcome == "partial_write":
                partial.append((i, case.name))
            if (i + 1) % 500 == 0:
                print(f"{i + 1} cases: crashes {len(crashes)}, partial writes {len(partial)}", flush=True)
    print(f"cases {args.cases}: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
          + f"; crashes {len(crashes)}; partial writes {len(partial)}")
    for i, name, tb in crashes[:10]:
        print(f"--- crash in case {i} ({name})\n{tb}")
    return 0 if not crashes and not partial else 1


if __name__ == "__main__":
    sys.exit(main())
