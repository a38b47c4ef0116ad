-- air_daily_aqi
-- Daily AQI (HJ 633-2012 before 2026-03-01, HJ 633-2026 from 2026-03-01) for every row of air_daily.
-- Installed as TEMP objects by envboard.standards.install.install(con); needs the generated macros
-- aqi_iaqi_<column>(rules, n) and aqi_beyond_<column>(rules, n) (one per breakpoint column, e.g.
-- aqi_iaqi_pm25_24h; n = concentration in millionths) and the temp table aqi_levels.
-- Exact: concentrations become integers of 1e-6 unit (round-half-even of x × 1e6, as Python's
-- round(x * 1e6)); IAQI = iaqi_lo + ceil((iaqi_hi − iaqi_lo)(n − lo) / (hi − lo)) in integers.
-- returns: city_code, measured_on, is_dust, rules, pm25_ugm3 … o3_1h_ugm3 (as stored),
--          iaqi_so2, iaqi_no2, iaqi_co, iaqi_o3_1h, iaqi_o3_8h, iaqi_pm10, iaqi_pm25,
--          aqi, primary_pollutants ('SO2,PM2.5'; NULL when AQI ≤ 50), level_num, level, category,
--          category_en, color, missing_pollutants (VARCHAR[]), is_complete, is_published
--          (§5.3: complete, or AQI > 100), is_beyond_table.
-- air_daily_aqi_rules(NULL) = the view; air_daily_aqi_rules('2012' | '2026') forces a rule set.

-- negative or non-finite values are treated as missing (validation belongs to the import)
create or replace temp macro aqi_e6(x) as
    case when isfinite(cast(x as double)) and cast(x as double) >= 0
         then cast(round_even(cast(x as double) * 1000000.0, 0) as bigint) end;

create or replace temp macro aqi_round_e6(n, u) as
    (n // u + case when 2 * (n % u) > u or (2 * (n % u) = u and (n // u) % 2 = 1) then 1 else 0 end) * u;

create or replace temp macro aqi_rules_on(d) as
    case when d >= date '2026-03-01' then '2026' else '2012' end;

create or replace temp macro air_daily_aqi_rules(rules_override) as table
with scaled as (
    select city_code, measured_on, is_dust,
           pm25_ugm3, pm10_ugm3, so2_ugm3, no2_ugm3, co_mgm3, o3_8h_ugm3, o3_1h_ugm3,
           coalesce(cast(rules_override as varchar), aqi_rules_on(measured_on)) as rules,
           aqi_e6(so2_ugm3) as so2_n, aqi_e6(no2_ugm3) as no2_n, aqi_e6(co_mgm3) as co_n,
           aqi_e6(o3_8h_ugm3) as o3_8h_n, aqi_e6(o3_1h_ugm3) as o3_1h_n,
           aqi_e6(pm10_ugm3) as pm10_n, aqi_e6(pm25_ugm3) as pm25_n
    from air_daily
), rounded as (
    -- HJ 633-2026 §4.2.2: integers in μg/m³, CO 1 decimal (GB/T 8170) before indexing
    select * replace (
        case when rules = '2026' then aqi_round_e6(so2_n, 1000000) else so2_n end as so2_n,
        case when rules = '2026' then aqi_round_e6(no2_n, 1000000) else no2_n end as no2_n,
        case when rules = '2026' then aqi_round_e6(co_n, 100000) else co_n end as co_n,
        case when rules = '2026' then aqi_round_e6(o3_8h_n, 1000000) else o3_8h_n end as o3_8h_n,
        case when rules = '2026' then null else o3_1h_n end as o3_1h_n,
        case when rules = '2026' then aqi_round_e6(pm10_n, 1000000) else pm10_n end as pm10_n,
        case when rules = '2026' then aqi_round_e6(pm25_n, 1000000) else pm25_n end as pm25_n)
    from scaled
), indexed as (
    select *,
           aqi_iaqi_so2_24h(rules, so2_n) as iaqi_so2,
           aqi_iaqi_no2_24h(rules, no2_n) as iaqi_no2,
           aqi_iaqi_co_24h(rules, co_n) as iaqi_co,
           aqi_iaqi_o3_1h(rules, o3_1h_n) as iaqi_o3_1h,
           case when o3_8h_n > 800000000 then (case when rules = '2026' then 300 end)
                else aqi_iaqi_o3_8h(rules, o3_8h_n) end as iaqi_o3_8h,
           aqi_iaqi_pm10_24h(rules, pm10_n) as iaqi_pm10,
           aqi_iaqi_pm25_24h(rules, pm25_n) as iaqi_pm25,
           coalesce(aqi_beyond_so2_24h(rules, so2_n), false)
             or coalesce(aqi_beyond_no2_24h(rules, no2_n), false)
             or coalesce(aqi_beyond_co_24h(rules, co_n), false)
             or coalesce(aqi_beyond_o3_1h(rules, o3_1h_n), false)
             or coalesce(aqi_beyond_pm10_24h(rules, pm10_n), false)
             or coalesce(aqi_beyond_pm25_24h(rules, pm25_n), false) as is_beyond_table
    from rounded
), combined as (
    select *,
           greatest(iaqi_so2, iaqi_no2, iaqi_co, iaqi_o3_1h, iaqi_o3_8h, iaqi_pm10, iaqi_pm25) as aqi,
           list_filter([
               case when iaqi_so2 is null then 'SO2' end,
               case when iaqi_no2 is null then 'NO2' end,
               case when iaqi_co is null then 'CO' end,
               case when iaqi_o3_1h is null and iaqi_o3_8h is null then 'O3' end,
               case when iaqi_pm10 is null then 'PM10' end,
               case when iaqi_pm25 is null then 'PM2.5' end], lambda x: x is not null) as missing_pollutants
    from indexed
)
select c.city_code, c.measured_on, c.is_dust, c.rules,
       c.pm25_ugm3, c.pm10_ugm3, c.so2_ugm3, c.no2_ugm3, c.co_mgm3, c.o3_8h_ugm3, c.o3_1h_ugm3,
       c.iaqi_so2, c.iaqi_no2, c.iaqi_co, c.iaqi_o3_1h, c.iaqi_o3_8h, c.iaqi_pm10, c.iaqi_pm25,
       c.aqi,
       nullif(concat_ws(',',
           case when c.aqi > 50 and c.iaqi_so2 = c.aqi then 'SO2' end,
           case when c.aqi > 50 and c.iaqi_no2 = c.aqi then 'NO2' end,
           case when c.aqi > 50 and c.iaqi_co = c.aqi then 'CO' end,
           case when c.aqi > 50 and c.iaqi_o3_1h = c.aqi then 'O3_1h' end,
           case when c.aqi > 50 and c.iaqi_o3_8h = c.aqi then 'O3_8h' end,
           case when c.aqi > 50 and c.iaqi_pm10 = c.aqi then 'PM10' end,
           case when c.aqi > 50 and c.iaqi_pm25 = c.aqi then 'PM2.5' end), '') as primary_pollutants,
       l.level_num, l.level_cn as level, l.category_cn as category, l.category_en, l.hex as color,
       c.missing_pollutants,
       len(c.missing_pollutants) = 0 as is_complete,
       c.aqi is not null and (len(c.missing_pollutants) = 0 or c.aqi > 100) as is_published,
       c.is_beyond_table
from combined as c
left join aqi_levels as l on c.aqi between l.aqi_min and l.aqi_max;

create or replace temp view air_daily_aqi as select * from air_daily_aqi_rules(null);
