-- rank_units
-- The peer units a scope ranks: all cities nationally ($scope_code '000000': level city and the
-- four municipalities), the cities of a province (a municipality: itself), or the counties of a city.
-- params:  $scope_code VARCHAR  '000000' (national) or a 6-digit province or city code
-- returns: unit_code, unit_name, unit_short_name, unit_level, province_code
with scope as (select coalesce((select level from regions where code = $scope_code), 'nation') as level)
select r.code as unit_code, r.name as unit_name, r.short_name as unit_short_name, r.level as unit_level,
       r.province_code
from regions as r, scope
where case scope.level
          when 'nation'   then r.level = 'city' or r.is_municipality
          when 'province' then (r.level = 'city' and r.province_code = $scope_code)
                               or (r.is_municipality and r.code = $scope_code)
          else r.level = 'county' and r.parent_code = $scope_code
      end
order by r.code;
