-- ledger_tasks
-- 整改台账: every task of a scope that exists on $as_of, with its status then, 序时进度 and flags.
-- expected_progress = (as_of − assigned_on) / (deadline_on − assigned_on), clamped to 0–1 (NULL: no deadline);
-- actual_progress = 1 when done (已完成/已销号), else 0. is_at_risk: not done, due within $at_risk_days days.
-- params:  $scope_code   VARCHAR  6-digit code (province, city or county)
--          $as_of        DATE     last day of the reporting month
--          $at_risk_days INTEGER  days ahead of the deadline that count as at risk
-- returns: task_id, task_code, inspection_id, round_label, city_code, city_name, region_code, region_name,
--          county_name (NULL for a city-level task), title, category, responsible_unit, target, measures,
--          assigned_on, deadline_on, status, status_on, closed_on, is_done, is_closed, is_under_closure_mgmt,
--          is_overdue, is_at_risk, days_to_deadline, expected_progress (0–1), actual_progress (0–1)
-- published 2022-06 (天门, as of 2022-05): round 1 33/33 done; 回头看 14/18; round 2 0/20.
with s as materialized (
    select * from scope_task_state($scope_code, $as_of)
), closed_first as (
    select task_id, min(changed_on) as closed_on
    from task_status_history
    where status = 'closed' and changed_on <= $as_of
      and task_id in (select task_id from s where is_closed)
    group by task_id
)
select s.task_id, s.task_code, s.inspection_id, i.round_label, s.city_code, c.name as city_name,
       s.region_code, r.name as region_name, case when r.level = 'county' then r.name end as county_name,
       s.title, s.category, s.responsible_unit, s.target, s.measures, s.assigned_on, s.deadline_on,
       s.status, s.status_on, case when s.is_closed then f.closed_on end as closed_on,
       s.is_done, s.is_closed, s.is_under_closure_mgmt, s.is_overdue,
       not s.is_done and s.deadline_on is not null and s.deadline_on >= $as_of
           and s.deadline_on <= $as_of + $at_risk_days::integer                 as is_at_risk,
       case when s.deadline_on is not null then s.deadline_on - $as_of end     as days_to_deadline,
       case when s.deadline_on is null then null
            when s.deadline_on <= s.assigned_on then 1.0
            else greatest(0.0, least(1.0, ($as_of - s.assigned_on) / (s.deadline_on - s.assigned_on))) end
                                                                               as expected_progress,
       case when s.is_done then 1.0 else 0.0 end                               as actual_progress
from s
join inspections as i using (inspection_id)
join regions as r on r.code = s.region_code
join regions as c on c.code = s.city_code
left join closed_first as f using (task_id)
order by i.stationed_from, s.task_code;
