"""Rectification analytics: the ledger as of a month end, 序时进度, projected completion, 回潮 and repeats."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import duckdb
import pandas as pd

from envboard.core import queries
from envboard.domain.metrics import month_end
from envboard.core.settings import get_setting

PACE_MONTHS = 6          # closures per month are averaged over this many months up to the as-of month
REPEAT_WINDOW_MONTHS = 12
ALL = ""                 # a ledger filter value that keeps every row


def at_risk_days_default() -> int:
    """Days before a deadline from which an unfinished task counts as at risk (setting at_risk_days)."""
    return int(get_setting("at_risk_days"))


def previous_month_end(as_of: dt.date) -> dt.date:
    """The last day of the month before as_of's month."""
    return as_of.replace(day=1) - dt.timedelta(days=1)


def months_before(as_of: dt.date, months: int) -> dt.date:
    """The first day of the month `months` − 1 months before as_of's month (so the window has `months` months)."""
    index = as_of.year * 12 + as_of.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def add_months(as_of: dt.date, months: int) -> dt.date:
    """The last day of the month `months` months after as_of's month."""
    index = as_of.year * 12 + as_of.month - 1 + months
    return month_end(index // 12, index % 12 + 1)


def ledger(con: duckdb.DuckDBPyConnection, scope_code: str, as_of: dt.date, at_risk_days: int) -> pd.DataFrame:
    """Every task of the scope on as_of with status, flags and progress (queries/ledger_tasks.sql)."""
    return queries.run(con, "ledger_tasks", scope_code=scope_code, as_of=as_of, at_risk_days=at_risk_days)


@dataclass(frozen=True)
class LedgerFilter:
    """Ledger filters; ALL ('') keeps every value. flag is '', 'overdue' or 'at_risk'."""
    round_label: str = ALL
    city_code: str = ALL
    region_code: str = ALL
    responsible_unit: str = ALL
    category: str = ALL
    status: str = ALL
    flag: str = ALL


def filter_ledger(frame: pd.DataFrame, f: LedgerFilter) -> pd.DataFrame:
    """The ledger rows that match every set filter."""
    keep = pd.Series(True, index=frame.index)
    for column in ("round_label", "city_code", "region_code", "responsible_unit", "category", "status"):
        value = getattr(f, column)
        if value != ALL:
            keep &= frame[column] == value
    if f.flag == "overdue":
        keep &= frame["is_overdue"]
    elif f.flag == "at_risk":
        keep &= frame["is_at_risk"]
    return frame[keep]


def ledger_counts(frame: pd.DataFrame) -> dict:
    """Task counts of a (filtered) ledger and closure_rate = tasks_closed / tasks_under_closure (0–1 or None)."""
    managed = frame[frame["is_under_closure_mgmt"]]
    closed = int(managed["is_closed"].sum())
    return {
        "tasks_total": len(frame),
        "tasks_done": int(frame["is_done"].sum()),
        "tasks_under_closure": len(managed),
        "tasks_closed": closed,
        "closure_rate": closed / len(managed) if len(managed) else None,
        "tasks_overdue": int(frame["is_overdue"].sum()),
        "tasks_at_risk": int(frame["is_at_risk"].sum()),
    }


def progress_by(frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """序时进度 per group: mean expected vs actual progress (0–1) of tasks with a deadline, gap, overdue, at risk."""
    dated = frame.assign(has_deadline=frame["expected_progress"].notna())
    grouped = dated.groupby(key, sort=True)
    out = pd.DataFrame({
        "tasks_total": grouped.size(),
        "tasks_done": grouped["is_done"].sum().astype(int),
        "tasks_with_deadline": grouped["has_deadline"].sum().astype(int),
        "expected_progress": grouped["expected_progress"].mean(),
        "actual_progress": dated[dated["has_deadline"]].groupby(key)["actual_progress"].mean(),
        "tasks_overdue": grouped["is_overdue"].sum().astype(int),
        "tasks_at_risk": grouped["is_at_risk"].sum().astype(int),
    })
    out["progress_gap"] = out["actual_progress"] - out["expected_progress"]
    return out.reset_index()


@dataclass(frozen=True)
class Projection:
    """Projected completion of the remaining managed tasks at the recent closure pace."""
    tasks_remaining: int
    tasks_closed_recent: int
    pace_per_month: float            # closures per month over the pace window
    months_needed: int | None        # None: nothing left, or no closures in the window
    projected_on: dt.date | None     # month end by which the last task would close
    latest_deadline_on: dt.date | None
    beats_deadline: bool | None      # None when there is nothing to compare


def project_completion(tasks_remaining: int, tasks_closed_recent: int, as_of: dt.date,
                       latest_deadline_on: dt.date | None, pace_months: int = PACE_MONTHS) -> Projection:
    """months_needed = ceil(remaining ÷ (closures in the window ÷ window months)); projected month end after as_of."""
    pace = tasks_closed_recent / pace_months
    if tasks_remaining == 0:
        months, projected = 0, as_of
    elif pace == 0:
        months, projected = None, None
    else:
        months = math.ceil(round(tasks_remaining / pace, 9))
        projected = add_months(as_of, months)
    beats = None if latest_deadline_on is None else projected is not None and projected <= latest_deadline_on
    return Projection(tasks_remaining, tasks_closed_recent, pace, months, projected, latest_deadline_on, beats)


def projections(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, scope_code: str, as_of: dt.date,
                key: str, pace_months: int = PACE_MONTHS) -> pd.DataFrame:
    """One projection per group (key: 'city_code' or 'round_label') of the scope's ledger as of as_of."""
    closures = queries.run(con, "progress_closures_by_month", scope_code=scope_code,
                           from_month=months_before(as_of, pace_months), as_of=as_of)
    recent = closures.groupby(key)["tasks_closed"].sum()
    rows = []
    for group, tasks in frame[frame["is_under_closure_mgmt"]].groupby(key, sort=True):
        open_tasks = tasks[~tasks["is_closed"]]
        latest = open_tasks["deadline_on"].max()
        latest = None if pd.isna(latest) else pd.Timestamp(latest).date()
        p = project_completion(len(open_tasks), int(recent.get(group, 0)), as_of, latest, pace_months)
        rows.append({key: group, **p.__dict__})
    return pd.DataFrame(rows, columns=[key, *Projection.__dataclass_fields__])


def status_history(con: duckdb.DuckDBPyConnection, task_id: str, as_of: dt.date) -> pd.DataFrame:
    """One task's statuses up to as_of, each with its start (changed_on) and end (until_on)."""
    return queries.run(con, "ledger_status_history", task_id=task_id, as_of=as_of)


def rebound_tasks(con: duckdb.DuckDBPyConnection, scope_code: str, as_of: dt.date) -> pd.DataFrame:
    """回潮: closed tasks whose city and category got new substantiated petitions after closure, up to as_of."""
    return queries.run(con, "ledger_rebound", scope_code=scope_code, as_of=as_of)


def repeat_complaints(con: duckdb.DuckDBPyConnection, scope_code: str, as_of: dt.date,
                      window_months: int = REPEAT_WINDOW_MONTHS) -> pd.DataFrame:
    """Places in a city named again within window_months of an earlier petition, with counts and ids."""
    return queries.run(con, "petition_repeats", scope_code=scope_code, as_of=as_of, window_months=window_months)
