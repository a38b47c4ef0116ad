"""Ranking engine: ties on displayed values, direction, exclusions, improvement, scopes, periods."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from envboard import catalog
from envboard.domain import metrics, rank
from envboard.core.errors import UsageError
from envboard.core.queries import run
from envboard.domain.rank_values import leaderboard, raw_values, records


def _frame(values):
    return pd.DataFrame({"region_code": [f"36{i:02d}00" for i in range(len(values))], "value": values})


def test_equal_displayed_values_share_a_rank_and_skip_the_next():
    ranked = rank.rank_values(_frame([91.86, 91.94, 80.0, 95.0]), "value", True, 1)
    # 91.86 and 91.94 both show as 91.9 → tie for 2nd, next is 4th
    assert list(ranked["rank"]) == [1, 2, 2, 4]
    assert list(ranked["tie"]) == [False, True, True, False]


def test_ties_one_one_three():
    ranked = rank.rank_values(_frame([99.1, 99.1, 98.0]), "value", True, 1)
    assert list(ranked["rank"]) == [1, 1, 3]


def test_half_even_rounding_decides_ties():
    # 0.25 → 0.2 and 0.15 → 0.2 (四舍六入五成双), so they tie at one decimal
    ranked = rank.rank_values(_frame([0.25, 0.15, 0.35]), "value", True, 1)
    assert list(ranked.sort_values("region_code")["rank"]) == [2, 2, 1]


def test_lower_is_better_ranks_smallest_first():
    ranked = rank.rank_values(_frame([35.0, 20.0, 41.0]), "value", False, 0)
    assert list(ranked["value"]) == [20.0, 35.0, 41.0] and list(ranked["rank"]) == [1, 2, 3]


def test_registry_is_the_catalogue_leaderboard():
    assert list(rank.REGISTRY) == [m.key for m in catalog.on("leaderboard")]
    assert all(rank.REGISTRY[k] is catalog.METRICS[k] for k in rank.REGISTRY)


@pytest.mark.parametrize("key, higher", [("closure_rate", True), ("tasks_overdue", False), ("resolution_rate", True),
                                         ("substantiated_share", False), ("pm25_mean", False), ("composite_index", False),
                                         ("good_days_share", True), ("water_good_share", True), ("inferior_share", False),
                                         ("cwqi", False), ("integrated_score", True)])
def test_direction_per_metric(key, higher):
    assert rank.metric(key).higher_is_better is higher


def test_unknown_metric_is_a_usage_error():
    with pytest.raises(UsageError):
        rank.metric("closure")


@pytest.mark.parametrize("text, kind, start, end", [
    ("2022", "year", dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    ("2022-12", "month", dt.date(2022, 12, 1), dt.date(2022, 12, 31)),
    ("ytd:2022-11", "ytd", dt.date(2022, 1, 1), dt.date(2022, 11, 30)),
    ("2022-01..2022-11", "range", dt.date(2022, 1, 1), dt.date(2022, 11, 30)),
])
def test_periods_parse_and_print_back(text, kind, start, end):
    period = rank.parse_period(text)
    assert (period.kind, period.start, period.end, period.text) == (kind, start, end, text)


@pytest.mark.parametrize("text, against, expected", [
    ("2022-12", "yoy", "2021-12"), ("2022-12", "prev", "2022-11"), ("2022-01", "prev", "2021-12"),
    ("ytd:2022-11", "yoy", "ytd:2021-11"), ("ytd:2022-11", "prev", "ytd:2022-10"), ("2022", "prev", "2021"),
    ("2022-03..2022-05", "prev", "2021-12..2022-02"),
])
def test_comparison_periods(text, against, expected):
    assert rank.previous(rank.parse_period(text), against).text == expected


@pytest.mark.parametrize("text", ["2022-13", "22", "ytd:2022", "2022-05..2022-01", ""])
def test_bad_periods_are_usage_errors(text):
    with pytest.raises(UsageError):
        rank.parse_period(text)


def test_split_sufficient_lists_zero_denominators_with_reason():
    frame = pd.DataFrame({"region_code": ["a", "b", "c"], "region_name": ["A", "B", "C"], "value": [50.0, None, 20.0],
                          "numerator": [1, 0, 1], "denominator": [2, 0, 5], "reason": [None, None, "rank.reason.air_invalid"]})
    ok, excluded = rank.split_sufficient(frame, rank.metric("closure_rate"))
    assert list(ok["region_code"]) == ["a"]
    assert dict(zip(excluded["region_code"], excluded["reason"])) == {
        "b": "rank.reason.no_closure_tasks", "c": "rank.reason.air_invalid"}


def _expected_closure(con, scope, as_of):
    parts = run(con, "rank_rectification", scope_code=scope, as_of=as_of)
    parts = parts[parts["tasks_under_closure"] > 0]
    return {r.unit_code: metrics.pct(r.tasks_closed, r.tasks_under_closure) for r in parts.itertuples()}


def test_ganzhou_closure_rate_ranks_where_the_data_says(demo_con):
    period = rank.parse_period("2022-12")
    rows = {r["region_code"]: r for r in records(leaderboard(demo_con, "closure_rate", "360000", period))}
    gz = rows["360700"]
    assert (gz["numerator"], gz["denominator"], gz["value"]) == (294, 320, 91.9)
    shown = _expected_closure(demo_con, "360000", period.end)
    assert gz["rank"] == 1 + sum(v > shown["360700"] for v in shown.values())
    assert [r["region_code"] for r in rows.values()] == sorted(shown, key=lambda c: (-shown[c], c))


def test_improvement_ranking_orders_by_change_against_previous_month(demo_con):
    board = leaderboard(demo_con, "closure_rate", "360000", rank.parse_period("2022-12"), by="change", against="prev")
    now = _expected_closure(demo_con, "360000", dt.date(2022, 12, 31))
    then = _expected_closure(demo_con, "360000", dt.date(2022, 11, 30))
    change = {c: metrics.round_half_even(now[c] - then[c], 1) for c in now}
    got = records(board)
    assert [r["change"] for r in got] == sorted(change.values(), reverse=True)
    assert {r["region_code"]: r["change"] for r in got} == change
    best = max(change.values())
    assert [r["rank"] for r in got if r["change"] == best] == [1] * sum(v == best for v in change.values())


def test_lower_is_better_improvement_ranks_biggest_fall_first(demo_con):
    board = leaderboard(demo_con, "pm25_mean", "360000", rank.parse_period("2022"), by="change", against="yoy")
    changes = [r["change"] for r in records(board)]
    assert changes == sorted(changes) and changes[0] < 0


def test_rank_change_is_previous_rank_minus_rank(demo_con):
    board = leaderboard(demo_con, "closure_rate", "360000", rank.parse_period("2022-12"), against="yoy")
    before = leaderboard(demo_con, "closure_rate", "360000", rank.parse_period("2021-12"))
    then = dict(zip(before.ranked["region_code"], before.ranked["rank"]))
    for r in records(board):
        assert r["rank_change"] == then[r["region_code"]] - r["rank"]


def test_national_scope_ranks_all_cities_with_tasks_and_lists_the_rest(demo_con):
    board = leaderboard(demo_con, "closure_rate", "000000", rank.parse_period("2022-12"))
    ranked = set(board.ranked["region_code"])
    assert {"429006", "410500", "430300", "360700"} <= ranked and len(ranked) == 14
    assert set(board.excluded["reason"]) == {"rank.reason.no_closure_tasks"}
    assert len(ranked) + len(board.excluded) == len(run(demo_con, "rank_units", scope_code="000000"))
    assert "110000" in set(board.excluded["region_code"])     # municipalities are peers of cities


def test_province_scope_has_only_its_cities(demo_con):
    board = leaderboard(demo_con, "resolution_rate", "360000", rank.parse_period("2022-12"))
    assert len(board.ranked) == 11 and all(c.startswith("36") for c in board.ranked["region_code"])
    fz = board.ranked.set_index("region_code").loc["361000"]
    assert (fz["numerator"], fz["denominator"]) == (1093, 1100)


def test_city_scope_ranks_its_counties(demo_con):
    board = leaderboard(demo_con, "closure_rate", "360700", rank.parse_period("2022-12"))
    parts = run(demo_con, "rank_rectification", scope_code="360700", as_of=dt.date(2022, 12, 31))
    counties = set(run(demo_con, "rank_units", scope_code="360700")["unit_code"])
    assert set(board.ranked["region_code"]) == set(parts["unit_code"]) & counties
    assert int(board.ranked["numerator"].sum()) <= 294


def test_air_period_without_enough_days_is_listed_not_ranked(demo_con):
    board = leaderboard(demo_con, "pm25_mean", "360000", rank.parse_period("2026-10..2026-12"))
    assert board.ranked.empty
    assert set(board.excluded["reason"]) == {"rank.reason.air_invalid"} and len(board.excluded) == 11


def test_air_values_are_the_period_means(demo_con):
    from envboard.standards.period import period_stats

    frame = raw_values(demo_con, "good_days_share", "360000", rank.parse_period("2022")).set_index("region_code")
    stats = period_stats(demo_con, "2022-01-01", "2022-12-31", ["360700"]).iloc[0]
    assert frame.loc["360700", "numerator"] == stats["good_days"]
    assert frame.loc["360700", "denominator"] == stats["valid_days"]
    assert metrics.round_half_even(frame.loc["360700", "value"], 1) == metrics.pct(stats["good_days"], stats["valid_days"])
