-- water_section_class
-- Temp table macros for surface-water period assessment (installed by install(con); uses the temp
-- table water_limits(code, body_type, direction, class_num, limit_value, is_assessed)).
-- Each macro takes an optional cities := ['360100', …] (NULL = every city); the sections of those
-- cities are chosen before the monthly values are read, so a province reads its own rows only.
-- water_section_period(start_on, end_on): one row per section with data in the period.
--   Period value = mean of the monthly values per indicator (rounded to 6 decimals, DECIMAL), then
--   single-factor class (limits inclusive, DO lower limit, pH 6–9 else 劣V); 21 indicators
--   (WT, TN, FC and unknown codes ignored); lakes use the lake TP limits because body_type = 'lake'.
--   returns: section_id, city_code, body_type, target_class, indicators, class_num (6 = 劣V),
--            class_label, limiting_indicators ('TP,NH3_N'; NULL for class I), is_on_target
-- water_city_period(start_on, end_on): one row per city.
--   returns: city_code, sections, good_sections (I–III), inferior_sections (劣V), on_target_sections,
--            good_share, inferior_share, on_target_share (0–1), river_sections, lake_sections,
--            cwqi_river, cwqi_lake, cwqi (ranks: envboard/domain/rank.py)
--   CWQI (2017 ranking rule, [mem]): per body type, CWQI_i of the mean over the city's sections
--   of each indicator's period mean, S_i = Class III limit; DO S/C; pH |pH − 7|/1 or /2;
--   city CWQI = (CWQI_river × n_river + CWQI_lake × n_lake) / (n_river + n_lake).

create or replace temp macro water_indicator_means(start_on, end_on, cities := null) as table
select s.section_id, s.city_code, s.body_type, s.target_class, m.indicator,
       cast(round(avg(m.value), 6) as decimal(18, 6)) as value
from water_monthly as m
join water_sections as s using (section_id)
where m.month between cast(start_on as date) and cast(end_on as date)
  and (cast(cities as varchar[]) is null or list_contains(cast(cities as varchar[]), s.city_code))
  and (m.indicator = 'pH'
       or m.indicator in (select code from water_limits where is_assessed))
group by s.section_id, s.city_code, s.body_type, s.target_class, m.indicator;

create or replace temp macro water_section_period(start_on, end_on, cities := null) as table
with classed as (
    select m.section_id, m.city_code, m.body_type, m.target_class, m.indicator, m.value,
           case when m.indicator = 'pH'
                then case when m.value between 6 and 9 then 1 else 6 end
                else coalesce(min(l.class_num), 6) end as indicator_class
    from water_indicator_means(start_on, end_on, cities := cities) as m
    left join water_limits as l
      on l.code = m.indicator and l.body_type = m.body_type
     and ((l.direction = 'upper_limit' and m.value <= l.limit_value)
          or (l.direction = 'lower_limit' and m.value >= l.limit_value))
    group by m.section_id, m.city_code, m.body_type, m.target_class, m.indicator, m.value
), worst as (
    select *, max(indicator_class) over (partition by section_id) as class_num
    from classed
)
select section_id, city_code, body_type, target_class,
       count(*) as indicators,
       any_value(class_num) as class_num,
       ['I', 'II', 'III', 'IV', 'V', '劣V'][any_value(class_num)] as class_label,
       case when any_value(class_num) > 1
            then string_agg(indicator, ',' order by indicator)
                 filter (where indicator_class = class_num) end as limiting_indicators,
       any_value(class_num) <= target_class as is_on_target
from worst
group by section_id, city_code, body_type, target_class;

create or replace temp macro water_city_cwqi(start_on, end_on, cities := null) as table
with body_means as (
    select city_code, body_type, indicator, avg(cast(value as double)) as value,
           count(distinct section_id) as sections
    from water_indicator_means(start_on, end_on, cities := cities)
    group by all
), terms as (
    select b.city_code, b.body_type, b.indicator,
           case when b.indicator = 'pH'
                     then case when b.value <= 7 then (7.0 - b.value) / (7.0 - 6.0)
                               else (b.value - 7.0) / (9.0 - 7.0) end
                when l.direction = 'lower_limit' then cast(l.limit_value as double) / nullif(b.value, 0)
                else b.value / cast(l.limit_value as double) end as cwqi_i
    from body_means as b
    left join water_limits as l
      on l.code = b.indicator and l.body_type = b.body_type and l.class_num = 3
)
select city_code,
       sum(cwqi_i) filter (where body_type = 'river') as cwqi_river,
       sum(cwqi_i) filter (where body_type = 'lake') as cwqi_lake
from terms
group by city_code;

create or replace temp macro water_city_period(start_on, end_on, cities := null) as table
with sections as (
    select city_code,
           count(*) as sections,
           count(*) filter (where class_num <= 3) as good_sections,
           count(*) filter (where class_num = 6) as inferior_sections,
           count(*) filter (where is_on_target) as on_target_sections,
           count(*) filter (where body_type = 'river') as river_sections,
           count(*) filter (where body_type = 'lake') as lake_sections
    from water_section_period(start_on, end_on, cities := cities)
    group by city_code
), joined as (
    select s.*, c.cwqi_river, c.cwqi_lake,
           (coalesce(c.cwqi_river * s.river_sections, 0) + coalesce(c.cwqi_lake * s.lake_sections, 0))
             / nullif((case when c.cwqi_river is null then 0 else s.river_sections end)
                      + (case when c.cwqi_lake is null then 0 else s.lake_sections end), 0) as cwqi
    from sections as s
    left join water_city_cwqi(start_on, end_on, cities := cities) as c using (city_code)
)
select city_code, sections, good_sections, inferior_sections, on_target_sections,
       good_sections / sections as good_share,
       inferior_sections / sections as inferior_share,
       on_target_sections / sections as on_target_share,
       river_sections, lake_sections, cwqi_river, cwqi_lake, cwqi
from joined;
