-- 010_reference_lists: what an office registers before its ledgers can be imported.
-- reporting_units: 新区, 开发区, industrial bases … that report like a region but are not in GB/T 2260.
-- Each unit is mirrored into `regions` (is_reporting_unit) so that scopes, rankings and imports see it:
-- as a city of its province when it is ranked beside the cities, else as a county of its parent city.
create table reporting_units (
    unit_code             varchar primary key,   -- own 6-digit code, PP99NN (99 is unused in GB/T 2260)
    name                  varchar not null,      -- 宁东能源化工基地
    short_name            varchar not null,      -- 宁东基地
    unit_kind             varchar not null,      -- new_area | development_zone | industrial_base | other
    parent_code           varchar not null,      -- the city it lies in (or the province)
    province_code         varchar not null,
    is_ranked_with_cities boolean not null,      -- ranked beside the cities, or folded into the parent
    note                  varchar
);
alter table regions add column is_reporting_unit boolean default false;

create table undo_reporting_units as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from reporting_units limit 0;
create table undo_inspections as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from inspections limit 0;
create table undo_water_sections as
    select 0::integer as undo_import_id, ''::varchar as undo_op, * from water_sections limit 0;

-- An editor's answer to "what does this cell mean": raw text → a known value, per scope and column.
create table value_mappings (
    scope_code   varchar not null,    -- '' for every scope
    kind         varchar not null,    -- import kind (petitions, tasks …)
    field        varchar not null,    -- canonical column (status, substantiated …)
    raw_value    varchar not null,    -- the cell as written, compacted
    mapped_value varchar not null,    -- a value the column's parser knows (已办结 …)
    created_by   varchar,
    created_at   timestamp not null,
    primary key (scope_code, kind, field, raw_value)
);
