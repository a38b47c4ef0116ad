-- 060_composite_basis: the pre-aggregated composite index states its basis.
-- composite_index (2 dp) is computed from the unrounded period statistics (城市环境空气质量排名技术规定,
-- HJ 663); composite_index_exact is the unrounded sum, the i_* columns the single-pollutant indices;
-- limits_standard names the GB 3095 Grade II limits used, composite_inputs 'unrounded' | 'rounded'.
alter table air_composite_year add column composite_index_exact double;
alter table air_composite_year add column i_so2 double;
alter table air_composite_year add column i_no2 double;
alter table air_composite_year add column i_pm10 double;
alter table air_composite_year add column i_pm25 double;
alter table air_composite_year add column i_co double;
alter table air_composite_year add column i_o3 double;
alter table air_composite_year add column limits_standard varchar;
alter table air_composite_year add column composite_inputs varchar;
