-- closed_task_not_under_closure
-- Invariant: only a task under closure management (纳入销号管理) can be closed (已销号), so that
-- tasks closed ≤ tasks under closure management. Returns each status entry that breaks it.
-- returns: task_id, changed_on, status
select h.task_id, h.changed_on, h.status
from task_status_history as h
join tasks as t using (task_id)
where h.status = 'closed' and not t.is_under_closure_mgmt
order by h.task_id, h.changed_on;
