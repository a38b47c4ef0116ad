"""CLI: user add|remove|set-role|list (local accounts), backup DIR, restore DIR."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

from envboard.core.errors import UsageError


def register(subparsers) -> None:
    u = subparsers.add_parser("user", help="本地账户 / local accounts").add_subparsers(dest="user_command", required=True)
    a = u.add_parser("add", help="添加账户 / add an account")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=("viewer", "editor", "admin"))
    a.add_argument("--region", help="6 位地区代码 / region code, e.g. 360700, or 全国 / 000000 for every region "
                                    "(required for editors)")
    a.add_argument("--password-stdin", action="store_true", help="从标准输入读密码 / read the password from stdin")
    a.set_defaults(func=run_add)
    r = u.add_parser("remove", help="删除账户 / remove an account")
    r.add_argument("name")
    r.set_defaults(func=run_remove)
    s = u.add_parser("set-role", help="修改角色 / change role")
    s.add_argument("name")
    s.add_argument("role", choices=("viewer", "editor", "admin"))
    s.add_argument("--region")
    s.set_defaults(func=run_set_role)
    u.add_parser("list", help="列出账户 / list accounts").set_defaults(func=run_list)

    b = subparsers.add_parser("backup", help="备份数据库 / back up the database to a folder (Parquet + manifest)")
    b.add_argument("folder", type=Path)
    b.set_defaults(func=run_backup)
    rs = subparsers.add_parser("restore", help="从备份恢复 / restore the database from a backup folder")
    rs.add_argument("folder", type=Path)
    rs.set_defaults(func=run_restore)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("密码 / password: ")
    if getpass.getpass("再次输入 / again: ") != first:
        raise UsageError("两次输入的密码不一致 / the passwords differ")
    return first


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def _audit(detail: dict) -> None:
    """Record an account change when the database exists (accounts also work without it)."""
    from envboard.security import audit  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    if db.store().exists():
        audit.record(db.store(), _actor(), "user", detail)


def _region(text: str | None) -> str | None:
    """An account's region code as given; 全国 (or 000000): every region, for a national office."""
    from envboard.core.regions import NATIONAL_CODE, NATIONAL_NAMES  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    return NATIONAL_CODE if text and text.strip().lower() in NATIONAL_NAMES else text


def run_add(args) -> int:
    from envboard.security import auth  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    accounts = auth.load_accounts()
    args.region = _region(args.region)
    try:
        auth.check_account(args.name, args.role, args.region)
        if args.name in accounts:
            raise auth.AccountError(f"账户已存在 / account exists: {args.name}")
        entry = {"role": args.role, "region": args.region, "password_hash": auth.hash_password(_password(args.password_stdin))}
    except auth.AccountError as exc:
        raise UsageError(str(exc)) from None
    accounts[args.name] = entry
    auth.save_accounts(accounts)
    _audit({"op": "add", "name": args.name, "role": args.role, "region": args.region})
    print(f"已添加 / added: {args.name} ({args.role}{' ' + args.region if args.region else ''})")
    return 0


def run_remove(args) -> int:
    from envboard.security import auth  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    accounts = auth.load_accounts()
    if accounts.pop(args.name, None) is None:
        raise UsageError(f"没有此账户 / no such account: {args.name}")
    auth.save_accounts(accounts)
    _audit({"op": "remove", "name": args.name})
    print(f"已删除 / removed: {args.name}")
    return 0


def run_set_role(args) -> int:
    from envboard.security import auth  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    accounts = auth.load_accounts()
    if args.name not in accounts:
        raise UsageError(f"没有此账户 / no such account: {args.name}")
    region = _region(args.region) or accounts[args.name].get("region")
    try:
        auth.check_account(args.name, args.role, region)
    except auth.AccountError as exc:
        raise UsageError(str(exc)) from None
    accounts[args.name].update(role=args.role, region=region)
    auth.save_accounts(accounts)
    _audit({"op": "set-role", "name": args.name, "role": args.role, "region": region})
    print(f"已修改 / updated: {args.name} ({args.role}{' ' + region if region else ''})")
    return 0


def run_list(args) -> int:
    from envboard.security import auth  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    for name, entry in sorted(auth.load_accounts().items()):
        print(f"{name}\t{entry.get('role', '')}\t{entry.get('region') or '-'}")
    return 0


def _embedded_only() -> None:
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    if isinstance(db.store(), db.LakeStore):
        raise UsageError("服务器模式下请备份 PostgreSQL 目录库（pg_dump 或备库）和共享数据目录 / in server mode, back up "
                         "the PostgreSQL catalog (pg_dump or a standby) and the shared data folder: docs/deploy.md")


def run_backup(args) -> int:
    from envboard.security import backup  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    _embedded_only()
    try:
        manifest = backup.backup(db.db_path(), args.folder, actor=_actor())
    except (backup.BackupError, db.DatabaseMissing) as exc:
        raise UsageError(str(exc)) from None
    print(f"已备份 / backed up: {args.folder} (data_version {manifest['data_version']}, {len(manifest['tables'])} tables)")
    return 0


def run_restore(args) -> int:
    from envboard.security import backup  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    try:
        _embedded_only()
        manifest = backup.restore(args.folder, db.db_path(), actor=_actor())
    except backup.BackupError as exc:
        raise UsageError(str(exc)) from None
    print(f"已恢复 / restored: data_version {manifest['data_version']}")
    return 0
