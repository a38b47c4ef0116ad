-- 001_init: the core data model.
-- Codes are English identifiers; Chinese labels live in envboard/core/i18n.py.
-- Dates end in _on; a `month` column holds the first day of its month.

create table regions (
    code            varchar primary key,      -- GB/T 2260 6-digit code
    name            varchar not null,         -- 赣州市
    short_name      varchar not null,         -- 赣州
    level           varchar not null,         -- province | city | county
    parent_code     varchar,                  -- province for a city, city for a county
    province_code   varchar not null,
    city_code       varchar,                  -- the city itself for a city, its city for a county
    is_municipality boolean not null default false,  -- 北京/天津/上海/重庆: a province ranked as a city
    center_lng      double,
    center_lat      double
);

create table inspections (
    inspection_id   varchar primary key,      -- e.g. 'central-2-360000'
    kind            varchar not null,         -- central | provincial
    round_no        integer not null,         -- 1, 2, 3 …; 回头看 counts with its round
    round_label     varchar not null,         -- round1 | review | round2 | round3 | provincial1 …
    team_name       varchar,                  -- 中央第四生态环境保护督察组
    region_code     varchar not null,         -- region inspected (province or city)
    stationed_from  date,
    stationed_to    date,
    feedback_on     date,
    plan_due_on     date,
    is_synthetic    boolean not null default true
);

create table tasks (
    task_id               varchar primary key,  -- inspection_id || '/' || task_code
    inspection_id         varchar not null,
    task_code             varchar not null,
    region_code           varchar not null,     -- city or county responsible
    city_code             varchar not null,     -- the city the task counts for
    title                 varchar not null,
    category              varchar not null,     -- air | water | soil | waste | ecology | other
    responsible_unit      varchar,
    target                varchar,
    measures              varchar,
    assigned_on           date not null,        -- plan issued: the task exists from this day
    deadline_on           date,                 -- NULL: long-term (长期坚持)
    is_under_closure_mgmt boolean not null,     -- 纳入销号管理
    is_synthetic          boolean not null default true,
    unique (inspection_id, task_code)
);

-- status history: the status in force from changed_on until the next entry (双交账).
create table task_status_history (
    task_id    varchar not null,
    changed_on date not null,
    status     varchar not null,   -- not_started | in_progress | on_schedule | done | closed
    note       varchar,
    import_id  integer,
    primary key (task_id, changed_on)
);

create table petitions (
    petition_id        varchar primary key,  -- 受理编号, e.g. D4JX202104120001
    inspection_id      varchar not null,
    batch_no           integer not null,
    region_code        varchar not null,     -- county or city named in the petition
    city_code          varchar not null,
    received_on        date not null,        -- handed over (交办)
    assigned_on        date,
    pollution_type     varchar not null,     -- air | water | noise | soil | ecology | solid_waste | radiation | other
    substantiated      varchar,              -- yes | partly | no   (属实/部分属实/不属实)
    staged_on          date,                 -- 阶段性办结
    closed_on          date,                 -- 已办结
    summary            varchar,              -- 交办问题基本情况 (internal)
    result_note        varchar,              -- 处理和整改情况 (internal)
    place              varchar,              -- enterprise or place named (for repeat detection)
    penalties          integer not null default 0,   -- 立案处罚
    people_held_accountable integer not null default 0,
    is_recheck         boolean not null default false,
    is_synthetic       boolean not null default true
);

create table supervision_actions (
    action_id     varchar primary key,
    kind          varchar not null,     -- letter | notice | interview | accountability | onsite
    region_code   varchar not null,
    city_code     varchar not null,
    acted_on      date not null,
    people_count  integer not null default 0,
    task_id       varchar,
    note          varchar,
    is_synthetic  boolean not null default true
);

create table air_daily (
    city_code    varchar not null,
    measured_on  date not null,
    pm25_ugm3    double,
    pm10_ugm3    double,
    so2_ugm3     double,
    no2_ugm3     double,
    co_mgm3      double,
    o3_8h_ugm3   double,     -- daily maximum 8-hour moving mean
    o3_1h_ugm3   double,     -- daily maximum 1-hour value (HJ 633-2012 daily AQI only)
    is_dust      boolean not null default false,
    primary key (city_code, measured_on)
);

create table water_sections (
    section_id    varchar primary key,
    name          varchar not null,
    water_body    varchar not null,     -- river or lake name
    body_type     varchar not null,     -- river | lake
    region_code   varchar not null,
    city_code     varchar not null,
    control_level varchar not null,     -- national | provincial  (国控/省控)
    target_class  integer not null      -- 1..5 (6 = 劣V)
);

create table water_monthly (
    section_id  varchar not null,
    month       date not null,
    indicator   varchar not null,       -- code from water_limits_gb3838_2002.csv (pH, DO, COD_Mn …)
    value       double not null,
    primary key (section_id, month, indicator)
);

create table import_history (
    import_id    integer primary key,
    kind         varchar not null,      -- demo | tasks | progress | petitions | supervision | air | water
    file_name    varchar,
    content_hash varchar,
    imported_by  varchar,
    imported_at  timestamp not null,
    inserted     integer not null default 0,
    updated      integer not null default 0,
    unchanged    integer not null default 0,
    rejected     integer not null default 0,
    rolled_back_at timestamp
);

create table meta (
    key   varchar primary key,
    value varchar not null
);
