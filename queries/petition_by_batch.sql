-- petition_by_batch
-- 信访办理 per inspection and batch (批次) in a scope, as they stood on $as_of.
-- resolution_rate (办结率) = petitions_closed / petitions_received; 阶段性办结 is not closed.
-- substantiated_share = petitions_substantiated (属实 or 部分属实) / petitions_assessed (with a finding).
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: inspection_id, round_label, batch_no, first_received_on, petitions_received, petitions_closed,
--          petitions_staged, petitions_in_progress, resolution_rate (0–1), petitions_substantiated,
--          petitions_assessed, substantiated_share (0–1), median_days_to_close (closed ones)
-- published 2022-12 (安阳, provincial round 2): 114 received, 114 closed.
select p.inspection_id, i.round_label, p.batch_no, min(p.received_on) as first_received_on,
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
from petition_state($as_of) as p
join inspections as i using (inspection_id)
where p.region_code in (select code from scope_regions($scope_code))
group by all
order by min(i.stationed_from), p.inspection_id, p.batch_no;
