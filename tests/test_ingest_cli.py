"""The import commands: exit codes 0 / 1 / 2, JSON output, reports, templates, history, rollback."""
from __future__ import annotations

import getpass
import json
from pathlib import Path

import openpyxl
import pytest

from envboard.cli.main import main
from envboard.ingest.mapping import KINDS
from envboard.ingest.testing import make_db

DATA = Path(__file__).parent / "data" / "ingest"
XUNYANG = DATA / "petition_table_jiangxi_xunyang_2024_batch17.csv"
JSON_KEYS = {"status", "file", "kind", "inserted", "updated", "unchanged", "rejected", "errors", "import_id"}


@pytest.fixture()
def db(tmp_path, monkeypatch) -> Path:
    path = make_db(tmp_path / "envboard.duckdb")
    monkeypatch.setenv("ENVBOARD_DB", str(path))
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:        # argparse usage errors
        code = exc.code
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_then_json_dry_run_reports_unchanged(db, capsys):
    code, out, _ = run(capsys, "import", XUNYANG, "--kind", "petitions", "--as-of", "2024-05-26")
    assert code == 0 and "新增 1" in out and "1 new" in out
    code, out, _ = run(capsys, "import", XUNYANG, "--kind", "petitions", "--dry-run", "--json", "--as-of", "2024-05-26")
    doc = json.loads(out)
    assert code == 0 and JSON_KEYS <= doc.keys()
    assert (doc["status"], doc["inserted"], doc["unchanged"], doc["import_id"]) == ("dry_run", 0, 1, None)


def test_rejected_file_exits_1_and_writes_the_report(db, tmp_path, capsys):
    bad = tmp_path / "第17批.csv"
    bad.write_text(XUNYANG.read_text(encoding="utf-8").replace("九江市浔阳区,大气", "九江市浔阳区,宇宙射线"),
                   encoding="utf-8")
    code, out, _ = run(capsys, "import", bad, "--kind", "petitions", "--json", "--as-of", "2024-05-26")
    doc = json.loads(out)
    assert code == 1 and doc["status"] == "rejected"
    assert doc["errors"] == [{"file": "第17批.csv", "sheet": None, "row": 2, "column": "问题类型", "value": "宇宙射线",
                              "reason": "问题类型无法识别", "severity": "error",
                              "message_key": "ingest.err.bad_pollution_type"}]
    report = openpyxl.load_workbook(doc["report"]).active
    assert [c.value for c in report[2]][:6] == ["第17批.csv", None, 2, "问题类型", "宇宙射线", "问题类型无法识别"]
    code, _, err = run(capsys, "import", bad, "--kind", "petitions", "--as-of", "2024-05-26")
    assert code == 1 and "第2行 问题类型" in err and ".errors.xlsx" in err


def test_usage_errors_exit_2(db, tmp_path, capsys):
    assert run(capsys, "import", tmp_path / "missing.csv", "--kind", "petitions")[0] == 2
    assert run(capsys, "import", XUNYANG, "--kind", "nonsense")[0] == 2
    assert run(capsys, "import", XUNYANG, "--kind", "petitions", "--received-on", "2024/13/01")[0] == 2
    assert run(capsys, "rollback", 99)[0] == 2


def test_imports_list_and_rollback(db, capsys):
    run(capsys, "import", XUNYANG, "--kind", "petitions", "--user", "张三", "--as-of", "2024-05-26")
    code, out, _ = run(capsys, "imports", "--json")
    history = json.loads(out)
    assert code == 0 and [(h["import_id"], h["imported_by"], h["inserted"]) for h in history] == [
        (1, f"{getpass.getuser()} (--user 张三)", 1)]     # the OS account, with the claimed name as a note
    assert run(capsys, "rollback", 1)[0] == 0
    assert run(capsys, "rollback", 1)[0] == 2          # already rolled back


@pytest.mark.parametrize("kind", KINDS)
def test_templates_have_header_dropdowns_and_an_example(db, tmp_path, capsys, kind):
    path = tmp_path / f"{kind}.xlsx"
    assert run(capsys, "template", kind, "-o", path)[0] == 0
    sheet = openpyxl.load_workbook(path).active
    assert sheet.max_row == 2 and all(c.value for c in sheet[1])
    if kind in ("petitions", "tasks", "supervision"):
        assert sheet.data_validations.dataValidation


def test_petition_template_imports_as_is(db, tmp_path, capsys):
    path = tmp_path / "template.xlsx"
    run(capsys, "template", "petitions", "-o", path)
    code, out, _ = run(capsys, "import", path, "--kind", "petitions", "--json")
    assert code == 0 and json.loads(out)["inserted"] == 1


@pytest.mark.parametrize("kind, extra", [("tasks", ["--inspection", "central-2-360000"]), ("supervision", []),
                                         ("air", [])])
def test_other_templates_import_as_is(db, tmp_path, capsys, kind, extra):
    path = tmp_path / f"{kind}.xlsx"
    run(capsys, "template", kind, "-o", path)
    code, out, _ = run(capsys, "import", path, "--kind", kind, "--json", *extra)
    assert (code, json.loads(out)["inserted"]) == (0, 1), out


def test_cli_import_by_an_os_account_that_is_a_regional_editor_is_held_to_its_region(tmp_path, monkeypatch, capsys):
    from envboard.ingest import cli as ingest_cli
    from envboard.security import auth

    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "users.toml"))
    auth.save_accounts({getpass.getuser(): {"role": "editor", "region": "360700",
                                            "password_hash": auth.hash_password("correct horse")}})
    args = type("A", (), {"inspection": None, "batch": None, "received_on": None, "as_of": None, "region": None,
                          "user": "boss", "mapping": None})()
    options = ingest_cli._options(args)
    assert options.allowed_region == "360700"
    assert options.user == f"{getpass.getuser()} (--user boss)"


def _accounts(tmp_path, monkeypatch, accounts: dict) -> None:
    from envboard.security import auth

    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "users.toml"))
    auth.save_accounts({name: {**entry, "password_hash": auth.hash_password("correct horse")}
                        for name, entry in accounts.items()})


def _audit_users(db: Path) -> list[str]:
    from envboard.security import audit

    return list(audit.entries(db)["actor"])


def _imports(db: Path) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select import_id, imported_by from import_history order by import_id").fetchall()
    finally:
        con.close()


def test_with_accounts_a_login_that_is_not_an_account_imports_only_with_admin_recorded(db, tmp_path, monkeypatch,
                                                                                       capsys):
    _accounts(tmp_path, monkeypatch, {"someone-else": {"role": "admin"}})
    code, _, err = run(capsys, "import", XUNYANG, "--kind", "petitions", "--as-of", "2024-05-26")
    assert code == 2 and "--admin" in err and "Traceback" not in err
    assert _imports(db) == []
    code, out, _ = run(capsys, "import", XUNYANG, "--kind", "petitions", "--as-of", "2024-05-26", "--admin")
    assert code == 0, out
    assert _imports(db)[0][1] == f"{getpass.getuser()} (--admin)"
    code, _, err = run(capsys, "rollback", "1")
    assert code == 2 and "--admin" in err
    code, _, _ = run(capsys, "rollback", "1", "--admin")
    assert code == 0
    assert f"{getpass.getuser()} (--admin)" in _audit_users(db)


@pytest.mark.parametrize("role, region, cause", [("viewer", "360000", "viewer"), ("editor", "360700", "--admin")])
def test_a_login_that_is_a_viewer_or_an_editor_cannot_claim_admin(db, tmp_path, monkeypatch, capsys, role, region,
                                                                  cause):
    _accounts(tmp_path, monkeypatch, {getpass.getuser(): {"role": role, "region": region}})
    code, _, err = run(capsys, "import", XUNYANG, "--kind", "petitions", "--as-of", "2024-05-26", "--admin")
    assert code == 2 and cause in err
    assert _imports(db) == []


def test_an_unreadable_accounts_file_refuses_the_cli_import(db, tmp_path, monkeypatch, capsys):
    bad = tmp_path / "users.toml"
    bad.write_text("[users\nbroken", encoding="utf-8")
    monkeypatch.setenv("ENVBOARD_USERS", str(bad))
    code, _, err = run(capsys, "import", XUNYANG, "--kind", "petitions", "--as-of", "2024-05-26", "--admin")
    assert code == 2 and "import refused" in err and str(tmp_path) not in err
    assert _imports(db) == []


def test_without_accounts_the_os_login_imports_everywhere(db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "absent.toml"))
    code, out, _ = run(capsys, "import", XUNYANG, "--kind", "petitions", "--as-of", "2024-05-26")
    assert code == 0, out
    assert _imports(db)[0][1] == getpass.getuser()
