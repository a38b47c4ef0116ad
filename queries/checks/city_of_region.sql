-- city_of_region
-- Invariant: every task, petition and supervision action counts for the city its region belongs to,
-- so that city totals add up to province totals. Returns each row whose city_code disagrees with
-- regions (or whose region is unknown).
-- returns: entity, id, region_code, city_code, expected_city_code
with rows as (
    select 'task' as entity, task_id as id, region_code, city_code from tasks
    union all
    select 'petition', petition_id, region_code, city_code from petitions
    union all
    select 'supervision', action_id, region_code, city_code from supervision_actions
)
select r.entity, r.id, r.region_code, r.city_code, g.city_code as expected_city_code
from rows as r
left join regions as g on g.code = r.region_code
where g.code is null or g.city_code is distinct from r.city_code
order by r.entity, r.id;
