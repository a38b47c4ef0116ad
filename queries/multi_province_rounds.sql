-- multi_province_rounds
-- Central inspection rounds that cover several provinces, as scopes for the pickers: the provinces
-- a round inspected, as a comma list of province codes (the form scope_regions() takes).
-- 回头看 (review) rounds count as rounds of their own.
-- params:  (none)
-- returns: scope_code ('360000,420000'), round_label (round1, review, round2 …), provinces (count)
select string_agg(distinct left(i.region_code, 2) || '0000', ',' order by left(i.region_code, 2) || '0000') as scope_code,
       i.round_label,
       count(distinct left(i.region_code, 2))                                                        as provinces
from inspections as i
where i.kind = 'central'
group by i.round_label
having count(distinct left(i.region_code, 2)) > 1
order by min(i.stationed_from), i.round_label;
