"""Which named queries each page runs, with the parameters of a typical view (one table)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import duckdb

from envboard.domain import metrics, rank, rank_values, rectification
from envboard.core import queries
from envboard.core.regions import resolve_region
from envboard.briefing.build import build_edition

SCOPE, AS_OF = "360000", dt.date(2026, 10, 31)     # 江西 (present at every scale), the last data month
TREND_FROM, TREND_TO = dt.date(2022, 1, 1), dt.date(2026, 10, 1)
Step = tuple[str, Callable[[duckdb.DuckDBPyConnection], object]]


def _q(name: str, step_name: str | None = None, **params) -> Step:
    return step_name or name, lambda con: queries.run(con, name, **params)


def _summary(con: duckdb.DuckDBPyConnection):
    return metrics.summary(con, resolve_region(con, SCOPE), AS_OF)


def _briefing(con: duckdb.DuckDBPyConnection):
    return build_edition(con, SCOPE, AS_OF)


def _ledger_steps() -> list[Step]:
    """整改台账: the ledger now and a month earlier, status history of one task, projections, 回潮."""
    days, before = rectification.at_risk_days_default(), rectification.previous_month_end(AS_OF)

    def projections(con, key: str):
        frame = queries.run(con, "ledger_tasks", scope_code=SCOPE, as_of=AS_OF, at_risk_days=days)
        return rectification.projections(con, frame, SCOPE, AS_OF, key)

    def one_history(con):
        task = con.execute("select min(task_id) from tasks where city_code like '36%'").fetchall()[0][0]
        return queries.run(con, "ledger_status_history", task_id=task, as_of=AS_OF)

    return [_q("ledger_tasks", scope_code=SCOPE, as_of=AS_OF, at_risk_days=days),
            _q("ledger_tasks", "ledger_tasks.month_before", scope_code=SCOPE, as_of=before, at_risk_days=days),
            ("ledger_status_history", one_history),
            ("projections.city_code", lambda con: projections(con, "city_code")),
            ("projections.round_label", lambda con: projections(con, "round_label")),
            _q("ledger_rebound", scope_code=SCOPE, as_of=AS_OF)]


def _petition_steps() -> list[Step]:
    """信访办理: KPIs now and a month earlier, tables by batch, type and region, rechecks, repeats."""
    before = rectification.previous_month_end(AS_OF)
    return [_q("petition_summary", scope_code=SCOPE, as_of=AS_OF), _q("petition_summary", "petition_summary.month_before", scope_code=SCOPE, as_of=before)] + [
        _q(name, scope_code=SCOPE, as_of=AS_OF)
        for name in ("petition_by_batch", "petition_by_type", "petition_by_region", "petition_rechecks")
    ] + [_q("petition_repeats", scope_code=SCOPE, as_of=AS_OF, window_months=12)]


def _supervision_steps() -> list[Step]:
    """督办问责: year-to-date KPIs now and a month earlier, by region, linked to tasks."""
    start, before = dt.date(AS_OF.year, 1, 1), rectification.previous_month_end(AS_OF)
    return [_q("supervision_summary", scope_code=SCOPE, from_date=start, as_of=AS_OF),
            _q("supervision_summary", "supervision_summary.month_before", scope_code=SCOPE, from_date=start, as_of=before),
            _q("supervision_by_region", scope_code=SCOPE, as_of=AS_OF),
            _q("supervision_by_task", scope_code=SCOPE, as_of=AS_OF)]


def _board(metric: str, scope: str, period: str):
    def step(con):
        # rank_view.board: the leaderboard and map pages
        return rank_values.leaderboard(con, metric, scope, rank.parse_period(period), "value", "yoy")

    return f"rank_values.leaderboard.{metric}.{scope}.{period}", step


FILTERS: list[Step] = [_q("region_choices"), _q("data_coverage")]     # filters.scope_and_month
# page file in app_pages/ → the queries it runs for one view, in order (see the page and envboard/ui/data.py)
PAGES: dict[str, list[Step]] = {
    "overview": FILTERS + [
        ("metrics.summary", _summary),
        _q("rectification_by_round", scope_code=SCOPE, as_of=AS_OF),
        _q("rectification_trend", scope_code=SCOPE, from_month=TREND_FROM, to_month=TREND_TO),
        _q("pm25_monthly", scope_code=SCOPE, from_month=TREND_FROM, to_month=TREND_TO),
    ],
    # the 排行榜's closure preset (the page forwards to the leaderboard)
    "closure_rank": [_q("data_coverage"), _board("closure_rate", SCOPE, f"{AS_OF:%Y-%m}")],
    "methodology": [_q("data_coverage")],
    "briefing": FILTERS + [("briefing.build_edition", _briefing)],
    "meeting": FILTERS + [("briefing.build_edition", _briefing)],
    "ledger": FILTERS + _ledger_steps(),
    "petitions": FILTERS + _petition_steps(),
    "supervision": FILTERS + _supervision_steps(),
    # the page's default view (closure rate, 江西, last month); then the composite index over all cities, one year
    "leaderboard": [_q("data_coverage"), _board("closure_rate", SCOPE, f"{AS_OF:%Y-%m}"),
                    _board("composite_index", "000000", "2025")],
    "map": [_q("data_coverage"), _board("closure_rate", SCOPE, f"{AS_OF:%Y-%m}")],
}
