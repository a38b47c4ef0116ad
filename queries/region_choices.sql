-- region_choices
-- Provinces and cities that have data, for scope pickers (a province first, then its cities).
-- params:  (none)
-- returns: code, name, short_name, level, province_code
select r.code, r.name, r.short_name, r.level, r.province_code
from regions as r
where r.code in (select distinct city_code from tasks
                 union select distinct city_code from air_daily
                 union select distinct left(city_code, 2) || '0000' from tasks)
order by r.province_code, r.level <> 'province', r.code;
