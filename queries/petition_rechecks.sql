-- petition_rechecks
-- Re-checked petitions (复核, is_recheck) in a scope up to $as_of and their result: finding and status.
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: substantiated (yes | partly | no | NULL), status (closed | staged | in_progress), petitions
select p.substantiated, p.status, count(*) as petitions
from petition_state($as_of) as p
where p.is_recheck and p.region_code in (select code from scope_regions($scope_code))
group by all
order by p.substantiated, p.status;
