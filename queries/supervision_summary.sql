-- supervision_summary
-- Supervision actions (督办函/提醒函, 通报, 约谈, 问责, 现场督办) in one scope: from $from_date to
-- $as_of, and cumulative up to $as_of. Action counts and people counts are kept apart.
-- params:  $scope_code VARCHAR  6-digit code
--          $from_date  DATE     first day of the period (usually 1 January of the as-of year)
--          $as_of      DATE     last day of the reporting month
-- returns: kind, actions, people, actions_cumulative, people_cumulative (one row per kind)
-- published 2022-12-30 (赣州 2022): 47 督办/提醒函, 8 通报, 3 约谈; 湘潭 2018: 约谈 27 人, 问责 59 人.
with kinds(kind, ord) as (values ('letter', 1), ('notice', 2), ('interview', 3), ('accountability', 4), ('onsite', 5))
select k.kind,
       count(a.action_id) filter (where a.acted_on >= $from_date)           as actions,
       coalesce(sum(a.people_count) filter (where a.acted_on >= $from_date), 0) as people,
       count(a.action_id)                                                   as actions_cumulative,
       coalesce(sum(a.people_count), 0)                                     as people_cumulative
from kinds as k
left join supervision_actions as a
       on a.kind = k.kind and a.acted_on <= $as_of
      and a.region_code in (select code from scope_regions($scope_code))
group by k.kind, k.ord
order by k.ord;
