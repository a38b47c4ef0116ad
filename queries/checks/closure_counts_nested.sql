-- closure_counts_nested
-- Invariant: per city and month end, tasks closed ≤ tasks under closure management ≤ tasks, with the
-- closed count taken from the status history alone (not filtered by management, as the summaries are).
-- Month ends: those of every month in which some task's status changed.
-- returns: city_code, month_end, tasks_total, tasks_under_closure, tasks_closed
with month_ends as (
    select distinct last_day(changed_on) as month_end from task_status_history
),
state as (
    select t.city_code, m.month_end, t.is_under_closure_mgmt,
           arg_max(h.status, h.changed_on) filter (where h.changed_on <= m.month_end) = 'closed' as is_closed
    from tasks as t
    join month_ends as m on t.assigned_on <= m.month_end
    left join task_status_history as h using (task_id)
    group by all
),
counts as (
    select city_code, month_end, count(*) as tasks_total,
           count(*) filter (where is_under_closure_mgmt) as tasks_under_closure,
           count(*) filter (where is_closed) as tasks_closed
    from state
    group by all
)
select * from counts
where not (tasks_closed <= tasks_under_closure and tasks_under_closure <= tasks_total)
order by city_code, month_end;
