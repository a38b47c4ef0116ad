"""CLI: petition-rate --scope CODE --lead strict|incl_staged — which 办结率 leads for a scope (audited)."""
from __future__ import annotations

import argparse

from envboard.core.errors import UsageError

LEADS = {"strict": "resolution_rate", "incl_staged": "resolution_rate_incl_staged"}


def set_lead(path, scope: str, lead: str, actor: str | None) -> None:
    """Store the leading 办结率 definition of `scope` ('' for every scope) in one audited write."""
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.security import audit  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    with db.write_transaction(path) as con:
        db.set_meta(con, f"petition_rate_lead:{scope}", LEADS[lead])
        audit.record(con, actor, "edit", {"setting": "petition_rate_lead", "scope": scope, "value": LEADS[lead]})


def cmd_petition_rate(args) -> int:
    from envboard.core import db  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    from envboard.core.regions import resolve_scope  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)

    scope = ""
    if args.scope:
        con = db.open_reader(db.store())
        try:
            scope = resolve_scope(con, args.scope).code      # 全国 → 000000, '江西,湖北' → 360000,420000
        finally:
            con.close()
    if args.lead not in LEADS:
        raise UsageError(f"--lead: strict | incl_staged ({args.lead})")
    set_lead(db.store(), scope, args.lead, args.user)
    print(f"办结率口径 / resolution-rate definition for {scope or '*'}: {LEADS[args.lead]}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("petition-rate", help="办结率以哪种口径为主 / which petition resolution rate leads for a scope")
    p.add_argument("--lead", required=True, choices=sorted(LEADS))
    p.add_argument("--scope", help="地区 (省/市/县 name or code, 全国 / 000000, or a list of provinces such as "
                                   "江西,湖北); omitted: every scope")
    p.add_argument("--user")
    p.set_defaults(func=cmd_petition_rate)
