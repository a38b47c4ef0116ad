"""Inspections (督察): 督察编号, 类型, 轮次, 督察组, 督察对象, 进驻/结束/反馈日期; keyed by inspection_id."""
from __future__ import annotations

import pandas as pd

from envboard.ingest import reference as ref
from envboard.ingest.context import Context
from envboard.ingest.supervision import region_pairs
from envboard.ingest.validate import Chunk, code_column, parse_column, text_column
from envboard.ingest import normalize as nz

TABLE = "inspections"
KEY = ("inspection_id",)
COLUMNS = {
    "inspection_id": "varchar", "kind": "varchar", "round_no": "integer", "round_label": "varchar",
    "team_name": "varchar", "region_code": "varchar", "stationed_from": "date", "stationed_to": "date",
    "feedback_on": "date", "plan_due_on": "date", "is_synthetic": "boolean",
}
DEFAULTS: dict = {}


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    """The staged inspections of one chunk."""
    kind = parse_column(chunk, "inspection_kind", ref.parse_inspection_kind, required=True)
    rounds = parse_column(chunk, "round", ref.parse_round, required=True)
    region, _ = region_pairs(chunk, ctx)
    labels = [ref.round_label(k, r[0], r[1]) if k and r else None for k, r in zip(kind, rounds)]
    start = parse_column(chunk, "stationed_from", nz.parse_date, required=True)
    end = parse_column(chunk, "stationed_to", nz.parse_date)
    chunk.flag(start.notna() & end.notna() & (end < start), "stationed_to", "ingest.err.end_before_start")
    out = pd.DataFrame({
        "inspection_id": code_column(chunk, "inspection_id", required=True), "kind": kind,
        "round_no": rounds.map(lambda r: r[0], na_action="ignore"),
        "round_label": pd.Series(labels, index=chunk.frame.index, dtype=object),
        "region_code": region, "stationed_from": start, "stationed_to": end, "is_synthetic": False,
    })
    for name in ("feedback_on", "plan_due_on"):
        if chunk.has(name):
            out[name] = parse_column(chunk, name, nz.parse_date)
    if chunk.has("team_name"):
        out["team_name"] = text_column(chunk, "team_name")
    return out
