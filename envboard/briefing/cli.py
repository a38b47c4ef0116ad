"""CLI: python -m envboard briefing --month 2022-12 --scope 360700 --format docx,pdf,xlsx -o DIR [--freeze] [--json]."""
from __future__ import annotations

import argparse
import json
from pathlib import Path
import getpass


def cmd_briefing(args) -> int:
    from envboard.briefing import editions, exports  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.briefing.build import build_edition  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.cli.common import open_for_cli  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core.errors import UsageError  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core.dates import parse_month_end  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    formats = exports.parse_formats(args.format)
    as_of = parse_month_end(args.month)
    out_dir = Path(args.output).expanduser()
    if not out_dir.is_dir():
        raise UsageError(f"输出目录不存在 / output folder does not exist: {out_dir}")
    con = open_for_cli(args)
    ed = build_edition(con, args.scope, as_of)
    if args.freeze:
        db_file = Path(args.db).expanduser().resolve() if args.db else db.db_path()
        root = editions.editions_dir(db_file if args.db else db.store())

        from envboard.security import audit  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
        audit.record(db_file, getpass.getuser(), "edition",
                     {"scope": (ed.get("scope") or {}).get("code"), "month": ed.get("month"), "via": "cli"})
        ed, files = editions.freeze(ed, lambda issued: exports.export(issued, formats), root)
    else:
        files = exports.export(ed, formats)
    written = []
    for fmt, data in files.items():
        path = out_dir / exports.file_name(ed, fmt)
        path.write_bytes(data)
        written.append(str(path.resolve()))
    if args.json:
        print(json.dumps({"files": written, "edition": ed["id"], "data_version": ed["data_version"]}, ensure_ascii=False))
    else:
        print("\n".join(written + ([f"edition: {ed['id']}"] if ed["id"] else [])))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("briefing", help="monthly briefing (月度通报) of a scope as DOCX, PDF and/or XLSX")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--scope", required=True, help="province or city: 赣州市, 赣州 or 360700")
    p.add_argument("--format", default="docx,pdf,xlsx", help="comma-separated: docx,pdf,xlsx")
    p.add_argument("-o", "--output", default=".", help="folder to write the files to")
    p.add_argument("--freeze", action="store_true", help="issue the edition (kept unchanged after later imports)")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true", help="print the written paths as JSON")
    p.set_defaults(func=cmd_briefing)
