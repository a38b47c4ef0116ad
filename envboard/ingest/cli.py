"""CLI: import FILE --kind …, template KIND -o FILE, imports, rollback IMPORT_ID."""
from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from pathlib import Path
import tempfile

from envboard.core.errors import UsageError
from envboard.ingest.mapping import KINDS
from envboard.ingest.messages import bilingual

SHOWN_ERRORS = 10


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="导入台账文件 / import a spreadsheet (.xlsx .xls .csv)")
    p.add_argument("file", type=Path)
    p.add_argument("--kind", required=True, choices=KINDS)
    p.add_argument("--dry-run", action="store_true", help="只校验并统计，不写入 / validate and count only")
    p.add_argument("--json", action="store_true", help="JSON output")
    p.add_argument("--inspection", help="督察轮次: inspection_id (central-3-360000) or a description (\"中央第三轮 江西\")")
    p.add_argument("--batch", type=int, help="批次 (when neither a column nor the file name has it)")
    p.add_argument("--received-on", type=_date, help="交办日期 YYYY-MM-DD for petitions without one")
    p.add_argument("--as-of", type=_date, help="办结日期 YYYY-MM-DD for petitions closed without a date")
    p.add_argument("--region", help="地区 for files without a region/city column (e.g. 北京市)")
    p.add_argument("--mapping", type=Path, help="值对应文件 CSV (列,原值,对应值) or JSON, for this import only; "
                                                "stored mappings (python -m envboard mapping) always apply")
    p.add_argument("--user", help="导入人 (default: the login name)")
    p.add_argument("--admin", action="store_true",
                   help="以管理员身份导入（账户已配置而本机登录名不是账户时必需；记入审计）/ import as an "
                        "administrator: required when accounts are configured and the login is not one of them")
    p.add_argument("--report", type=Path, help="错误报告 path (default: FILE.errors.xlsx)")
    p.set_defaults(func=run_import)

    t = subparsers.add_parser("template", help="下载导入模板 / write an import template (.xlsx)")
    t.add_argument("kind", choices=KINDS)
    t.add_argument("-o", "--output", type=Path, required=True)
    t.set_defaults(func=run_template)

    h = subparsers.add_parser("imports", help="导入记录 / list imports")
    h.add_argument("--json", action="store_true")
    h.set_defaults(func=run_history)

    m = subparsers.add_parser("mapping", help="保存值对应关系 / store value mappings (列,原值,对应值) for later imports")
    m.add_argument("file", type=Path)
    m.add_argument("--kind", required=True, choices=KINDS)
    m.add_argument("--scope", help="地区 the mapping applies to: name or code, a list of provinces, or 全国 / 000000 "
                                   "(= every scope, the default)")
    m.add_argument("--user")
    m.set_defaults(func=run_mapping)

    r = subparsers.add_parser("rollback", help="回退一次导入 / roll back one import")
    r.add_argument("import_id", type=int)
    r.add_argument("--admin", action="store_true", help="以管理员身份回退 / roll back as an administrator "
                                                        "(when accounts are configured and the login is not one)")
    r.set_defaults(func=run_rollback)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD: {text}") from None


def _options(args):
    from envboard.ingest.context import Options  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    maps = _mapping_file(args.mapping) if args.mapping else None
    login = _login() or "unknown"
    region, admin_flag = _os_scope(login, getattr(args, "admin", False))
    # recorded truthfully: the operating-system account runs the import; --user is only a note
    user = login if not args.user or args.user == login else f"{login} (--user {args.user})"
    if admin_flag:
        user += " (--admin)"
    return Options(inspection_id=args.inspection, batch_no=args.batch, received_on=args.received_on,
                   as_of=args.as_of, region=args.region, user=user, value_maps=maps, allowed_region=region)


def _mapping_file(path: Path) -> dict:
    from envboard.ingest.valuemap import read_mapping_file  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    if not path.is_file():
        raise UsageError(f"文件不存在 / no such file: {path}")
    try:
        return read_mapping_file(path)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"值对应文件无法读取 / unreadable mapping file {path.name}: {exc}") from None


def run_mapping(args) -> int:
    from envboard.ingest import api  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    maps = _mapping_file(args.file)
    entries = [(f, raw, mapped) for f, table in maps.items() for raw, mapped in table.items()]
    scopes = _mapping_scopes(args.scope)
    try:
        n = sum(api.save_value_maps(args.kind, scope, entries, args.user or _login()) for scope in scopes)
    except ValueError as exc:
        raise UsageError(f"值对应无效 / invalid mapping: {exc}") from None
    print(f"已保存 {n} 条值对应 / saved {n} value mappings ({args.kind}, {','.join(scopes) or '*'})")
    return 0


def _mapping_scopes(text: str | None) -> list[str]:
    """The scope codes a mapping is stored for: '' (every scope) for none, 全国 or 000000; a region's
    code for its name, short name or code; each province of a list ('江西,湖北')."""
    if not text:
        return [""]
    from envboard.core.regions import NATIONAL_CODE, resolve_scope  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    con = _reader()
    try:
        code = resolve_scope(con, text).code
    finally:
        con.close()
    return [""] if code == NATIONAL_CODE else code.split(",")


def _reader():
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.ingest.api import use_main_catalog  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    try:
        return use_main_catalog(db.open_reader(db.store()))
    except db.DatabaseMissing as exc:
        raise UsageError(f"数据库不存在 / database missing: {db.store()}") from exc


def _check_region_option(text: str | None) -> None:
    """--region names the one place every row of the file belongs to: 全国 or a list of provinces is
    a scope to read, not a place a row can belong to; say so instead of rejecting every row."""
    from envboard.core.regions import is_scope_only  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    if is_scope_only(text):
        raise UsageError(f"--region {text}：每行数据须属于一个省、市或县；全国或多省的文件请加“城市”或“地区”列 / "
                         f"--region {text}: each row belongs to one province, city or county; give a file that "
                         "covers 全国 or several provinces a 城市 (city) or 地区 (region) column")


def _resolve_inspection(text: str) -> str:
    """The inspection_id named by --inspection; UsageError (exit 2) listing the valid ones otherwise."""
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.ingest.api import use_main_catalog  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.ingest.context import inspection_labels, load_inspections, resolve_inspection  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.ingest.normalize import Invalid  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.ingest.regionindex import RegionIndex  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    try:
        con = use_main_catalog(db.open_reader(db.store()))
    except db.DatabaseMissing as exc:
        raise UsageError(f"数据库不存在 / database missing: {db.store()}") from exc
    try:
        return resolve_inspection(text, load_inspections(con), RegionIndex.from_db(con), inspection_labels(con))
    except Invalid as exc:
        raise UsageError(bilingual(exc.key, **exc.params)) from None
    finally:
        con.close()


def _os_scope(login: str, admin: bool) -> tuple[str | None, bool]:
    """(region the import is held to or None, whether --admin was what allowed it).

    The operating-system account is the identity at the CLI. With no accounts configured, whoever can
    write the data file imports everywhere. With accounts, a login that is an account is held to that
    account's rights (an editor to its region; a viewer may not import; an admin everywhere); a login
    that is not an account must say --admin, which the audit entry records. An unreadable accounts
    file refuses the import (fail closed)."""
    from envboard.security import auth  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    try:
        accounts = auth.load_accounts()
    except auth.AccountError as exc:
        raise UsageError(f"{exc}；导入已拒绝 / import refused") from None
    if not accounts:
        return None, False
    entry = accounts.get(login)
    if entry is None:
        if not admin:
            raise UsageError(f"本机登录名 {login} 不是已配置的账户：以管理员身份导入请加 --admin（记入审计） / "
                             f"the login {login} is not a configured account: add --admin to import as an "
                             "administrator (recorded in the audit log)")
        return None, True
    role = entry.get("role", "viewer")
    if role == "admin":
        return None, False
    if admin:
        raise UsageError(f"账户 {login} 的角色是 {role}，不能使用 --admin / account {login} is a {role}: "
                         "--admin is not allowed")
    if role != "editor":
        raise UsageError(f"账户 {login} 是只读账户，不能导入 / account {login} is a viewer and cannot import")
    return entry.get("region"), False


def _login() -> str | None:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return None


def run_import(args) -> int:
    from envboard.ingest import api  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    if not args.file.is_file():
        raise UsageError(f"文件不存在 / no such file: {args.file}")
    _check_region_option(args.region)
    options = _options(args)
    if options.inspection_id:
        options.inspection_id = _resolve_inspection(options.inspection_id)
    if args.dry_run:
        result = api.preview(args.file, args.file.name, args.kind, options=options)
        result.status = "dry_run" if result.status == "ok" else result.status
    else:
        result = api.commit(args.file, args.file.name, args.kind, options=options)
    report = None
    if result.status == "rejected":
        report = _write_report(result, args.report or args.file.with_name(args.file.name + ".errors.xlsx"))
    _print_result(result, report, args.json)
    return 1 if result.status == "rejected" else 0


def _write_report(result, path: Path) -> Path:
    """The error report next to the file, or in the temp folder when that folder is read-only."""
    from envboard.ingest.error_report import write_error_report  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    total = result.n_errors + result.n_warnings
    try:
        return write_error_report(result.errors, path, total=total)
    except OSError:
        return write_error_report(result.errors, Path(tempfile.gettempdir()) / path.name, total=total)


def _print_result(result, report, as_json: bool) -> None:
    if as_json:
        doc = result.as_json()
        doc["report"] = str(report) if report else None
        print(json.dumps(doc, ensure_ascii=False, indent=2, default=str))
    elif result.status == "rejected":
        _print_rejected(result, report)
    else:
        c = result.counts
        key = "ingest.ok.dry_run" if result.status == "dry_run" else "ingest.ok.imported"
        suffix = f" (#{result.import_id})" if result.import_id else ""
        print(bilingual(key, inserted=c.inserted, updated=c.updated, unchanged=c.unchanged) + suffix)
        if result.n_warnings:
            print(f"  提示 / warnings: {result.n_warnings}")


def _print_rejected(result, report) -> None:
    print(bilingual("ingest.rejected", rejected=max(result.counts.rejected, 1), report=report), file=sys.stderr)
    for e in [e for e in result.errors if e.severity == "error"][:SHOWN_ERRORS]:
        value = f" [{e.value}]" if e.value else ""
        print(f"  {_where(e)}: {e.reason('zh')} / {e.reason('en')}{value}", file=sys.stderr)


def _where(e) -> str:
    parts = [e.sheet, f"第{e.row}行" if e.row else None, e.column]
    return " ".join(p for p in parts if p) or e.file


def run_template(args) -> int:
    from envboard.ingest.templates import write_template  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    write_template(args.kind, args.output)
    print(args.output)
    return 0


def run_history(args) -> int:
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.ingest import api  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    path = db.store()
    if not path.exists():
        raise UsageError(f"数据库不存在 / database missing: {path}")
    frame = api.history()
    if args.json:
        print(frame.to_json(orient="records", date_format="iso", force_ascii=False))
    else:
        print(frame.to_string(index=False) if len(frame) else "（无导入记录 / no imports）")
    return 0


def run_rollback(args) -> int:
    from envboard.ingest import api  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    login = _login() or "unknown"
    region, admin_flag = _os_scope(login, args.admin)
    if region is not None:
        raise UsageError(f"账户 {login} 是地区编辑，命令行回退需要管理员 / account {login} edits one region: "
                         "rolling back from the command line needs an administrator")
    tables = api.rollback(args.import_id, actor=login + (" (--admin)" if admin_flag else ""))
    print(f"已回退导入 #{args.import_id} / rolled back import #{args.import_id}: {', '.join(tables) or '-'}")
    return 0
