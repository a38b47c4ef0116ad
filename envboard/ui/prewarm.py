"""Pre-warm: compute the default view of every page in a background thread when a data version is
first seen by this process (the first session after start, and after each import), so that the
first user of a page reads the page cache instead of paying for it.

Process-wide by design: the page caches are shared by all sessions; the only state kept here is
which data versions this process has already warmed.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading

from envboard.domain import metrics, rank, rectification
from envboard.ui import briefing_view, data, ledger_view, rank_view

_lock = threading.Lock()
_started: set[int] = set()
_LOG = logging.getLogger(__name__)


def start() -> threading.Thread | None:
    """Warm the current data version in a background thread unless this process already did."""
    version = data.version()
    with _lock:
        if version in _started:
            return None
        _started.add(version)
    thread = threading.Thread(target=_warm, args=(version,), name=f"envboard-prewarm-{version}", daemon=True)
    thread.start()
    return thread


def default_view() -> tuple[str, dt.date]:
    """The scope and month a new session opens with (filters.scope_and_month without a URL)."""
    code = str(data.query("region_choices")["code"].iloc[0])
    last = data.query("data_coverage")["last_on"].max()
    return code, metrics.month_end(last.year, last.month)


def steps(version: int) -> list:
    """(name, callable) for each cached computation of the pages' default views."""
    scope, as_of = default_view()
    days, before = rectification.at_risk_days_default(), rectification.previous_month_end(as_of)
    trend_from, month0 = dt.date(max(2016, as_of.year - 4), 1, 1), as_of.replace(day=1)
    ytd = dt.date(as_of.year, 1, 1)
    q = data.query
    return [
        ("summary", lambda: data.summary(scope, as_of)),
        ("rounds", lambda: q("rectification_by_round", scope_code=scope, as_of=as_of)),
        ("trend", lambda: q("rectification_trend", scope_code=scope, from_month=trend_from, to_month=month0)),
        ("pm25", lambda: q("pm25_monthly", scope_code=scope, from_month=trend_from, to_month=month0)),
        ("ledger", lambda: [q("ledger_tasks", scope_code=scope, as_of=d, at_risk_days=days) for d in (as_of, before)]),
        ("projections", lambda: [ledger_view._projections(scope, as_of, k, days, version) for k in ("city_code", "round_label")]),
        ("rebound", lambda: q("ledger_rebound", scope_code=scope, as_of=as_of)),
        ("petitions", lambda: [q(n, scope_code=scope, as_of=d) for n in ("petition_summary", "petition_by_region")
                               for d in (as_of, before)]
         + [q(n, scope_code=scope, as_of=as_of) for n in ("petition_by_batch", "petition_by_type", "petition_by_region",
                                                          "petition_rechecks")]),
        ("repeats", lambda: q("petition_repeats", scope_code=scope, as_of=as_of,
                              window_months=rectification.REPEAT_WINDOW_MONTHS)),
        ("supervision", lambda: [q("supervision_summary", scope_code=scope, from_date=ytd, as_of=d) for d in (as_of, before)]
         + [q(n, scope_code=scope, as_of=as_of) for n in ("supervision_by_region", "supervision_by_task")]),
        # the ranking pages open on the national scope (the first of their scopes), the others on `scope`
        ("leaderboard", lambda: [rank_view._board("closure_rate", code, rank.parse_period(f"{as_of:%Y-%m}").text,
                                                  "value", "yoy", version) for code in (rank.NATIONAL, scope)]),
        ("briefing", lambda: briefing_view._build(scope, as_of, version)),
    ]


def _warm(version: int) -> None:
    try:
        work = steps(version)
    except Exception:           # an empty or unreadable database: the pages say so themselves
        _LOG.warning("pre-warm of data version %s skipped", version, exc_info=True)
        return
    for name, step in work:
        try:
            step()
        except Exception:
            _LOG.warning("pre-warm step %s failed", name, exc_info=True)
