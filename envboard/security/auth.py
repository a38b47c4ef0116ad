"""Roles, local accounts and region scope.

Roles, from least to most: public < viewer < editor < admin. An editor imports and edits only
rows of their own region and its children (a province code covers its cities and counties, a
city code its counties). Local accounts live in a TOML file (setting `users_file`) with argon2
password hashes; with no such file and no OIDC provider the app runs in open single-user mode.
"""
from __future__ import annotations

import functools
import json
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
import importlib.util

from argon2 import PasswordHasher
from argon2.exceptions import Argon2Error

from envboard.core.settings import SETTINGS, get_setting

ROLES = ("public", "viewer", "editor", "admin")
NAME_RE = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
REGION_RE = re.compile(r"^\d{6}$")
MIN_PASSWORD = 8


class AccountError(ValueError):
    """A bad account name, role, region or password; the message is for the user."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    region: str | None = None        # None: every region

    def can(self, role: str) -> bool:
        """True when this user's role is `role` or above."""
        return ROLES.index(self.role) >= ROLES.index(role)


SINGLE_USER = User("admin", "admin", None)


def users_file() -> Path:
    return Path(get_setting("users_file")).expanduser()


def region_prefix(code: str) -> str:
    """The code prefix a region covers: 360000 → 36, 360700 → 3607, 360702 → 360702; 全国 (000000) → every code."""
    if code == "000000":
        return ""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def in_scope(region: str | None, code: str | None) -> bool:
    """True when `code` is `region` or one of its children (every code when region is None). A list
    of provinces ('360000,420000') is in scope only when each of them is; 全国 (000000) only for a
    user without a region or with the region 000000."""
    if region is None:
        return True
    parts = str(code or "").split(",")
    return all(part and part.startswith(region_prefix(region)) for part in parts)


def allowed_regions(user: User) -> str | None:
    """The region an import by `user` is limited to (None: no limit)."""
    return None if user.role == "admin" else user.region


def load_accounts(path: Path | None = None) -> dict[str, dict]:
    """name → {role, region, password_hash}; empty when the file does not exist.

    Raises AccountError when the file exists but cannot be read or holds an invalid account."""
    path = path or users_file()
    if not path.is_file():
        return {}
    try:
        with open(path, "rb") as fh:
            users = tomllib.load(fh).get("users", {})
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AccountError(f"账户文件无法读取 / accounts file unreadable: {type(exc).__name__}") from None
    if not isinstance(users, dict):
        raise AccountError("账户文件格式有误 / accounts file has no [users] table")
    for name, entry in users.items():
        _check_entry(name, entry)
    return dict(users)


def _check_entry(name: str, entry) -> None:
    if not isinstance(entry, dict):
        raise AccountError(f"账户 {name!r} 格式有误 / account {name!r} is not a table")
    check_account(name, entry.get("role", "viewer"), entry.get("region"))
    stored = entry.get("password_hash")
    if stored is not None and not (isinstance(stored, str) and stored.startswith("$argon2id$")
                                   and stored.count("$") >= 5):
        raise AccountError(f"账户 {name!r} 的密码散列无效 / account {name!r} has an invalid password hash")


OIDC_KEYS = ("client_id", "client_secret", "server_metadata_url")


def authlib_installed() -> bool:
    """st.login needs Authlib (`pip install streamlit[auth]`)."""
    return importlib.util.find_spec("authlib") is not None


def oidc_problem(section) -> str:
    """Why an [auth] section of secrets.toml cannot work ('' when it can)."""
    if not authlib_installed():
        return "authlib"
    section = dict(section or {})
    if not str(section.get("redirect_uri", "")).endswith("/oauth2callback"):
        return "redirect_uri"
    if len(str(section.get("cookie_secret", ""))) < 16:
        return "cookie_secret"
    providers = [dict(v) for v in section.values() if hasattr(v, "keys")] or [section]
    for provider in providers:
        missing = [k for k in OIDC_KEYS if not provider.get(k)]
        if missing:
            return missing[0]
        if not str(provider["server_metadata_url"]).startswith("https://"):
            return "server_metadata_url"
    return ""


def account_mode(oidc_section) -> tuple[str, str]:
    """('oidc' | 'local' | 'open' | 'closed', the problem when closed).

    Fails closed: an [auth] section that cannot work, an accounts variable naming a missing file,
    an unreadable or invalid accounts file, or `auth_mode` contradicting what is configured all give
    'closed' (nobody gets in). Open single-user mode needs nothing configured at all."""
    wanted = get_setting("auth_mode")
    path = users_file()
    if wanted not in ("auto", "open", "local", "oidc"):
        return "closed", "auth_mode"
    if oidc_section is not None or wanted == "oidc":
        problem = oidc_problem(oidc_section) if oidc_section is not None else "auth"
        return ("closed", problem) if problem or wanted not in ("auto", "oidc") else ("oidc", "")
    if wanted == "open":
        return ("closed", "auth_mode") if path.exists() else ("open", "")
    if path.exists() or wanted == "local" or os.environ.get(SETTINGS["users_file"].env):
        return _local_mode(path, wanted)
    return "open", ""


def _local_mode(path: Path, wanted: str) -> tuple[str, str]:
    if wanted not in ("auto", "local"):
        return "closed", "auth_mode"
    if not path.is_file():
        return "closed", "users_file"
    try:
        accounts = load_accounts(path)
    except AccountError as exc:
        return "closed", str(exc)
    return ("local", "") if accounts else ("closed", "no_accounts")


def save_accounts(accounts: dict[str, dict], path: Path | None = None) -> None:
    """Write the accounts file atomically, readable by its owner only."""
    path = path or users_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# EnvBoard local accounts: python -m envboard user --help", ""]
    for name in sorted(accounts):
        lines.append(f"[users.{json.dumps(name)}]")
        for key in ("role", "region", "password_hash"):
            if accounts[name].get(key):
                lines.append(f"{key} = {json.dumps(accounts[name][key])}")
        lines.append("")
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    os.replace(tmp, path)


def check_account(name: str, role: str, region: str | None) -> None:
    """Raise AccountError for a bad name, role or region (an editor needs a region)."""
    if not NAME_RE.match(name or ""):
        raise AccountError(f"用户名只能含字母、数字和 _.@- / bad user name: {name!r}")
    if role not in ROLES[1:]:
        raise AccountError(f"角色应为 viewer、editor 或 admin / role must be viewer, editor or admin: {role!r}")
    if region is not None and not REGION_RE.match(region):
        raise AccountError(f"地区代码应为 6 位数字 / region must be a 6-digit code: {region!r}")
    if role == "editor" and region is None:
        raise AccountError("编辑角色需要 --region / an editor needs --region")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 位 / password needs {MIN_PASSWORD} characters or more")
    return PasswordHasher().hash(password)


def verify(name: str, password: str, accounts: dict[str, dict] | None = None) -> User | None:
    """The user when name and password match an account, else None."""
    accounts = load_accounts() if accounts is None else accounts
    entry = accounts.get(name)
    known = bool(entry and entry.get("password_hash"))
    # an unknown name costs the same argon2 check as a known one, so timing does not tell them apart
    stored = entry["password_hash"] if known else _dummy_hash()
    try:
        PasswordHasher().verify(stored, password)
    except (Argon2Error, ValueError):
        return None
    if not known:
        return None
    return User(name, entry.get("role", "viewer"), entry.get("region"))


@functools.cache
def _dummy_hash() -> str:
    """A hash with the default parameters that no password given at sign-in matches (a process-wide
    constant, not per-user state)."""
    return PasswordHasher().hash(os.urandom(24).hex())


def user_from_claims(email: str | None, accounts: dict[str, dict], default_role: str = "viewer") -> User:
    """An OIDC user: the role of the account named by the e-mail, else `default_role`."""
    entry = accounts.get(email or "", {})
    return User(email or "unknown", entry.get("role", default_role), entry.get("region"))
