-- 040_scope_first: task_state restricted to a scope before the status history is aggregated.
-- task_state(as_of) aggregates the status history of every task in the database and leaves the
-- scope filter to the caller; at national scale that is ~150,000 tasks for a province's 4,000.
-- scope_task_state(scope_code, as_of) returns exactly the rows of
--   select * from task_state(as_of) where region_code in (select code from scope_regions(scope_code))
-- but reads only the scope's tasks and their history entries.
create or replace macro scope_task_state(scope_code, as_of) as table
with scoped as (
    select t.*
    from tasks as t
    where t.assigned_on <= as_of
      and t.region_code in (select code from scope_regions(scope_code))
), last_status as (
    select h.task_id, arg_max(h.status, h.changed_on) as status, max(h.changed_on) as status_on
    from task_status_history as h
    where h.changed_on <= as_of and h.task_id in (select task_id from scoped)
    group by h.task_id
)
select t.*, coalesce(s.status, 'not_started') as status, s.status_on,
       coalesce(s.status, '') in ('done', 'closed')                           as is_done,
       coalesce(s.status, '') = 'closed'                                      as is_closed,
       t.deadline_on is not null and t.deadline_on < as_of
           and coalesce(s.status, '') not in ('done', 'closed')               as is_overdue
from scoped as t
left join last_status as s using (task_id);
