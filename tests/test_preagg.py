"""Pre-aggregated tables: the same figures as computing on request, refreshed by the writes that
change their inputs, and only for the years that changed."""
from __future__ import annotations

import datetime as dt
import shutil

import pandas as pd
import pytest

from envboard.core import db
from envboard.domain import preagg
from envboard.standards import period
from envboard.standards.water import water_city_stats

JIANGXI = ["360100", "360200", "360300", "360400", "360500", "360600", "360700", "360800", "360900", "361000", "361100"]
PERIODS = [(dt.date(2022, 1, 1), dt.date(2022, 11, 30)), (dt.date(2026, 2, 1), dt.date(2026, 3, 31)),
           (dt.date(2025, 1, 1), dt.date(2025, 12, 31)), (dt.date(2019, 7, 1), dt.date(2019, 7, 31))]


def _stats(con, source: str, start: dt.date, end: dt.date, cities) -> pd.DataFrame:
    return con.execute(period._period_sql(source), {"start": start, "end": end, "exclude_dust": True,
                                                    "city_codes": cities}).df()


def test_demo_database_reads_air_statistics_from_the_stored_daily_aqi(demo_con):
    assert period.air_days_source(demo_con) == "air_day_stats"


@pytest.mark.parametrize("start, end", PERIODS)
@pytest.mark.parametrize("cities", [JIANGXI, None])
def test_stored_daily_aqi_gives_the_period_statistics_of_the_aqi_view(demo_con, start, end, cities):
    stored = _stats(demo_con, "air_day_stats", start, end, cities)
    computed = _stats(demo_con, "air_daily_aqi", start, end, cities)
    assert len(stored) == len(computed) > 0
    pd.testing.assert_frame_equal(stored, computed, rtol=1e-12)


def test_ganzhou_pm25_jan_nov_2022_is_the_published_20(demo_con):
    stats = period.period_stats(demo_con, dt.date(2022, 1, 1), dt.date(2022, 11, 30), ["360700"])
    assert round(float(stats["pm25_ugm3"].iloc[0])) == 20


@pytest.fixture()
def own_copy(demo_db_path, tmp_path):
    path = tmp_path / "copy.duckdb"
    shutil.copyfile(demo_db_path, path)
    return path


def test_a_changed_day_is_restored_only_for_its_year(own_copy):
    with db.write_transaction(own_copy) as con:
        before = dict(con.execute("select year, fingerprint from preagg_inputs where target = 'air_day_stats'").fetchall())
        con.execute("update air_daily set pm25_ugm3 = 400 where city_code = '360700' and measured_on = '2021-05-04'")
        preagg.refresh_preaggregates(con)
        after = dict(con.execute("select year, fingerprint from preagg_inputs where target = 'air_day_stats'").fetchall())
        aqi = con.execute("select aqi from air_day_stats where city_code = '360700' and measured_on = '2021-05-04'").fetchall()
        rows = con.execute("select (select count(*) from air_daily), (select count(*) from air_day_stats)").fetchall()[0]
    assert [y for y in before if before[y] != after[y]] == [2021]
    assert aqi[0][0] > 300          # PM2.5 400 μg/m³ → 严重污染
    assert rows[0] == rows[1]


def test_stale_stored_table_is_not_used(own_copy):
    with db.write_transaction(own_copy) as con:
        con.execute("delete from air_daily where measured_on = '2021-05-04'")   # a write that skipped the refresh
    con = db.open_reader(own_copy)
    try:
        assert period.air_days_source(con) == "air_daily_aqi"
    finally:
        con.close()


def test_rollback_of_an_air_import_refreshes_the_stored_aqi(own_copy):
    with db.write_transaction(own_copy) as con:
        con.execute("delete from air_daily where year(measured_on) = 2016")
        counts = preagg.refresh_preaggregates(con)
        left = con.execute("select count(*) from air_day_stats where year(measured_on) = 2016").fetchall()[0][0]
        total = con.execute("select count(*) from air_daily").fetchall()[0][0]
    assert left == 0 and counts["air_day_stats"] == total


@pytest.mark.parametrize("start, end", PERIODS[:2])
def test_water_statistics_of_a_scope_read_first_equal_the_national_ones(demo_con, start, end):
    scoped = water_city_stats(demo_con, start, end, JIANGXI).set_index("city_code").sort_index()
    everyone = water_city_stats(demo_con, start, end).set_index("city_code").sort_index()
    assert len(scoped) == 11
    pd.testing.assert_frame_equal(scoped, everyone.loc[scoped.index], rtol=1e-12)
