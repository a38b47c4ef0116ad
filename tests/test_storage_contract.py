"""The storage contract: the embedded file and server mode (DuckLake on PostgreSQL) answer alike.

Every named query gives the same rows on the demo data in both stores; each import kind, rollback,
all-or-nothing rejection, publish and the briefing freeze behave the same; server mode adds
snapshots (data version = snapshot id, reading "as of data version N") and concurrent writers.
A throwaway PostgreSQL cluster is started for the session (Debian's postgresql package).
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pandas as pd
import pytest

from envboard.core import db, lake, pgcluster, queries
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db

pytestmark = pytest.mark.server
DATA = Path(__file__).parent / "data" / "ingest"
XUNYANG = DATA / "petition_table_jiangxi_xunyang_2024_batch17.csv"
INSPECTION = Options(inspection_id="central-2-360000")
PETITIONS = Options(as_of=dt.date(2024, 5, 26))          # the table's date (第17批, 2024-05-26)
TASKS = ("任务编号,整改任务,责任地区,任务类别,责任单位,交办日期,整改时限,是否纳入销号管理,整改进展,进展日期\n"
         "JX-001,某工业园区污水直排,赣州市,水,市生态环境局,2021-09-01,2022年12月31日,是,正在推进,2021-12-31\n"
         "JX-002,稀土矿区生态修复滞后,章贡区,生态,市自然资源局,2021-09-01,长期坚持,否,未启动,2021-12-31\n")
PROGRESS = "任务编号,进展日期,整改进展,进展情况\nJX-001,2022-03-31,达到序时进度,管网改造完成60%\n"
SUPERVISION = "督办方式,行政区域,日期,涉及人数,备注\n约谈,赣州市,2022-05-20,3,整改滞后\n函告,章贡区,2022年6月1日,,\n"
AIR = ("城市,日期,PM2.5(μg/m³),PM10,SO2,NO2,CO,O3_8h,沙尘\n"
       "赣州,2024-05-01,35,60,8,20,0.8,120,否\n赣州,2024/5/2,40,,8,20,0.8,130,是\n")
WATER = "断面,月份,指标,监测值\n八一桥,2024年5月,高锰酸盐指数,3.2\n八一桥,2024年5月,氨氮,0.41\n"
TABLES = ("tasks", "task_status_history", "petitions", "supervision_actions", "air_daily", "water_monthly")
_names = itertools.count(1)


def new_lake(pg, folder: Path) -> lake.LakeStore:
    dsn = pgcluster.create_database(pg, f"lake{next(_names)}")
    folder.mkdir(parents=True, exist_ok=True)
    return lake.LakeStore(dsn, str(folder) + "/")


def use(monkeypatch, target: db.Target) -> None:
    """Make `target` the configured store, as ENVBOARD_STORE/ENVBOARD_DB would."""
    if isinstance(target, lake.LakeStore):
        monkeypatch.setenv("ENVBOARD_STORE", target.url)
        monkeypatch.setenv("ENVBOARD_DATA_PATH", target.data_path)
    else:
        monkeypatch.setenv("ENVBOARD_STORE", "embedded")
        monkeypatch.setenv("ENVBOARD_DB", str(target))


@pytest.fixture(params=["embedded", "lake"])
def store(request, tmp_path, monkeypatch) -> db.Target:
    """A fresh store of each kind with regions and four real inspections, configured as the default."""
    if request.param == "lake":
        target = new_lake(request.getfixturevalue("pg"), tmp_path / "lake")
    else:
        target = tmp_path / "envboard.duckdb"
    make_db(target)
    use(monkeypatch, target)
    return target


@pytest.fixture(scope="session")
def demo_stores(pg, tmp_path_factory, demo_db_path) -> dict[str, db.Target]:
    """The demo dataset in both stores."""
    from envboard.cli.common import create_database

    target = new_lake(pg, tmp_path_factory.mktemp("demo-lake"))
    create_database(target, demo=True)
    return {"embedded": demo_db_path, "lake": target}


def rows(target: db.Target, sql: str, version: int | None = None) -> list[tuple]:
    con = db.open_reader(target, version)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def checksums(target: db.Target) -> dict[str, tuple]:
    """(row count, sum of row hashes) per data table."""
    return {t: tuple(rows(target, f"select count(*), coalesce(sum(hash(t)), 0) from {t} as t")[0]) for t in TABLES}


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- every named query, both stores
PARAMS = {"as_of": dt.date(2022, 12, 31), "scope_code": "360000", "city_code": "360700", "at_risk_days": 30,
          "from_month": dt.date(2022, 1, 1), "to_month": dt.date(2022, 12, 1), "from_date": dt.date(2022, 1, 1),
          "window_months": 12, "month_start": dt.date(2022, 12, 1), "actor": "", "action": "",
          "since": dt.date(2000, 1, 1), "until": dt.date(2100, 12, 31),
          "start": dt.date(2022, 1, 1), "end": dt.date(2022, 12, 31)}


def _params(con, name: str) -> dict:
    _, wanted = queries.query_text(name)
    params = {k: PARAMS[k] for k in wanted if k in PARAMS}
    if "task_id" in wanted:
        params["task_id"] = con.execute("select min(task_id) from tasks where city_code = '360700'").fetchall()[0][0]
    return params


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(list(frame.columns), ignore_index=True, na_position="first") if len(frame) else frame


# public_* queries read the published snapshot file (envboard/publish), which is the same in both modes
@pytest.mark.parametrize("name", [n for n in queries.available() if not n.startswith("public_")])
def test_named_query_gives_the_same_rows_on_both_stores(name, demo_stores):
    results = {}
    for kind, target in demo_stores.items():
        con = db.open_reader(target)
        try:
            results[kind] = queries.run(con, name, **_params(con, name))
        finally:
            con.close()
    pd.testing.assert_frame_equal(_sorted(results["embedded"]), _sorted(results["lake"]))


def test_demo_figures_are_the_published_ones_in_server_mode(demo_stores):
    from envboard.domain.metrics import metrics_for

    con = db.open_reader(demo_stores["lake"])
    try:
        gz = metrics_for(con, "赣州市", "2022-12")
    finally:
        con.close()
    assert (gz["tasks_closed"], gz["tasks_under_closure"], gz["closure_rate_pct"]) == (294, 320, 91.9)
    assert (gz["petitions_closed"], gz["petitions_received"]) == (2114, 2133)


# ---------------------------------------------------------------- imports, rollback, all-or-nothing
def test_each_import_kind_then_rollback_restores_every_table(store, tmp_path):
    with db.write_transaction(store) as con:
        con.execute("insert into water_sections values ('S1', '八一桥', '赣江', 'river', '360102', '360100', "
                    "'national', 3)")
    empty = checksums(store)
    files = [("tasks", TASKS, INSPECTION), ("progress", PROGRESS, None), ("supervision", SUPERVISION, None),
             ("air", AIR, None), ("water", WATER, None)]
    done = []
    for kind, text, options in files:
        result = api.commit(write(tmp_path, f"{kind}.csv", text), f"{kind}.csv", kind, options=options)
        assert result.status == "imported", (kind, result.errors)
        done.append(result)
    petitions = api.commit(XUNYANG, XUNYANG.name, "petitions", options=PETITIONS)
    assert (petitions.status, petitions.counts.inserted) == ("imported", 1)
    assert [r.counts.inserted for r in done] == [2, 1, 2, 2, 2]
    assert [r.import_id for r in done + [petitions]] == [1, 2, 3, 4, 5, 6]
    assert rows(store, "select count(*), count(distinct import_id) from import_history") == [(6, 6)]
    assert rows(store, "select status, note from task_status_history where changed_on = '2022-03-31'") == \
        [("on_schedule", "管网改造完成60%")]
    for result in reversed(done + [petitions]):
        api.rollback(result.import_id)
    assert checksums(store) == empty
    assert rows(store, "select count(*) from import_history where rolled_back_at is not null") == [(6,)]


def test_rejected_file_writes_nothing_and_keeps_the_data_version(store, tmp_path):
    before, version = checksums(store), db.Reader(store).data_version()
    bad = write(tmp_path, "bad.csv", XUNYANG.read_text(encoding="utf-8").replace("九江市浔阳区,大气", "九江市浔阳区,宇宙射线"))
    result = api.commit(bad, bad.name, "petitions", options=PETITIONS)
    assert result.status == "rejected"
    assert checksums(store) == before
    assert db.Reader(store).data_version() == version


def test_failure_inside_the_write_leaves_nothing_behind(store):
    before = checksums(store)
    with pytest.raises(RuntimeError, match="boom"):
        with db.write_transaction(store) as con:
            con.execute("delete from tasks")
            con.execute("insert into supervision_actions (action_id, kind, region_code, city_code, acted_on) "
                        "values ('x', 'letter', '360700', '360700', date '2022-01-01')")
            raise RuntimeError("boom")
    assert checksums(store) == before


def test_every_write_advances_the_data_version(store, tmp_path):
    reader = db.Reader(store, poll_seconds=0)
    first = reader.data_version()
    api.commit(XUNYANG, XUNYANG.name, "petitions", options=PETITIONS)
    assert reader.data_version() > first
    assert rows(store, "select count(*) from petitions") == [(1,)]


# ---------------------------------------------------------------- publish and briefing freeze
def test_publish_builds_the_same_snapshot_from_both_stores(demo_stores, tmp_path):
    from envboard.publish import snapshot

    built = {}
    for kind, target in demo_stores.items():
        con = db.open_reader(target)
        try:
            built[kind] = snapshot.build(con, dt.date(2022, 12, 31), "360000", dt.date(2023, 1, 15))
        finally:
            con.close()
    assert built["embedded"].keys() == built["lake"].keys()
    for table, frame in built["embedded"].items():
        if table == "snapshot_meta":
            continue
        pd.testing.assert_frame_equal(_sorted(frame), _sorted(built["lake"][table]), obj=table)


def test_frozen_briefing_records_its_snapshot_and_regenerates_from_it(demo_stores, pg, tmp_path, monkeypatch):
    from envboard.briefing import build

    target = demo_stores["lake"]
    use(monkeypatch, target)
    con = db.open_reader(target)
    try:
        version = db.data_version(con)
        edition = build.build_edition(con, "360700", dt.date(2022, 12, 31))
    finally:
        con.close()
    assert edition["data_version"] == version == lake.latest_snapshot(target)
    # a later write changes the figures; the edition's snapshot still gives the edition's figures
    with db.write_transaction(target) as con:
        con.execute("update task_status_history set status = 'in_progress' where task_id in "
                    "(select task_id from tasks where city_code = '360700') and status = 'closed'")
    try:
        assert lake.latest_snapshot(target) > version
        con = db.open_reader(target, version=edition["data_version"])
        try:
            again = build.build_edition(con, "360700", dt.date(2022, 12, 31))
        finally:
            con.close()
        assert again.pop("generated_at") >= edition.pop("generated_at")
        assert again == edition
        assert edition["figures"] != _latest_figures(target)
    finally:
        with db.write_transaction(target) as con:       # undo, for the other tests on the demo lake
            con.execute(f"delete from task_status_history; insert into task_status_history "
                        f"select * from task_status_history at (version => {version})")


def _latest_figures(target) -> dict:
    from envboard.briefing import build

    con = db.open_reader(target)
    try:
        return build.build_edition(con, "360700", dt.date(2022, 12, 31))["figures"]
    finally:
        con.close()


# ---------------------------------------------------------------- server mode only
def test_as_of_data_version_reads_the_data_as_it_was(pg, tmp_path):
    target = new_lake(pg, tmp_path / "lake")
    make_db(target)
    before = db.Reader(target).data_version()
    result = api.commit(XUNYANG, XUNYANG.name, "petitions", db_file=target, options=PETITIONS)
    assert result.status == "imported"
    assert rows(target, "select count(*) from petitions") == [(1,)]
    assert rows(target, "select count(*) from petitions", version=before) == [(0,)]


def test_migrations_apply_to_a_lake_without_keys(pg, tmp_path):
    target = new_lake(pg, tmp_path / "lake")
    make_db(target)
    names = {p.name for p in db.MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")}
    assert {r[0] for r in rows(target, "select name from schema_migrations")} == names
    assert rows(target, "select count(*) from regions where code = '360700'") == [(1,)]


def test_lake_statement_drops_keys_and_sequences():
    assert lake.lake_statement("create sequence s start 1") is None
    assert lake.lake_statement("create unique index i on t (a)") is None
    got = lake.lake_statement("create table t (\n a varchar primary key, -- key\n b integer default nextval('s'),"
                              "\n c date not null,\n unique (a, c),\n primary key (a)\n)")
    assert " ".join(got.split()) == "create table t ( a varchar, b integer, c date not null )"
    assert lake.lake_statement("update t set a = 1") == "update t set a = 1"


def test_store_setting_parses_and_hides_the_password(monkeypatch, tmp_path):
    monkeypatch.setenv("ENVBOARD_STORE", "ducklake:postgres:dbname=x host=h password=secret")
    monkeypatch.setenv("ENVBOARD_DATA_PATH", str(tmp_path))
    target = db.store()
    assert isinstance(target, lake.LakeStore) and target.data_path == str(tmp_path) + "/"
    assert "secret" not in str(target) and "password=***" in str(target)
    monkeypatch.setenv("ENVBOARD_DATA_PATH", "")
    with pytest.raises(ValueError, match="ENVBOARD_DATA_PATH"):
        db.store()
    monkeypatch.setenv("ENVBOARD_STORE", "embedded")
    assert db.store() == db.db_path()


def test_extensions_come_from_the_packages_never_a_download():
    con = lake.new_connection()
    try:
        lake.load_extensions(con)
        loaded = dict(con.execute("select extension_name, install_mode from duckdb_extensions() "
                                  "where extension_name in ('ducklake', 'postgres_scanner')").fetchall())
        autoinstall = con.execute("select current_setting('autoinstall_known_extensions')").fetchall()[0][0]
    finally:
        con.close()
    assert loaded == {"ducklake": "CUSTOM_PATH", "postgres_scanner": "CUSTOM_PATH"}
    assert autoinstall is False


def test_maintenance_expires_old_snapshots_but_keeps_an_editions(pg, tmp_path, monkeypatch, capsys):
    from envboard.__main__ import main
    from envboard.briefing import editions

    target = new_lake(pg, tmp_path / "lake")
    make_db(target)
    use(monkeypatch, target)
    for name in ("a", "b"):
        db.write(lambda con, name=name: db.set_meta(con, "probe", name))
        if name == "a":
            kept = db.Reader(target).data_version()
            editions.freeze({"scope": {"code": "360700", "name": "赣州市"}, "month": "2022-12",
                             "data_version": kept}, lambda ed: {})
    db.write(lambda con: db.set_meta(con, "probe", "c"))
    assert main(["maintenance", "--keep-days", "0", "--grace-hours", "0", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["kept_for_editions"] == [kept] and kept not in out["expired_snapshots"]
    assert len(out["expired_snapshots"]) >= 3
    assert rows(target, "select value from meta where key = 'probe'", version=kept) == [("a",)]
    assert rows(target, "select value from meta where key = 'probe'") == [("c",)]
    with pytest.raises(db.DatabaseMissing):
        db.open_reader(target, out["expired_snapshots"][-1])
    assert main(["info", "--data-version", str(kept), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data_version"] == kept


def test_migration_statements_keep_alter_text_and_column_defaults_become_a_fill():
    from envboard.core import lake

    sql = "-- a note; with a semicolon\nalter table regions add column is_x boolean default false;\nselect 'a;b';"
    parts = lake.statements(sql)
    assert len(parts) == 2 and "alter table regions add column is_x" in parts[0]
    assert lake.lake_statement(parts[0]) == \
        "alter table regions add column is_x boolean; update regions set is_x = false"
