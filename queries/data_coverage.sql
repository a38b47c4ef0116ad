-- data_coverage
-- What the database holds and up to when: the data-as-of date of each domain.
-- params:  (none)
-- returns: domain, rows, first_on, last_on
select 'tasks' as domain, count(*) as rows, min(changed_on) as first_on, max(changed_on) as last_on from task_status_history
union all select 'petitions', count(*), min(received_on), max(greatest(received_on, coalesce(closed_on, received_on))) from petitions
union all select 'supervision', count(*), min(acted_on), max(acted_on) from supervision_actions
union all select 'air', count(*), min(measured_on), max(measured_on) from air_daily
union all select 'water', count(*), min(month), last_day(max(month)) from water_monthly;
