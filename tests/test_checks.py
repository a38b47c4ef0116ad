"""queries/checks/*.sql: each invariant finds nothing in the demo database and finds exactly the
one bad row it is fed."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from envboard.core.queries import QUERY_DIR, run

CHECKS = sorted(p.stem for p in (QUERY_DIR / "checks").glob("*.sql"))
D = dt.date


def test_there_are_checks():
    assert len(CHECKS) >= 6


@pytest.mark.parametrize("name", CHECKS)
def test_check_finds_nothing_in_the_demo_database(name, demo_con):
    assert run(demo_con, f"checks/{name}").empty


@pytest.fixture()
def con(empty_db_path):
    """A migrated database with one inspection of Jiangxi, two good tasks and two good petitions."""
    con = duckdb.connect(str(empty_db_path))
    con.execute("insert into inspections (inspection_id, kind, round_no, round_label, region_code) "
                "values ('central-2-360000', 'central', 2, 'round2', '360000')")
    con.executemany("insert into tasks (task_id, inspection_id, task_code, region_code, city_code, title, category, "
                    "assigned_on, is_under_closure_mgmt) values (?, 'central-2-360000', ?, ?, ?, 't', 'air', ?, ?)",
                    [("T1", "1", "360702", "360700", D(2021, 1, 5), True),
                     ("T2", "2", "361000", "361000", D(2021, 1, 5), False)])
    con.executemany("insert into task_status_history (task_id, changed_on, status) values (?, ?, ?)",
                    [("T1", D(2021, 1, 5), "in_progress"), ("T1", D(2021, 6, 1), "closed"),
                     ("T2", D(2021, 1, 5), "in_progress"), ("T2", D(2021, 9, 1), "done")])
    con.executemany("insert into petitions (petition_id, inspection_id, batch_no, region_code, city_code, received_on, "
                    "pollution_type, staged_on, closed_on) values (?, 'central-2-360000', 1, ?, ?, ?, 'air', ?, ?)",
                    [("P1", "360702", "360700", D(2021, 4, 12), None, D(2021, 5, 1)),
                     ("P2", "361000", "361000", D(2021, 4, 12), D(2021, 4, 20), D(2021, 5, 2))])
    con.execute("insert into supervision_actions (action_id, kind, region_code, city_code, acted_on) "
                "values ('S1', 'letter', '360700', '360700', '2021-07-01')")
    yield con
    con.close()


def _plain(value):
    """Timestamps as dates, missing values as None, numpy scalars as Python values."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def _rows(con, name: str) -> list[tuple]:
    return [tuple(_plain(v) for v in r) for r in run(con, f"checks/{name}").itertuples(index=False)]


def test_good_rows_pass_every_check(con):
    assert {name: _rows(con, name) for name in CHECKS} == {name: [] for name in CHECKS}


def test_a_closed_task_outside_closure_management_is_found(con):
    con.execute("insert into task_status_history values ('T2', '2021-10-01', 'closed', null, null)")
    assert _rows(con, "closed_task_not_under_closure") == [("T2", D(2021, 10, 1), "closed")]


def test_more_closed_than_managed_tasks_in_a_month_is_found(con):
    con.execute("insert into task_status_history values ('T2', '2021-10-01', 'closed', null, null)")
    rows = _rows(con, "closure_counts_nested")
    assert [(r[0], r[1], r[2], r[3], r[4]) for r in rows] == [("361000", D(2021, 10, 31), 1, 0, 1)]


def test_a_status_before_the_task_was_assigned_is_found(con):
    con.execute("insert into task_status_history values ('T1', '2020-12-31', 'not_started', null, null)")
    assert _rows(con, "status_before_assignment") == [("T1", D(2020, 12, 31), "not_started", D(2021, 1, 5))]


def test_a_status_of_an_unknown_task_is_found(con):
    con.execute("insert into task_status_history values ('T9', '2021-02-01', 'done', null, null)")
    rows = _rows(con, "status_before_assignment")
    assert len(rows) == 1 and rows[0][:3] == ("T9", D(2021, 2, 1), "done") and rows[0][3] is None


def test_a_petition_counted_for_the_wrong_city_is_found(con):
    con.execute("update petitions set city_code = '361000' where petition_id = 'P1'")
    assert _rows(con, "city_of_region") == [("petition", "P1", "360702", "361000", "360700")]


def test_a_petition_outside_its_inspected_province_is_found(con):
    con.execute("insert into petitions (petition_id, inspection_id, batch_no, region_code, city_code, received_on, "
                "pollution_type) values ('P3', 'central-2-360000', 1, '429006', '429006', '2021-04-12', 'air')")
    assert _rows(con, "petition_outside_inspection_region") == [("P3", "central-2-360000", "429006", "360000")]


def test_a_petition_closed_before_it_was_received_is_found(con):
    con.execute("update petitions set closed_on = '2021-04-01' where petition_id = 'P2'")
    assert _rows(con, "petition_dates_in_order") == [("P2", D(2021, 4, 12), D(2021, 4, 20), D(2021, 4, 1))]
