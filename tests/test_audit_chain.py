"""Findings 4, 8 and 9: the audit log is its own hash-chained store; restore never removes entries;
an altered backup is refused; sign-in never touches the data file; failures and lock-out are recorded."""
from __future__ import annotations

import io
import json
import os
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from envboard.cli.main import main
from envboard.core import db as core_db
from envboard.security import audit, auth, backup, lockout
from envboard.security.audit_store import AuditWriteError
from envboard.ingest.testing import make_db

APP = str(Path(__file__).resolve().parents[1] / "app.py")


@pytest.fixture()
def db(tmp_path) -> Path:
    return make_db(tmp_path / "envboard.duckdb")


def test_entries_are_hash_chained_and_an_edit_breaks_the_chain(db):
    for i in range(3):
        audit.record(db, "boss", "weights", {"i": i})
    store = audit.store_for(db)
    assert store.verify() == (True, 3, "")
    lines = store.path.read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[1])
    entry["actor"] = "someone else"
    lines[1] = json.dumps(entry, ensure_ascii=False)
    store.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert store.verify() == (False, 1, "entry 2")
    del lines[1]                                    # removing an entry breaks it too
    store.path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert store.verify()[0] is False


def test_restore_keeps_later_entries_and_appends_a_restore_entry(db, tmp_path):
    audit.record(db, "a", "weights", {})
    backup.backup(db, tmp_path / "bk", actor="a")
    audit.record(db, "b", "publish", {})
    backup.restore(tmp_path / "bk", db, actor="c")
    store = audit.store_for(db)
    assert [(e["seq"], e["action"]) for e in store.entries()] == [
        (1, "weights"), (2, "backup"), (3, "publish"), (4, "restore")]
    assert store.verify() == (True, 4, "")


def test_an_edited_backup_with_a_recomputed_manifest_is_refused(db, tmp_path):
    folder = tmp_path / "bk"
    backup.backup(db, folder, actor="a")
    manifest = json.loads((folder / backup.MANIFEST).read_text(encoding="utf-8"))
    manifest["data_version"] += 5                   # any change, with checksums recomputed to match
    (folder / backup.MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    before = db.read_bytes()
    with pytest.raises(backup.BackupError):
        backup.restore(folder, db, actor="x")
    assert db.read_bytes() == before


def test_a_failed_audit_write_fails_the_import(db, tmp_path, monkeypatch):
    from envboard.ingest import api
    from envboard.ingest.context import Options
    from envboard.ingest.testing import table_checksums

    src = tmp_path / "s.csv"
    src.write_text("督办方式,行政区域,日期\n约谈,赣州市,2024-05-10\n", encoding="utf-8")
    monkeypatch.setenv("ENVBOARD_AUDIT", str(tmp_path / "no-such-dir" / "x" / "audit.jsonl"))
    (tmp_path / "no-such-dir").write_text("a file where a folder should be")
    before = table_checksums(db)
    with pytest.raises(AuditWriteError):
        api.commit(src, src.name, "supervision", db_file=db, options=Options(user="u"))
    assert table_checksums(db) == before


@pytest.fixture()
def accounts(tmp_path, monkeypatch, demo_db_path):
    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "users.toml"))
    monkeypatch.setenv("ENVBOARD_AUDIT", str(tmp_path / "audit.jsonl"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse\n"))
    assert main(["user", "add", "gz", "--role", "viewer", "--password-stdin"]) == 0
    return tmp_path / "audit.jsonl"


def sign_in(name: str, password: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    return at


def test_sign_in_never_writes_the_database_and_failures_are_recorded(accounts, demo_db_path):
    stamp = os.stat(demo_db_path).st_mtime_ns, os.stat(demo_db_path).st_ino
    with core_db.write_lock(demo_db_path):              # an import holds the lock: sign-in does not wait
        start = time.monotonic()
        at = sign_in("gz", "wrong password")
        at2 = sign_in("gz", "correct horse")
        assert time.monotonic() - start < 60
    assert [e.value for e in at.error] == ["用户名或密码不正确。"]
    assert [x.value for x in at2.title] == ["总览"]
    assert (os.stat(demo_db_path).st_mtime_ns, os.stat(demo_db_path).st_ino) == stamp
    actions = [(e["action"], e["detail"]["account"]) for e in audit.store_for().entries() if "login" in e["action"]]
    assert actions[-2:] == [("login_failed", "gz"), ("login", "gz")]


def test_sign_in_fails_when_its_audit_entry_cannot_be_written(accounts, monkeypatch, tmp_path):
    (tmp_path / "blocked").write_text("")
    monkeypatch.setenv("ENVBOARD_AUDIT", str(tmp_path / "blocked" / "audit.jsonl"))
    at = sign_in("gz", "correct horse")
    assert [x.value for x in at.title] == ["登录"]
    assert "审计日志" in " ".join(e.value for e in at.error)


def test_after_five_failures_the_account_is_locked_with_back_off(accounts):
    for _ in range(lockout.FREE_FAILURES):
        sign_in("gz", "wrong password")
    at = sign_in("gz", "correct horse")             # even the right password waits now
    assert "尝试次数过多" in at.error[0].value
    assert [x.value for x in at.title] == ["登录"]
    entries = audit.store_for().entries()
    assert 20 <= lockout.wait_seconds(entries, "gz", "") <= 31


def test_back_off_doubles_per_failure_and_covers_a_client_trying_many_accounts():
    import datetime as dt

    now = dt.datetime(2026, 1, 1, 12)
    fails = [{"action": "login_failed", "at": (now - dt.timedelta(seconds=1)).isoformat(),
              "detail": {"account": f"user{i}", "client": "10.0.0.9"}} for i in range(7)]
    assert lockout.wait_seconds(fails, "someone", "10.0.0.9", now) == 30 * 4 - 1 + 1
    assert lockout.wait_seconds(fails, "someone", "10.0.0.1", now) == 0


def test_unknown_and_known_users_cost_the_same_check(tmp_path, monkeypatch):
    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "users.toml"))
    auth.save_accounts({"gz": {"role": "viewer", "password_hash": auth.hash_password("correct horse")}})
    auth.verify("warm up", "x")

    def cost(name: str) -> float:
        start = time.process_time()
        for _ in range(3):
            assert auth.verify(name, "wrong password") is None
        return time.process_time() - start
    known, unknown = cost("gz"), cost("nobody")
    assert 0.5 < unknown / known < 2


def test_only_an_admin_may_issue_an_edition_and_it_is_audited(accounts, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse\n"))
    assert main(["user", "add", "ed", "--role", "editor", "--region", "360700", "--password-stdin"]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("correct horse\n"))
    assert main(["user", "add", "boss", "--role", "admin", "--password-stdin"]) == 0
    for name, may in (("ed", False), ("boss", True)):
        at = sign_in(name, "correct horse")
        at.switch_page("app_pages/briefing.py").run()
        assert not at.exception
        assert ("brief_publish" in [b.key for b in at.button]) is may
    at.button(key="brief_publish").click().run()
    # The draft saves around the issue are audited too (action edit); the edition has its own entry.
    entry = [e for e in audit.store_for().entries() if e["action"] == "edition"][-1]
    assert entry["actor"] == "boss" and entry["detail"]["scope"]


def test_audit_details_read_as_labelled_text_in_either_language():
    import json

    from envboard.core.i18n import set_language
    from envboard.ui.auth_gate import detail_text

    raw = json.dumps({"import_id": 3, "kind": "petitions", "tables": {"rectification_task": 1}})
    set_language("zh")
    try:
        assert detail_text(raw) == "导入编号: 3；类型: 信访举报件；数据表: rectification task 1"
        set_language("en")
        assert detail_text(raw).startswith("import no.: 3; kind: ")
        assert "{" not in detail_text(raw) and "_" not in detail_text(raw)
    finally:
        set_language("zh")
