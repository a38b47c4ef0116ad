-- ledger_status_history
-- The status history (双交账) of one task up to $as_of: each status from changed_on until the next entry.
-- params:  $task_id VARCHAR  e.g. 'central-2-360000/360700-001'
--          $as_of   DATE     last day of the reporting month
-- returns: task_id, title, changed_on, status, note, until_on (next change, or $as_of for the last)
select h.task_id, t.title, h.changed_on, h.status, h.note,
       coalesce(lead(h.changed_on) over (order by h.changed_on), $as_of) as until_on
from task_status_history as h
join tasks as t using (task_id)
where h.task_id = $task_id and h.changed_on <= $as_of
order by h.changed_on;
