-- supervision_by_task
-- Supervision actions in a scope up to $as_of with the task they concern (task_id → title), newest first.
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: action_id, acted_on, kind, city_name, region_name, people_count, task_id, task_title, note
select a.action_id, a.acted_on, a.kind, c.name as city_name, r.name as region_name, a.people_count,
       a.task_id, t.title as task_title, a.note
from supervision_actions as a
join regions as r on r.code = a.region_code
join regions as c on c.code = a.city_code
left join tasks as t using (task_id)
where a.acted_on <= $as_of and a.region_code in (select code from scope_regions($scope_code))
order by a.acted_on desc, a.action_id;
