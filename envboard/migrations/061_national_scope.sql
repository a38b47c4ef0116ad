-- 061_national_scope: 全国 (000000) and multi-province selections as scopes.
-- scope_regions('000000') is every region; scope_regions('360000,420000') the union of the listed
-- scopes (an inspection round that covers several provinces). A single code behaves as before.
create or replace macro scope_regions(scope_code) as table
select code, name, level, city_code, province_code
from regions
where scope_code = '000000'
   or list_contains(string_split(scope_code, ','), code)
   or list_contains(string_split(scope_code, ','), parent_code)
   or list_contains(string_split(scope_code, ','), city_code)
   or (list_contains(string_split(scope_code, ','), province_code) and level in ('city', 'county'));
