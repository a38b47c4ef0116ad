-- supervision_by_region
-- Supervision actions (督办函/提醒函, 通报, 约谈, 问责, 现场督办) per city and year in a scope up to $as_of.
-- Action counts and people counts are kept apart (people: 约谈 and 问责 name people).
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: city_code, city_name, year, kind, actions, people
-- published 湘潭 2018: 约谈 27 人, 问责 59 人.
select a.city_code, r.name as city_name, year(a.acted_on) as year, a.kind,
       count(*) as actions, coalesce(sum(a.people_count), 0)::bigint as people
from supervision_actions as a
join regions as r on r.code = a.city_code
where a.acted_on <= $as_of and a.region_code in (select code from scope_regions($scope_code))
group by all
order by year desc, a.city_code, a.kind;
