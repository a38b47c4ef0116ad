-- 002_import: undo records, so that one import can be rolled back exactly.
-- undo_<table> has the table's columns (same types, no constraints) plus the import and the change:
--   undo_op = 'insert': the key of a row the import added (rollback deletes it);
--   undo_op = 'update': the whole row as it was before the import (rollback writes it back).
create table undo_tasks as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from tasks limit 0;
create table undo_task_status_history as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from task_status_history limit 0;
create table undo_petitions as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from petitions limit 0;
create table undo_supervision_actions as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from supervision_actions limit 0;
create table undo_air_daily as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from air_daily limit 0;
create table undo_water_monthly as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from water_monthly limit 0;
