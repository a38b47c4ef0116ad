-- briefing_supervision_month
-- Supervision actions (督办函/提醒函, 通报, 约谈, 问责, 现场督办) taken in a scope during the
-- reporting month ($month_start to $as_of), with the task they concern.
-- params:  $scope_code  VARCHAR  6-digit code
--          $month_start DATE     first day of the reporting month
--          $as_of       DATE     last day of the reporting month
-- returns: acted_on, kind, city_name, people_count, task_title, note
select a.acted_on, a.kind, r.name as city_name, a.people_count,
       t.title as task_title, a.note
from supervision_actions as a
join regions as r on r.code = a.city_code
left join tasks as t on t.task_id = a.task_id
where a.acted_on between $month_start and $as_of
  and a.region_code in (select code from scope_regions($scope_code))
order by a.acted_on, a.kind, a.action_id;
