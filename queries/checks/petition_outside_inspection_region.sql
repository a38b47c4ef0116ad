-- petition_outside_inspection_region
-- Invariant: every petition's region lies inside the region its inspection covered (the province,
-- or the city, inspected), and its inspection exists.
-- returns: petition_id, inspection_id, region_code, inspected_region_code (NULL: no such inspection)
select p.petition_id, p.inspection_id, p.region_code, i.region_code as inspected_region_code
from petitions as p
left join inspections as i using (inspection_id)
left join regions as g on g.code = p.region_code
where i.inspection_id is null
   or not (p.region_code = i.region_code or g.city_code = i.region_code or g.province_code = i.region_code)
order by p.petition_id;
