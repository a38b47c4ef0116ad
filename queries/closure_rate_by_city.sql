-- closure_rate_by_city
-- 销号率 per city of a scope as of $as_of, ranked (higher is better). Ties share a rank on the
-- displayed value (one decimal, GB/T 8170 round-half-even): 1, 1, 3.
-- params:  $scope_code VARCHAR  6-digit code of a province (or a city: its own row)
--          $as_of      DATE     last day of the reporting month
-- returns: rank, is_tie, city_code, city_name, tasks_closed, tasks_under_closure, closure_rate (0–1),
--          closure_rate_pct (rounded)
-- published 2022-12-30: 赣州 294 / 320 = 91.9 %.
with per_city as (
    select s.city_code,
           count(*) filter (where s.is_closed) as tasks_closed,
           count(*)                            as tasks_under_closure
    from scope_task_state($scope_code, $as_of) as s
    where s.is_under_closure_mgmt
    group by s.city_code
), rated as (
    select p.*, r.name as city_name, p.tasks_closed / p.tasks_under_closure as closure_rate,
           round_even(100.0 * p.tasks_closed / p.tasks_under_closure, 1) as closure_rate_pct
    from per_city as p join regions as r on r.code = p.city_code
)
select rank() over (order by closure_rate_pct desc)                        as rank,
       count(*) over (partition by closure_rate_pct) > 1                   as is_tie,
       city_code, city_name, tasks_closed, tasks_under_closure, closure_rate, closure_rate_pct
from rated
order by rank, city_code;
