-- briefing_task_watchlist
-- Overdue and at-risk tasks of a scope on $as_of, by responsible unit (督办清单 of the monthly briefing).
-- overdue = past deadline and not done; at_risk = not done, due within $at_risk_days days after $as_of.
-- params:  $scope_code   VARCHAR  6-digit code
--          $as_of        DATE     last day of the reporting month
--          $at_risk_days INTEGER  look-ahead window in days (setting at_risk_days)
-- returns: watch (overdue | at_risk), responsible_unit, city_code, city_name, task_code, title, deadline_on,
--          status, days_overdue (negative: days left)
select case when s.is_overdue then 'overdue' else 'at_risk' end as watch,
       coalesce(s.responsible_unit, '—') as responsible_unit, s.city_code, r.name as city_name,
       s.task_code, s.title, s.deadline_on, s.status,
       datediff('day', s.deadline_on, $as_of) as days_overdue
from scope_task_state($scope_code, $as_of) as s
join regions as r on r.code = s.city_code
where not s.is_done and s.deadline_on is not null
  and (s.is_overdue or s.deadline_on <= $as_of + to_days(cast($at_risk_days as integer)))
order by watch desc, s.city_code, responsible_unit, s.deadline_on, s.task_code;
