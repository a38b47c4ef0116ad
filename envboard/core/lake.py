"""Server mode: the data in DuckLake, its catalog in PostgreSQL and its Parquet files in a shared folder.

ENVBOARD_STORE=ducklake:postgres:<libpq dsn> selects it, ENVBOARD_DATA_PATH names the data folder.
The DuckLake and PostgreSQL extensions are loaded from the PyPI packages duckdb-extension-ducklake
and duckdb-extension-postgres (same version as duckdb); DuckDB never downloads an extension here.

A write is one DuckLake transaction (many writers, on many hosts, commit without copying anything);
every write also updates the single row of `lake_write_serial`, so two writes that overlap in time
conflict at commit and the later one is retried (db.write) or reported (WriteConflict) — writes stay
serialisable, as under the embedded file's lock. The data version is the DuckLake snapshot id.
Readers copy one snapshot into memory and read the copy (connect_pinned), then copy the next.
"""
from __future__ import annotations

import glob
import importlib.util
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

# The schema's migrations (db applies them; a lake snapshot copy re-creates their macros and views).
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"

PREFIX = "ducklake:postgres:"
ALIAS = "envboard"
# (PyPI package suffix, the name DuckDB loads it by)
EXTENSIONS = (("ducklake", "ducklake"), ("postgres", "postgres_scanner"))
SERIAL_TABLE = "lake_write_serial"
COPY_WORKERS = 4            # tables copied at once into a reader's snapshot copy


class ExtensionMissing(RuntimeError):
    """A DuckDB extension package needed by server mode is not installed."""


@dataclass(frozen=True)
class LakeStore:
    """A DuckLake: PostgreSQL catalog (libpq key=value dsn) and the folder (or s3:// prefix) of its data files."""

    dsn: str
    data_path: str

    @property
    def url(self) -> str:
        return PREFIX + self.dsn

    def __str__(self) -> str:      # shown by `info`; a password in the dsn is never printed
        return PREFIX + re.sub(r"password=\S+", "password=***", self.dsn)

    def exists(self) -> bool:
        """True when the catalog holds an EnvBoard schema (init has run)."""
        try:
            con = connect(self, read_only=True)
        except duckdb.Error:
            return False
        try:
            return has_schema(con)
        finally:
            con.close()


def parse_store(url: str, data_path: str) -> LakeStore:
    """The LakeStore of an ENVBOARD_STORE value; ValueError naming what is wrong."""
    if not url.startswith(PREFIX):
        raise ValueError(f"ENVBOARD_STORE must start with {PREFIX} (got {url.split(':')[0]}…)")
    if not data_path:
        raise ValueError("ENVBOARD_DATA_PATH must name the shared data folder in server mode")
    if not data_path.startswith("s3://"):
        data_path = str(Path(data_path).expanduser().resolve())
    return LakeStore(url[len(PREFIX):], data_path.rstrip("/") + "/")


def extension_file(package: str) -> str:
    """Path of the .duckdb_extension file inside the PyPI package duckdb-extension-<package>."""
    spec = importlib.util.find_spec(f"duckdb_extension_{package}")
    if spec is None or spec.origin is None:
        raise ExtensionMissing(f"pip install duckdb-extension-{package}=={duckdb.__version__}")
    found = glob.glob(os.path.join(os.path.dirname(spec.origin), "extensions", f"v{duckdb.__version__}",
                                   "*.duckdb_extension"))
    if not found:
        raise ExtensionMissing(f"duckdb-extension-{package} does not match duckdb {duckdb.__version__}: "
                               f"pip install duckdb-extension-{package}=={duckdb.__version__}")
    return found[0]


def load_extensions(con: duckdb.DuckDBPyConnection) -> None:
    """Install the DuckLake and PostgreSQL extensions from their packages and load them (no network)."""
    for package, _ in EXTENSIONS:
        load_extension(con, package)


def load_extension(con: duckdb.DuckDBPyConnection, package: str) -> None:
    """Install one extension (ducklake or postgres) from its package and load it (no network)."""
    con.execute(f"install '{_literal(extension_file(package))}'")
    con.execute(f"load {dict(EXTENSIONS)[package]}")


def new_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection that may never download or auto-load an extension."""
    return duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                              "autoload_known_extensions": False})


PG_ALIAS = "envboard_pg"
_pg_connections: dict[str, duckdb.DuckDBPyConnection] = {}   # per process and dsn: loading the extension is slow
_pg_lock = threading.Lock()


def pg_cursor(dsn: str) -> duckdb.DuckDBPyConnection:
    """A cursor with the PostgreSQL database `dsn` attached as `envboard_pg` (server mode's tables
    beside the catalog: audit log, briefing drafts). The connection is opened once per process and
    dsn; each caller gets its own cursor (own transaction) and closes it."""
    with _pg_lock:
        con = _pg_connections.get(dsn)
        if con is None:
            con = new_connection()
            try:
                load_extension(con, "postgres")
                con.execute(f"attach '{_literal(dsn)}' as {PG_ALIAS} (type postgres)")
            except BaseException:
                con.close()
                raise
            _pg_connections[dsn] = con
        return con.cursor()


def pg_setup(cur: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Run PostgreSQL DDL (as written for PostgreSQL, not DuckDB) on `envboard_pg`, then let DuckDB
    see the tables it created."""
    cur.execute(f"call postgres_execute('{PG_ALIAS}', '{_literal(sql)}')")
    cur.execute("call pg_clear_cache()")


def connect(store: LakeStore, snapshot: int | None = None, read_only: bool = False,
            con: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """A connection with the lake attached as `envboard` and selected; pinned to `snapshot` if given.
    Loading the extensions costs a new connection about half a second, so `con` may be reused."""
    fresh = con is None
    con = con or new_connection()
    try:
        if fresh:
            load_extensions(con)
        options = [f"DATA_PATH '{_literal(store.data_path)}'"]
        if snapshot is not None:
            options.append(f"SNAPSHOT_VERSION {int(snapshot)}")
        if read_only or snapshot is not None:
            options.append("READ_ONLY")
        con.execute(f"attach '{_literal(store.url)}' as {ALIAS} ({', '.join(options)})")
        con.execute(f"use {ALIAS}")
    except BaseException:
        if fresh:
            con.close()
        raise
    return con


def has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the attached lake holds an EnvBoard schema (init has run)."""
    return bool(con.execute("select count(*) from duckdb_tables() where database_name = $a "
                            "and table_name = 'schema_migrations'", {"a": ALIAS}).fetchall()[0][0])


def connect_pinned(store: LakeStore, snapshot: int | None = None) -> duckdb.DuckDBPyConnection | None:
    """A connection whose `envboard` database is an in-memory copy of the lake at `snapshot` (default:
    the newest), with meta.data_version set to the snapshot id; None when init has not run.

    A copy rather than the lake itself: every query on a DuckLake first reads the snapshot's file
    lists from PostgreSQL, which made a page of a dozen queries several times slower than on the
    embedded file — also when the lake is attached pinned to the snapshot (SNAPSHOT_VERSION):
    docs/deploy.md has the measurement. The copy is made once per snapshot and process and then
    reads like the file."""
    con = connect(store, read_only=True)
    try:
        if not has_schema(con):
            con.close()
            return None
        if snapshot is None:
            snapshot = latest_snapshot(store, con)
        con.execute("use memory")
        con.execute(f"detach {ALIAS}")
        con.execute(f"attach '{_literal(store.url)}' as lake_source "
                    f"(DATA_PATH '{_literal(store.data_path)}', SNAPSHOT_VERSION {int(snapshot)}, READ_ONLY)")
        con.execute(f"attach ':memory:' as {ALIAS}")
        tables = [t for (t,) in con.execute("select table_name from duckdb_tables() where database_name = "
                                            "'lake_source' and schema_name = 'main' order by 1").fetchall()]

        def copy(table: str) -> None:
            cur = con.cursor()
            try:
                cur.execute(f"create table {ALIAS}.main.{table} as select * from lake_source.main.{table}")
            finally:
                cur.close()

        # Each table's scan first reads its file list from PostgreSQL (a round trip of ~0.1 s even for an
        # empty table); copying several at once overlaps them. Every cursor reads the pinned snapshot.
        with ThreadPoolExecutor(COPY_WORKERS) as pool:
            list(pool.map(copy, tables))
        con.execute("detach lake_source")
        con.execute(f"use {ALIAS}")
        for sql in _macros():
            con.execute(sql)
        con.execute("delete from meta where key = 'data_version'")
        con.execute("insert into meta values ('data_version', $v)", {"v": str(int(snapshot))})
        return con
    except BaseException:
        con.close()
        raise


def _macros() -> list[str]:
    """The migrations' macros, created on a snapshot copy (a DuckLake does not store them)."""
    out = []
    for path in sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql")):
        for statement in statements(path.read_text(encoding="utf-8")):
            bare = "\n".join(re.sub(r"--.*$", "", ln) for ln in statement.splitlines()).strip()
            if re.match(r"^create\s+(or\s+replace\s+)?(macro|view)\b", bare, re.I):
                out.append(statement)
    return out


def is_lake(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the `envboard` database of this connection is a DuckLake."""
    rows = con.execute("select type from duckdb_databases() where database_name = $a", {"a": ALIAS}).fetchall()
    return bool(rows) and rows[0][0] == "ducklake"


def snapshot_id(con: duckdb.DuckDBPyConnection) -> int:
    """The snapshot the connection reads (its pinned one, else the newest committed)."""
    return int(con.execute(f"select id from {ALIAS}.current_snapshot()").fetchall()[0][0])


def latest_snapshot(store: LakeStore, con: duckdb.DuckDBPyConnection | None = None) -> int:
    """The newest committed snapshot id, read from the catalog."""
    own = con is None
    con = con or connect(store, read_only=True)
    try:
        return int(con.execute(f"select max(snapshot_id) from {ALIAS}.snapshots()").fetchall()[0][0])
    finally:
        if own:
            con.close()


def ensure_serial(con: duckdb.DuckDBPyConnection) -> None:
    """Create the one-row table every write updates (see the module docstring)."""
    con.execute(f"create table if not exists {SERIAL_TABLE} (writes bigint)")
    if not con.execute(f"select count(*) from {SERIAL_TABLE}").fetchall()[0][0]:
        con.execute(f"insert into {SERIAL_TABLE} values (0)")


def touch_serial(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"update {SERIAL_TABLE} set writes = writes + 1")


# DuckLake tables have no keys, indexes or sequences: the migrations' DDL is rewritten for it.
# The embedded file keeps every constraint, and the storage contract tests run both modes.
_DROP_STATEMENT = re.compile(r"^\s*create\s+(unique\s+)?(index|sequence)\b", re.I)
_TABLE_CONSTRAINT = re.compile(r",\s*(primary\s+key|unique|foreign\s+key)\s*\([^)]*\)(\s*references\s+\w+\s*\([^)]*\))?",
                               re.I)
_COLUMN_CONSTRAINT = re.compile(r"\s+(primary\s+key|unique|references\s+\w+\s*(\([^)]*\))?)(?=[\s,)])", re.I)
_NEXTVAL_DEFAULT = re.compile(r"\s+default\s+nextval\s*\([^)]*\)", re.I)


def statements(sql: str) -> list[str]:
    """The statements of a migration file, split at each `;` outside quotes and `--` comments.

    Not duckdb.extract_statements: in DuckDB 1.5 its `.query` is empty for ALTER statements, which
    would skip every added column silently."""
    out, start, i, quote = [], 0, 0, None
    while i < len(sql):
        ch = sql[i]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif sql.startswith("--", i):
            i = sql.find("\n", i)
            i = len(sql) if i < 0 else i
            continue
        elif ch == ";":
            out.append(sql[start:i + 1])
            start = i + 1
        i += 1
    tail = sql[start:]
    return [st for st in (*out, tail) if "\n".join(re.sub(r"--.*$", "", ln) for ln in st.splitlines()).strip()]


_ADD_COLUMN_DEFAULT = re.compile(
    r"^alter\s+table\s+(?P<table>\S+)\s+add\s+column\s+(?P<column>\S+)\s+(?P<kind>.+?)\s+default\s+(?P<default>[^;]+?);?$",
    re.I | re.S)


def lake_statement(statement: str) -> str | None:
    """The statement as DuckLake accepts it (keys, indexes and sequences dropped); None to skip it."""
    bare = "\n".join(re.sub(r"--.*$", "", ln) for ln in statement.splitlines()).strip()
    if _DROP_STATEMENT.match(bare):
        return None
    added = _ADD_COLUMN_DEFAULT.match(bare)
    if added:   # DuckLake 1.5 takes no column default (not even `false`): add the column and fill it;
        # writers name every column they set, and queries read a missing flag as its default (coalesce).
        table, column, kind, default = added.group("table", "column", "kind", "default")
        return f"alter table {table} add column {column} {kind}; update {table} set {column} = {default}"
    if re.match(r"^create\s+table\b", bare, re.I):
        bare = _TABLE_CONSTRAINT.sub("", bare)
        bare = _NEXTVAL_DEFAULT.sub("", bare)
        return _COLUMN_CONSTRAINT.sub("", bare)
    return statement


def _literal(text: str) -> str:
    return text.replace("'", "''")
