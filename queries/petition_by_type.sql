-- petition_by_type
-- 信访办理 per pollution type (污染类型) in a scope, as they stood on $as_of.
-- A petition naming several types (问题类型 “大气、噪声”, column pollution_types) counts once under each,
-- so the rows add up to more than the petitions received; each row's own rates are exact.
-- resolution_rate = petitions_closed / petitions_received; substantiated_share = substantiated / assessed.
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: pollution_type, petitions_received, petitions_closed, petitions_staged, petitions_in_progress,
--          resolution_rate (0–1), petitions_substantiated, petitions_assessed, substantiated_share (0–1),
--          median_days_to_close
with typed as (
    select p.* exclude (pollution_type), unnest(coalesce(p.pollution_types, [p.pollution_type])) as pollution_type
    from petition_state($as_of) as p
    where p.region_code in (select code from scope_regions($scope_code))
)
select p.pollution_type,
       count(*)                                                     as petitions_received,
       count(*) filter (where p.status = 'closed')                  as petitions_closed,
       count(*) filter (where p.status = 'staged')                  as petitions_staged,
       count(*) filter (where p.status = 'in_progress')             as petitions_in_progress,
       count(*) filter (where p.status = 'closed') / count(*)       as resolution_rate,
       count(*) filter (where p.substantiated in ('yes', 'partly')) as petitions_substantiated,
       count(*) filter (where p.substantiated is not null)          as petitions_assessed,
       count(*) filter (where p.substantiated in ('yes', 'partly'))
           / nullif(count(*) filter (where p.substantiated is not null), 0) as substantiated_share,
       median(p.closed_on - p.received_on) filter (where p.status = 'closed') as median_days_to_close
from typed as p
group by all
order by petitions_received desc, p.pollution_type;
