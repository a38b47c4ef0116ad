"""Supervision actions (督办: 函告/通报/约谈/问责/现场督办), keyed by action_id.

A file without 督办编号 gets ids built from kind, region, date and task, so a re-import matches.
"""
from __future__ import annotations

import pandas as pd

from envboard.ingest import normalize as nz
from envboard.ingest.context import Context
from envboard.ingest.tasks import inspection_column
from envboard.ingest.validate import Chunk, code_column, parse_column, text_column

TABLE = "supervision_actions"
KEY = ("action_id",)
COLUMNS = {
    "action_id": "varchar", "kind": "varchar", "region_code": "varchar", "city_code": "varchar",
    "acted_on": "date", "people_count": "integer", "task_id": "varchar", "note": "varchar",
    "is_synthetic": "boolean",
}
DEFAULTS = {"people_count": "0"}


def region_pairs(chunk: Chunk, ctx: Context, name: str = "region") -> tuple[pd.Series, pd.Series]:
    """(region_code, city_code) per row; --region fills a missing column."""
    if not chunk.has(name) and ctx.options.region:
        code, city = ctx.regions.resolve(ctx.options.region)
        index = chunk.frame.index
        return pd.Series(code, index=index, dtype=object), pd.Series(city, index=index, dtype=object)
    pairs = parse_column(chunk, name, lambda v: ctx.regions.resolve(v, ctx.scope), required=True)
    return pairs.map(lambda p: p[0], na_action="ignore"), pairs.map(lambda p: p[1], na_action="ignore")


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    kind = parse_column(chunk, "kind", nz.parse_action_kind, required=True)
    region, city = region_pairs(chunk, ctx)
    acted = parse_column(chunk, "acted_on", nz.parse_date, required=True)
    code = code_column(chunk, "task_code")
    inspection = inspection_column(chunk, ctx)
    task_id = (inspection + "/" + code).where(inspection.notna() & code.notna(), code)
    given = code_column(chunk, "action_id")
    built = (kind.astype(str) + "/" + region.astype(str) + "/" + acted.astype(str) + "/"
             + task_id.fillna("").astype(str))
    out = pd.DataFrame({
        "action_id": given.where(given.notna(), built), "kind": kind, "region_code": region, "city_code": city,
        "acted_on": acted, "task_id": task_id, "is_synthetic": False,
    })
    if chunk.has("people_count"):
        out["people_count"] = parse_column(chunk, "people_count", nz.parse_int).fillna(0)
    if chunk.has("note"):
        out["note"] = text_column(chunk, "note")
    return out
