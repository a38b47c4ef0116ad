-- briefing_city_petitions
-- Petitions (信访件) received per city of a scope up to $as_of and how many were closed (已办结) then.
-- resolution_rate = petitions_closed / petitions_received; 阶段性办结 is not closed (petition_state).
-- params:  $scope_code VARCHAR  6-digit code of a province (or a city: its own row)
--          $as_of      DATE     last day of the reporting month
-- returns: city_code, city_name, petitions_received, petitions_closed, resolution_rate (0–1)
-- published 2022-12-30 (江西省生态环境厅): 抚州 1093 / 1100; 赣州 2114 / 2133.
select p.city_code, r.name as city_name,
       count(*)                                                        as petitions_received,
       count(*) filter (where p.status = 'closed')                     as petitions_closed,
       count(*) filter (where p.status = 'closed') / nullif(count(*), 0) as resolution_rate
from petition_state($as_of) as p
join regions as r on r.code = p.city_code
where p.region_code in (select code from scope_regions($scope_code))
group by p.city_code, r.name
order by p.city_code;
