-- petition_by_region
-- 信访办理 per city of a scope (per county when the scope is a city), as they stood on $as_of.
-- resolution_rate = petitions_closed / petitions_received; substantiated_share = substantiated / assessed.
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: region_code, region_name, petitions_received, petitions_closed, petitions_staged,
--          petitions_in_progress, resolution_rate (0–1), petitions_substantiated, petitions_assessed,
--          substantiated_share (0–1), median_days_to_close
-- published 2022-12-30 (江西省生态环境厅): 抚州 1093 / 1100; 赣州 2114 / 2133.
with scoped as (
    select p.*, case when (select level from regions where code = $scope_code) = 'province'
                     then p.city_code else p.region_code end as group_code
    from petition_state($as_of) as p
    where p.region_code in (select code from scope_regions($scope_code))
)
select s.group_code as region_code, r.name as region_name,
       count(*)                                                     as petitions_received,
       count(*) filter (where s.status = 'closed')                  as petitions_closed,
       count(*) filter (where s.status = 'staged')                  as petitions_staged,
       count(*) filter (where s.status = 'in_progress')             as petitions_in_progress,
       count(*) filter (where s.status = 'closed') / count(*)       as resolution_rate,
       count(*) filter (where s.substantiated in ('yes', 'partly')) as petitions_substantiated,
       count(*) filter (where s.substantiated is not null)          as petitions_assessed,
       count(*) filter (where s.substantiated in ('yes', 'partly'))
           / nullif(count(*) filter (where s.substantiated is not null), 0) as substantiated_share,
       median(s.closed_on - s.received_on) filter (where s.status = 'closed') as median_days_to_close
from scoped as s
join regions as r on r.code = s.group_code
group by all
order by s.group_code;
