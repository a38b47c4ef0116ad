"""Roles, local accounts (CLI and argon2), region scope in the importer, and role-gated navigation."""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from envboard.security import auth
from envboard.cli.main import main
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.testing import make_db, table_checksums

APP = str(Path(__file__).resolve().parents[1] / "app.py")
INSPECTION = "central-2-360000"
TASKS = ("任务编号,整改任务,责任地区,任务类别,责任单位,交办日期,整改时限,是否纳入销号管理,整改进展,进展日期\n"
         "JX-001,某工业园区污水直排,赣州市,水,市生态环境局,2021-09-01,2022年12月31日,是,正在推进,2021-12-31\n"
         "JX-002,稀土矿区生态修复滞后,章贡区,生态,市自然资源局,2021-09-01,长期坚持,否,未启动,2021-12-31\n"
         "JX-003,抚河沿岸违规采砂,抚州市,水,市水利局,2021-09-01,2022年6月30日,是,正在推进,2021-12-31\n")


@pytest.fixture()
def users(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "users.toml"
    monkeypatch.setenv("ENVBOARD_USERS", str(path))
    return path


def add_user(monkeypatch, name: str, role: str, region: str | None = None, password: str = "correct horse") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    argv = ["user", "add", name, "--role", role, "--password-stdin"] + (["--region", region] if region else [])
    return main(argv)


@pytest.mark.parametrize("scope, code, inside", [
    ("360700", "360700", True), ("360700", "360702", True), ("360700", "361000", False),
    ("360000", "361002", True), ("360000", "430100", False), ("360702", "360703", False), (None, "110000", True),
    # a list of provinces is inside only when every one is; 全国 only for a user without a region
    ("360000", "360000,420000", False), ("360000", "360000,360000", True), ("360000", "000000", False),
    (None, "360000,420000", True), (None, "000000", True),
])
def test_region_scope_covers_the_region_and_its_children(scope, code, inside):
    assert auth.in_scope(scope, code) is inside


def test_user_commands_store_argon2_hashes_and_roles(users, monkeypatch, capsys):
    assert add_user(monkeypatch, "gz_editor", "editor", "360700") == 0
    assert add_user(monkeypatch, "boss", "admin") == 0
    text = users.read_text()
    assert "$argon2id$" in text and "correct horse" not in text
    assert auth.verify("gz_editor", "correct horse") == auth.User("gz_editor", "editor", "360700")
    assert auth.verify("gz_editor", "wrong password") is None
    assert auth.verify("nobody", "correct horse") is None
    assert main(["user", "set-role", "gz_editor", "viewer"]) == 0
    assert auth.load_accounts()["gz_editor"]["role"] == "viewer"
    assert main(["user", "remove", "boss"]) == 0
    capsys.readouterr()
    assert main(["user", "list"]) == 0
    assert capsys.readouterr().out.split() == ["gz_editor", "viewer", "360700"]


@pytest.mark.parametrize("argv", [
    ["user", "add", "x y", "--role", "viewer", "--password-stdin"],          # bad name
    ["user", "add", "ed", "--role", "editor", "--password-stdin"],           # editor without region
    ["user", "add", "ed", "--role", "editor", "--region", "36'; drop", "--password-stdin"],
    ["user", "remove", "nobody"],
])
def test_bad_user_commands_exit_2_and_write_nothing(users, monkeypatch, argv):
    monkeypatch.setattr(sys, "stdin", io.StringIO("long enough pw\n"))
    assert main(argv) == 2
    assert not users.exists()


def test_short_password_is_refused(users, monkeypatch):
    assert add_user(monkeypatch, "v", "viewer", password="short") == 2


def test_ganzhou_editor_cannot_import_fuzhou_rows(tmp_path):
    db = make_db(tmp_path / "envboard.duckdb")
    src = tmp_path / "tasks.csv"
    src.write_text(TASKS, encoding="utf-8")
    before = table_checksums(db)
    result = api.commit(src, src.name, "tasks", db_file=db,
                        options=Options(inspection_id=INSPECTION, user="gz", allowed_region="360700"))
    assert result.status == "rejected"
    scope_errors = [e for e in result.errors if e.message_key == "ingest.err.out_of_scope"]
    assert [(e.row, e.column, e.value) for e in scope_errors] == [(4, "责任地区", "抚州市")]
    assert "361000" in scope_errors[0].reason("zh") and "360700" in scope_errors[0].reason("zh")
    assert table_checksums(db) == before


def test_editor_imports_rows_of_own_region_and_children(tmp_path):
    db = make_db(tmp_path / "envboard.duckdb")
    src = tmp_path / "tasks.csv"
    src.write_text(TASKS.rsplit("JX-003", 1)[0], encoding="utf-8")
    result = api.commit(src, src.name, "tasks", db_file=db,
                        options=Options(inspection_id=INSPECTION, user="gz", allowed_region="360700"))
    assert (result.status, result.counts.inserted) == ("imported", 2)


def test_region_limited_import_refuses_kinds_without_a_region_column(tmp_path):
    db = make_db(tmp_path / "envboard.duckdb")
    src = tmp_path / "progress.csv"
    src.write_text("任务编号,进展日期,整改进展\nJX-001,2022-01-31,已完成\n", encoding="utf-8")
    result = api.commit(src, src.name, "progress", db_file=db,
                        options=Options(inspection_id=INSPECTION, allowed_region="360700"))
    assert result.status == "rejected"
    assert [e.message_key for e in result.errors] == ["ingest.err.scope_needs_admin"]


def app(demo_db_path) -> AppTest:
    return AppTest.from_file(APP, default_timeout=60)


def titles(at: AppTest) -> list[str]:
    return [x.value for x in at.title]


def opens(at: AppTest, page: str, title: str) -> bool:
    """True when `page` is registered for this session and shows `title` (unregistered pages raise)."""
    try:
        at.switch_page(page).run()
    except ValueError as exc:
        assert "Could not find a navigation page" in str(exc)
        return False
    return title in titles(at)


def sign_in(at: AppTest, name: str, password: str = "correct horse") -> AppTest:
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    at.button[0].click().run()
    return at


def test_without_accounts_the_app_is_open_with_a_notice(demo_db_path, users, monkeypatch):
    monkeypatch.setenv("ENVBOARD_AUTH", "open")     # an accounts variable naming no file fails closed
    at = app(demo_db_path).run()
    assert not at.exception
    assert "未配置账户：单用户模式" in [x.value for x in at.sidebar.info]
    assert opens(at, "app_pages/data_import.py", "数据导入")


def test_with_accounts_only_the_sign_in_page_opens(demo_db_path, users, monkeypatch):
    add_user(monkeypatch, "viewer1", "viewer")
    at = app(demo_db_path).run()
    assert not at.exception and titles(at) == ["登录"]
    assert not opens(at, "app_pages/overview.py", "总览")   # a direct page URL is not registered
    assert not opens(at, "app_pages/data_import.py", "数据导入")


def test_wrong_password_is_refused(demo_db_path, users, monkeypatch):
    add_user(monkeypatch, "viewer1", "viewer")
    at = sign_in(app(demo_db_path).run(), "viewer1", "not the password")
    assert titles(at) == ["登录"] and [e.value for e in at.error] == ["用户名或密码不正确。"]


@pytest.mark.parametrize("role, region, import_ok, audit_ok", [
    ("viewer", None, False, False), ("editor", "360700", True, False), ("admin", None, True, True),
])
def test_pages_follow_the_role(demo_db_path, users, monkeypatch, role, region, import_ok, audit_ok):
    add_user(monkeypatch, "u1", role, region)
    at = sign_in(app(demo_db_path).run(), "u1")
    assert not at.exception and titles(at) == ["总览"]
    assert opens(at, "app_pages/data_import.py", "数据导入") is import_ok
    assert opens(at, "app_pages/admin_audit.py", "审计日志") is audit_ok


def test_sign_out_returns_to_the_sign_in_page(demo_db_path, users, monkeypatch):
    add_user(monkeypatch, "u1", "viewer")
    at = app(demo_db_path)
    at.session_state["auth_user"] = "u1"          # signed in, as the form leaves it
    at.run()
    assert titles(at) == ["总览"]
    at.button(key="auth_logout").click().run()
    assert "auth_user" not in at.session_state
    at.run()
    assert "退出登录" not in [b.label for b in at.button]


def test_oidc_user_gets_the_role_of_their_account(demo_db_path, users, monkeypatch):
    monkeypatch.setattr(auth, "authlib_installed", lambda: True)
    add_user(monkeypatch, "ed@example.org", "editor", "360700")
    at = app(demo_db_path)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "x", "client_secret": "x",
                          "server_metadata_url": "https://id.example.org/.well-known/openid-configuration"}
    at.user = {"is_logged_in": False}
    at.run()
    assert titles(at) == ["登录"]
    at.user = {"is_logged_in": True, "email": "ed@example.org"}
    at.run()
    assert opens(at, "app_pages/data_import.py", "数据导入")


def test_open_mode_without_editor_mode_hides_the_import_page(demo_db_path, users, monkeypatch):
    monkeypatch.setenv("ENVBOARD_AUTH", "open")
    monkeypatch.setenv("ENVBOARD_EDITOR", "0")
    at = app(demo_db_path).run()
    assert not at.exception and titles(at) == ["总览"]
    assert not opens(at, "app_pages/data_import.py", "数据导入")
