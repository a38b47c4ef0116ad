"""CLI: python -m envboard rank --metric closure_rate --scope 360000 --period 2022 [--by change] [--against prev] [--json]."""
from __future__ import annotations

import argparse
import json

from envboard.cli.common import open_for_cli
from envboard.core.i18n import t
from envboard.domain.rank import REGISTRY, parse_period
from envboard.domain.rank_values import leaderboard, records, resolve_scope

FIELDS = ["rank", "region_code", "region_name", "value", "numerator", "denominator", "change", "rank_change", "tie",
          "change_pct", "previous_value", "previous_value_own_basis", "base_invalid"]


def cmd_rank(args) -> int:
    """Print the leaderboard rows (then the regions left out with their reason); exit 0."""
    con = open_for_cli(args)
    board = leaderboard(con, args.metric, resolve_scope(con, args.scope), parse_period(args.period), args.by, args.against)
    rows = records(board)
    excluded = [{"region_code": r.region_code, "region_name": r.region_name, "reason": r.reason, "reason_text": t(r.reason, lang="zh")}
                for r in board.excluded.itertuples()]
    if args.json:
        print(json.dumps({"metric": args.metric, "scope": board.scope_code, "period": board.period.text,
                          "by": args.by, "against": args.against, "rows": rows, "excluded": excluded,
                          "change_kind": board.metric.change, "basis": board.basis,
                          "previous_basis": board.previous_basis, "previous_recomputed": board.previous_recomputed},
                         ensure_ascii=False))
        return 0
    if board.basis:
        print(f"# basis: {board.basis}; comparison period: {board.previous_basis}"
              + (" (recomputed under the current rules, 同口径)" if board.previous_recomputed else ""))
    print("\t".join(FIELDS))
    for row in rows:
        print("\t".join("" if row[f] is None else str(row[f]) for f in FIELDS))
    for row in excluded:
        print(f"-\t{row['region_code']}\t{row['region_name']}\t{row['reason_text']}")
    return 0


def _entry(row: dict) -> str:
    change = "" if row["change_pct"] is None else f", {row['change_pct']:+.1f}%"
    tie = "并列" if row["tie"] else ""
    return f"{tie}{row['region_name']}({row['value']}{change})"


def cmd_air_board(args) -> int:
    """Print the MEE-style air rankings (month and 1—X月累计, best and worst N with ties); exit 0."""
    from envboard.domain import air_board  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core.i18n import t as tr  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    con = open_for_cli(args)
    board = air_board.air_board(con, resolve_scope(con, args.scope), args.month)
    out = air_board.records(board, args.top)
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    for key, entry in out["metrics"].items():
        for label in ("month", "ytd"):
            part = entry[label]
            print(f"## {tr('rank.metric.' + key, lang='zh')} · {out[label]}" + (f" · {part['basis']}" if part["basis"] else ""))
            for side in ("best", "worst"):
                names = "、".join(_entry(r) for r in part[side])
                print(f"  {side} {args.top}: {names}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser("air-board", help="MEE-style air rankings: six pollutants, heavy days, good-day share, "
                                         "composite index; month and year to date, best/worst N with ties")
    a.add_argument("--scope", required=True, help="province or city code/name, or 000000 / 全国")
    a.add_argument("--month", required=True, help="YYYY-MM")
    a.add_argument("--top", type=int, default=20, help="best and worst N (ties included)")
    a.add_argument("--db")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_air_board)

    p = sub.add_parser("rank", help="rank the regions of a scope by a metric over a period")
    p.add_argument("--metric", required=True, choices=list(REGISTRY))
    p.add_argument("--scope", required=True, help="province or city code/name, or 000000 / national")
    p.add_argument("--period", required=True, help="2022 | 2022-12 | ytd:2022-11 | 2022-01..2022-11")
    p.add_argument("--by", choices=["value", "change"], default="value", help="standing (value) or improvement (change)")
    p.add_argument("--against", choices=["yoy", "prev"], default="yoy",
                   help="comparison period: same period last year (yoy) or the previous period (prev)")
    p.add_argument("--db")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rank)
