-- petition_repeats
-- Repeat complaints (重复信访): a petition naming the same place in the same city as an earlier one
-- received no more than $window_months months before it. One row per (city, place) with repeats.
-- params:  $scope_code    VARCHAR  6-digit code
--          $as_of         DATE     last day of the reporting month
--          $window_months INTEGER  look-back window in months (12 by default in the UI)
-- returns: city_code, city_name, place, petitions (all with this place up to $as_of), repeats (petitions
--          that repeat an earlier one within the window), first_received_on, last_received_on, petition_ids
with scoped as (
    select p.petition_id, p.city_code, p.place, p.received_on
    from petition_state($as_of) as p
    where p.place is not null and p.region_code in (select code from scope_regions($scope_code))
), flagged as (
    -- the petition just before this one at the same place (by date, then id) is the latest earlier
    -- one, so it alone decides whether any earlier petition lies within the window
    select s.*, coalesce(s.received_on <= lag(s.received_on) over w + to_months($window_months::integer), false) as is_repeat
    from scoped as s
    window w as (partition by s.city_code, s.place order by s.received_on, s.petition_id)
)
select f.city_code, r.name as city_name, f.place, count(*) as petitions,
       count(*) filter (where f.is_repeat) as repeats,
       min(f.received_on) as first_received_on, max(f.received_on) as last_received_on,
       string_agg(f.petition_id, ', ' order by f.received_on, f.petition_id) as petition_ids
from flagged as f
join regions as r on r.code = f.city_code
group by all
having count(*) filter (where f.is_repeat) > 0
order by repeats desc, f.city_code, f.place;
