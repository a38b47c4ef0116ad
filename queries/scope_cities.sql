-- scope_cities
-- The city-level units a scope covers: the cities of a province (and a municipality itself), the
-- city itself, or the city of a county. Air and water figures are kept per city.
-- params:  $scope_code VARCHAR  6-digit code
-- returns: city_code, city_name
select distinct r.code as city_code, r.name as city_name
from regions as r
where (r.level = 'city' or r.is_municipality)
  and r.code in (select coalesce(city_code, code) from scope_regions($scope_code))
order by city_code;
