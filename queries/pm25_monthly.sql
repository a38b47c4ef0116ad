-- pm25_monthly
-- Monthly PM2.5 of one scope (mean of its cities' monthly means; sand-dust days excluded).
-- params:  $scope_code VARCHAR  6-digit code
--          $from_month DATE     first month (first day)
--          $to_month   DATE     last month (first day)
-- returns: month, pm25_ugm3, valid_days
with city_months as (
    select city_code, date_trunc('month', measured_on)::date as month,
           avg(pm25_ugm3) as pm25, count(pm25_ugm3) as valid_days
    from air_daily
    where measured_on >= $from_month and measured_on < $to_month + interval 1 month
      and not is_dust and pm25_ugm3 is not null
      and city_code in (select code from scope_regions($scope_code) where level = 'city'
                        union all select $scope_code)
    group by all
)
select month, avg(pm25) as pm25_ugm3, sum(valid_days) as valid_days
from city_months group by month order by month;
