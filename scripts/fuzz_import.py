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
    """A CSV (any encoding, ragged rows, stray quotes), an XLSX, or random bytes."""
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
    options = Options(inspection_id="central-3-360000", user="fuzz")
    con = duckdb.connect(str(db), read_only=True)
    try:
        api.preview(case.content, case.name, case.kind, con=con, options=options)
    finally:
        con.close()
    before = _checksums(db)
    result = api.commit(case.content, case.name, case.kind, options=options, db_file=db)
    if result.status == "imported":
        return "imported"
    after = _checksums(db)
    return "rejected" if after == before else "partial_write"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    outcomes, crashes, partial = Counter(), [], []
    with tempfile.TemporaryDirectory() as tmp:
        db = make_db(Path(tmp) / "fuzz.duckdb")
        for i in range(args.cases):
            case = random_case(rng)
            try:
                outcome = check_case(db, case)
            except Exception:   # noqa: BLE001 — the point of the fuzz: record anything that escapes
                crashes.append((i, case.name, traceback.format_exc(limit=3)))
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
