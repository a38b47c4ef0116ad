-- rank_rectification
-- Task counts per peer unit (city, or county when the scope is a city) as they stood on $as_of:
-- the parts of closure_rate (tasks_closed / tasks_under_closure) and tasks_overdue (of tasks_total).
-- Units without tasks return no row; envboard/domain/rank.py joins rank_units and lists them as excluded.
-- params:  $scope_code VARCHAR  '000000' (national), a province or a city code
--          $as_of      DATE     last day of the period
-- returns: unit_code, tasks_total, tasks_under_closure, tasks_closed, tasks_overdue
-- published 2022-12-30 (江西省生态环境厅): 赣州 294 / 320 = 91.9 % as of 2022-12-31.
select case when (select level from regions where code = $scope_code) = 'city'
            then s.region_code else s.city_code end                      as unit_code,
       count(*)                                                          as tasks_total,
       count(*) filter (where s.is_under_closure_mgmt)                   as tasks_under_closure,
       count(*) filter (where s.is_under_closure_mgmt and s.is_closed)   as tasks_closed,
       count(*) filter (where s.is_overdue)                              as tasks_overdue
from (select * from task_state($as_of) where $scope_code = '000000'
      union all                                   -- a province or city reads its own tasks only
      select * from scope_task_state($scope_code, $as_of) where $scope_code <> '000000') as s
group by all
order by unit_code;
