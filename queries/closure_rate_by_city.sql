-- closure_rate_by_city
-- 销号率 per city of a scope as of $as_of: the counts and the rate, unranked. Cities without a task
-- under closure management return no row. Ranking, ties (on the displayed value) and the list of
-- excluded cities with their reason belong to the one ranker (envboard/domain/rank.py); the
-- 排行榜's closure preset ranks the same counts (queries/rank_rectification.sql).
-- params:  $scope_code VARCHAR  6-digit code of a province (or a city: its own row)
--          $as_of      DATE     last day of the reporting month
-- returns: city_code, city_name, tasks_closed, tasks_under_closure, closure_rate (0–1)
-- published 2022-12-30: 赣州 294 / 320 = 91.9 %.
with per_city as (
    select s.city_code,
           count(*) filter (where s.is_closed) as tasks_closed,
           count(*)                            as tasks_under_closure
    from scope_task_state($scope_code, $as_of) as s
    where s.is_under_closure_mgmt
    group by s.city_code
)
select p.city_code, r.name as city_name, p.tasks_closed, p.tasks_under_closure,
       p.tasks_closed / p.tasks_under_closure as closure_rate
from per_city as p join regions as r on r.code = p.city_code
order by p.city_code;
