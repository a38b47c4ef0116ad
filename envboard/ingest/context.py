"""What an import knows besides the file: options, the regions and inspections in the database."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

import duckdb

from envboard.ingest.normalize import batch_from_text, chinese_number, compact, Invalid, parse_date
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
    value_maps: dict | None = None         # field → {raw text: known value} (--mapping FILE, the page)


@dataclass
class Context:
    file: str
    kind: str
    options: Options
    regions: RegionIndex
    inspections: dict[str, Inspection]
    con: duckdb.DuckDBPyConnection
    file_batch: int | None = None          # 第N批 in the file name or title
    table_batch: int | None = None         # 第N批 in the current sheet's own title or name
    file_date: dt.date | None = None       # a date in the file name or title
    cache: dict = field(default_factory=dict)
    value_maps: dict[str, dict[str, str]] = field(default_factory=dict)   # field → raw → known value

    @property
    def as_of_date(self) -> dt.date | None:
        """The ledger's as-of date: --as-of, else a date in the file name or title rows."""
        return self.options.as_of or self.file_date

    def mapped(self, parse, field: str):
        """`parse` that first looks the cell up in the editor's stored value mappings for `field`."""
        table = self.value_maps.get(field)
        if not table:
            return parse

        def parse_mapped(value):
            key = compact(value)
            return parse(table.get(key, value) if key is not None else value)
        return parse_mapped

    @property
    def scope(self) -> str | None:
        """The region of the --inspection, used to tell apart 鼓楼区 in 南京 and in 福州."""
        ins = self.inspections.get(self.options.inspection_id or "")
        return ins.region_code if ins else None


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("select count(*) from duckdb_tables() where table_name = $n and database_name = "
                            "current_database()", {"n": name}).fetchall()[0][0])


def load_inspections(con: duckdb.DuckDBPyConnection) -> dict[str, Inspection]:
    rows = con.execute(
        "select i.inspection_id, i.region_code, coalesce(r.province_code, left(i.region_code, 2) || '0000'), "
        "i.stationed_from, i.stationed_to from inspections i left join regions r on r.code = i.region_code"
    ).fetchall()
    return {r[0]: Inspection(*r) for r in rows}


_KIND_WORDS = {"中央": "central", "省级": "provincial", "省": "provincial"}


def describe_inspection(ins: Inspection, regions: RegionIndex) -> str:
    """'central-3-360000（中央 第3轮 江西省 2024-04-11）' for lists of valid inspections."""
    region = regions.by_code.get(ins.region_code)
    name = region.name if region else ins.region_code
    start = ins.stationed_from.isoformat() if ins.stationed_from else ""
    return f"{ins.inspection_id}（{name} {start}）"


def resolve_inspection(text: str, inspections: dict[str, Inspection], regions: RegionIndex,
                       labels: dict[str, tuple[str, int, str]]) -> str:
    """The inspection_id named by an id or a description such as '中央第三轮 江西' or '回头看 湖北'.

    `labels` maps inspection_id → (kind, round_no, round_label). Invalid lists the valid ones."""
    if text in inspections:
        return text
    words = [w for w in re.split(r"[\s,，、/]+", unicodedata.normalize("NFKC", text)) if w]
    hits = [i for i in inspections.values() if all(_matches(w, i, regions, labels[i.inspection_id]) for w in words)]
    if len(hits) == 1:
        return hits[0].inspection_id
    valid = "；".join(describe_inspection(i, regions) for i in sorted(inspections.values(), key=lambda i: i.inspection_id))
    if hits:
        raise Invalid("ingest.err.ambiguous_inspection", value=text,
                      options="；".join(describe_inspection(i, regions) for i in hits))
    raise Invalid("ingest.err.unknown_inspection_option", value=text, options=valid or "—")


def _matches(word: str, ins: Inspection, regions: RegionIndex, label: tuple[str, int, str]) -> bool:
    kind, round_no, round_label = label
    for prefix, value in _KIND_WORDS.items():
        if word.startswith(prefix) and word != prefix and _matches(word[len(prefix):], ins, regions, label):
            return kind == value
        if word == prefix:
            return kind == value
    if "回头看" in word:
        return round_label.endswith("review")
    m = re.fullmatch(r"第?([0-9一二三四五六七八九十]+)轮", word)
    if m:
        return chinese_number(m[1]) == round_no and not round_label.endswith("review")
    region = regions.by_code.get(ins.region_code)
    names = {ins.region_code, region.name if region else ""}
    return any(word and n.startswith(word) for n in names if n) or word == str(ins.stationed_from or "")[:4]


def date_from_text(text: str) -> dt.date | None:
    """The first full date in a title or file name: 2017年5月25日, 2024-06-04, 20240604."""
    text = unicodedata.normalize("NFKC", text or "")
    for m in re.finditer(r"(\d{4})\s*(年|[-./_])\s*(\d{1,2})\s*(月|[-./_])\s*(\d{1,2})|(?<!\d)(20\d{6})(?!\d)", text):
        try:
            return parse_date(m[0])
        except Invalid:
            continue
    return None


def inspection_labels(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, int, str]]:
    return {r[0]: (r[1], r[2], r[3]) for r in con.execute(
        "select inspection_id, kind, round_no, round_label from inspections").fetchall()}


def build_context(con, file_name: str, kind: str, options: Options) -> Context:
    """The context of one import; --inspection given as a description is resolved to its id here."""
    regions, inspections = RegionIndex.from_db(con), load_inspections(con)
    if options.inspection_id and options.inspection_id not in inspections:
        options = dataclasses.replace(options, inspection_id=resolve_inspection(
            options.inspection_id, inspections, regions, inspection_labels(con)))
    ctx = Context(file_name, kind, options, regions, inspections, con, batch_from_text(file_name))
    ctx.value_maps = load_value_maps(con, kind, options.allowed_region)
    for name, table in (options.value_maps or {}).items():
        ctx.value_maps.setdefault(name, {}).update({compact(k): v for k, v in table.items() if compact(k)})
    return ctx


def load_value_maps(con: duckdb.DuckDBPyConnection, kind: str, scope: str | None) -> dict[str, dict[str, str]]:
    """The stored value mappings of `kind` for every scope ('') and for `scope`; the narrower wins."""
    if not has_table(con, "value_mappings"):      # a database not yet migrated to 010
        return {}
    rows = con.execute(
        "select field, raw_value, mapped_value from value_mappings where kind = $kind "
        "and scope_code in ('', $scope) order by scope_code", {"kind": kind, "scope": scope or ""}).fetchall()
    maps: dict[str, dict[str, str]] = {}
    for name, raw, mapped in rows:
        maps.setdefault(name, {})[raw] = mapped
    return maps


def note_title(ctx: Context, title: str) -> None:
    """Take 第N批 and a date from the rows above the header when the file name has none."""
    if ctx.file_batch is None:
        ctx.file_batch = batch_from_text(title)
    if ctx.file_date is None:
        ctx.file_date = date_from_text(title)
