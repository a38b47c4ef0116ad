"""`python -m envboard publish`: write the published snapshot and, with --html, the static site."""
from __future__ import annotations

import argparse
from pathlib import Path
import getpass
import sys

from envboard.core.errors import UsageError


def cmd_publish(args) -> int:
    from envboard.cli.common import open_for_cli  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core.dates import parse_month_end  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.publish import read, snapshot, static_site  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.publish.allowlist import PublishRejected  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    path = Path(args.output).expanduser().resolve() if args.output else read.snapshot_path()
    if args.as_of:
        as_of = parse_month_end(args.as_of)
        con = open_for_cli(args)
        try:
            snapshot.publish(con, as_of, args.scope, path)
        except (PublishRejected, FileNotFoundError) as exc:
            raise UsageError(str(exc)) from exc
        finally:
            con.close()
        _record(args, path, as_of)
        print(f"已发布 / published: {path} (as of {as_of:%Y-%m})")
    elif not args.html:
        raise UsageError("需要 --as-of YYYY-MM 或 --html DIR / give --as-of YYYY-MM or --html DIR")
    if args.html:
        try:
            out = static_site.write_site(read.load(path), Path(args.html))
        except read.SnapshotMissing as exc:
            raise UsageError(f"快照不存在 / snapshot not found: {exc}") from exc
        print(f"静态网站 / static site: {out}")
    return 0


def _record(args, path: Path, as_of) -> None:
    """An audit-log entry in the internal database: who published which month and scope, where."""
    from envboard.security import audit  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.cli.common import _db_arg  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    try:
        actor = getpass.getuser()
    except (KeyError, OSError):
        actor = "cli"
    audit.record(_db_arg(args), actor, "publish", {"as_of": f"{as_of:%Y-%m}", "scope": args.scope, "file": path.name})


def cmd_public_app(args) -> int:
    """Run the public app (public_app.py) with streamlit; options after -- go to streamlit."""
    from streamlit.web import cli as streamlit_cli  # deferred: heavy (streamlit), only when this subcommand serves the app

    from envboard.core.settings import PROJECT_DIR  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    sys.argv = ["streamlit", "run", str(PROJECT_DIR / "public_app.py"), "--browser.gatherUsageStats", "false",
                *[a for a in args.streamlit_args if a != "--"]]
    return streamlit_cli.main(standalone_mode=False) or 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help="write the public snapshot of approved aggregates (and a static site)")
    p.add_argument("--as-of", help="last month published, YYYY-MM (nothing later is read)")
    p.add_argument("--scope", default="360000", help="province code (default 360000)")
    p.add_argument("-o", "--output", help="snapshot file (default: ENVBOARD_SNAPSHOT or data/published.duckdb)")
    p.add_argument("--html", help="also write a static HTML site of the snapshot into this folder")
    p.add_argument("--db", help="internal database (default: ENVBOARD_DB or data/envboard.duckdb)")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("public-app", help="run the public summary app (reads only the published snapshot)")
    p.add_argument("streamlit_args", nargs=argparse.REMAINDER, help="streamlit options after --, e.g. -- --server.port 8502")
    p.set_defaults(func=cmd_public_app)
