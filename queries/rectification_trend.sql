-- rectification_trend
-- Month-end closure rate and petition resolution rate of one scope, month by month.
-- params:  $scope_code VARCHAR  6-digit code
--          $from_month DATE     first month (first day)
--          $to_month   DATE     last month (first day)
-- returns: month_end, tasks_under_closure, tasks_closed, closure_rate (0–1),
--          petitions_received, petitions_closed, resolution_rate (0–1)
with month_ends as (
    select last_day(m::date) as month_end
    from range($from_month::timestamp, $to_month::timestamp + interval 1 month, interval 1 month) as r(m)
), scope as (
    select code from scope_regions($scope_code)
), grid as (
    select e.month_end, t.task_id
    from month_ends as e
    join tasks as t on t.assigned_on <= e.month_end
    where t.is_under_closure_mgmt and t.region_code in (select code from scope)
), task_status as (
    select g.month_end, h.status
    from grid as g
    asof left join task_status_history as h
      on g.task_id = h.task_id and g.month_end >= h.changed_on
), tasks_by_month as (
    select month_end, count(*) as tasks_under_closure,
           count(*) filter (where status = 'closed') as tasks_closed
    from task_status group by month_end
), petitions_by_month as (
    select e.month_end, count(p.petition_id) as petitions_received,
           count(p.petition_id) filter (where p.closed_on <= e.month_end) as petitions_closed
    from month_ends as e
    left join petitions as p
      on p.received_on <= e.month_end and p.region_code in (select code from scope)
    group by e.month_end
)
select e.month_end,
       coalesce(t.tasks_under_closure, 0) as tasks_under_closure, coalesce(t.tasks_closed, 0) as tasks_closed,
       t.tasks_closed / nullif(t.tasks_under_closure, 0) as closure_rate,
       p.petitions_received, p.petitions_closed,
       p.petitions_closed / nullif(p.petitions_received, 0) as resolution_rate
from month_ends as e
left join tasks_by_month as t using (month_end)
left join petitions_by_month as p using (month_end)
order by e.month_end;
