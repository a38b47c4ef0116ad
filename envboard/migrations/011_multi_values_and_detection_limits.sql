-- 011: a petition may name several pollution types (问题类型 “大气、噪声”); a water result may be
-- below the method's detection limit (0.004L, <0.004, ND, 未检出).
-- pollution_types holds every type named (pollution_type stays the first, for one-type views);
-- counts by type unnest it, so a petition about air and noise counts once under each.
alter table petitions add column pollution_types varchar[];
alter table undo_petitions add column pollution_types varchar[];

-- value is what statistics use: the measurement, or half the detection limit when below it
-- (环办监测函〔2020〕82号 第七点); raw_text is the cell as reported; detection_limit the method's limit.
alter table water_monthly add column raw_text varchar;
alter table water_monthly add column is_below_dl boolean default false;
alter table water_monthly add column detection_limit double;
alter table undo_water_monthly add column raw_text varchar;
alter table undo_water_monthly add column is_below_dl boolean default false;
alter table undo_water_monthly add column detection_limit double;
