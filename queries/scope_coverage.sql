-- scope_coverage
-- Which cities of a scope have data of each kind in a period, and in which months: the basis of the
-- caveat shown when a scope's figures rest on part of its cities (a province with one city's air data).
-- params:  $scope_code VARCHAR  6-digit code
--          $from_month DATE     first month of the period (first day)
--          $to_month   DATE     last month of the period (first day)
-- returns: domain (tasks | petitions | air | water), city_code, city_name, months (with data),
--          first_month, last_month; one row per domain and covered city. Tasks and petitions count
--          when assigned or received on or before the period's end (their figures are cumulative).
with cities as (
    select distinct r.code as city_code, r.name as city_name
    from regions as r
    where (r.level = 'city' or r.is_municipality)
      and r.code in (select coalesce(city_code, code) from scope_regions($scope_code))
), region_city as (
    select r.code, coalesce(r.city_code, r.code) as city_code
    from regions as r where r.code in (select code from scope_regions($scope_code))
), months as (
    select 'tasks' as domain, rc.city_code, date_trunc('month', t.assigned_on)::date as month
    from tasks as t join region_city as rc on rc.code = t.region_code
    where t.assigned_on < $to_month::date + interval 1 month
    union all
    select 'petitions', rc.city_code, date_trunc('month', p.received_on)::date
    from petitions as p join region_city as rc on rc.code = p.region_code
    where p.received_on < $to_month::date + interval 1 month
    union all
    select 'air', a.city_code, date_trunc('month', a.measured_on)::date
    from air_daily as a
    where a.city_code in (select city_code from cities)
      and a.measured_on >= $from_month and a.measured_on < $to_month::date + interval 1 month
    union all
    select 'water', s.city_code, w.month
    from water_monthly as w join water_sections as s using (section_id)
    where s.city_code in (select city_code from cities)
      and w.month >= $from_month and w.month <= $to_month
)
select m.domain, m.city_code, c.city_name, count(distinct m.month) as months,
       min(m.month) as first_month, max(m.month) as last_month
from months as m join cities as c using (city_code)
group by m.domain, m.city_code, c.city_name
order by m.domain, m.city_code;
