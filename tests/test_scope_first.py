"""Scope-first queries return exactly what the whole-country form returns, on the demo data."""
from __future__ import annotations

import datetime as dt

import pytest

from envboard.core.queries import run

SCOPES = ["360000", "360700", "361000", "420000", "429006"]
DAYS = [dt.date(2019, 6, 30), dt.date(2022, 12, 31), dt.date(2026, 10, 31)]


def _fetch(con, sql: str, params: dict) -> list[tuple]:
    from envboard.core.db import select_envboard

    cur = select_envboard(con.cursor())
    try:
        return cur.execute(sql, params).fetchall()
    finally:
        cur.close()


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("as_of", DAYS)
def test_scope_task_state_is_task_state_of_the_scope(demo_con, scope, as_of):
    whole = _fetch(demo_con, "select * from task_state($as_of) where region_code in "
                   "(select code from scope_regions($scope)) order by task_id", {"as_of": as_of, "scope": scope})
    scoped = _fetch(demo_con, "select * from scope_task_state($scope, $as_of) order by task_id",
                    {"as_of": as_of, "scope": scope})
    assert scoped == whole
    assert len(scoped) > 0 or as_of.year < 2020


# The former range-join form of ledger_rebound: every closed task joined to every later petition.
_REBOUND_RANGE_JOIN = """
with closed_first as (
    select task_id, min(changed_on) as closed_on from task_status_history where status = 'closed' group by task_id
), type_map(category, pollution_type) as (
    values ('air', 'air'), ('water', 'water'), ('soil', 'soil'), ('waste', 'solid_waste'), ('ecology', 'ecology')
)
select s.task_id, f.closed_on, count(*) as petitions_after, min(p.received_on), max(p.received_on)
from task_state($as_of) as s
join closed_first as f using (task_id)
join type_map as m on m.category = s.category
join petitions as p on p.city_code = s.city_code and p.pollution_type = m.pollution_type
 and p.substantiated in ('yes', 'partly') and p.received_on > f.closed_on and p.received_on <= $as_of
where s.is_closed and s.region_code in (select code from scope_regions($scope))
group by all
order by petitions_after desc, s.task_id
"""


@pytest.mark.parametrize("scope", ["360000", "360700"])
@pytest.mark.parametrize("as_of", DAYS)
def test_ledger_rebound_asof_counts_equal_the_range_join(demo_con, scope, as_of):
    expected = _fetch(demo_con, _REBOUND_RANGE_JOIN, {"as_of": as_of, "scope": scope})
    got = run(demo_con, "ledger_rebound", scope_code=scope, as_of=as_of)
    rows = [(r.task_id, _day(r.closed_on), int(r.petitions_after), _day(r.first_petition_on), _day(r.last_petition_on))
            for r in got.itertuples()]
    assert rows == [tuple(r) for r in expected]
    assert len(expected) > 0 or as_of.year < 2020


def _day(value) -> dt.date:
    return value.date() if hasattr(value, "date") else value


# The former correlated-EXISTS form of petition_repeats' flag.
_REPEATS_EXISTS = """
with scoped as (
    select p.petition_id, p.city_code, p.place, p.received_on from petition_state($as_of) as p
    where p.place is not null and p.region_code in (select code from scope_regions($scope))
)
select s.petition_id from scoped as s
where exists (select 1 from scoped as e
              where e.city_code = s.city_code and e.place = s.place and e.petition_id <> s.petition_id
                and (e.received_on < s.received_on or (e.received_on = s.received_on and e.petition_id < s.petition_id))
                and s.received_on <= e.received_on + to_months($window::integer))
"""


@pytest.mark.parametrize("window", [1, 12])
def test_petition_repeats_lag_flags_what_the_exists_form_flags(demo_con, window):
    as_of = dt.date(2022, 12, 31)
    expected = len(_fetch(demo_con, _REPEATS_EXISTS, {"as_of": as_of, "scope": "360000", "window": window}))
    got = run(demo_con, "petition_repeats", scope_code="360000", as_of=as_of, window_months=window)
    assert expected > 0
    assert int(got["repeats"].sum()) == expected


_RANK_RECT_WHOLE = """
select case when (select level from regions where code = $scope) = 'city' then s.region_code else s.city_code end as unit_code,
       count(*), count(*) filter (where s.is_under_closure_mgmt),
       count(*) filter (where s.is_under_closure_mgmt and s.is_closed), count(*) filter (where s.is_overdue)
from task_state($as_of) as s
where $scope = '000000' or s.region_code in (select code from scope_regions($scope))
group by all order by unit_code
"""


@pytest.mark.parametrize("scope", ["000000", "360000", "360700"])
def test_rank_rectification_counts_equal_the_whole_country_form(demo_con, scope):
    as_of = dt.date(2022, 12, 31)
    expected = _fetch(demo_con, _RANK_RECT_WHOLE, {"as_of": as_of, "scope": scope})
    got = run(demo_con, "rank_rectification", scope_code=scope, as_of=as_of)
    assert [tuple(r) for r in got.itertuples(index=False, name=None)] == [tuple(r) for r in expected]
    assert len(expected) > 1
