"""Task status updates → new task_status_history entries (history is appended, never rewritten).

A staged update (task_id, changed_on, status, note) is
- 'same'   when an entry on that day says the same, or the entry in force then says the same;
- 'update' when an entry on that day says something else (a correction of that day's report);
- 'insert' otherwise.
"""
from __future__ import annotations

from envboard.ingest.upsert import Counts

OPS = "ingest_history_ops"


def classify(con, source: str) -> None:
    """Create the temp table OPS from `source` (task_id, changed_on, status, note, _row)."""
    con.execute(f"""
        create or replace temp table {OPS} as
        with updates as (
            select task_id, changed_on, status, note, _row from {source} where status is not null
        ), in_force as (
            select u.task_id, u.changed_on, arg_max(h.status, h.changed_on) as status,
                   arg_max(h.note, h.changed_on) as note
            from updates u join task_status_history h
              on h.task_id = u.task_id and h.changed_on < u.changed_on
            group by u.task_id, u.changed_on
        )
        select u.*,
               case when d.task_id is not null and d.status = u.status and d.note is not distinct from u.note
                        then 'same'
                    when d.task_id is not null then 'update'
                    when f.status = u.status and f.note is not distinct from u.note then 'same'
                    else 'insert' end as _op
        from updates u
        left join task_status_history d on d.task_id = u.task_id and d.changed_on = u.changed_on
        left join in_force f on f.task_id = u.task_id and f.changed_on = u.changed_on
    """)


def counts(con) -> Counts:
    row = con.execute(
        f"select count(*) filter (where _op = 'insert'), count(*) filter (where _op = 'update'), "
        f"count(*) filter (where _op = 'same') from {OPS}").fetchall()[0]
    return Counts(*row)


def apply(con, import_id: int) -> None:
    """Write the classified entries, tagging them with the import and saving undo rows."""
    con.execute(
        f"insert into undo_task_status_history by name select {import_id} as undo_import_id, "
        f"'update' as undo_op, h.* from task_status_history h join {OPS} o "
        f"on o.task_id = h.task_id and o.changed_on = h.changed_on where o._op = 'update'")
    con.execute(
        f"update task_status_history as t set status = o.status, note = o.note, import_id = {import_id} "
        f"from {OPS} o where o.task_id = t.task_id and o.changed_on = t.changed_on and o._op = 'update'")
    con.execute(
        f"insert into task_status_history (task_id, changed_on, status, note, import_id) "
        f"select task_id, changed_on, status, note, {import_id} from {OPS} where _op = 'insert'")
    con.execute(
        f"insert into undo_task_status_history by name select {import_id} as undo_import_id, "
        f"'insert' as undo_op, task_id, changed_on from {OPS} where _op = 'insert'")
