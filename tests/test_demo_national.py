"""demo-national: the tiny scale is deterministic, consistent and marked as demo data."""
from __future__ import annotations

import json

import pytest

from envboard.cli.main import main
from envboard.core.db import get_meta, open_reader
from envboard.core.queries import QUERY_DIR, run


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("national") / "tiny.duckdb"
    assert main(["demo-national", "--scale", "tiny", "--seed", "5", "--db", str(path)]) == 0
    return path


def _counts(con) -> dict:
    tables = ["inspections", "tasks", "task_status_history", "petitions", "air_daily", "water_sections", "water_monthly"]
    return {t: con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables}


def test_tiny_scale_has_two_provinces_ten_cities_and_one_complete_year(tiny_db):
    con = open_reader(tiny_db)
    cities = con.execute("select count(distinct city_code), count(distinct left(city_code, 2)) from air_daily").fetchall()[0]
    years = con.execute("select min(measured_on), max(measured_on) from air_daily").fetchall()[0]
    assert cities == (10, 2)
    assert (years[0].isoformat(), years[1].isoformat()) == ("2025-01-01", "2026-10-31")
    assert con.execute("select count(*) from inspections").fetchall()[0][0] == 2 * 5


def test_meta_marks_demo_and_scale(tiny_db):
    con = open_reader(tiny_db)
    assert (get_meta(con, "is_demo"), get_meta(con, "scale"), get_meta(con, "demo_seed")) == ("1", "tiny", "5")


def test_same_seed_gives_the_same_rows(tiny_db, tmp_path):
    again = tmp_path / "again.duckdb"
    assert main(["demo-national", "--scale", "tiny", "--seed", "5", "--db", str(again)]) == 0
    a, b = open_reader(tiny_db), open_reader(again)
    assert _counts(a) == _counts(b)
    sql = "select sum(hash(petition_id, closed_on, region_code)) from petitions"
    assert a.execute(sql).fetchall() == b.execute(sql).fetchall()


def test_histories_are_ordered_and_reference_existing_tasks(tiny_db):
    con = open_reader(tiny_db)
    orphans = con.execute("select count(*) from task_status_history h anti join tasks t using (task_id)").fetchall()[0][0]
    closed_before_done = con.execute("""
        select count(*) from (select task_id, min(changed_on) filter (where status = 'done') as d,
                                     min(changed_on) filter (where status = 'closed') as c
                              from task_status_history group by task_id) where c <= d""").fetchall()[0][0]
    assert (orphans, closed_before_done) == (0, 0)


def test_every_region_code_is_a_known_region(tiny_db):
    con = open_reader(tiny_db)
    unknown = con.execute("""select count(*) from (select region_code from tasks union all select region_code from petitions
                             union all select region_code from water_sections) anti join regions on code = region_code""")
    assert unknown.fetchall()[0][0] == 0


def test_command_prints_counts_and_file_size(tmp_path, capsys):
    path = tmp_path / "printed.duckdb"
    assert main(["demo-national", "--scale", "tiny", "--db", str(path)]) == 0
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["scale"] == "tiny" and report["file_bytes"] == path.stat().st_size
    assert report["rows"]["petitions"] > 0 and report["rows"]["water_monthly"] > 0


def test_preaggregated_composite_matches_computing_it_on_request(tiny_db):
    from envboard.domain.preagg import composite_year, leaderboard

    con = open_reader(tiny_db)
    stored = leaderboard(con, 2025, 2025).set_index("city_code").sort_index()
    live = composite_year(con, 2025).set_index("city_code").sort_index()
    assert len(stored) == 10
    assert stored["composite_index"].tolist() == live["composite_index"].tolist()
    assert stored["composite_rank"].tolist() == live["composite_rank"].tolist()


@pytest.mark.parametrize("name", sorted(p.stem for p in (QUERY_DIR / "checks").glob("*.sql")))
def test_invariant_checks_find_nothing_in_the_national_build(tiny_db, name):
    con = open_reader(tiny_db)
    try:
        assert run(con, f"checks/{name}").empty
    finally:
        con.close()
