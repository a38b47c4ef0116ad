-- public_regions
-- Regions of the published snapshot: the province first, then its cities in code order.
-- params:  none
-- returns: region_code, region_name, level (province | city), sort_order
select region_code, region_name, level, sort_order from regions order by sort_order;
