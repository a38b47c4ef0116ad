-- 005_perf: pre-aggregated tables for the national scale, rebuilt by
-- envboard.bench.preagg.refresh_preaggregates(con) inside the write transaction that changed the data.
-- An empty table means "not refreshed": readers fall back to computing from air_daily.

-- Composite index per city and complete calendar year (period_stats + add_composite, HJ 663 rules).
create table air_composite_year (
    city_code       varchar not null,
    year            integer not null,
    period_start    date not null,
    period_end      date not null,
    pm25_ugm3       double,
    pm10_ugm3       double,
    so2_ugm3        double,
    no2_ugm3        double,
    co_p95_mgm3     double,
    o3_8h_p90_ugm3  double,
    valid_days      integer,
    good_days       integer,
    good_days_share double,
    is_valid        boolean,
    composite_index double,             -- 2 dp; NULL when a pollutant has no value
    is_attained     boolean,
    composite_rank  integer,            -- within the year, 1 = cleanest; ties share the lowest rank
    primary key (city_code, year)
);
