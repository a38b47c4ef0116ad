"""Finding 6: any misconfiguration of accounts or OIDC closes the internal app instead of opening it."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from envboard.security import auth

APP = str(Path(__file__).resolve().parents[1] / "app.py")
GOOD_OIDC = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
             "client_id": "x", "client_secret": "x",
             "server_metadata_url": "https://id.example.org/.well-known/openid-configuration"}


def run_app(secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if secrets is not None:
        at.secrets["auth"] = secrets
    return at.run()


def nav_titles(at: AppTest) -> list[str]:
    return [x.value for x in at.title]


def test_users_variable_naming_a_missing_file_closes_the_app(demo_db_path, tmp_path, monkeypatch):
    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "no-such-users.toml"))
    assert auth.account_mode(None)[0] == "closed"
    at = run_app()
    assert not at.exception
    assert nav_titles(at) == ["登录"]
    assert "账户配置有误" in " ".join(e.value for e in at.error)
    assert not at.text_input          # no sign-in form either
    with pytest.raises(ValueError):
        at.switch_page("app_pages/overview.py").run()


@pytest.mark.parametrize("text", ["[users.a\nrole = ", "", "[users.x]\nrole = \"superuser\"\n",
                                  "[users.x]\nrole = \"editor\"\npassword_hash = \"$argon2id$x\"\n"])
def test_an_unreadable_or_invalid_users_file_closes_the_app(tmp_path, monkeypatch, text):
    path = tmp_path / "users.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("ENVBOARD_USERS", str(path))
    mode, problem = auth.account_mode(None)
    assert mode == "closed" and problem


@pytest.mark.parametrize("drop", ["client_secret", "cookie_secret", "server_metadata_url", "redirect_uri"])
def test_an_incomplete_oidc_section_closes_the_app(demo_db_path, monkeypatch, drop):
    monkeypatch.setattr(auth, "authlib_installed", lambda: True)
    monkeypatch.delenv("ENVBOARD_USERS", raising=False)
    broken = {k: v for k, v in GOOD_OIDC.items() if k != drop}
    assert auth.account_mode(broken)[0] == "closed"
    at = run_app(broken)
    assert not at.exception and nav_titles(at) == ["登录"]
    assert not at.button or all("身份认证" not in b.label for b in at.button)


def test_without_authlib_oidc_closes_the_app(monkeypatch):
    monkeypatch.setattr(auth, "authlib_installed", lambda: False)
    assert auth.account_mode(GOOD_OIDC) == ("closed", "authlib")


def test_complete_oidc_section_is_accepted(monkeypatch):
    monkeypatch.setattr(auth, "authlib_installed", lambda: True)
    assert auth.account_mode(GOOD_OIDC) == ("oidc", "")


def test_open_mode_only_when_nothing_is_configured(tmp_path, monkeypatch):
    monkeypatch.setenv("ENVBOARD_AUTH", "open")
    monkeypatch.setenv("ENVBOARD_USERS", str(tmp_path / "absent.toml"))
    assert auth.account_mode(None) == ("open", "")
    (tmp_path / "absent.toml").write_text("", encoding="utf-8")     # a users file next to "open": conflicting
    assert auth.account_mode(None)[0] == "closed"
