-- rank_supervision_of_city
-- 一市一档 supervision record: 督办函/通报/约谈/问责 actions for a city issued on or before $as_of,
-- counted per kind, with people held accountable.
-- params:  $city_code VARCHAR  6-digit city code
--          $as_of     DATE     last day of the period
-- returns: kind, actions, people, last_on
select a.kind, count(*) as actions, coalesce(sum(a.people_count), 0) as people, max(a.acted_on) as last_on
from supervision_actions as a
where a.city_code = $city_code and a.acted_on <= $as_of
group by a.kind
order by a.kind;
