-- composite_leaderboard
-- Composite-index ranking per city and year from the pre-aggregated table (005_perf.sql).
-- params:  $from_year INTEGER, $to_year INTEGER (inclusive)
-- returns: year, composite_rank, city_code, city_name, composite_index, is_attained, pm25_ugm3
select a.year, a.composite_rank, a.city_code, r.name as city_name, a.composite_index, a.is_attained, a.pm25_ugm3
from air_composite_year as a
join regions as r on r.code = a.city_code
where a.year between $from_year and $to_year
order by a.year, a.composite_rank, a.city_code;
