"""Composite index from unrounded period statistics, as the agencies compute it.

城市环境空气质量排名技术规定 (环办监测〔2018〕19号, with HJ 663) ranks cities by I_sum = Σ C_i/S_i.
Published indices are consistent with C_i taken unrounded; concentrations are rounded
(GB/T 8170: integers, CO one decimal) only for display. Each test below builds daily data whose
period statistics round to the published concentrations, runs them through the same SQL and Python
as the pages (period_stats → add_composite), and checks the published index to the hundredth.
"""
from __future__ import annotations

import datetime as dt

import pytest
from test_standards_common import DATA_DIR, fresh_db

from envboard.standards.composite import add_composite, composite_index
from envboard.standards.period import month_period, period_stats

INSERT = ("insert into air_daily (city_code, measured_on, pm25_ugm3, pm10_ugm3, so2_ugm3, no2_ugm3, "
          "co_mgm3, o3_8h_ugm3, is_dust) values (?, ?, ?, ?, ?, ?, ?, ?, false)")


def _series(mean: float, days: int, spread: float) -> list[float]:
    """`days` daily values whose arithmetic mean is exactly `mean` (pairs mean ± spread, one at mean)."""
    pairs = [mean + spread * (-1) ** i for i in range((days - 1) // 2 * 2)]
    return pairs + [mean] * (days - len(pairs))


def _month(con, city: str, year: int, month: int, *, pm25, pm10, so2, no2, co_p95, o3_p90) -> None:
    """Daily rows for one month: means as given; CO and O3 constant so their percentiles are exact."""
    start, end = month_period(year, month)
    n = (end - start).days + 1
    columns = [_series(pm25, n, 6), _series(pm10, n, 9), _series(so2, n, 2), _series(no2, n, 5),
               [co_p95] * n, [o3_p90] * n]
    for i in range(n):
        con.execute(INSERT, [city, start + dt.timedelta(days=i), *(c[i] for c in columns)])


def _index(con, year: int, month: int):
    return add_composite(period_stats(con, *month_period(year, month))).set_index("city_code")


def test_zibo_2023_05_published_index_from_period_statistics():
    # Source: 淄博市 2023年5月 城市环境空气质量 (沂源县文昌湖区/淄博市生态环境局 publication,
    # http://www.sdwenchanghu.gov.cn/gongkai/site_wchqaqscjghhjbhj/channel_c_5f9f6ab8c69c9a8abe96818f_n_1605682744.4951/doc_64a22924527a1572e86adebd.html):
    # SO2 12, NO2 27, PM10 65, PM2.5 29 μg/m³, CO 0.8 mg/m³, O3 191 μg/m³; 综合指数 4.03.
    con = fresh_db()
    _month(con, "370300", 2023, 5, pm25=29.3, pm10=64.6, so2=12.4, no2=26.6, co_p95=0.84, o3_p90=190.7)
    row = _index(con, 2023, 5).loc["370300"]
    shown = composite_index({"SO2": row.so2_ugm3, "NO2": row.no2_ugm3, "PM10": row.pm10_ugm3,
                             "PM2.5": row.pm25_ugm3, "CO": row.co_p95_mgm3, "O3": row.o3_8h_p90_ugm3},
                            on="2023-05").concentrations_display
    assert {p: float(v) for p, v in shown.items()} == {"SO2": 12, "NO2": 27, "PM10": 65, "PM2.5": 29,
                                                       "CO": 0.8, "O3": 191}
    assert row.composite_index == 4.03
    assert row.composite_index_exact == pytest.approx(12.4 / 60 + 26.6 / 40 + 64.6 / 70 + 29.3 / 35
                                                      + 0.84 / 4 + 190.7 / 160)
    assert row.limits_standard == "GB 3095-2012 grade II" and row.composite_inputs == "unrounded"
    assert row.i_pm25 == pytest.approx(29.3 / 35) and row.i_o3 == pytest.approx(190.7 / 160)


def test_worked_example_2023_01_published_index_from_period_statistics():
    # Source: worked example of the composite index, 天气网 2023-01-26
    # (http://tianqi.022net.com/ld/2023/0126/236307.html): PM2.5 21, PM10 39, SO2 9, NO2 15 μg/m³,
    # O3 192 μg/m³, CO 0.7 mg/m³ → 综合指数 3.06.
    con = fresh_db()
    _month(con, "c", 2023, 1, pm25=21.3, pm10=38.7, so2=9.2, no2=14.8, co_p95=0.68, o3_p90=192.4)
    assert _index(con, 2023, 1).loc["c"].composite_index == 3.06


def test_unrounded_and_rounded_inputs_part_at_the_hundredth():
    # Period means that all sit just below .5 are rounded down for display: the index from the
    # unrounded statistics is 0.06 higher than the one from the displayed concentrations.
    con = fresh_db()
    _month(con, "c", 2024, 6, pm25=30.49, pm10=50.49, so2=8.49, no2=20.49, co_p95=0.849, o3_p90=150.49)
    stats = period_stats(con, *month_period(2024, 6))
    exact = add_composite(stats).iloc[0]
    legacy = add_composite(stats, inputs="rounded").iloc[0]
    assert exact.composite_index == 3.40        # 30.49/35 + 50.49/70 + 8.49/60 + 20.49/40 + 0.849/4 + 150.49/160
    assert legacy.composite_index == 3.34       # 30/35 + 50/70 + 8/60 + 20/40 + 0.8/4 + 150/160
    assert legacy.composite_inputs == "rounded"


def test_real_beijing_dongsi_2014_conventions_differ_in_most_months():
    # Real data: 东四 (Dongsi) station daily means 2014 (UCI Beijing multi-site air-quality data).
    # Computed from the monthly statistics, 6 of the 12 monthly indices differ at two decimals
    # between unrounded (published method) and rounded inputs; e.g. September 6.37 vs 6.39.
    con = fresh_db()
    con.execute(f"""insert into air_daily select '110000', date,
        case when n_pm25 >= 20 then pm25_ug_m3 end, case when n_pm10 >= 20 then pm10_ug_m3 end,
        case when n_so2 >= 20 then so2_ug_m3 end, case when n_no2 >= 20 then no2_ug_m3 end,
        case when n_co >= 20 then co_mg_m3 end, o3_8h_max_ug_m3, null, false
        from read_csv('{DATA_DIR / "dongsi_daily_2014.csv"}')""")
    differ = []
    for month in range(1, 13):
        stats = period_stats(con, *month_period(2014, month))
        exact, legacy = add_composite(stats).iloc[0], add_composite(stats, inputs="rounded").iloc[0]
        if exact.composite_index != legacy.composite_index:
            differ.append((month, exact.composite_index, legacy.composite_index))
    assert len(differ) == 6
    assert (9, 6.37, 6.39) in differ and (11, 7.59, 7.6) in differ


def test_unknown_inputs_choice_is_rejected():
    with pytest.raises(ValueError, match="unknown inputs"):
        composite_index({"SO2": 1, "NO2": 1, "PM10": 1, "PM2.5": 1, "CO": 1, "O3": 1}, inputs="display")


def test_preaggregated_composite_is_on_the_unrounded_basis(demo_con):
    from envboard.domain.preagg import composite_year

    stored = demo_con.execute("select city_code, composite_index, composite_index_exact, i_pm25, pm25_ugm3, "
                              "limits_standard, composite_inputs from air_composite_year where year = 2022 "
                              "order by city_code").df()
    assert len(stored) >= 11 and set(stored["composite_inputs"]) == {"unrounded"}
    assert set(stored["limits_standard"]) == {"GB 3095-2012 grade II"}
    assert (stored["i_pm25"] - stored["pm25_ugm3"] / 35).abs().max() < 1e-7      # exact to 1e-6 μg/m³
    assert ((stored["composite_index"] - stored["composite_index_exact"]).abs() <= 0.005 + 1e-9).all()
    live = composite_year(demo_con, 2022).set_index("city_code").sort_index()
    assert stored.set_index("city_code")["composite_index"].tolist() == live["composite_index"].tolist()


def test_rounding_drift_shows_the_hundredth_that_rounded_inputs_move(demo_con):
    # 赣州 2022-06 (demo): the displayed concentrations are SO2 5, NO2 19, PM10 20, PM2.5 13 μg/m³, CO 1.0 mg/m³,
    # O3 170 μg/m³. Recomputed from them the index is 2.53 (5/60 + 19/40 + 20/70 + 13/35 + 1.0/4 + 170/160 =
    # 2.528…), while the published method (unrounded period statistics) gives 2.52: 数据说明 lists such cities.
    from fractions import Fraction

    from envboard.standards.composite import rounding_drift

    drift = rounding_drift(period_stats(demo_con, *month_period(2022, 6), ["360700", "360100"])).set_index("city_code")
    gz = drift.loc["360700"]
    assert (gz.so2_ugm3, gz.no2_ugm3, gz.pm10_ugm3, gz.pm25_ugm3, gz.co_p95_mgm3, gz.o3_8h_p90_ugm3) == (5, 19, 20, 13, 1.0, 170)
    by_hand = Fraction(5, 60) + Fraction(19, 40) + Fraction(20, 70) + Fraction(13, 35) + Fraction(1, 4) + Fraction(170, 160)
    assert round(float(by_hand), 2) == gz.composite_index_from_display == 2.53
    assert (gz.composite_index, gz.difference) == (2.52, 0.01)
    assert drift.loc["360100"].difference == -0.03          # 南昌: 2.72 published, 2.69 from the displayed values
    stats = period_stats(demo_con, *month_period(2022, 6), ["360700"])
    assert add_composite(stats).iloc[0].composite_index == gz.composite_index     # the page's figure is the published one
