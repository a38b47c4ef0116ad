-- petition_dates_in_order
-- Invariant: a petition is closed (已办结) or staged (阶段性办结) on or after the day it was received,
-- and a staged closure comes no later than the final one.
-- returns: petition_id, received_on, staged_on, closed_on
select petition_id, received_on, staged_on, closed_on
from petitions
where closed_on < received_on or staged_on < received_on or staged_on > closed_on
order by petition_id;
