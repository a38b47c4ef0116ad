-- pm25_period_mean
-- PM2.5 mean for one scope over [$start, $end]: each city's mean of its valid daily values, then
-- the mean of the cities (a province is the mean of its cities). Sand-dust days are excluded from
-- PM means (CNEMC practice). Rounded for display only (GB/T 8170, integer μg/m³).
-- params:  $scope_code VARCHAR  6-digit code
--          $start      DATE     first day of the period
--          $end        DATE     last day of the period
-- returns: one row: pm25_ugm3 (NULL without data), cities, valid_days, first_day, last_day
-- published 2022-12-30: 赣州 Jan–Nov 2022 20 μg/m³, −9.1 % against Jan–Nov 2021 (22).
with city_means as (
    select city_code, avg(pm25_ugm3) as pm25, count(pm25_ugm3) as valid_days,
           min(measured_on) as first_day, max(measured_on) as last_day
    from air_daily
    where measured_on between $start and $end and not is_dust and pm25_ugm3 is not null
      and city_code in (select code from scope_regions($scope_code) where level = 'city'
                        union all select $scope_code)
    group by city_code
)
select avg(pm25) as pm25_ugm3, count(*) as cities, sum(valid_days) as valid_days,
       min(first_day) as first_day, max(last_day) as last_day
from city_means;
