"""Period statistics: HJ 663 percentile, validity, dust handling and Dongsi 2014 real data."""
from __future__ import annotations

import datetime as dt
import math

import pytest
from test_standards_common import DATA_DIR, examples, fresh_db, pairs

from envboard.standards.period import (
    month_period, period_end, period_stats, year_period, year_to_date_period,
)

INSERT = ("insert into air_daily (city_code, measured_on, pm25_ugm3, pm10_ugm3, so2_ugm3, no2_ugm3, "
          "co_mgm3, o3_8h_ugm3, is_dust) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _days(con, city, start, values, dust=()):
    """Insert one row per value tuple (pm25, pm10, so2, no2, co, o3_8h) on consecutive days."""
    for offset, row in enumerate(values):
        con.execute(INSERT, [city, start + dt.timedelta(days=offset), *row, offset in dust])


@pytest.fixture()
def dongsi():
    """Dongsi (东四) 2014 daily means; a daily mean needs ≥ 20 hourly values (GB 3095 Table 4)."""
    con = fresh_db()
    con.execute(f"""insert into air_daily select '110000', date,
        case when n_pm25 >= 20 then pm25_ug_m3 end, case when n_pm10 >= 20 then pm10_ug_m3 end,
        case when n_so2 >= 20 then so2_ug_m3 end, case when n_no2 >= 20 then no2_ug_m3 end,
        case when n_co >= 20 then co_mg_m3 end, o3_8h_max_ug_m3, null, false
        from read_csv('{DATA_DIR / "dongsi_daily_2014.csv"}')""")
    return con


def test_hj663_percentile_example_p18():
    row = examples()["P18"]
    series = [float(x) for x in pairs(row["inputs"])["series"].split(",")]
    con = fresh_db()
    _days(con, "c", dt.date(2024, 6, 1), [(10, 20, 5, 20, v / 10, v) for v in series])
    stats = period_stats(con, "2024-06-01", "2024-06-30").iloc[0]
    assert stats.o3_8h_p90_ugm3 == pytest.approx(float(pairs(row["expected"])["value"]))   # 6.5
    k = 1 + (len(series) - 1) * 0.95                                  # CO: 95th percentile
    ordered = sorted(series)
    s = int(k)
    expected_co = (ordered[s - 1] + (ordered[s] - ordered[s - 1]) * (k - s)) / 10
    assert stats.co_p95_mgm3 == pytest.approx(expected_co)


def test_dongsi_2014_pm25_annual_mean_and_good_day_share(dongsi):
    stats = period_stats(dongsi, *year_period(2014)).iloc[0]
    # checked by hand (awk over tests/data/standards/dongsi_daily_2014.csv): 360 valid PM2.5 days,
    # sum 31020.6 → 86.17 μg/m³; 344 days with a published AQI, 154 of them AQI ≤ 100 → 44.8 %.
    assert stats.pm25_days == 360
    assert stats.pm25_ugm3 == pytest.approx(31020.6 / 360)
    assert (stats.valid_days, stats.good_days, stats.exceed_days) == (344, 154, 190)
    assert round(stats.good_days_share * 100, 1) == 44.8
    # NO2 has only 318 valid days (< 324): the year is not a valid annual statistic
    assert (stats.no2_days, stats.required_days, bool(stats.is_valid)) == (318, 324, False)


def test_validity_requirements_by_period():
    con = fresh_db()
    _days(con, "c", dt.date(2023, 1, 1), [(30, 50, 8, 20, 0.5, 90)] * 365)
    feb = period_stats(con, *month_period(2023, 2)).iloc[0]
    jan = period_stats(con, *month_period(2023, 1)).iloc[0]
    ytd = period_stats(con, *year_to_date_period(2023, 3)).iloc[0]
    year = period_stats(con, "2023-01-01", "2023").iloc[0]
    assert (feb.required_days, jan.required_days, year.required_days) == (25, 27, 324)
    assert ytd.required_days == math.ceil(90 * 324 / 365)
    assert all(bool(s.is_valid) for s in (feb, jan, ytd, year))


def test_a_month_with_26_days_is_invalid_and_february_with_25_valid():
    con = fresh_db()
    _days(con, "c", dt.date(2023, 1, 1), [(30, 50, 8, 20, 0.5, 90)] * 26)
    _days(con, "c", dt.date(2023, 2, 1), [(30, 50, 8, 20, 0.5, 90)] * 25)
    assert not period_stats(con, "2023-01", "2023-01").iloc[0].is_valid
    assert period_stats(con, "2023-02", "2023-02").iloc[0].is_valid


def test_good_day_share_c17_keeps_dust_days_but_pm_means_drop_them():
    row = pairs(examples()["C17"]["inputs"])
    valid, good = int(row["valid_days"]), int(row["days_aqi_le_100"])
    con = fresh_db()
    clean = [(30, 50, 8, 20, 0.5, 90)] * good
    dusty = [(200, 600, 8, 20, 0.5, 90)] * (valid - good)               # AQI > 100
    _days(con, "c", dt.date(2024, 4, 1), clean + dusty, dust={good, good + 1})
    with_dust = period_stats(con, "2024-04", "2024-04", exclude_dust=False).iloc[0]
    no_dust = period_stats(con, "2024-04", "2024-04").iloc[0]
    expected_share = float(pairs(examples()["C17"]["expected"])["share_pct"])
    assert round(no_dust.good_days_share * 100, 1) == expected_share     # 93.3
    assert (no_dust.valid_days, no_dust.dust_days) == (valid, 2)
    assert no_dust.pm25_ugm3 == pytest.approx(30)
    assert with_dust.pm25_ugm3 == pytest.approx((30 * 28 + 200 * 2) / 30)


def test_city_filter_is_bound_not_spliced():
    con = fresh_db()
    _days(con, "a", dt.date(2024, 1, 1), [(30, 50, 8, 20, 0.5, 90)])
    _days(con, "b", dt.date(2024, 1, 1), [(40, 50, 8, 20, 0.5, 90)])
    assert list(period_stats(con, "2024-01", "2024-01", city_codes=["b"]).city_code) == ["b"]
    assert period_stats(con, "2024-01", "2024-01", city_codes=["a' or 1=1 --"]).empty
    assert list(period_stats(con, "2024-01", "2024-01").city_code) == ["a", "b"]


def test_period_helpers_and_bad_periods():
    assert year_to_date_period(2024, 2) == (dt.date(2024, 1, 1), dt.date(2024, 2, 29))
    assert period_end("2024-02") == dt.date(2024, 2, 29)
    with pytest.raises(ValueError, match="before it starts"):
        period_stats(fresh_db(), "2024-02-01", "2024-01-01")
    with pytest.raises(ValueError, match="not a date"):
        period_stats(fresh_db(), "2024-13-01", "2024-12-31")
