"""What an import knows besides the file: options, the regions and inspections in the database."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

import duckdb

from envboard.ingest.normalize import Invalid, batch_from_text, parse_date
from envboard.ingest.regionindex import RegionIndex


@dataclass(frozen=True)
class Inspection:
    inspection_id: str
    region_code: str
    province_code: str
    stationed_from: dt.date | None
    stationed_to: dt.date | None


@dataclass
class Options:
    """Import options from the CLI or the page; None means "read it from the file"."""
    inspection_id: str | None = None
    batch_no: int | None = None
    received_on: dt.date | None = None
    as_of: dt.date | None = None
    region: str | None = None              # for files without a region/city column
    user: str | None = None
    allowed_region: str | None = None      # an editor's region: rows elsewhere are rejected


@dataclass
class Context:
    file: str
    kind: str
    options: Options
    regions: RegionIndex
    inspections: dict[str, Inspection]
    con: duckdb.DuckDBPyConnection
    file_batch: int | None = None          # 第N批 in the file name or title
    file_date: dt.date | None = None       # a date in the file name or title
    cache: dict = field(default_factory=dict)

    @property
    def scope(self) -> str | None:
        """The region of the --inspection, used to tell apart 鼓楼区 in 南京 and in 福州."""
        ins = self.inspections.get(self.options.inspection_id or "")
        return ins.region_code if ins else None


def load_inspections(con: duckdb.DuckDBPyConnection) -> dict[str, Inspection]:
    rows = con.execute(
        "select i.inspection_id, i.region_code, coalesce(r.province_code, left(i.region_code, 2) || '0000'), "
        "i.stationed_from, i.stationed_to from inspections i left join regions r on r.code = i.region_code"
    ).fetchall()
    return {r[0]: Inspection(*r) for r in rows}


def date_from_text(text: str) -> dt.date | None:
    """The first full date in a title or file name: 2017年5月25日, 2024-06-04, 20240604."""
    text = unicodedata.normalize("NFKC", text or "")
    for m in re.finditer(r"(\d{4})\s*(年|[-./_])\s*(\d{1,2})\s*(月|[-./_])\s*(\d{1,2})|(?<!\d)(20\d{6})(?!\d)", text):
        try:
            return parse_date(m[0])
        except Invalid:
            continue
    return None


def build_context(con, file_name: str, kind: str, options: Options) -> Context:
    return Context(file_name, kind, options, RegionIndex.from_db(con), load_inspections(con), con,
                   batch_from_text(file_name))


def note_title(ctx: Context, title: str) -> None:
    """Take 第N批 and a date from the rows above the header when the file name has none."""
    if ctx.file_batch is None:
        ctx.file_batch = batch_from_text(title)
    if ctx.file_date is None:
        ctx.file_date = date_from_text(title)
