"""Monthly water quality by section (断面): long (断面, 月份, 指标, 监测值) or wide (one column per indicator)."""
from __future__ import annotations

import csv

import pandas as pd

from envboard.ingest import normalize as nz
from envboard.ingest.context import Context
from envboard.ingest.mapping import header_key
from envboard.ingest.validate import Chunk, RowError, parse_column
from envboard.core.settings import PROJECT_DIR

TABLE = "water_monthly"
KEY = ("section_id", "month", "indicator")
COLUMNS = {"section_id": "varchar", "month": "date", "indicator": "varchar", "value": "double"}
DEFAULTS: dict = {}
LIMITS_CSV = PROJECT_DIR / "envboard" / "standards" / "data" / "water_limits_gb3838_2002.csv"
_EXTRA_NAMES = {"氨氮": "NH3_N", "总磷": "TP", "总氮": "TN", "化学需氧量": "COD", "五日生化需氧量": "BOD5",
                "高锰酸盐指数": "COD_Mn", "溶解氧": "DO", "ph": "pH", "codmn": "COD_Mn", "nh3-n": "NH3_N"}


def indicator_names() -> dict[str, str]:
    """header_key(code or Chinese name) → indicator code, from the GB 3838-2002 limits table."""
    names = {header_key(k): v for k, v in _EXTRA_NAMES.items()}
    with open(LIMITS_CSV, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.setdefault(header_key(row["code"]), row["code"])
            names.setdefault(header_key(row["name_cn"]), row["code"])
    return names


def _sections(ctx: Context) -> dict[str, str]:
    if "sections" not in ctx.cache:
        found = {}
        for sid, name, body in ctx.con.execute("select section_id, name, water_body from water_sections").fetchall():
            for key in (sid, name, f"{body}{name}", f"{body}-{name}"):
                found.setdefault(nz.compact(key), sid)
        ctx.cache["sections"] = found
    return ctx.cache["sections"]


def note_table(table, columns: dict, ctx: Context, log) -> None:
    """Remember the indicator columns of a wide table."""
    names = indicator_names()
    wide = {names[header_key(h)]: i for i, h in enumerate(table.header)
            if header_key(h) in names and i not in columns.values()}
    ctx.cache["wide"] = wide
    if "indicator" not in columns and not wide:
        log.add(RowError(ctx.file, table.sheet, table.header_row, "指标", "ingest.err.missing_column", None,
                         "error", (("column", "指标"),)))


def _section_ids(chunk: Chunk, ctx: Context) -> pd.Series:
    known = _sections(ctx)

    def find(value):
        key = nz.compact(value)
        if key not in known:
            raise nz.Invalid("ingest.err.unknown_section")
        return known[key]
    return parse_column(chunk, "section", find, required=True)


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    section = _section_ids(chunk, ctx)
    month = parse_column(chunk, "month", nz.parse_month, required=True)
    if chunk.has("indicator"):
        names = indicator_names()

        def code(value):
            found = names.get(header_key(value))
            if found is None:
                raise nz.Invalid("ingest.err.unknown_indicator")
            return found
        return pd.DataFrame({"section_id": section, "month": month,
                             "indicator": parse_column(chunk, "indicator", code, required=True),
                             "value": parse_column(chunk, "value", nz.parse_number, required=True)})
    parts = []
    for indicator, index in ctx.cache.get("wide", {}).items():
        chunk.columns[indicator] = index
        value = parse_column(chunk, indicator, nz.parse_number)
        part = pd.DataFrame({"section_id": section, "month": month, "indicator": indicator, "value": value})
        parts.append(part[value.notna()])
    return pd.concat(parts) if parts else pd.DataFrame(columns=list(COLUMNS))
