-- rectification_by_round
-- Task counts per inspection round for one scope as they stood on $as_of.
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: inspection_id, kind, round_no, round_label, team_name, tasks_total, tasks_done,
--          tasks_in_progress (not done), tasks_overdue, tasks_under_closure, tasks_closed
-- published 2022-06 (天门): round 1 33/33 done; 回头看 14/18; round 2 0/20.
select i.inspection_id, i.kind, i.round_no, i.round_label, i.team_name, i.stationed_from,
       count(*)                                                    as tasks_total,
       count(*) filter (where s.is_done)                           as tasks_done,
       count(*) filter (where not s.is_done)                       as tasks_in_progress,
       count(*) filter (where s.is_overdue)                        as tasks_overdue,
       count(*) filter (where s.is_under_closure_mgmt)             as tasks_under_closure,
       count(*) filter (where s.is_closed and s.is_under_closure_mgmt) as tasks_closed
from scope_task_state($scope_code, $as_of) as s
join inspections as i using (inspection_id)
group by all
order by i.stationed_from, i.inspection_id;
