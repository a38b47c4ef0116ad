-- rectification_summary
-- Task counts for one scope (province, city or county) as they stood on $as_of (the 双交账 state).
-- closure_rate = tasks_closed / tasks_under_closure (纳入销号管理); done = 已完成 or 已销号;
-- overdue = past deadline and not done; on schedule = status 序时推进 and not overdue.
-- params:  $scope_code VARCHAR  6-digit GB/T 2260 code
--          $as_of      DATE     last day of the reporting month
-- returns: one row of counts and closure_rate (0–1, NULL without managed tasks); tasks_done_under_closure =
--          done among the tasks under closure management (抚州 2022-12: 211 of 241, not of the 302 problems)
-- published 2022-12-30 (江西省生态环境厅): 赣州 294 / 320 = 0.919 (361 problems in all).
select count(*)                                                        as tasks_total,
       count(*) filter (where is_under_closure_mgmt)                   as tasks_under_closure,
       count(*) filter (where is_done)                                 as tasks_done,
       count(*) filter (where is_done and is_under_closure_mgmt)       as tasks_done_under_closure,
       count(*) filter (where is_closed and is_under_closure_mgmt)     as tasks_closed,
       count(*) filter (where status = 'on_schedule' and not is_overdue) as tasks_on_schedule,
       count(*) filter (where status = 'in_progress' and not is_overdue) as tasks_in_progress,
       count(*) filter (where status = 'not_started' and not is_overdue) as tasks_not_started,
       count(*) filter (where is_overdue)                              as tasks_overdue,
       count(*) filter (where is_closed and is_under_closure_mgmt)
           / nullif(count(*) filter (where is_under_closure_mgmt), 0)  as closure_rate
from scope_task_state($scope_code, $as_of);
