-- briefing_peer_scope
-- The region whose cities a scope is ranked among in the monthly briefing: a province itself, or the
-- province of a city or county.
-- params:  $scope_code VARCHAR  6-digit code
-- returns: one row: code, name, level
select p.code, p.name, p.level
from regions as r
join regions as p on p.code = case when r.level = 'province' then r.code else r.province_code end
where r.code = $scope_code;
