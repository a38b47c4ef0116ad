"""Petition imports from the three published tables, all-or-nothing, idempotence and rollback."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db, table_checksums

DATA = Path(__file__).parent / "data" / "ingest"
XUNYANG = DATA / "petition_table_jiangxi_xunyang_2024_batch17.csv"
JIAYUGUAN = DATA / "petition_table_gansu_jiayuguan_2023_batch31_32.csv"
HENGYANG = DATA / "petition_table_hunan_hengyang_2017_batch32.csv"
HENGYANG_OPTIONS = Options(inspection_id="central-1-430000", received_on=dt.date(2017, 5, 26))


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    return path


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


# the ledgers' as-of dates (the day the closing was reported in the published table's own text)
AS_OF = {XUNYANG.name: dt.date(2024, 5, 26), JIAYUGUAN.name: dt.date(2023, 12, 22)}


def commit(path: Path, options: Options | None = None, name: str | None = None) -> api.PreviewResult:
    options = options or Options(as_of=AS_OF.get(path.name, dt.date(2024, 5, 31)))
    return api.commit(path, name or path.name, "petitions", options=options)


def keys(result, severity: str) -> list[tuple]:
    return [(e.row, e.column, e.message_key) for e in result.errors if e.severity == severity]


def test_xunyang_row_imports_with_batch_from_file_name_and_date_from_id(db):
    result = commit(XUNYANG)
    assert (result.status, result.counts.inserted, result.counts.rejected) == ("imported", 1, 0)
    got = rows(db, "select petition_id, inspection_id, batch_no, region_code, city_code, received_on, "
                   "pollution_type, substantiated, closed_on from petitions")
    # 基本属实 counts as substantiated (yes); 已办结 without a date closes on the ledger's as-of date
    assert got == [("D3JX202405240023", "central-3-360000", 17, "360403", "360400", dt.date(2024, 5, 24),
                    "air", "yes", dt.date(2024, 5, 26))]


def test_closed_without_a_date_and_without_an_as_of_date_asks_for_it(db):
    result = api.commit(XUNYANG, XUNYANG.name, "petitions", options=Options())
    assert result.status == "rejected"
    assert (2, "是否办结", "ingest.err.no_as_of") in keys(result, "error")
    assert "已办结" in result.errors[0].reason() and "--as-of" in result.errors[0].reason()
    assert rows(db, "select count(*) from petitions") == [(0,)]


def test_xunyang_as_of_sets_the_closing_date_without_warning(db):
    result = commit(XUNYANG, Options(as_of=dt.date(2024, 5, 26)))
    assert rows(db, "select closed_on from petitions") == [(dt.date(2024, 5, 26),)]
    assert "ingest.warn.closed_on_assumed" not in {k for _, _, k in keys(result, "warning")}


def test_jiayuguan_truncated_second_row_is_a_warning_not_an_error(db):
    result = commit(JIAYUGUAN)
    assert (result.status, result.counts.inserted, result.n_errors) == ("imported", 2, 0)
    # the batch comes from the 第31批 / 第32批 prefix of 受理编号, the city from 嘉峪关市 (city, not its county twin)
    got = rows(db, "select petition_id, batch_no, region_code, pollution_type, substantiated, closed_on "
                   "from petitions order by petition_id")
    assert got == [("D3GS202312200043", 31, "620200", "air", "yes", dt.date(2023, 12, 22)),
                   ("D3GS202312210031", 32, "620200", "noise", None, None)]
    assert (3, "是否属实", "ingest.warn.blank_substantiated") in keys(result, "warning")


def test_hengyang_first_round_layout_builds_ids_from_batch_and_seq(db):
    result = commit(HENGYANG, HENGYANG_OPTIONS)
    assert (result.status, result.counts.inserted) == ("imported", 2)
    got = rows(db, "select petition_id, batch_no, city_code, pollution_type, substantiated, result_note, closed_on "
                   "from petitions order by petition_id")
    assert got == [("central-1-430000/32/21", 32, "430400", "noise", None, None, None),
                   ("central-1-430000/32/22", 32, "430400", "air", None, None, None)]
    assert (None, None, "ingest.warn.derived_id") in keys(result, "warning")


def test_hengyang_without_a_date_is_rejected_and_names_the_column(db):
    result = commit(HENGYANG, Options(inspection_id="central-1-430000"))
    assert result.status == "rejected"
    assert keys(result, "error")[:2] == [(2, "交办日期", "ingest.err.no_received_on"),
                                        (3, "交办日期", "ingest.err.no_received_on")]
    assert rows(db, "select count(*) from petitions") == [(0,)]


def test_reimport_of_the_same_file_changes_nothing(db):
    first = commit(JIAYUGUAN)
    before = table_checksums(db)
    again = commit(JIAYUGUAN)
    assert (again.counts.inserted, again.counts.updated, again.counts.unchanged) == (0, 0, 2)
    assert table_checksums(db) == before
    assert again.import_id == first.import_id + 1


def test_changed_row_is_an_update_and_rollback_restores_the_previous_state(db, tmp_path):
    commit(JIAYUGUAN)
    before = table_checksums(db)
    changed = tmp_path / JIAYUGUAN.name
    text = JIAYUGUAN.read_text(encoding="utf-8").replace(",噪声,", ",噪声污染,").replace(",,,,,", ",属实,,,已办结,无")
    changed.write_text(text, encoding="utf-8")
    update = commit(changed)
    assert (update.counts.inserted, update.counts.updated, update.counts.unchanged) == (0, 1, 1)
    assert rows(db, "select substantiated, closed_on from petitions where petition_id = 'D3GS202312210031'") == \
        [("yes", dt.date(2023, 12, 22))]
    api.rollback(update.import_id)
    assert table_checksums(db) == before


def test_rollback_of_a_first_import_empties_the_table(db):
    empty = table_checksums(db)
    result = commit(XUNYANG)
    api.rollback(result.import_id)
    assert table_checksums(db) == empty
    assert rows(db, f"select rolled_back_at is not null from import_history where import_id = {result.import_id}") \
        == [(True,)]


def test_rollback_refuses_when_a_later_import_touched_the_table(db):
    from envboard.core.errors import UsageError

    first = commit(XUNYANG)
    commit(JIAYUGUAN)
    with pytest.raises(UsageError, match="#"):
        api.rollback(first.import_id)


def test_one_bad_row_writes_nothing_and_is_named(db, tmp_path):
    bad = tmp_path / "第31批.csv"
    text = JIAYUGUAN.read_text(encoding="utf-8").replace("嘉峪关市,噪声", "嘉峪关市,火星尘暴")
    bad.write_text(text, encoding="utf-8")
    before = table_checksums(db)
    result = commit(bad)
    assert result.status == "rejected"
    assert result.counts.rejected == 1
    assert keys(result, "error") == [(3, "问题类型", "ingest.err.bad_pollution_type")]
    assert result.errors[0].value == "火星尘暴"
    assert table_checksums(db) == before
    assert rows(db, "select count(*) from import_history") == [(0,)]


def test_duplicate_id_in_one_file_is_an_error_naming_both_rows(db, tmp_path):
    dup = tmp_path / "第17批_dup.csv"
    lines = XUNYANG.read_text(encoding="utf-8").splitlines()
    dup.write_text("\n".join([lines[0], lines[1], lines[1].replace("70,", "71,", 1)]) + "\n", encoding="utf-8")
    result = commit(dup)
    assert result.status == "rejected"
    assert [(e.row, e.column, e.message_key, e.reason("en")) for e in result.errors if e.severity == "error"] == \
        [(3, "受理编号", "ingest.err.duplicate_key", "Duplicates row 2")]


def test_preview_counts_without_writing(db):
    commit(XUNYANG)
    before = table_checksums(db)
    result = api.preview(JIAYUGUAN.read_bytes(), JIAYUGUAN.name, "petitions", options=Options(as_of=AS_OF[JIAYUGUAN.name]))
    assert (result.status, result.counts.inserted) == ("ok", 2)
    assert list(result.preview_frame["petition_id"]) == ["D3GS202312200043", "D3GS202312210031"]
    assert {r["column"]: r["found"] for r in result.mapping}["pollution_type"] == "问题类型"
    assert table_checksums(db) == before


def test_unknown_inspection_option_is_an_error_listing_the_valid_ones(db):
    result = commit(XUNYANG, Options(inspection_id="central-9-360000"))
    assert keys(result, "error") == [(None, None, "ingest.err.unknown_inspection_option")]
    assert "central-3-360000" in result.errors[0].reason() and "{" not in result.errors[0].reason()


def test_progress_callback_reaches_one(db):
    seen = []
    commit_result = api.commit(XUNYANG, XUNYANG.name, "petitions", progress=seen.append,
                               options=Options(as_of=AS_OF[XUNYANG.name]))
    assert commit_result.status == "imported"
    assert seen[-1] == 1.0 and all(0 <= f <= 1 for f in seen)


def test_history_lists_imports_newest_first(db):
    commit(XUNYANG)
    commit(JIAYUGUAN)
    frame = api.history()
    assert list(frame["file_name"]) == [JIAYUGUAN.name, XUNYANG.name]
    assert len(frame["content_hash"].iloc[0]) == 64



def test_preview_on_a_reader_cursor_like_the_page(db):
    from envboard.core.db import Reader

    reader = Reader(db)
    result = api.preview(XUNYANG.read_bytes(), XUNYANG.name, "petitions", con=reader.cursor(),
                         options=Options(as_of=AS_OF[XUNYANG.name]))
    assert (result.status, result.counts.inserted) == ("ok", 1)
    assert len(api.history(reader.cursor())) == 0


def test_inspection_is_inferred_for_batches_published_after_the_team_left(tmp_path, monkeypatch):
    early = [("central-2-360000", "central", 2, "round2", None, "360000", dt.date(2021, 4, 7), dt.date(2021, 5, 7)),
             ("central-3-360000", "central", 3, "round3", None, "360000", dt.date(2024, 4, 11), dt.date(2024, 5, 11))]
    db = make_db(tmp_path / "envboard.duckdb", inspections=early)
    monkeypatch.setenv("ENVBOARD_DB", str(db))
    assert commit(XUNYANG).status == "imported"
    assert rows(db, "select inspection_id from petitions") == [("central-3-360000",)]
