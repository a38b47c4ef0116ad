"""Rectification analytics on the demo data: ledger as of a month end, reconstruction, 序时进度, supervision."""
import datetime as dt

import pytest

from envboard.core import queries
from envboard.domain import rectification
from envboard.domain.rectification import LedgerFilter, filter_ledger, ledger_counts

TIANMEN, ANYANG, XIANGTAN, GANZHOU = "429006", "410500", "430300", "360700"


def _ledger(con, scope, year, month, days=30):
    from envboard.domain.metrics import month_end
    return rectification.ledger(con, scope, month_end(year, month), days)


def test_tianmen_as_of_2022_05_rounds_are_33_of_33_14_of_18_0_of_20(demo_con):
    frame = _ledger(demo_con, TIANMEN, 2022, 5)
    by_round = {r: (ledger_counts(g)["tasks_done"], len(g)) for r, g in frame.groupby("round_label")}
    assert by_round == {"round1": (33, 33), "review": (14, 18), "round2": (0, 20)}


def test_anyang_as_of_2022_12_has_38_tasks_27_done_11_on_schedule(demo_con):
    frame = _ledger(demo_con, ANYANG, 2022, 12)
    counts = ledger_counts(frame)
    assert (counts["tasks_total"], counts["tasks_done"]) == (38, 27)
    assert (frame["status"] == "on_schedule").sum() == 11
    assert counts["tasks_done"] + (frame["status"] == "on_schedule").sum() == counts["tasks_total"]


def test_ganzhou_closure_is_163_of_310_at_2021_12_and_294_of_320_at_2022_12(demo_con):
    before, after = ledger_counts(_ledger(demo_con, GANZHOU, 2021, 12)), ledger_counts(_ledger(demo_con, GANZHOU, 2022, 12))
    assert (before["tasks_closed"], before["tasks_under_closure"]) == (163, 310)
    assert (after["tasks_closed"], after["tasks_under_closure"]) == (294, 320)
    assert round(after["closure_rate"], 3) == 0.919


def test_ganzhou_change_over_2022_is_exactly_the_closures_the_history_records(demo_con):
    before, after = ledger_counts(_ledger(demo_con, GANZHOU, 2021, 12)), ledger_counts(_ledger(demo_con, GANZHOU, 2022, 12))
    closures = queries.run(demo_con, "progress_closures_by_month", scope_code=GANZHOU,
                           from_month=dt.date(2022, 1, 1), as_of=dt.date(2022, 12, 31))
    assert after["tasks_closed"] - before["tasks_closed"] == closures["tasks_closed"].sum()


def test_month_before_differs_by_that_months_closures(demo_con):
    nov, dec = _ledger(demo_con, GANZHOU, 2022, 11), _ledger(demo_con, GANZHOU, 2022, 12)
    dec_closed = set(dec.loc[dec.is_closed, "task_id"])
    nov_closed = set(nov.loc[nov.is_closed, "task_id"])
    closed_in_dec = dec.loc[dec.is_closed & (dec.closed_on >= "2022-12-01"), "task_id"]
    assert dec_closed - nov_closed == set(closed_in_dec) and len(closed_in_dec) > 0


def test_filters_combine_round_and_overdue(demo_con):
    frame = _ledger(demo_con, "360000", 2020, 6)
    overdue = filter_ledger(frame, LedgerFilter(round_label="round1", flag="overdue"))
    assert len(overdue) == (frame["is_overdue"] & (frame["round_label"] == "round1")).sum() > 0
    assert filter_ledger(frame, LedgerFilter()).equals(frame)


def test_at_risk_window_counts_unfinished_tasks_due_within_n_days(demo_con):
    as_of = dt.date(2022, 5, 31)
    for days in (30, 365):
        frame = rectification.ledger(demo_con, "360000", as_of, days)
        due = frame["deadline_on"].dt.date
        expected = (~frame["is_done"] & frame["deadline_on"].notna() & (due >= as_of)
                    & (due <= as_of + dt.timedelta(days=days)))
        assert (frame["is_at_risk"] == expected).all()
    assert rectification.ledger(demo_con, "360000", as_of, 365)["is_at_risk"].sum() > \
        rectification.ledger(demo_con, "360000", as_of, 30)["is_at_risk"].sum()


def test_expected_progress_is_linear_from_assignment_to_deadline(demo_con):
    frame = _ledger(demo_con, ANYANG, 2022, 12)
    row = frame.dropna(subset=["deadline_on"]).iloc[0]
    as_of = dt.date(2022, 12, 31)
    elapsed = (as_of - row.assigned_on.date()).days / (row.deadline_on.date() - row.assigned_on.date()).days
    assert row.expected_progress == pytest.approx(min(1.0, max(0.0, elapsed)))


def test_progress_by_region_averages_its_tasks(demo_con):
    frame = _ledger(demo_con, GANZHOU, 2022, 12)
    table = rectification.progress_by(frame, "region_code").set_index("region_code")
    part = frame[frame.region_code == GANZHOU]
    assert table.loc[GANZHOU, "tasks_total"] == len(part)
    assert table.loc[GANZHOU, "expected_progress"] == pytest.approx(part["expected_progress"].mean())
    assert table.loc[GANZHOU, "progress_gap"] == pytest.approx(
        part.dropna(subset=["deadline_on"])["actual_progress"].mean() - part["expected_progress"].mean())


def test_xiangtan_2018_interviews_27_people_and_accountability_59_people(demo_con):
    r = queries.run(demo_con, "supervision_by_region", scope_code=XIANGTAN, as_of=dt.date(2018, 6, 30))
    people = r[r.year == 2018].groupby("kind")["people"].sum()
    assert (people["interview"], people["accountability"]) == (27, 59)


def test_xiangtan_2018_06_is_13_of_14_done(demo_con):
    frame = _ledger(demo_con, XIANGTAN, 2018, 6)
    counts = ledger_counts(frame)
    assert (counts["tasks_done"], counts["tasks_total"]) == (13, 14)


def test_supervision_actions_link_to_their_task_titles(demo_con):
    r = queries.run(demo_con, "supervision_by_task", scope_code=XIANGTAN, as_of=dt.date(2018, 6, 30))
    linked = r.dropna(subset=["task_id"])
    titles = queries.run(demo_con, "ledger_tasks", scope_code=XIANGTAN, as_of=dt.date(2018, 6, 30), at_risk_days=30)
    assert len(linked) > 0
    assert dict(zip(linked.task_id, linked.task_title)).items() <= dict(zip(titles.task_id, titles.title)).items()


def test_anyang_petitions_114_of_114_closed_by_batch_total(demo_con):
    b = queries.run(demo_con, "petition_by_batch", scope_code=ANYANG, as_of=dt.date(2022, 12, 31))
    assert (b.petitions_received.sum(), b.petitions_closed.sum()) == (114, 114)
    t = queries.run(demo_con, "petition_by_type", scope_code=ANYANG, as_of=dt.date(2022, 12, 31))
    assert t.petitions_received.sum() == 114


def test_status_history_ends_at_as_of(demo_con):
    frame = _ledger(demo_con, ANYANG, 2022, 12)
    h = rectification.status_history(demo_con, frame.task_id.iloc[0], dt.date(2022, 12, 31))
    assert h["status"].iloc[-1] == frame["status"].iloc[0]
    assert str(h["until_on"].iloc[-1].date()) == "2022-12-31"
    assert (h["until_on"].iloc[:-1].to_numpy() == h["changed_on"].iloc[1:].to_numpy()).all()


MY_QUERIES = ["ledger_tasks", "ledger_status_history", "ledger_rebound", "progress_closures_by_month", "petition_by_batch",
              "petition_by_type", "petition_by_region", "petition_rechecks", "petition_repeats", "supervision_by_region",
              "supervision_by_task"]


@pytest.mark.parametrize("name", MY_QUERIES)
def test_query_header_names_the_query_its_params_and_returns(name):
    header = queries.query_header(name)
    _, params = queries.query_text(name)
    assert header.splitlines()[0] == name
    assert "returns:" in header and all(f"${p}" in header for p in params)
