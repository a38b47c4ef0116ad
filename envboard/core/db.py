"""Database access: one read connection per process, copy-on-write imports switched atomically.

Readers attach the database file read-only. A write never touches the live file: it copies it to a
sibling file, writes and checkpoints there, then `os.replace`s it over the live path. A reader that
already has the old file open keeps reading that consistent old version until it notices the new
file (inode change) and re-attaches, so readers never see half an import and never meet a lock.
Writers are serialised by an exclusive `flock` on `<db>.lock`.
"""
from __future__ import annotations

import contextlib
import fcntl
import glob
import itertools
import os
import shutil
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from envboard.core.settings import get_setting

MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"
_counter = itertools.count()


class DatabaseMissing(RuntimeError):
    """The configured database file does not exist (run `python -m envboard init --demo`)."""


class ImportBusy(RuntimeError):
    """Another import holds the write lock."""


def db_path() -> Path:
    """The database file in use: ENVBOARD_DB, else data/envboard.duckdb in the project."""
    return Path(get_setting("db_path")).expanduser().resolve()


def check_db_dir(path: Path) -> None:
    """Raise a clear error when the database's folder does not exist."""
    if not path.parent.is_dir():
        raise FileNotFoundError(f"数据库目录不存在 / database folder does not exist: {path.parent}")


def _migration_files() -> list[Path]:
    return sorted(MIGRATIONS_DIR.glob("[0-9][0-9][0-9]_*.sql"))


def applied_migrations(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the migration files already applied (empty for an empty database)."""
    exists = con.execute(
        "select count(*) from duckdb_tables() where table_name = 'schema_migrations' "
        "and database_name = current_database()"
    ).fetchall()[0][0]
    if not exists:
        return set()
    return {r[0] for r in con.execute("select name from schema_migrations").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply, in file-name order, the migrations not yet applied; return the names applied now."""
    done = applied_migrations(con)
    if not done:
        con.execute("create table if not exists schema_migrations (name varchar primary key, applied_at timestamp)")
    applied = []
    for path in _migration_files():
        if path.name in done:
            continue
        con.execute(path.read_text(encoding="utf-8"))
        con.execute("insert into schema_migrations values ($n, current_timestamp)", {"n": path.name})
        applied.append(path.name)
    return applied


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """The data version: bumped by every committed write, used as the cache key."""
    row = con.execute("select value from meta where key = 'data_version'").fetchall()
    return int(row[0][0]) if row else 0


def get_meta(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    """One value of the meta table."""
    row = con.execute("select value from meta where key = $k", {"k": key}).fetchall()
    return row[0][0] if row else default


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("insert or replace into meta values ($k, $v)", {"k": key, "v": value})


@contextlib.contextmanager
def write_lock(path: Path, wait: bool = True) -> Iterator[None]:
    """Hold the exclusive import lock of `path`; raise ImportBusy if `wait` is False and it is held."""
    check_db_dir(path)
    with open(f"{path}.lock", "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise ImportBusy(str(path)) from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextlib.contextmanager
def write_transaction(path: Path | None = None, wait: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a private copy; on success the copy replaces the live file.

    On any exception the copy is deleted and the live file is untouched.
    """
    path = path or db_path()
    with write_lock(path, wait=wait):
        remove_stale_work_files(path)
        work = path.with_name(f".{path.name}.{os.getpid()}.{next(_counter)}.next")
        mode = stat.S_IMODE(os.stat(path).st_mode) if path.exists() else int(get_setting("file_mode"), 8)
        try:
            if path.exists():    # inside the try: a copy cut short by a full disk is removed too
                shutil.copyfile(path, work)
            con = duckdb.connect(str(work))
            try:
                migrate(con)
                con.execute("begin transaction")
                yield con
                set_meta(con, "data_version", str(data_version(con) + 1))
                con.execute("commit")
                con.execute("checkpoint")
            finally:
                con.close()
            os.chmod(work, mode)     # the live file keeps its mode (0600 unless configured otherwise)
            with open(work, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(work, path)
        finally:
            work.unlink(missing_ok=True)
            Path(f"{work}.wal").unlink(missing_ok=True)


def remove_stale_work_files(path: Path) -> list[Path]:
    """Delete work copies left by a writer that was killed; call only while holding the write lock
    (then no live writer has a work file). Returns the files removed."""
    stale = [p for p in path.parent.glob(f".{glob.escape(path.name)}.*.next*") if p.is_file()]
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def open_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A new read-only connection with the database attached as `envboard` and selected.

    Cursors of this connection must be prepared with select_envboard (Reader.cursor does it)."""
    if not path.exists():
        raise DatabaseMissing(str(path))
    con = duckdb.connect(":memory:")
    # ATTACH rather than connect(path): DuckDB caches instances by path within a process, which
    # would keep serving the replaced file.
    con.execute(f"attach '{_sql_literal(path)}' as envboard (read_only)")
    select_envboard(con)
    from envboard.standards.install import install   # AQI, water-class and CWQI SQL objects

    install(con, shared=True)
    return con


def select_envboard(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Make the attached database the default for unqualified names, with `memory` (shared helper
    tables and macros) searched after it. Cursors do not inherit this, so every cursor calls it."""
    con.execute("use envboard")
    con.execute("set search_path = 'envboard.main,memory.main'")
    return con


def _sql_literal(path: Path) -> str:
    return str(path).replace("'", "''")


class Reader:
    """The process's read connection; re-attaches when an import has replaced the file."""

    def __init__(self, path: Path | None = None):
        self.path = path or db_path()
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None
        self._version: tuple[tuple[int, int] | None, int] | None = None     # (file stamp, data version)

    def _file_stamp(self) -> tuple[int, int]:
        st = os.stat(self.path)
        return st.st_ino, st.st_mtime_ns

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor on the current version of the database (one per query or thread)."""
        with self._lock:
            stamp = self._file_stamp() if self.path.exists() else None
            if self._con is None or stamp != self._stamp:
                self._con = open_reader(self.path)
                self._stamp = stamp
            return select_envboard(self._con.cursor())

    def data_version(self) -> int:
        """The data version of the file now at the path; read again only when the file was replaced
        (every write replaces it), so pages ask for it freely."""
        stamp = self._file_stamp() if self.path.exists() else None
        known = self._version
        if known is not None and known[0] == stamp and stamp == self._stamp:
            return known[1]
        cur = self.cursor()
        try:
            version = data_version(cur)
        finally:
            cur.close()
        self._version = (self._stamp, version)
        return version
