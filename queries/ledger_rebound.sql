-- ledger_rebound
-- 回潮: closed tasks whose city and category receive new substantiated (属实/部分属实) petitions after
-- the task's closure date, up to $as_of. Category → pollution_type: air→air, water→water, soil→soil,
-- waste→solid_waste, ecology→ecology (other categories are not matched).
-- Counted with running totals and ASOF lookups (petitions up to $as_of minus petitions up to the
-- closure date) rather than a range join of every task with every later petition.
-- params:  $scope_code VARCHAR  6-digit code
--          $as_of      DATE     last day of the reporting month
-- returns: task_id, round_label, city_code, city_name, title, category, pollution_type, closed_on,
--          petitions_after (count), first_petition_on, last_petition_on
with type_map(category, pollution_type) as (
    values ('air', 'air'), ('water', 'water'), ('soil', 'soil'), ('waste', 'solid_waste'), ('ecology', 'ecology')
), closed as materialized (
    select s.task_id, s.inspection_id, s.city_code, s.title, s.category, m.pollution_type
    from scope_task_state($scope_code, $as_of) as s
    join type_map as m on m.category = s.category
    where s.is_closed
), closed_first as (
    select task_id, min(changed_on) as closed_on
    from task_status_history
    where status = 'closed' and task_id in (select task_id from closed)
    group by task_id
), received as materialized (
    -- substantiated petitions per city, type and day, with the running count up to that day
    select city_code, pollution_type, received_on,
           sum(count(*)) over (partition by city_code, pollution_type order by received_on) as running
    from petitions
    where substantiated in ('yes', 'partly') and received_on <= $as_of
      and city_code in (select city_code from closed)
    group by city_code, pollution_type, received_on
), totals as (
    select city_code, pollution_type, max(running) as total, max(received_on) as last_on
    from received
    group by all
), counted as (
    select c.*, f.closed_on, cast(t.total - coalesce(b.running, 0) as bigint) as petitions_after,
           a.received_on as first_petition_on, t.last_on as last_petition_on
    from closed as c
    join closed_first as f using (task_id)
    join totals as t using (city_code, pollution_type)
    asof left join received as b
      on b.city_code = c.city_code and b.pollution_type = c.pollution_type and b.received_on <= f.closed_on
    asof left join received as a
      on a.city_code = c.city_code and a.pollution_type = c.pollution_type and a.received_on > f.closed_on
)
select n.task_id, i.round_label, n.city_code, r.name as city_name, n.title, n.category, n.pollution_type,
       n.closed_on, n.petitions_after, n.first_petition_on, n.last_petition_on
from counted as n
join inspections as i using (inspection_id)
join regions as r on r.code = n.city_code
where n.petitions_after > 0
order by n.petitions_after desc, n.task_id;
