-- petition_summary
-- Petitions (信访件) received in one scope up to $as_of and their state then.
-- resolution_rate (办结率，严格口径) = petitions_closed / petitions_received; 阶段性办结 is not closed.
-- resolution_rate_incl_staged (办结率，含阶段性办结) = (petitions_closed + petitions_staged) / petitions_received,
-- the form several provinces publish (已办结（含阶段性办结）).
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: one row: petitions_received, petitions_closed, petitions_staged, petitions_in_progress,
--          petitions_substantiated (属实 or 部分属实), petitions_assessed (with a finding), resolution_rate,
--          petitions_closed_incl_staged, resolution_rate_incl_staged
-- published 2022-12-30 (江西省生态环境厅): 抚州 1093 / 1100 = 99.4 %; 赣州 2114 / 2133 = 99.1 %.
select count(*)                                              as petitions_received,
       count(*) filter (where status = 'closed')             as petitions_closed,
       count(*) filter (where status = 'staged')             as petitions_staged,
       count(*) filter (where status = 'in_progress')        as petitions_in_progress,
       count(*) filter (where substantiated in ('yes', 'partly')) as petitions_substantiated,
       count(*) filter (where substantiated is not null)     as petitions_assessed,
       count(*) filter (where status = 'closed') / nullif(count(*), 0) as resolution_rate,
       count(*) filter (where status in ('closed', 'staged'))  as petitions_closed_incl_staged,
       count(*) filter (where status in ('closed', 'staged')) / nullif(count(*), 0) as resolution_rate_incl_staged
from petition_state($as_of)
where region_code in (select code from scope_regions($scope_code));
