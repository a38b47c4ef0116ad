-- progress_closures_by_month
-- Tasks under 销号 management closed per month (first 'closed' entry) in a scope, per city and round,
-- from $from_month to $as_of: the pace behind the projected completion dates.
-- params:  $scope_code VARCHAR  6-digit code
--          $from_month DATE     first day of the first month counted
--          $as_of      DATE     last day of the reporting month
-- returns: city_code, round_label, month, tasks_closed
with closed_first as (
    select task_id, min(changed_on) as closed_on
    from task_status_history
    where status = 'closed'
    group by task_id
)
select t.city_code, i.round_label, date_trunc('month', f.closed_on)::date as month, count(*) as tasks_closed
from closed_first as f
join tasks as t using (task_id)
join inspections as i using (inspection_id)
where t.is_under_closure_mgmt and f.closed_on >= $from_month and f.closed_on <= $as_of
  and t.region_code in (select code from scope_regions($scope_code))
group by all
order by month, city_code, round_label;
