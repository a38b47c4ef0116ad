-- ledger_rebound
-- 回潮: closed tasks whose city and category receive new substantiated (属实/部分属实) petitions after
-- the task's closure date, up to $as_of. Category → pollution_type: air→air, water→water, soil→soil,
-- waste→solid_waste, ecology→ecology (other categories are not matched).
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: task_id, round_label, city_code, city_name, title, category, pollution_type, closed_on,
--          petitions_after (count), first_petition_on, last_petition_on
with closed_first as (
    select task_id, min(changed_on) as closed_on
    from task_status_history
    where status = 'closed'
    group by task_id
), type_map(category, pollution_type) as (
    values ('air', 'air'), ('water', 'water'), ('soil', 'soil'), ('waste', 'solid_waste'), ('ecology', 'ecology')
)
select s.task_id, i.round_label, s.city_code, c.name as city_name, s.title, s.category, m.pollution_type,
       f.closed_on, count(*) as petitions_after,
       min(p.received_on) as first_petition_on, max(p.received_on) as last_petition_on
from task_state($as_of) as s
join closed_first as f using (task_id)
join inspections as i using (inspection_id)
join regions as c on c.code = s.city_code
join type_map as m on m.category = s.category
join petitions as p
  on p.city_code = s.city_code and p.pollution_type = m.pollution_type
 and p.substantiated in ('yes', 'partly') and p.received_on > f.closed_on and p.received_on <= $as_of
where s.is_closed and s.region_code in (select code from scope_regions($scope_code))
group by all
order by petitions_after desc, s.task_id;
