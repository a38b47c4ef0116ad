"""The same results computed the way a notebook would: read whole tables into pandas, then group by."""
from __future__ import annotations

import datetime as dt

import duckdb
import numpy as np
import pandas as pd

from envboard.domain.preagg import composite_year
from envboard.standards.composite import add_composite


def leaderboard_live(con: duckdb.DuckDBPyConnection, years: list[int]) -> pd.DataFrame:
    """Composite index and rank per city and year computed on request: period_stats then add_composite."""
    return pd.concat([composite_year(con, y) for y in years], ignore_index=True)


def leaderboard_pandas(con: duckdb.DuckDBPyConnection, years: list[int]) -> pd.DataFrame:
    """The same leaderboard from the raw daily table in pandas (means, CO p95, O3 p90, dust left out of PM)."""
    air = con.execute("select * from air_daily").df()
    air["year"] = pd.to_datetime(air["measured_on"]).dt.year
    air = air[air["year"].isin(years)]
    pm = air.loc[~air["is_dust"]].groupby(["city_code", "year"])[["pm25_ugm3", "pm10_ugm3"]].mean()
    g = air.groupby(["city_code", "year"])
    stats = pd.concat([pm, g[["so2_ugm3", "no2_ugm3"]].mean(),
                       g["co_mgm3"].quantile(0.95).rename("co_p95_mgm3"),
                       g["o3_8h_ugm3"].quantile(0.90).rename("o3_8h_p90_ugm3")], axis=1).reset_index()
    stats["period_end"] = pd.to_datetime(stats["year"].astype(str) + "-12-31")
    stats = stats.sort_values(["year", "city_code"])
    return pd.concat([add_composite(part) for _, part in stats.groupby("year")], ignore_index=True)


def closure_pandas(con: duckdb.DuckDBPyConnection, scope: str, as_of: dt.date) -> pd.DataFrame:
    """closure_rate_by_city in pandas: last status per task as of a day, then rate and rank per city."""
    tasks = con.execute("select * from tasks").df()
    hist = con.execute("select * from task_status_history").df()
    regions = con.execute("select code, name, city_code, province_code, parent_code from regions").df()
    hist = hist[pd.to_datetime(hist["changed_on"]) <= pd.Timestamp(as_of)]
    last = hist.sort_values("changed_on").groupby("task_id").tail(1)[["task_id", "status"]]
    scope_codes = set(regions.loc[(regions["code"] == scope) | (regions["parent_code"] == scope)
                                  | (regions["city_code"] == scope) | (regions["province_code"] == scope), "code"])
    t = tasks[(pd.to_datetime(tasks["assigned_on"]) <= pd.Timestamp(as_of)) & tasks["is_under_closure_mgmt"]
              & tasks["region_code"].isin(scope_codes)].merge(last, on="task_id", how="left")
    out = t.assign(is_closed=t["status"].eq("closed")).groupby("city_code").agg(
        tasks_closed=("is_closed", "sum"), tasks_under_closure=("task_id", "count")).reset_index()
    out["closure_rate"] = out["tasks_closed"] / out["tasks_under_closure"]
    out["closure_rate_pct"] = np.round(100 * out["closure_rate"], 1)
    out["rank"] = out["closure_rate_pct"].rank(method="min", ascending=False).astype(int)
    return out.sort_values(["rank", "city_code"]).reset_index(drop=True)


def leaderboard_polars(con: duckdb.DuckDBPyConnection, years: list[int]) -> pd.DataFrame:
    """The pandas leaderboard's statistics in polars (read through Arrow), then add_composite."""
    import polars as pl  # deferred: optional (polars, benchmark baselines only)

    air = con.execute("select * from air_daily").pl().with_columns(pl.col("measured_on").dt.year().alias("year"))
    air = air.filter(pl.col("year").is_in(years))
    not_dust = ~pl.col("is_dust")
    stats = air.group_by(["city_code", "year"]).agg(
        pl.col("pm25_ugm3").filter(not_dust).mean(), pl.col("pm10_ugm3").filter(not_dust).mean(),
        pl.col("so2_ugm3").mean(), pl.col("no2_ugm3").mean(),
        pl.col("co_mgm3").quantile(0.95, interpolation="linear").alias("co_p95_mgm3"),
        pl.col("o3_8h_ugm3").quantile(0.90, interpolation="linear").alias("o3_8h_p90_ugm3"),
    ).sort(["year", "city_code"]).to_pandas()
    stats["period_end"] = pd.to_datetime(stats["year"].astype(str) + "-12-31")
    return pd.concat([add_composite(part) for _, part in stats.groupby("year")], ignore_index=True)


def closure_polars(con: duckdb.DuckDBPyConnection, scope: str, as_of: dt.date) -> pd.DataFrame:
    """closure_rate_by_city in polars: last status per task as of a day, then rate and rank per city."""
    import polars as pl  # deferred: optional (polars, benchmark baselines only)

    tasks = con.execute("select * from tasks").pl()
    hist = con.execute("select * from task_status_history").pl()
    regions = con.execute("select code, city_code, province_code, parent_code from regions").pl()
    last = (hist.filter(pl.col("changed_on") <= as_of).sort("changed_on")
            .group_by("task_id").agg(pl.col("status").last()))
    scope_codes = regions.filter((pl.col("code") == scope) | (pl.col("parent_code") == scope)
                                 | (pl.col("city_code") == scope) | (pl.col("province_code") == scope))["code"]
    t = (tasks.filter((pl.col("assigned_on") <= as_of) & pl.col("is_under_closure_mgmt")
                      & pl.col("region_code").is_in(scope_codes.implode()))
         .join(last, on="task_id", how="left"))
    out = (t.group_by("city_code").agg((pl.col("status") == "closed").fill_null(False).sum().alias("tasks_closed"),
                                       pl.col("task_id").count().alias("tasks_under_closure"))
           .with_columns((pl.col("tasks_closed") / pl.col("tasks_under_closure")).alias("closure_rate")))
    out = out.to_pandas()
    out["closure_rate_pct"] = np.round(100 * out["closure_rate"], 1)
    out["rank"] = out["closure_rate_pct"].rank(method="min", ascending=False).astype(int)
    return out.sort_values(["rank", "city_code"]).reset_index(drop=True)
