"""Reporting units that are not administrative divisions (新区, 开发区, 基地), keyed by their own code.

After a write, `regions` is rebuilt from the units (reference.sync_unit_regions): a unit ranked beside
the cities is a city of its province; otherwise a county of its parent city, folded into it.
"""
from __future__ import annotations

import pandas as pd

from envboard.ingest import normalize as nz, reference as ref, upsert
from envboard.ingest.context import Context
from envboard.ingest.supervision import region_pairs
from envboard.ingest.validate import Chunk, code_column, parse_column, text_column

TABLE = "reporting_units"
KEY = ("unit_code",)
COLUMNS = {
    "unit_code": "varchar", "name": "varchar", "short_name": "varchar", "unit_kind": "varchar",
    "parent_code": "varchar", "province_code": "varchar", "is_ranked_with_cities": "boolean", "note": "varchar",
}
DEFAULTS: dict = {}


def _codes(chunk: Chunk, ctx: Context) -> pd.Series:
    code = code_column(chunk, "unit_code", required=True)
    bad = code.notna() & ~code.astype(str).str.fullmatch(r"\d{6}")
    chunk.flag(bad, "unit_code", "ingest.err.bad_unit_code")
    taken = code.map(lambda c: c in ctx.regions.by_code and not ctx.regions.is_unit(c), na_action="ignore")
    chunk.flag(taken.fillna(False).astype(bool), "unit_code", "ingest.err.unit_code_taken")
    return code


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    """The staged units of one chunk; the short name defaults to the name."""
    parent, _ = region_pairs(chunk, ctx, "parent")
    name = text_column(chunk, "name", required=True)
    short = text_column(chunk, "short_name") if chunk.has("short_name") else name
    kind = parse_column(chunk, "unit_kind", ref.parse_unit_kind)
    kind = kind.where(kind.notna(), name.map(ref.guess_unit_kind, na_action="ignore"))
    province = parent.map(lambda c: ctx.regions.by_code[c].province_code, na_action="ignore")
    out = pd.DataFrame({
        "unit_code": _codes(chunk, ctx), "name": name, "short_name": short.where(short.notna(), name),
        "unit_kind": kind, "parent_code": parent, "province_code": province,
        "is_ranked_with_cities": parse_column(chunk, "is_ranked_with_cities", nz.parse_bool, required=True),
    })
    if chunk.has("note"):
        out["note"] = text_column(chunk, "note")
    return out


def apply(con, staged, import_id: int) -> upsert.Counts:
    cols = upsert.compare_columns(COLUMNS, KEY, staged.provided)
    counts = upsert.apply_table(con, TABLE, KEY, cols, DEFAULTS, import_id)
    ref.sync_unit_regions(con)
    return counts
