"""The audit store's contract, on both stores: the JSON-lines file (embedded) and the append-only
PostgreSQL table (server mode). Entries chain by hash; any change, removal or reordering breaks the
chain where it happens; appends from several processes at once form one unbroken chain; the table
refuses UPDATE, DELETE, TRUNCATE and an entry that does not link to the one before it."""
from __future__ import annotations

import datetime as dt
import itertools
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from envboard.core import db, lake, pgcluster
from envboard.security import audit
from envboard.security.audit_store import GENESIS, TABLE, FileAuditStore, PgAuditStore, entry_hash

PROJECT_DIR = Path(__file__).resolve().parents[1]
_names = itertools.count(1)


@pytest.fixture(params=["file", pytest.param("postgres", marks=pytest.mark.server)])
def store(request, tmp_path):
    if request.param == "file":
        return FileAuditStore(tmp_path / "envboard.duckdb.audit.jsonl")
    return PgAuditStore(pgcluster.create_database(request.getfixturevalue("pg"), f"audit{next(_names)}"))


def superuser(store: PgAuditStore, sql: str) -> None:
    """Run SQL as the table's owner with its triggers switched off, outside the app's path (what
    someone with the owner's rights could do); `verify` must still notice."""
    con = lake.new_connection()
    try:
        lake.load_extension(con, "postgres")
        con.execute(f"attach '{store.dsn}' as owner (type postgres)")
        body = f"alter table {TABLE} disable trigger user; {sql}; alter table {TABLE} enable trigger user"
        con.execute(f"call postgres_execute('owner', '{quoted(body)}')")
    finally:
        con.close()


def quoted(text: str) -> str:
    return text.replace("'", "''")


def rewrite(store, change) -> None:
    """Replace the stored entries by change(entries), bypassing the store's append."""
    entries = change(store.entries())
    if isinstance(store, FileAuditStore):
        store.path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8")
        return
    values = ", ".join("({}, '{}', '{}', '{}', '{}', '{}', '{}')".format(
        e["seq"], *(quoted(v) for v in (e["at"], e["actor"], e["action"], json.dumps(e["detail"], ensure_ascii=False),
                                         e["prev"], e["hash"]))) for e in entries)
    superuser(store, f"delete from {TABLE}; insert into {TABLE} values {values}")


def test_entries_chain_and_keep_their_detail(store):
    first = store.append("boss", "weights", {"pm25": 0.4, "地区": "赣州市"})
    second = store.append("", "publish", {"month": dt.date(2024, 6, 1), "ids": [1, 2]})
    assert store.entries() == [first, second]
    assert [(e["seq"], e["actor"], e["action"], e["detail"]) for e in store.entries()] == [
        (1, "boss", "weights", {"pm25": 0.4, "地区": "赣州市"}),
        (2, "unknown", "publish", {"month": "2024-06-01", "ids": [1, 2]})]
    assert (first["prev"], second["prev"]) == (GENESIS, first["hash"])
    assert second["hash"] == entry_hash(second)
    assert store.verify() == (True, 2, "")


def test_a_changed_removed_or_reordered_entry_breaks_the_chain(store):
    for i in range(4):
        store.append("boss", "weights", {"i": i})
    rewrite(store, lambda es: [e if e["seq"] != 2 else {**e, "actor": "someone else"} for e in es])
    assert store.verify() == (False, 1, "entry 2")
    rewrite(store, lambda es: [{**e, "actor": "boss"} for e in es])
    assert store.verify() == (True, 4, "")
    rewrite(store, lambda es: [e for e in es if e["seq"] != 3])
    assert store.verify() == (False, 2, "entry 3")


def test_appends_from_several_processes_form_one_chain(store):
    target = str(store.path) if isinstance(store, FileAuditStore) else store.dsn
    code = ("import pathlib, sys\n"
            "from envboard.security.audit_store import FileAuditStore, PgAuditStore\n"
            "kind, target, n = sys.argv[1:]\n"
            "s = FileAuditStore(pathlib.Path(target)) if kind == 'file' else PgAuditStore(target)\n"
            "for i in range(15):\n"
            "    s.append('p' + n, 'import', {'i': i})\n")
    kind = "file" if isinstance(store, FileAuditStore) else "postgres"
    procs = [subprocess.Popen([sys.executable, "-c", code, kind, target, str(n)], cwd=PROJECT_DIR) for n in range(4)]
    assert [p.wait(timeout=300) for p in procs] == [0, 0, 0, 0]
    entries = store.entries()
    assert store.verify() == (True, 60, "")
    assert sorted((e["actor"], e["detail"]["i"]) for e in entries) == sorted(
        (f"p{n}", i) for n in range(4) for i in range(15))
    # each process's own entries keep their order within the one chain
    for n in range(4):
        assert [e["detail"]["i"] for e in entries if e["actor"] == f"p{n}"] == list(range(15))


@pytest.mark.server
@pytest.mark.parametrize("statement", [
    f"update {TABLE} set actor = 'x' where seq = 1",
    f"delete from {TABLE} where seq = 2",
    f"truncate {TABLE}",
])
def test_the_table_refuses_changes_through_the_apps_connection(pg, statement):
    store = PgAuditStore(pgcluster.create_database(pg, f"audit{next(_names)}"))
    store.append("a", "login", {})
    store.append("b", "logout", {})
    cur = store._cursor()
    try:
        with pytest.raises(duckdb.Error, match="append-only"):
            cur.execute(f"call postgres_execute('envboard_pg', '{statement.replace(chr(39), chr(39) * 2)}')")
        with pytest.raises(duckdb.Error, match="append-only"):
            cur.execute(f"delete from envboard_pg.public.{TABLE}")
    finally:
        cur.close()
    assert [e["actor"] for e in store.entries()] == ["a", "b"] and store.verify() == (True, 2, "")


@pytest.mark.server
def test_the_table_refuses_an_entry_that_does_not_link(pg):
    store = PgAuditStore(pgcluster.create_database(pg, f"audit{next(_names)}"))
    first = store.append("a", "login", {})
    cur = store._cursor()
    try:
        for seq, prev in [(2, GENESIS), (3, first["hash"]), (1, GENESIS)]:   # wrong link, a gap, a second first
            with pytest.raises(duckdb.Error):
                cur.execute(f"insert into envboard_pg.public.{TABLE} values ($seq, 'now', 'x', 'login', '{{}}', "
                            "$prev, $hash)", {"seq": seq, "prev": prev, "hash": f"{seq:064d}"})
    finally:
        cur.close()
    assert store.verify() == (True, 1, "")


@pytest.mark.server
def test_server_mode_audits_into_the_table_beside_the_catalog(pg, tmp_path, monkeypatch):
    from envboard.ingest.testing import make_db

    dsn = pgcluster.create_database(pg, f"audit{next(_names)}")
    target = lake.LakeStore(dsn, str(tmp_path) + "/")
    make_db(target)
    monkeypatch.setenv("ENVBOARD_STORE", target.url)
    monkeypatch.setenv("ENVBOARD_DATA_PATH", target.data_path)
    monkeypatch.setenv("ENVBOARD_AUDIT", str(tmp_path / "ignored.jsonl"))     # a file setting is for embedded mode
    audit.record(None, "boss", "weights", {"pm25": 0.4})
    with db.write_transaction() as con:
        audit.record(con, "ed", "publish", {"month": "2024-06"})
    assert isinstance(audit.store_for(), PgAuditStore)
    assert [(e["actor"], e["action"]) for e in PgAuditStore(dsn).entries()] == [("boss", "weights"), ("ed", "publish")]
    assert not (tmp_path / "ignored.jsonl").exists()


@pytest.mark.server
def test_in_server_mode_a_failed_audit_write_fails_the_import(pg, tmp_path, monkeypatch):
    from envboard.ingest import api
    from envboard.ingest.context import Options
    from envboard.ingest.testing import make_db

    dsn = pgcluster.create_database(pg, f"audit{next(_names)}")
    target = lake.LakeStore(dsn, str(tmp_path) + "/")
    make_db(target)
    monkeypatch.setenv("ENVBOARD_STORE", target.url)
    monkeypatch.setenv("ENVBOARD_DATA_PATH", target.data_path)
    store = audit.store_for()
    store.append("a", "login", {})
    superuser(store, f"create function {TABLE}_full() returns trigger language plpgsql as "
                     f"$f$ begin raise exception 'disk full'; end $f$; create trigger {TABLE}_full before insert on "
                     f"{TABLE} for each row execute function {TABLE}_full()")
    src = tmp_path / "s.csv"
    src.write_text("督办方式,行政区域,日期\n约谈,赣州市,2024-05-10\n", encoding="utf-8")

    def supervision() -> list[tuple]:
        con = db.open_reader(target)
        try:
            return con.execute("select count(*) from supervision_actions").fetchall()
        finally:
            con.close()

    with pytest.raises(audit.AuditWriteError):
        api.commit(src, src.name, "supervision", options=Options(user="u"))
    assert supervision() == [(0,)]
    assert [e["action"] for e in store.entries()] == ["login"]

