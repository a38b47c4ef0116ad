"""Which named queries each page runs, with the parameters of a typical view (one table)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import duckdb

from envboard import metrics, queries
from envboard.regions import resolve_region

SCOPE, AS_OF = "360000", dt.date(2026, 10, 31)     # 江西 (present at every scale), the last data month
TREND_FROM, TREND_TO = dt.date(2022, 1, 1), dt.date(2026, 10, 1)
Step = tuple[str, Callable[[duckdb.DuckDBPyConnection], object]]


def _q(name: str, **params) -> Step:
    return name, lambda con: queries.run(con, name, **params)


def _summary(con: duckdb.DuckDBPyConnection):
    return metrics.summary(con, resolve_region(con, SCOPE), AS_OF)


def _briefing(con: duckdb.DuckDBPyConnection):
    from envboard.briefing.build import build_edition     # the live (draft) edition of briefing_view

    return build_edition(con, SCOPE, AS_OF)


FILTERS: list[Step] = [_q("region_choices"), _q("data_coverage")]     # filters.scope_and_month
# page file in pages/ → the queries it runs for one view, in order (see the page and envboard/ui/data.py)
PAGES: dict[str, list[Step]] = {
    "overview": FILTERS + [
        ("metrics.summary", _summary),
        _q("rectification_by_round", scope_code=SCOPE, as_of=AS_OF),
        _q("rectification_trend", scope_code=SCOPE, from_month=TREND_FROM, to_month=TREND_TO),
        _q("pm25_monthly", scope_code=SCOPE, from_month=TREND_FROM, to_month=TREND_TO),
    ],
    "closure_rank": FILTERS + [_q("closure_rate_by_city", scope_code=SCOPE, as_of=AS_OF)],
    "methodology": [_q("data_coverage")],
    "briefing": FILTERS + [("briefing.build_edition", _briefing)],
    "meeting": FILTERS + [("briefing.build_edition", _briefing)],
}
