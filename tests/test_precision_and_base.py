"""Precision per scope (PM2.5 integer or one decimal, GB/T 8170 either way) and year-on-year against
a base period that is not valid (HJ 663)."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from envboard.domain.metrics import format_value, metrics_for, pm25
from envboard.domain.rank import parse_period
from envboard.domain.rank_values import leaderboard
from envboard.core.settings import pm25_decimals


def test_setting_per_scope(monkeypatch):
    monkeypatch.setenv("ENVBOARD_PM25_DECIMALS", "0,360000=1")
    assert (pm25_decimals("360000"), pm25_decimals("360700"), pm25_decimals("420000"), pm25_decimals("000000")) == (1, 1, 0, 0)
    monkeypatch.setenv("ENVBOARD_PM25_DECIMALS", "1")
    assert pm25_decimals("420000") == 1
    monkeypatch.setenv("ENVBOARD_PM25_DECIMALS", "0,360000=2")
    with pytest.raises(ValueError, match="pm25_decimals"):
        pm25_decimals("360000")


def test_one_decimal_rounds_half_even_and_ranks_on_it(demo_con, monkeypatch):
    stats = pd.DataFrame({"pm25_ugm3": [27.25, 27.35], "is_valid": [True, True]})
    assert pm25(stats.iloc[:1], None, pd.Timestamp("2022-11-30").date(), 1)["pm25_mean"] == 27.2    # half-even
    assert pm25(stats.iloc[1:], None, pd.Timestamp("2022-11-30").date(), 1)["pm25_mean"] == 27.4
    assert format_value(27.25, "ugm3_1") == "27.2 μg/m³" and format_value(27.25, "ugm3") == "27 μg/m³"
    integer = leaderboard(demo_con, "pm25_mean", "360000", parse_period("ytd:2022-11"))
    monkeypatch.setenv("ENVBOARD_PM25_DECIMALS", "0,360000=1")
    decimal = leaderboard(demo_con, "pm25_mean", "360000", parse_period("ytd:2022-11"))
    assert integer.metric.places == 0 and decimal.metric.places == 1
    # at integers 萍乡, 鹰潭 and 抚州 share 27 (并列); at one decimal the tie is broken
    assert integer.ranked["tie"].sum() >= 3 and decimal.ranked["tie"].sum() < integer.ranked["tie"].sum()
    assert metrics_for(demo_con, "南昌市", "2022-11")["pm25_decimals"] == 1


def test_metrics_withhold_yoy_against_an_invalid_base(demo_db_path, tmp_path):
    import duckdb

    path = tmp_path / "gap.duckdb"
    shutil.copy(demo_db_path, path)
    con = duckdb.connect(str(path))
    before = metrics_for(con, "赣州市", "2022-11")
    assert before["pm25_yoy_pct"] == -9.1 and before["pm25_base_invalid"] is False
    # 1—11月 2021 needs ceil(334 × 324 / 365) = 297 valid days; keep fewer for 赣州
    con.execute("delete from air_daily where city_code = '360700' and measured_on between '2021-03-01' and '2021-04-30'")
    after = metrics_for(con, "赣州市", "2022-11")
    assert after["pm25_base_invalid"] is True and after["pm25_yoy_pct"] is None
    assert after["pm25_mean"] == 20 and after["pm25_mean_last_year"] is not None
    con.close()
