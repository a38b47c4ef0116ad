"""Rectification tasks (整改任务), keyed by inspection + task code; a status column adds history."""
from __future__ import annotations

import pandas as pd

from envboard.ingest import history, normalize as nz, upsert
from envboard.ingest.context import Context
from envboard.ingest.pipeline import STAGE
from envboard.ingest.validate import Chunk, code_column, parse_column, text_column

TABLE = "tasks"
KEY = ("task_id",)
COLUMNS = {
    "task_id": "varchar", "inspection_id": "varchar", "task_code": "varchar", "region_code": "varchar",
    "city_code": "varchar", "title": "varchar", "category": "varchar", "responsible_unit": "varchar",
    "target": "varchar", "measures": "varchar", "assigned_on": "date", "deadline_on": "date",
    "is_under_closure_mgmt": "boolean", "is_synthetic": "boolean",
}
STAGE_COLUMNS = {**COLUMNS, "changed_on": "date", "status": "varchar", "note": "varchar"}
DEFAULTS = {"is_under_closure_mgmt": "true"}
_LONG_TERM = {"长期坚持", "长期", "持续推进", "长期推进"}


def parse_deadline(value):
    """A date, or None for 长期坚持 (a standing task)."""
    text = nz.compact(value)
    if text is None or text in _LONG_TERM:
        return None
    return nz.parse_date(text)


def inspection_column(chunk: Chunk, ctx: Context) -> pd.Series:
    """The inspection of each row: its own column, else --inspection; unknown ones are flagged."""
    column = parse_column(chunk, "inspection", nz.clean_text)
    if ctx.options.inspection_id:
        column = column.where(column.notna(), ctx.options.inspection_id)
    chunk.flag(column.notna() & ~column.isin(list(ctx.inspections)), "inspection",
               "ingest.err.unknown_inspection", values=column)
    return column


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    inspection = inspection_column(chunk, ctx)
    chunk.flag(inspection.isna(), "inspection", "ingest.err.no_inspection")
    code = code_column(chunk, "task_code", required=True)
    pairs = parse_column(chunk, "region", lambda v: ctx.regions.resolve(v, ctx.scope), required=True)
    assigned = parse_column(chunk, "assigned_on", nz.parse_date, required=True)
    status = parse_column(chunk, "status", nz.parse_task_status)
    changed = parse_column(chunk, "status_on", nz.parse_date)
    out = pd.DataFrame({
        "task_id": inspection + "/" + code, "inspection_id": inspection, "task_code": code,
        "region_code": pairs.map(lambda p: p[0], na_action="ignore"),
        "city_code": pairs.map(lambda p: p[1], na_action="ignore"),
        "title": text_column(chunk, "title", required=True),
        "category": parse_column(chunk, "category", nz.parse_category, required=True),
        "assigned_on": assigned, "is_synthetic": False,
        "changed_on": changed.where(changed.notna(), assigned), "status": status,
    })
    for name in ("responsible_unit", "target", "measures", "note"):
        if chunk.has(name):
            out[name] = text_column(chunk, name)
    if chunk.has("deadline_on"):
        out["deadline_on"] = parse_column(chunk, "deadline_on", parse_deadline)
    if chunk.has("is_under_closure_mgmt"):
        out["is_under_closure_mgmt"] = parse_column(chunk, "is_under_closure_mgmt", nz.parse_bool).fillna(True)
    return out


def _task_columns(staged) -> list[str]:
    return upsert.compare_columns(COLUMNS, KEY, staged.provided)


def plan(con, staged) -> upsert.Counts:
    """Rows whose task is new, whose task or status changes, or that change nothing."""
    history.classify(con, STAGE)
    cols = _task_columns(staged)
    row = con.execute(f"""
        select count(*) filter (where t.task_id is null),
               count(*) filter (where t.task_id is not null and ({upsert._diff(cols)} or h._op in ('insert', 'update'))),
               count(*) filter (where t.task_id is not null and not {upsert._diff(cols)} and coalesce(h._op, 'same') = 'same')
        from {STAGE} s left join tasks t on t.task_id = s.task_id
        left join {history.OPS} h on h.task_id = s.task_id and h.changed_on = s.changed_on
    """).fetchall()[0]
    return upsert.Counts(*row)


def apply(con, staged, import_id: int) -> upsert.Counts:
    counts = plan(con, staged)
    upsert.apply_table(con, TABLE, KEY, _task_columns(staged), DEFAULTS, import_id)
    history.apply(con, import_id)
    return counts
