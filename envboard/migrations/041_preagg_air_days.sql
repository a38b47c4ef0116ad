-- 041_preagg_air_days: the daily AQI of every city-day, stored, and the fingerprints of the inputs
-- each pre-aggregated table was built from. Both are refreshed by envboard.domain.preagg.refresh_preaggregates(con)
-- inside the write transaction that changed air_daily (demo, demo-national, air import, rollback).

-- The columns of the air_daily_aqi view that period statistics read, one row per air_daily row.
-- period_stats reads this table instead of computing every day's AQI again when it is current
-- (same row count as air_daily and built by the same AQI rules; see envboard/standards/period.py).
create table air_day_stats (
    city_code     varchar not null,
    measured_on   date not null,
    is_dust       boolean,
    pm25_ugm3     double,
    pm10_ugm3     double,
    so2_ugm3      double,
    no2_ugm3      double,
    co_mgm3       double,
    o3_8h_ugm3    double,
    aqi           integer,
    is_published  boolean
);

-- What each pre-aggregated table was built from, per calendar year of its input: a refresh
-- recomputes only the years whose row count or content hash changed.
create table preagg_inputs (
    target       varchar not null,      -- air_day_stats | air_composite_year
    year         integer not null,
    input_rows   bigint not null,
    fingerprint  hugeint not null,      -- sum of row hashes of the year's input rows
    primary key (target, year)
);
