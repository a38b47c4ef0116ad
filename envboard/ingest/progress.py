"""Progress reports (整改进展): status updates of existing tasks → new history entries."""
from __future__ import annotations

import pandas as pd

from envboard.ingest import history, normalize as nz, upsert
from envboard.ingest.context import Context
from envboard.ingest.pipeline import STAGE
from envboard.ingest.tasks import inspection_column
from envboard.ingest.validate import Chunk, code_column, parse_column, text_column

TABLE = "task_status_history"
KEY = ("task_id", "changed_on")
COLUMNS = {"task_id": "varchar", "changed_on": "date", "status": "varchar", "note": "varchar"}
DEFAULTS: dict = {}


def _task_ids(ctx: Context) -> dict[str, list[str]]:
    """task_code → task_ids in the database (a code may recur across inspections)."""
    if "tasks" not in ctx.cache:
        found: dict[str, list[str]] = {}
        for task_id, code in ctx.con.execute("select task_id, task_code from tasks").fetchall():
            found.setdefault(code, []).append(task_id)
        ctx.cache["tasks"] = found
    return ctx.cache["tasks"]


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    inspection = inspection_column(chunk, ctx)
    code = code_column(chunk, "task_code", required=True)
    known = _task_ids(ctx)
    by_code = code.map(lambda c: known[c][0] if len(known.get(c, [])) == 1 else None, na_action="ignore")
    task_id = (inspection + "/" + code).where(inspection.notna(), by_code)
    all_ids = {t for ids in known.values() for t in ids}
    chunk.flag(code.notna() & ~task_id.isin(all_ids), "task_code", "ingest.err.unknown_task")
    return pd.DataFrame({
        "task_id": task_id,
        "changed_on": parse_column(chunk, "status_on", nz.parse_date, required=True),
        "status": parse_column(chunk, "status", nz.parse_task_status, required=True),
        "note": text_column(chunk, "note"),
    })


def plan(con, staged) -> upsert.Counts:
    history.classify(con, STAGE)
    return history.counts(con)


def apply(con, staged, import_id: int) -> upsert.Counts:
    counts = plan(con, staged)
    history.apply(con, import_id)
    return counts
