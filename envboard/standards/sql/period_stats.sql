-- period_stats
-- Air-quality statistics per city for one period [$start, $end] (both inclusive) from the temp view
-- air_daily_aqi (envboard.standards.install.install(con) must have run on the connection).
-- Means of daily values; CO = 95th and O3 = 90th percentile (HJ 663 formula = quantile_cont) of
-- daily means / daily max 8h means. With $exclude_dust, sand-dust days are left out of the PM10
-- and PM2.5 means only (CNEMC 2021-07 note); the day counts and good-day share keep them.
-- valid_days = days with a published AQI (complete, or > 100 with a pollutant missing: §5.3).
-- required_days: one calendar month → 27 (February 25); one calendar year → 324; any other
-- period → ceil(days × 324 / 365) (prorated annual rule). is_valid: each of the six pollutants
-- has at least required_days daily values.
-- params:  $start DATE, $end DATE, $city_codes VARCHAR[] (NULL = all), $exclude_dust BOOLEAN
-- period.period_stats(rules='2012' | '2026') reads air_daily_aqi_rules(rules) instead: every day's AQI
-- under one HJ 633 rule set, e.g. a base period on the current basis (同口径).
-- returns: city_code, period_start, period_end, days_in_period, required_days,
--          pm25_ugm3, pm10_ugm3, so2_ugm3, no2_ugm3 (means), co_p95_mgm3, o3_8h_p90_ugm3,
--          pm25_days … o3_8h_days (daily values present), valid_days, good_days, exceed_days
--          (AQI > 100), heavy_days (AQI > 200), dust_days, good_days_share (0–1), is_valid
-- checked: HJ 663 example {3,4,8,2,5,4}, p = 90 → 6.5 (tests/test_standards_period.py).
with period as (
    select cast($start as date) as period_start, cast($end as date) as period_end
), required as (
    select period_start, period_end,
           date_diff('day', period_start, period_end) + 1 as days_in_period,
           case
               when date_trunc('month', period_start) = period_start
                    and last_day(period_start) = period_end
                   then case when month(period_start) = 2 then 25 else 27 end
               when month(period_start) = 1 and day(period_start) = 1
                    and period_end = make_date(year(period_start), 12, 31)
                   then 324
               else cast(ceil((date_diff('day', period_start, period_end) + 1) * 324 / 365.0) as integer)
           end as required_days
    from period
), days as (
    select a.*, a.is_dust and cast($exclude_dust as boolean) as is_dropped_for_pm
    from air_daily_aqi as a, period as p
    where a.measured_on between p.period_start and p.period_end
      and (cast($city_codes as varchar[]) is null
           or list_contains(cast($city_codes as varchar[]), a.city_code))
), stats as (
    select city_code,
           avg(pm25_ugm3) filter (where not is_dropped_for_pm) as pm25_ugm3,
           avg(pm10_ugm3) filter (where not is_dropped_for_pm) as pm10_ugm3,
           avg(so2_ugm3) as so2_ugm3,
           avg(no2_ugm3) as no2_ugm3,
           quantile_cont(co_mgm3, 0.95) as co_p95_mgm3,
           quantile_cont(o3_8h_ugm3, 0.90) as o3_8h_p90_ugm3,
           count(pm25_ugm3) as pm25_days, count(pm10_ugm3) as pm10_days,
           count(so2_ugm3) as so2_days, count(no2_ugm3) as no2_days,
           count(co_mgm3) as co_days, count(o3_8h_ugm3) as o3_8h_days,
           count(*) filter (where is_published) as valid_days,
           count(*) filter (where is_published and aqi <= 100) as good_days,
           count(*) filter (where is_published and aqi > 100) as exceed_days,
           count(*) filter (where is_published and aqi > 200) as heavy_days,
           count(*) filter (where is_dust) as dust_days
    from days
    group by city_code
)
select s.city_code, r.period_start, r.period_end, r.days_in_period, r.required_days,
       s.pm25_ugm3, s.pm10_ugm3, s.so2_ugm3, s.no2_ugm3, s.co_p95_mgm3, s.o3_8h_p90_ugm3,
       s.pm25_days, s.pm10_days, s.so2_days, s.no2_days, s.co_days, s.o3_8h_days,
       s.valid_days, s.good_days, s.exceed_days, s.heavy_days, s.dust_days,
       s.good_days / nullif(s.valid_days, 0) as good_days_share,
       least(s.pm25_days, s.pm10_days, s.so2_days, s.no2_days, s.co_days, s.o3_8h_days)
           >= r.required_days as is_valid
from stats as s, required as r
order by s.city_code;
