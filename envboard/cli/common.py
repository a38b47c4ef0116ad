"""Core CLI commands: init, demo, metrics, info."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
import getpass

from envboard.core import db
from envboard.core.errors import UsageError


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def create_database(path: db.Target, demo: bool, progress=None) -> dict:
    """Create or migrate the database at `path`; with `demo`, replace its data by the demo dataset."""
    from envboard.core.regions import load_regions  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.demo.dataset import build_demo  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.security import audit  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    db.check_db_dir(path)

    def create(con) -> dict:
        if demo:
            counts = build_demo(con, progress=progress)
            # inside the write: if the entry cannot be written, the rebuild does not land
            audit.record(con, _os_user(), "demo", {"rows": sum(counts.values()) if counts else 0})
            return counts
        if not con.execute("select count(*) from regions").fetchall()[0][0]:
            load_regions(con)
            from envboard.ingest.reference import seed_units  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
            from envboard.core.settings import PROJECT_DIR  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
            seed_units(con, PROJECT_DIR / "data" / "reporting_units.csv")
        return {}

    return db.write(create, path)


def ensure_database(path: db.Target, progress=None) -> bool:
    """Create the database with demo data when it does not exist yet; True if it was created."""
    if path.exists():
        return False
    with db.write_lock(path):
        if path.exists():           # another process created it while we waited
            return False
    create_database(path, demo=True, progress=progress)
    return True


def _db_arg(args) -> db.Target:
    return Path(args.db).expanduser().resolve() if getattr(args, "db", None) else db.store()


def cmd_init(args) -> int:
    path = _db_arg(args)
    try:
        started = time.perf_counter()
        counts = create_database(path, demo=args.demo)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from exc
    out = {"db": str(path), "demo": args.demo, "rows": counts, "seconds": round(time.perf_counter() - started, 2)}
    print(json.dumps(out, ensure_ascii=False) if args.json else f"数据库已就绪 / database ready: {path} {counts or ''}")
    return 0


def open_for_cli(args):
    path = _db_arg(args)
    version = getattr(args, "data_version", None)
    if version is not None and not isinstance(path, db.LakeStore):
        raise UsageError("--data-version 仅用于服务器模式 / --data-version needs server mode (ENVBOARD_STORE=ducklake:…)")
    try:
        return db.open_reader(path, version)
    except db.DatabaseMissing as exc:
        if version is not None:
            raise UsageError(f"数据版本不存在或已过期 / data version {version} does not exist or was expired") from exc
        raise UsageError(f"数据库不存在 / database not found: {path} — 先运行 / run first: python -m envboard init --demo") from exc


def cmd_metrics(args) -> int:
    from envboard.domain.metrics import metrics_for  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    con = open_for_cli(args)
    result = metrics_for(con, args.region, args.as_of)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, default=str))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0


def cmd_info(args) -> int:
    from envboard.core.queries import run  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    con = open_for_cli(args)
    cov = run(con, "data_coverage")
    info = {"db": str(_db_arg(args)), "data_version": db.data_version(con),
            "is_demo": db.get_meta(con, "is_demo") == "1",
            "coverage": {r.domain: {"rows": int(r.rows), "first": str(r.first_on), "last": str(r.last_on)} for r in cov.itertuples()}}
    print(json.dumps(info, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create or migrate the database (--demo: load the demo data)")
    p.add_argument("--demo", action="store_true", help="replace all data by the deterministic demo dataset")
    p.add_argument("--db", help="database file (default: ENVBOARD_DB or data/envboard.duckdb)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="(re)build the database with the demo data")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_init, demo=True)

    p = sub.add_parser("metrics", help="headline figures of a region as of a month")
    p.add_argument("--region", required=True, help="赣州市, 赣州 or 360700")
    p.add_argument("--as-of", required=True, help="YYYY-MM")
    p.add_argument("--data-version", type=int, help="server mode: the figures as of this data version (snapshot)")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_metrics)

    p = sub.add_parser("info", help="data version, demo flag and data coverage")
    p.add_argument("--data-version", type=int, help="server mode: as of this data version (snapshot)")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)


if __name__ == "__main__":
    sys.exit("use: python -m envboard …")
