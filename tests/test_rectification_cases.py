"""Projection, repeat-complaint and 回潮 rules on tiny hand-made databases."""
import datetime as dt

import pandas as pd
import pytest

from envboard.domain import rectification
from envboard.core.db import open_reader, write_transaction
from envboard.domain.rectification import add_months, project_completion

D = dt.date
AS_OF = D(2022, 12, 31)
NANCHANG, GANZHOU = "360100", "360700"


def _inspection(con, inspection_id="central-9-360000", round_label="round2"):
    con.execute("insert into inspections (inspection_id, kind, round_no, round_label, region_code, stationed_from) "
                "values (?, 'central', 2, ?, '360000', date '2021-01-01')", [inspection_id, round_label])


def _task(con, code, city, deadline, closed_on=None, category="air", inspection_id="central-9-360000"):
    task_id = f"{inspection_id}/{code}"
    con.execute("insert into tasks (task_id, inspection_id, task_code, region_code, city_code, title, category, "
                "assigned_on, deadline_on, is_under_closure_mgmt) values (?, ?, ?, ?, ?, ?, ?, date '2021-06-01', ?, true)",
                [task_id, inspection_id, code, city, city, f"task {code}", category, deadline])
    con.execute("insert into task_status_history values (?, date '2021-06-01', 'in_progress', null, null)", [task_id])
    if closed_on:
        con.execute("insert into task_status_history values (?, ?, 'closed', null, null)", [task_id, closed_on])
    return task_id


def _petition(con, pid, city, received, ptype="air", substantiated="yes", place=None):
    con.execute("insert into petitions (petition_id, inspection_id, batch_no, region_code, city_code, received_on, "
                "pollution_type, substantiated, place) values (?, 'central-9-360000', 1, ?, ?, ?, ?, ?, ?)",
                [pid, city, city, received, ptype, substantiated, place])


@pytest.fixture()
def projection_db(empty_db_path):
    """南昌: 10 managed tasks, 4 closed in Jul–Dec 2022, 1 closed in 2021 (outside the window), 5 open."""
    with write_transaction(empty_db_path) as con:
        _inspection(con)
        for i, closed in enumerate([D(2022, 7, 5), D(2022, 9, 1), D(2022, 11, 30), D(2022, 12, 31), D(2021, 12, 1)]):
            _task(con, f"c{i}", NANCHANG, D(2023, 6, 30), closed)
        for i in range(5):
            _task(con, f"o{i}", NANCHANG, D(2023, 10, 31) if i == 0 else D(2023, 3, 31))
        _task(con, "g0", GANZHOU, D(2023, 1, 31))   # 赣州: one open task, no closures → no projection
    con = open_reader(empty_db_path)
    yield con
    con.close()


def test_projection_needs_remaining_over_pace_months(projection_db):
    frame = rectification.ledger(projection_db, "360000", AS_OF, 30)
    p = rectification.projections(projection_db, frame, "360000", AS_OF, "city_code").set_index("city_code")
    nc = p.loc[NANCHANG]
    pace = 4 / 6                                     # closures Jul–Dec 2022 ÷ 6 months
    assert (nc.tasks_remaining, nc.tasks_closed_recent) == (5, 4)
    assert nc.pace_per_month == pytest.approx(pace)
    assert nc.months_needed == 8                     # ceil(5 / 0.667) = ceil(7.5)
    assert nc.projected_on == add_months(AS_OF, 8) == D(2023, 8, 31)
    assert nc.latest_deadline_on == D(2023, 10, 31) and nc.beats_deadline
    gz = p.loc[GANZHOU]
    assert pd.isna(gz.months_needed) and gz.projected_on is None and not gz.beats_deadline


def test_projection_by_round_uses_the_same_pace(projection_db):
    frame = rectification.ledger(projection_db, "360000", AS_OF, 30)
    p = rectification.projections(projection_db, frame, "360000", AS_OF, "round_label").set_index("round_label")
    assert (p.loc["round2", "tasks_remaining"], p.loc["round2", "tasks_closed_recent"]) == (6, 4)
    assert p.loc["round2", "months_needed"] == 9     # ceil(6 / (4 / 6))


@pytest.mark.parametrize("remaining, closed, deadline, months, projected, beats", [
    (0, 0, None, 0, AS_OF, None),                    # nothing left
    (3, 0, D(2023, 6, 30), None, None, False),       # no pace: cannot finish
    (6, 6, D(2023, 6, 30), 6, D(2023, 6, 30), True),     # exactly on the deadline
    (7, 6, D(2023, 6, 30), 7, D(2023, 7, 31), False),    # one month late
])
def test_project_completion_arithmetic(remaining, closed, deadline, months, projected, beats):
    p = project_completion(remaining, closed, AS_OF, deadline)
    assert (p.months_needed, p.projected_on, p.beats_deadline) == (months, projected, beats)


@pytest.fixture()
def petitions_db(empty_db_path):
    with write_transaction(empty_db_path) as con:
        _inspection(con)
        _task(con, "w1", NANCHANG, D(2022, 6, 30), D(2022, 3, 1), category="waste")
        _task(con, "a1", NANCHANG, D(2022, 6, 30), None, category="air")            # not closed: never a rebound
        _task(con, "o1", NANCHANG, D(2022, 6, 30), D(2022, 3, 1), category="other")  # no petition type
        _petition(con, "P1", NANCHANG, D(2022, 4, 1), "solid_waste", "yes", "A厂")
        _petition(con, "P2", NANCHANG, D(2022, 5, 1), "solid_waste", "partly", "A厂")
        _petition(con, "P3", NANCHANG, D(2022, 5, 2), "solid_waste", "no", "B厂")       # not substantiated
        _petition(con, "P4", NANCHANG, D(2022, 2, 1), "solid_waste", "yes", "A厂")      # before closure
        _petition(con, "P5", NANCHANG, D(2022, 6, 1), "air", "yes", "C厂")              # other type
        _petition(con, "P6", GANZHOU, D(2022, 6, 1), "solid_waste", "yes", "A厂")       # other city
        _petition(con, "P7", NANCHANG, D(2023, 1, 5), "solid_waste", "yes", "A厂")      # after as_of
        _petition(con, "P8", NANCHANG, D(2023, 6, 1), "solid_waste", "yes", "A厂")      # after as_of
    con = open_reader(empty_db_path)
    yield con
    con.close()


def test_rebound_counts_substantiated_same_type_petitions_after_closure(petitions_db):
    r = rectification.rebound_tasks(petitions_db, "360000", AS_OF)
    assert list(r.task_id) == ["central-9-360000/w1"]
    row = r.iloc[0]
    assert (row.petitions_after, row.pollution_type) == (2, "solid_waste")    # P1 and P2
    assert (str(row.first_petition_on.date()), str(row.last_petition_on.date())) == ("2022-04-01", "2022-05-01")


def test_rebound_is_empty_before_any_later_petition(petitions_db):
    assert rectification.rebound_tasks(petitions_db, "360000", D(2022, 3, 31)).empty


def test_repeat_complaints_same_place_same_city_within_window(petitions_db):
    r = rectification.repeat_complaints(petitions_db, "360000", AS_OF, 12).set_index(["city_code", "place"])
    # 南昌 A厂: P4 (Feb), P1 (Apr), P2 (May) → P1 and P2 repeat; 赣州's A厂 is another city.
    assert list(r.index) == [(NANCHANG, "A厂")]
    assert (r.iloc[0].petitions, r.iloc[0].repeats) == (3, 2)
    assert r.iloc[0].petition_ids == "P4, P1, P2"


def test_repeat_window_is_configurable(petitions_db):
    as_of = D(2023, 6, 30)
    short = rectification.repeat_complaints(petitions_db, "360000", as_of, 6).set_index("place")
    long = rectification.repeat_complaints(petitions_db, "360000", as_of, 12).set_index("place")
    # P7 (2023-01-05) is 8 months after P2 (2022-05-01); P8 (2023-06-01) is 5 months after P7.
    assert short.loc["A厂", "repeats"] == 3      # P1, P2, P8
    assert long.loc["A厂", "repeats"] == 4       # P1, P2, P7, P8
