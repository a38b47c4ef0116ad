"""SQL daily AQI (temp objects from install(con)) agrees with the Python engine."""
from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_standards_common import MIGRATION, examples, fresh_db, numbers

from envboard.standards.aqi import daily_aqi
from envboard.standards.install import install, is_installed

COLUMNS = {"so2_24h": "so2_ugm3", "no2_24h": "no2_ugm3", "co_24h": "co_mgm3",
           "o3_8h": "o3_8h_ugm3", "o3_1h": "o3_1h_ugm3", "pm10_24h": "pm10_ugm3",
           "pm25_24h": "pm25_ugm3"}
IAQI_COLUMNS = {"so2_24h": "iaqi_so2", "no2_24h": "iaqi_no2", "co_24h": "iaqi_co",
                "o3_1h": "iaqi_o3_1h", "o3_8h": "iaqi_o3_8h", "pm10_24h": "iaqi_pm10",
                "pm25_24h": "iaqi_pm25"}
INSERT = ("insert into air_daily (city_code, measured_on, so2_ugm3, no2_ugm3, co_mgm3, o3_8h_ugm3, "
          "o3_1h_ugm3, pm10_ugm3, pm25_ugm3, is_dust) values (?, ?, ?, ?, ?, ?, ?, ?, ?, false)")
ORDER = ("so2_24h", "no2_24h", "co_24h", "o3_8h", "o3_1h", "pm10_24h", "pm25_24h")


def _insert(con, city, on, conc):
    con.execute(INSERT, [city, on, *(conc.get(k) for k in ORDER)])


@pytest.fixture(scope="module")
def con():
    connection = install(fresh_db())
    yield connection
    connection.close()


def test_worked_examples_c01_c02_in_sql(con):
    con.execute("delete from air_daily")
    _insert(con, "110000", dt.date(2026, 2, 28), numbers(examples()["C01"]["inputs"]))
    _insert(con, "110000", dt.date(2026, 3, 1), numbers(examples()["C01"]["inputs"]))
    rows = con.execute("select rules, aqi, primary_pollutants, iaqi_pm25, iaqi_pm10, category "
                       "from air_daily_aqi order by measured_on").fetchall()
    assert rows == [("2012", 100, "SO2", 82, 75, "良"), ("2026", 100, "SO2,PM2.5", 100, 86, "良")]


def test_rules_override_table_macro(con):
    con.execute("delete from air_daily")
    _insert(con, "110000", dt.date(2025, 1, 1), numbers(examples()["C01"]["inputs"]))
    row = con.execute("select rules, iaqi_pm25 from air_daily_aqi_rules('2026')").fetchone()
    assert row == ("2026", 100)


def test_install_works_on_a_read_only_attached_database(tmp_path):
    path = tmp_path / "ro.duckdb"
    writer = duckdb.connect(str(path))
    writer.execute(MIGRATION.read_text(encoding="utf-8"))
    _insert(writer, "110000", dt.date(2025, 1, 15), {"pm25_24h": 115, "pm10_24h": 50})
    writer.close()
    reader = duckdb.connect()
    reader.execute(f"attach '{path}' as envboard (read_only); use envboard")
    install(reader)
    assert is_installed(reader)
    assert reader.execute("select aqi, is_published, missing_pollutants from air_daily_aqi"
                          ).fetchone() == (150, True, ["SO2", "NO2", "CO", "O3"])
    with pytest.raises(duckdb.Error):
        reader.execute("create table envboard.main.x (a int)")
    reader.close()


def test_sql_handles_a_million_rows_without_python_loops(con):
    con.execute("delete from air_daily")
    con.execute("""insert into air_daily select 'c' || (i % 500), date '2013-01-01' + cast(i // 500 as integer),
                   (i % 997) / 3.0, (i % 613) / 2.0, (i % 89) / 7.0, (i % 71), (i % 211) / 10.0,
                   (i % 911), (i % 1301), (i % 10) = 0 from range(1000000) t(i)""")
    total, good = con.execute("select count(aqi), count(*) filter (where aqi <= 100) "
                              "from air_daily_aqi").fetchone()
    assert total == 1_000_000 and 0 < good < total


def _concentration(high):
    whole = st.integers(0, high).map(float)
    decimal = st.integers(0, high * 1000).map(lambda n: n / 1000)
    return st.one_of(st.none(), whole, decimal, st.floats(0, high, allow_nan=False))


ROW = st.fixed_dictionaries({
    "so2_24h": _concentration(3000), "no2_24h": _concentration(1000), "co_24h": _concentration(70),
    "o3_8h": _concentration(1000), "o3_1h": _concentration(1400),
    "pm10_24h": _concentration(700), "pm25_24h": _concentration(600),
})
DAY = st.one_of(st.dates(dt.date(2026, 2, 20), dt.date(2026, 3, 10)),
                st.dates(dt.date(2013, 1, 1), dt.date(2035, 12, 31)))


def _expected(conc, on, rules):
    given_values = {k: v for k, v in conc.items() if v is not None}
    if rules is None and on < dt.date(2026, 3, 1) or rules == "2012":
        usable = given_values
    else:
        usable = {k: v for k, v in given_values.items() if k != "o3_1h"}
    if not usable or set(usable) == {"o3_8h"} and usable["o3_8h"] * 1e6 > 800e6 and (
            rules == "2012" or rules is None and on < dt.date(2026, 3, 1)):
        return None
    return daily_aqi(given_values, on=on, rules=rules)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(ROW, DAY), min_size=1, max_size=6, unique_by=lambda r: r[1]),
       rules=st.sampled_from([None, None, "2012", "2026"]))
def test_python_and_sql_daily_aqi_agree(con, rows, rules):
    con.execute("delete from air_daily")
    for conc, on in rows:
        _insert(con, "110000", on, conc)
    got = {r[0]: r[1:] for r in con.execute(
        "select measured_on, aqi, primary_pollutants, level_num, category, missing_pollutants, "
        "is_published, is_beyond_table, iaqi_so2, iaqi_no2, iaqi_co, iaqi_o3_1h, iaqi_o3_8h, "
        "iaqi_pm10, iaqi_pm25 from air_daily_aqi_rules($r)", {"r": rules}).fetchall()}
    for conc, on in rows:
        expected = _expected(conc, on, rules)
        if expected is None:
            assert got[on][0] is None
            continue
        iaqis = tuple(expected.iaqi.get(k) for k in IAQI_COLUMNS)
        assert got[on] == (expected.aqi, ",".join(expected.primary) or None, expected.level_num,
                           expected.category, list(expected.missing), expected.is_published,
                           expected.beyond_table, *iaqis), (conc, on, rules)


def test_sql_treats_negative_and_non_finite_values_as_missing(con):
    con.execute("delete from air_daily")
    con.execute("insert into air_daily values ('1', '2025-01-01', -1, 'nan', 'inf', 40, 1, 5, 6, false)")
    row = con.execute("select aqi, missing_pollutants, is_published from air_daily_aqi").fetchone()
    assert row == (50, ["SO2", "PM10", "PM2.5"], False)    # NO2 40 → IAQI 50


def test_importing_the_standards_package_does_no_work():
    import subprocess
    import sys
    code = ("import sys, envboard.standards.aqi, envboard.standards.period, envboard.standards.water, "
            "envboard.standards.composite, envboard.standards.cli, envboard.standards.install\n"
            "from envboard.standards import reference\n"
            "assert reference.breakpoints.cache_info().currsize == 0\n"
            "assert reference.water_limits.cache_info().currsize == 0\n"
            "assert 'streamlit' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=MIGRATION.parents[2])
