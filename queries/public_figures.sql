-- public_figures
-- Published aggregates per region and period (period_kind 'month' or 'ytd'); rates are percentages
-- with one decimal, each with its numerator and denominator; *_rank among the cities, ties share a rank.
-- params:  none
-- returns: every allow-listed column of `figures`, ordered by period and region
select f.* from figures as f join regions as r using (region_code)
order by f.period_kind, f.period_end, r.sort_order;
