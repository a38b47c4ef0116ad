-- water_by_level
-- Surface-water sections of a scope by control level (国控 national / 省控 provincial) over a period:
-- sections assessed, 优良 (I–III) sections and share, 劣V sections, on-target sections. Each section's
-- class is the single-factor class of its period means (GB 3838-2002, water_section_period).
-- params:  $scope_code VARCHAR  '000000', a 6-digit code or a comma list of provinces
--          $start DATE, $end DATE  the period (inclusive)
-- returns: control_level, sections, good_sections, inferior_sections, on_target_sections,
--          good_share (0–1; NULL without sections)
-- published (赣州, demo seed): 国控断面 100 %, 省控断面 97.3 %.
select w.control_level,
       count(*)                                        as sections,
       count(*) filter (where p.class_num <= 3)        as good_sections,
       count(*) filter (where p.class_num = 6)         as inferior_sections,
       count(*) filter (where p.is_on_target)          as on_target_sections,
       count(*) filter (where p.class_num <= 3) / nullif(count(*), 0) as good_share
from water_section_period($start, $end) as p
join water_sections as w using (section_id)
where p.city_code in (select coalesce(city_code, code) from scope_regions($scope_code))
group by w.control_level
order by case w.control_level when 'national' then 0 else 1 end;
