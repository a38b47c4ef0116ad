-- public_publication
-- The published snapshot's one publication row (read from the snapshot file, never the internal DB).
-- params:  none
-- returns: published_on, as_of (month end), scope_code, scope_name, is_demo, period_start
select published_on, as_of, scope_code, scope_name, is_demo, period_start from publication;
