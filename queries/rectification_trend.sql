-- rectification_trend
-- Month-end closure rate and petition resolution rate of one scope, month by month.
-- params:  $scope_code VARCHAR  6-digit code
--          $from_month DATE     first month (first day)
--          $to_month   DATE     last month (first day)
-- returns: month_end, tasks_under_closure, tasks_closed, closure_rate (0–1),
--          petitions_received, petitions_closed, resolution_rate (0–1)
-- A task's status at a month end is its last history entry on or before it (as task_state); the
-- counts are built from status spans and monthly running totals rather than a month × task grid,
-- which keeps a national database under 100 ms.
with month_ends as (
    select last_day(m::date) as month_end
    from range($from_month::timestamp, $to_month::timestamp + interval 1 month, interval 1 month) as r(m)
), scope as (
    select code from scope_regions($scope_code)
), scope_tasks as (
    select task_id, assigned_on
    from tasks
    where is_under_closure_mgmt and region_code in (select code from scope)
), closed_spans as (     -- a 'closed' entry holds from its day until the task's next entry
    select * from (
        select task_id, status, changed_on,
               lead(changed_on) over (partition by task_id order by changed_on) as next_on
        from task_status_history
        where task_id in (select task_id from scope_tasks)
    ) where status = 'closed'
), tasks_by_month as (
    select e.month_end, count(*) as tasks_under_closure
    from month_ends as e join scope_tasks as t on t.assigned_on <= e.month_end
    group by e.month_end
), closed_by_month as (
    select e.month_end, count(*) as tasks_closed
    from month_ends as e
    join closed_spans as s on s.changed_on <= e.month_end and (s.next_on is null or s.next_on > e.month_end)
    join scope_tasks as t on t.task_id = s.task_id and t.assigned_on <= e.month_end
    group by e.month_end
), petition_months as (  -- received, and closed (not before received), per calendar month
    select last_day(received_on) as month_end, 1 as received,
           case when closed_on is not null then last_day(greatest(received_on, closed_on)) end as closed_month
    from petitions
    where region_code in (select code from scope)
), petition_totals as (
    select month_end, sum(received) as received, 0 as closed from petition_months group by month_end
    union all
    select closed_month, 0, count(*) from petition_months where closed_month is not null group by closed_month
), petitions_by_month as (
    select e.month_end,
           coalesce(sum(p.received), 0)::bigint as petitions_received,
           coalesce(sum(p.closed), 0)::bigint   as petitions_closed
    from month_ends as e
    left join petition_totals as p on p.month_end <= e.month_end
    group by e.month_end
)
select e.month_end,
       coalesce(t.tasks_under_closure, 0) as tasks_under_closure, coalesce(c.tasks_closed, 0) as tasks_closed,
       coalesce(c.tasks_closed, 0) / nullif(t.tasks_under_closure, 0) as closure_rate,
       p.petitions_received, p.petitions_closed,
       p.petitions_closed / nullif(p.petitions_received, 0) as resolution_rate
from month_ends as e
left join tasks_by_month as t using (month_end)
left join closed_by_month as c using (month_end)
left join petitions_by_month as p using (month_end)
order by e.month_end;
