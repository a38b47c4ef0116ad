"""Tasks, progress, supervision, air and water imports: keys, history, aggregation, rollback."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from envboard.core.db import write_transaction
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db, table_checksums

DATA = Path(__file__).parent / "data" / "ingest"
INSPECTION = Options(inspection_id="central-2-360000")
TASKS = ("任务编号,整改任务,责任地区,任务类别,责任单位,交办日期,整改时限,是否纳入销号管理,整改进展,进展日期\n"
         "JX-001,某工业园区污水直排,赣州市,水,市生态环境局,2021-09-01,2022年12月31日,是,正在推进,2021-12-31\n"
         "JX-002,稀土矿区生态修复滞后,章贡区,生态,市自然资源局,2021-09-01,长期坚持,否,未启动,2021-12-31\n")


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    return path


def q(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path, kind: str, options: Options | None = None) -> api.PreviewResult:
    return api.commit(path, path.name, kind, options=options)


def test_tasks_import_with_first_history_entry(db, tmp_path):
    result = run(write(tmp_path, "tasks.csv", TASKS), "tasks", INSPECTION)
    assert (result.status, result.counts.inserted) == ("imported", 2), result.errors
    assert q(db, "select task_id, region_code, city_code, category, deadline_on, is_under_closure_mgmt "
                 "from tasks order by 1") == [
        ("central-2-360000/JX-001", "360700", "360700", "water", dt.date(2022, 12, 31), True),
        ("central-2-360000/JX-002", "360702", "360700", "ecology", None, False)]
    assert q(db, "select task_id, changed_on, status, import_id from task_status_history order by 1") == [
        ("central-2-360000/JX-001", dt.date(2021, 12, 31), "in_progress", result.import_id),
        ("central-2-360000/JX-002", dt.date(2021, 12, 31), "not_started", result.import_id)]


def test_task_status_update_appends_history_and_rollback_removes_it(db, tmp_path):
    run(write(tmp_path, "tasks.csv", TASKS), "tasks", INSPECTION)
    before = table_checksums(db)
    later = TASKS.replace("正在推进,2021-12-31", "已完成,2022-06-30")
    result = run(write(tmp_path, "tasks2.csv", later), "tasks", INSPECTION)
    assert (result.counts.inserted, result.counts.updated, result.counts.unchanged) == (0, 1, 1)
    assert q(db, "select changed_on, status from task_status_history where task_id like '%JX-001' order by 1") == [
        (dt.date(2021, 12, 31), "in_progress"), (dt.date(2022, 6, 30), "done")]
    assert run(write(tmp_path, "tasks2.csv", later), "tasks", INSPECTION).counts.updated == 0
    api.rollback(result.import_id + 1)      # the no-op re-import
    api.rollback(result.import_id)
    assert table_checksums(db) == before


def test_task_without_inspection_is_rejected(db, tmp_path):
    result = run(write(tmp_path, "tasks.csv", TASKS), "tasks")
    assert {e.message_key for e in result.errors if e.severity == "error"} == {"ingest.err.no_inspection"}


def test_progress_file_adds_history_for_known_tasks_only(db, tmp_path):
    run(write(tmp_path, "tasks.csv", TASKS), "tasks", INSPECTION)
    progress = ("任务编号,进展日期,整改进展,进展情况\n"
                "JX-001,2022-03-31,达到序时进度,管网改造完成60%\n"
                "JX-001,2021-12-31,正在推进,\n"
                "JX-009,2022-03-31,已完成,\n")
    rejected = run(write(tmp_path, "progress.csv", progress), "progress")
    assert [(e.row, e.column, e.message_key) for e in rejected.errors if e.severity == "error"] == \
        [(4, "任务编号", "ingest.err.unknown_task")]
    result = run(write(tmp_path, "progress.csv", progress.rsplit("JX-009", 1)[0]), "progress")
    # the 2021-12-31 report repeats the entry already there: unchanged
    assert (result.counts.inserted, result.counts.updated, result.counts.unchanged) == (1, 0, 1)
    assert q(db, "select status, note from task_status_history where changed_on = '2022-03-31'") == \
        [("on_schedule", "管网改造完成60%")]


def test_supervision_actions_get_stable_ids_without_an_id_column(db, tmp_path):
    text = "督办方式,行政区域,日期,涉及人数,备注\n约谈,赣州市,2022-05-20,3,整改滞后\n函告,章贡区,2022年6月1日,,\n"
    path = write(tmp_path, "督办.csv", text)
    assert run(path, "supervision").counts.inserted == 2
    assert run(path, "supervision").counts.unchanged == 2
    assert q(db, "select action_id, kind, people_count from supervision_actions order by acted_on") == [
        ("interview/360700/2022-05-20/", "interview", 3), ("letter/360702/2022-06-01/", "letter", 0)]


def test_air_daily_table_imports_by_city_and_date(db, tmp_path):
    text = "城市,日期,PM2.5(μg/m³),PM10,SO2,NO2,CO,O3_8h,沙尘\n赣州,2024-05-01,35,60,8,20,0.8,120,否\n赣州,2024/5/2,40,,8,20,0.8,130,是\n"
    result = run(write(tmp_path, "air.csv", text), "air")
    assert result.counts.inserted == 2, result.errors
    assert q(db, "select measured_on, pm25_ugm3, pm10_ugm3, o3_8h_ugm3, is_dust from air_daily order by 1") == [
        (dt.date(2024, 5, 1), 35.0, 60.0, 120.0, False), (dt.date(2024, 5, 2), 40.0, None, 130.0, True)]


def test_hourly_station_data_aggregate_like_the_published_daily_file(db):
    # 3 days of UCI PRSA hourly data at 东四; reference: beijing_multisite_daily_2013_2017.csv (Dongsi rows)
    result = run(DATA / "prsa_dongsi_3days.csv", "air", Options(region="北京市"))
    assert result.counts.inserted == 3, result.errors
    got = q(db, "select measured_on, round(pm25_ugm3, 1), round(pm10_ugm3, 1), round(so2_ugm3, 1), "
                "round(no2_ugm3, 1), round(co_mgm3, 3), round(o3_8h_ugm3, 1) from air_daily order by 1")
    assert got == [(dt.date(2013, 3, 1), 6.4, 9.9, 8.5, 28.5, 0.396, 88.0),
                   (dt.date(2013, 3, 2), 30.5, 40.6, 28.3, 58.5, 0.967, 51.4),
                   (dt.date(2013, 3, 3), 98.3, 131.6, 58.3, 93.5, 2.133, 54.1)]


def test_day_with_fewer_than_20_hours_has_no_mean(db, tmp_path):
    lines = (DATA / "prsa_dongsi_3days.csv").read_text(encoding="utf-8").splitlines()
    keep = lines[:1] + lines[1:20] + lines[25:]          # day 1 keeps 19 hours
    result = run(write(tmp_path, "hours.csv", "\n".join(keep) + "\n"), "air", Options(region="北京市"))
    assert result.status == "imported"
    assert q(db, "select pm25_ugm3, o3_8h_ugm3 from air_daily where measured_on = '2013-03-01'") == [(None, None)]


def _sections(db: Path) -> None:
    with write_transaction(db) as con:
        con.execute("insert into water_sections values ('S1', '八一桥', '赣江', 'river', '360102', '360100', "
                    "'national', 3), ('S2', '湖口', '长江', 'river', '360429', '360400', 'national', 2)")


def test_water_long_and_wide_layouts_give_the_same_rows(db, tmp_path):
    _sections(db)
    long = "断面,月份,指标,监测值\n八一桥,2024年5月,高锰酸盐指数,3.2\n八一桥,2024年5月,氨氮,0.41\nS2,2024-05,pH,7.6\n"
    assert run(write(tmp_path, "long.csv", long), "water").counts.inserted == 3
    expected = q(db, "select section_id, month, indicator, value from water_monthly order by all")
    assert expected == [("S1", dt.date(2024, 5, 1), "COD_Mn", 3.2), ("S1", dt.date(2024, 5, 1), "NH3_N", 0.41),
                        ("S2", dt.date(2024, 5, 1), "pH", 7.6)]
    wide = "断面名称,监测时间,高锰酸盐指数,氨氮,pH值\n八一桥,2024.05,3.2,0.41,\n湖口,202405,,,7.6\n"
    result = run(write(tmp_path, "wide.csv", wide), "water")
    assert (result.counts.inserted, result.counts.unchanged) == (0, 3)


def test_water_unknown_section_is_an_error(db, tmp_path):
    _sections(db)
    result = run(write(tmp_path, "w.csv", "断面,月份,指标,监测值\n不存在断面,2024-05,氨氮,0.4\n"), "water")
    assert [(e.row, e.column, e.message_key) for e in result.errors] == [(2, "断面", "ingest.err.unknown_section")]
