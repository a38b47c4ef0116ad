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
