-- rank_tasks_of_city
-- 一市一档 task list: every task counted for a city as it stood on $as_of, overdue ones first,
-- then by deadline.
-- params:  $city_code VARCHAR  6-digit city code
--          $as_of     DATE     last day of the period
-- returns: task_code, title, category, region_name, status, deadline_on, is_overdue, is_under_closure_mgmt
select s.task_code, s.title, s.category, r.name as region_name, s.status, s.deadline_on,
       s.is_overdue, s.is_under_closure_mgmt
from task_state($as_of) as s
join regions as r on r.code = s.region_code
where s.city_code = $city_code
order by s.is_overdue desc, s.deadline_on nulls last, s.task_code;
