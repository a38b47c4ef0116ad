"""Every file of the office corpus (tests/office_corpus.py) imports exactly or is rejected as stated."""
from __future__ import annotations

import datetime as dt
import shutil

import duckdb
import pytest

from envboard.core.db import write_transaction
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.reference import seed_units
from envboard.ingest.testing import INSPECTIONS, make_db, table_checksums
from envboard.core.settings import PROJECT_DIR
from tests.office_corpus import CASES

EXTRA = [("central-3-150000", "central", 3, "round3", "中央第二生态环境保护督察组", "150000",
          dt.date(2023, 5, 1), dt.date(2023, 6, 1))]


@pytest.fixture(scope="module")
def office_template(tmp_path_factory):
    path = make_db(tmp_path_factory.mktemp("corpus") / "office.duckdb", INSPECTIONS + EXTRA)
    with write_transaction(path) as con:
        seed_units(con, PROJECT_DIR / "data" / "reporting_units.csv")
        con.execute("insert into water_sections values ('GJ-01', '八一桥', '赣江', 'river', '360102', '360100', "
                    "'national', 3)")
    return path


@pytest.fixture()
def office_db(office_template, tmp_path, monkeypatch):
    path = tmp_path / "office.duckdb"
    shutil.copy(office_template, path)
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    return path


def test_the_corpus_has_at_least_forty_files():
    assert len(CASES) >= 40 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_office_file(case, office_db, tmp_path):
    file = tmp_path / case.name
    case.build(file)
    before = table_checksums(office_db)
    result = api.commit(file, case.name, case.kind, options=Options(**case.options))
    errors = [(e.row, e.message_key) for e in result.errors if e.severity == "error"]
    warnings = {e.message_key for e in result.errors if e.severity == "warning"}
    if case.errors:
        assert result.status == "rejected" and errors == case.errors
        assert table_checksums(office_db) == before
        assert all("{" not in e.reason(lang) for e in result.errors for lang in ("zh", "en"))
        return
    assert (result.status, errors) == ("imported", [])
    assert set(case.warnings) <= warnings
    con = duckdb.connect(str(office_db), read_only=True)
    try:
        for sql, rows in case.expect:
            got = [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in con.execute(sql).fetchall()]
            assert got == [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows], sql
    finally:
        con.close()


def test_wide_water_indicator_columns_are_imported_not_listed_as_ignored(office_db, tmp_path):
    file = tmp_path / "水质.xlsx"
    from tests.office_corpus import xlsx
    xlsx({"Sheet1": [["断面", "月份", "溶解氧", "氨氮", "备注说明"], ["GJ-01", "2024年5月", "7.5", "0.3", "正常"]]})(file)
    result = api.commit(file, file.name, "water", options=Options())
    ignored = [e for e in result.errors if e.message_key == "ingest.warn.ignored_columns"]
    assert result.status == "imported" and [e.value for e in ignored] == ["备注说明"]
