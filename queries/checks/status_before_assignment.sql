-- status_before_assignment
-- Invariant: no status entry of a task is dated before the task was assigned (its plan issued), and
-- no status entry names a task that does not exist.
-- returns: task_id, changed_on, status, assigned_on (NULL: no such task)
select h.task_id, h.changed_on, h.status, t.assigned_on
from task_status_history as h
left join tasks as t using (task_id)
where t.task_id is null or h.changed_on < t.assigned_on
order by h.task_id, h.changed_on;
