-- briefing_city_tasks
-- Task counts per city of a scope as they stood on $as_of, for the monthly briefing's overdue table.
-- overdue = past deadline and not done (task_state); at risk = not done, not overdue, due within
-- $at_risk_days days after $as_of.
-- params:  $scope_code   VARCHAR  6-digit code of a province (or a city: its own row)
--          $as_of        DATE     last day of the reporting month
--          $at_risk_days INTEGER  look-ahead window in days (setting at_risk_days)
-- returns: city_code, city_name, tasks_total, tasks_done, tasks_overdue, tasks_at_risk
select s.city_code, r.name as city_name,
       count(*)                                   as tasks_total,
       count(*) filter (where s.is_done)          as tasks_done,
       count(*) filter (where s.is_overdue)       as tasks_overdue,
       count(*) filter (where not s.is_done and not s.is_overdue and s.deadline_on is not null
                        and s.deadline_on <= $as_of + to_days(cast($at_risk_days as integer))) as tasks_at_risk
from scope_task_state($scope_code, $as_of) as s
join regions as r on r.code = s.city_code
group by s.city_code, r.name
order by s.city_code;
