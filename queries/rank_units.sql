-- rank_units
-- The peer units a scope ranks: all cities nationally ($scope_code '000000': level city and the
-- four municipalities), the cities of a province (a municipality: itself), or the counties of a city;
-- for a list of provinces ('360000,420000', an inspection round over several provinces) their cities.
-- params:  $scope_code VARCHAR  '000000' (national), a 6-digit province or city code, or a comma list of provinces
-- returns: unit_code, unit_name, unit_short_name, unit_level, province_code
with scope as (select case when contains($scope_code, ',') then 'multi'
                           else coalesce((select level from regions where code = $scope_code), 'nation') end as level)
select r.code as unit_code, r.name as unit_name, r.short_name as unit_short_name, r.level as unit_level,
       r.province_code
from regions as r, scope
where case scope.level
          when 'nation'   then r.level = 'city' or r.is_municipality
          when 'multi'    then (r.level = 'city' or r.is_municipality)
                               and list_contains(string_split($scope_code, ','), r.province_code)
          when 'province' then (r.level = 'city' and r.province_code = $scope_code)
                               or (r.is_municipality and r.code = $scope_code)
          else r.level = 'county' and r.parent_code = $scope_code
      end
order by r.code;
