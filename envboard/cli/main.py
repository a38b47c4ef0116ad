"""Command line: python -m envboard <command> … (see --help).

Each command module exposes `register(subparsers)`, adding its sub-commands with
`set_defaults(func=…)`; a func returns the process exit code. Exit codes: 0 ok, 1 rejected input
(with a report), 2 usage error (unknown region, malformed month, missing folder …).
"""
from __future__ import annotations

import argparse
import importlib
import sys

from envboard.core.errors import UsageError

COMMAND_MODULES = [
    "envboard.cli.common",
    "envboard.standards.cli",
    "envboard.ingest.cli",
    "envboard.bench.cli",
    "envboard.briefing.cli",
    "envboard.security.cli",
    "envboard.publish.cli",
    "envboard.cli.rank",
    "envboard.cli.petition_rate",
    "envboard.cli.server",
    "envboard.cli.serve",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m envboard", description="EnvBoard 督察整改看板")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
