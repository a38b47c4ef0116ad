-- rank_petitions
-- Petition counts per peer unit (city, or county when the scope is a city) as they stood on $as_of
-- (cumulative since the batch was received): resolution_rate = petitions_closed / petitions_received,
-- substantiated_share = petitions_substantiated / petitions_assessed.
-- params:  $scope_code VARCHAR  '000000' (national), a province or a city code
--          $as_of      DATE     last day of the period
-- returns: unit_code, petitions_received, petitions_closed, petitions_substantiated, petitions_assessed
-- published 2022-12-30 (江西省生态环境厅): 赣州 2114 / 2133 = 99.1 %; 抚州 1093 / 1100 = 99.4 %.
select case when (select level from regions where code = $scope_code) = 'city'
            then p.region_code else p.city_code end                      as unit_code,
       count(*)                                                          as petitions_received,
       count(*) filter (where p.status = 'closed')                       as petitions_closed,
       count(*) filter (where p.substantiated in ('yes', 'partly'))      as petitions_substantiated,
       count(*) filter (where p.substantiated is not null)               as petitions_assessed
from petition_state($as_of) as p
where $scope_code = '000000' or p.region_code in (select code from scope_regions($scope_code))
group by all
order by unit_code;
