"""One way to run SQL: queries/<name>.sql with bound $named parameters."""
from __future__ import annotations

import functools
import re
from pathlib import Path

import duckdb
import pandas as pd

from envboard.core.db import select_envboard
from envboard.core.memo import memoised
from envboard.core.errors import QueryParamsError
from envboard.core.settings import PROJECT_DIR

QUERY_DIR = PROJECT_DIR / "queries"
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@functools.cache
def query_text(name: str) -> tuple[str, frozenset[str]]:
    """The SQL of queries/<name>.sql and the $params its body uses."""
    path = QUERY_DIR / f"{name}.sql"
    sql = path.read_text(encoding="utf-8")
    body = "\n".join(ln for ln in sql.splitlines() if not ln.lstrip().startswith("--"))
    return sql, frozenset(_PARAM.findall(body))


def query_header(name: str) -> str:
    """The leading comment block of a query file, without the comment markers."""
    sql, _ = query_text(name)
    lines = []
    for ln in sql.splitlines():
        if not ln.startswith("--"):
            break
        lines.append(ln[2:].strip())
    return "\n".join(lines)


@memoised
def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run queries/<name>.sql with bound parameters; the file's $params and ours must match."""
    sql, wanted = query_text(name)
    if wanted != params.keys():
        raise QueryParamsError(name, missing=set(wanted - params.keys()), extra=set(params.keys() - wanted))
    cur = select_envboard(con.cursor()) if _is_reader(con) else con.cursor()
    try:
        return cur.execute(sql, params).df()
    finally:
        cur.close()


def _is_reader(con: duckdb.DuckDBPyConnection) -> bool:
    """True for a connection whose database is attached as `envboard` (see db.open_reader)."""
    return bool(con.execute("select count(*) from duckdb_databases() where database_name = 'envboard'").fetchall()[0][0])


def available() -> list[str]:
    """Names of all named queries."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))
