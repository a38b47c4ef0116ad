-- 002_views: shared definitions every query builds on (one place for "status as of a date").

-- Each task that exists on as_of (assigned on or before it) with its status then and flags.
-- is_done: 已完成 or 已销号; is_overdue: past its deadline and not done.
create or replace macro task_state(as_of) as table
with last_status as (
    select task_id, arg_max(status, changed_on) as status, max(changed_on) as status_on
    from task_status_history
    where changed_on <= as_of
    group by task_id
)
select t.*, coalesce(s.status, 'not_started') as status, s.status_on,
       coalesce(s.status, '') in ('done', 'closed')                           as is_done,
       coalesce(s.status, '') = 'closed'                                      as is_closed,
       t.deadline_on is not null and t.deadline_on < as_of
           and coalesce(s.status, '') not in ('done', 'closed')               as is_overdue
from tasks as t
left join last_status as s using (task_id)
where t.assigned_on <= as_of;

-- Each petition received on or before as_of with its status then:
-- closed (已办结), staged (阶段性办结) or in_progress (正在办理).
create or replace macro petition_state(as_of) as table
select p.*,
       case when p.closed_on is not null and p.closed_on <= as_of then 'closed'
            when p.staged_on is not null and p.staged_on <= as_of then 'staged'
            else 'in_progress' end as status
from petitions as p
where p.received_on <= as_of;

-- Regions a scope covers: the scope itself and every city and county below it.
create or replace macro scope_regions(scope_code) as table
select code, name, level, city_code, province_code
from regions
where code = scope_code or parent_code = scope_code or city_code = scope_code
   or (province_code = scope_code and level in ('city', 'county'));
