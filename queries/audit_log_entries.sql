-- audit_log_entries
-- The audit log, newest first, filtered by actor, action and a date range (all optional).
-- params:  $actor  VARCHAR  exact account name, or '' for everyone
--          $action VARCHAR  exact action (import, rollback, login …), or '' for every action
--          $since  DATE     first day included
--          $until  DATE     last day included
-- returns: audit_id, logged_at, actor, action, detail (JSON text)
select audit_id, logged_at, actor, action, detail::varchar as detail
from audit_log
where ($actor = '' or actor = $actor)
  and ($action = '' or action = $action)
  and logged_at >= $since::timestamp
  and logged_at < $until::timestamp + interval 1 day
order by audit_id desc
limit 5000;
