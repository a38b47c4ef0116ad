"""Rectification tasks (整改任务), keyed by inspection + task code; a status column adds history."""
from __future__ import annotations

import calendar
import datetime as dt
import re

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
_LONG_TERM = {"长期坚持", "长期", "持续推进", "长期推进", "长期整改", "持续整改", "常态化推进"}
_IMMEDIATE = {"立行立改", "立即整改", "即知即改", "立查立改"}
IMMEDIATE = "immediate"


def parse_deadline(value):
    """A date; None for 长期坚持 (a standing task); IMMEDIATE for 立行立改 (due when assigned).

    2022年12月底前 / 2022年12月底 / 2022年12月 → 2022-12-31; 2022年底(前) / 2022年 → 2022-12-31;
    2023年上半年 → 2023-06-30; 2022年6月30日前 → 2022-06-30."""
    text = nz.compact(value)
    if text is None or text in _LONG_TERM:
        return None
    if text in _IMMEDIATE:
        return IMMEDIATE
    text = re.sub(r"(之前|以前|前|完成|止)$", "", text)
    m = re.fullmatch(r"(\d{4})年(?:年?底|末|年末)?", text) or re.fullmatch(r"(\d{4})年?下半年", text)
    if m:
        return dt.date(int(m[1]), 12, 31)
    m = re.fullmatch(r"(\d{4})年?上半年", text)
    if m:
        return dt.date(int(m[1]), 6, 30)
    m = re.fullmatch(r"(\d{4})(?:年|[-./])(\d{1,2})月?(?:底|末|份)?", text)
    if m and 1 <= int(m[2]) <= 12:
        return dt.date(int(m[1]), int(m[2]), calendar.monthrange(int(m[1]), int(m[2]))[1])
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
    status = parse_column(chunk, "status", ctx.mapped(nz.parse_task_status, "status"))
    changed = status_dates(chunk, ctx, status)
    out = pd.DataFrame({
        "task_id": inspection + "/" + code, "inspection_id": inspection, "task_code": code,
        "region_code": pairs.map(lambda p: p[0], na_action="ignore"),
        "city_code": pairs.map(lambda p: p[1], na_action="ignore"),
        "title": text_column(chunk, "title", required=True),
        "category": parse_column(chunk, "category", nz.parse_category, required=True),
        "assigned_on": assigned, "is_synthetic": False,
        "changed_on": changed, "status": status,
    })
    for name in ("responsible_unit", "target", "measures", "note"):
        if chunk.has(name):
            out[name] = text_column(chunk, name)
    if chunk.has("deadline_on"):
        deadline = parse_column(chunk, "deadline_on", parse_deadline)
        out["deadline_on"] = deadline.where(deadline != IMMEDIATE, assigned)
    # without the column every task is under closure management (the usual case; 不纳入 is the exception)
    managed = parse_column(chunk, "is_under_closure_mgmt", nz.parse_bool)
    out["is_under_closure_mgmt"] = managed.where(managed.notna(), True)
    return out


def status_dates(chunk: Chunk, ctx: Context, status: pd.Series) -> pd.Series:
    """The day each status was reported: its own column, else the ledger's as-of date (--as-of, or a
    date in the title or file name). Never the hand-over date: that would rewrite past months."""
    changed = parse_column(chunk, "status_on", nz.parse_date)
    if ctx.as_of_date is not None:
        return changed.where(changed.notna(), ctx.as_of_date)
    chunk.flag(status.notna() & changed.isna(), "status", "ingest.err.no_as_of")
    return changed


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
