"""Database access: one read connection per process, copy-on-write imports switched atomically.

Readers attach the database file read-only. A write never touches the live file: it copies it to a
sibling file, writes and checkpoints there, then `os.replace`s it over the live path. A reader that
already has the old file open keeps reading that consistent old version until it notices the new
file (inode change) and re-attaches, so readers never see half an import and never meet a lock.
Writers are serialised by an exclusive `flock` on `<db>.lock`.

Server mode (ENVBOARD_STORE=ducklake:postgres:…, see envboard/core/lake.py) keeps the same functions:
`store()` is then a LakeStore, a write is one DuckLake transaction, the data version is the
snapshot id, and a Reader reads an in-memory copy of one snapshot (lake.connect_pinned).
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
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from envboard.core import lake
from envboard.core.lake import LakeStore
from envboard.core.settings import get_setting

MIGRATIONS_DIR = lake.MIGRATIONS_DIR
_counter = itertools.count()


class DatabaseMissing(RuntimeError):
    """The configured database file does not exist (run `python -m envboard init --demo`)."""


class ImportBusy(RuntimeError):
    """Another import holds the write lock."""


class WriteConflict(RuntimeError):
    """Server mode: another write committed first; nothing of this one was written."""

    def __init__(self, detail: str = ""):
        super().__init__("另一项写入先提交，本次未写入任何数据，请重试 / another write committed first; "
                         "nothing was written, please try again" + (f" ({detail})" if detail else ""))


Target = Path | LakeStore


def db_path() -> Path:
    """The database file in use: ENVBOARD_DB, else data/envboard.duckdb in the project."""
    return Path(get_setting("db_path")).expanduser().resolve()


def store() -> Target:
    """Where the data lives: a LakeStore when ENVBOARD_STORE names one, else the embedded file."""
    url = get_setting("store")
    if url and url != "embedded":
        return lake.parse_store(url, get_setting("data_path"))
    return db_path()


def exists(target: Target) -> bool:
    """True when the database file exists, or the lake's catalog holds the schema."""
    return target.exists()


def check_db_dir(path: Target) -> None:
    """Raise a clear error when the database's folder does not exist."""
    if isinstance(path, LakeStore):
        if not path.data_path.startswith("s3://") and not Path(path.data_path).is_dir():
            raise FileNotFoundError(f"数据目录不存在 / data folder does not exist: {path.data_path}")
        return
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
    in_lake = lake.is_lake(con)
    if not done:
        con.execute("create table if not exists schema_migrations (name varchar"
                    + ("" if in_lake else " primary key") + ", applied_at timestamp)")
    applied = []
    for path in _migration_files():
        if path.name in done:
            continue
        sql = path.read_text(encoding="utf-8")
        if in_lake:
            for statement in filter(None, map(lake.lake_statement, lake.statements(sql))):
                con.execute(statement)
        else:
            con.execute(sql)
        con.execute("insert into schema_migrations values ($n, current_timestamp)", {"n": path.name})
        applied.append(path.name)
    return applied


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """The data version: bumped by every committed write, used as the cache key (server mode: the
    DuckLake snapshot id the connection reads)."""
    if lake.is_lake(con):
        return lake.snapshot_id(con)
    row = con.execute("select value from meta where key = 'data_version'").fetchall()
    return int(row[0][0]) if row else 0


def get_meta(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    """One value of the meta table."""
    row = con.execute("select value from meta where key = $k", {"k": key}).fetchall()
    return row[0][0] if row else default


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    # delete + insert rather than INSERT OR REPLACE: DuckLake tables have no primary key
    con.execute("delete from meta where key = $k", {"k": key})
    con.execute("insert into meta values ($k, $v)", {"k": key, "v": value})


@contextlib.contextmanager
def write_lock(path: Target, wait: bool = True) -> Iterator[None]:
    """Hold the exclusive import lock of `path`; raise ImportBusy if `wait` is False and it is held.
    A lake needs no lock (its writes are serialised at commit), so this does nothing for one."""
    check_db_dir(path)
    if isinstance(path, LakeStore):
        yield
        return
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
def write_transaction(path: Target | None = None, wait: bool = True) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection to a private copy; on success the copy replaces the live file.

    On any exception the copy is deleted and the live file is untouched. In server mode: one
    DuckLake transaction; WriteConflict when another write committed first.
    """
    path = path or store()
    if isinstance(path, LakeStore):
        with _lake_transaction(path) as con:
            yield con
        return
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


def _is_conflict(exc: duckdb.Error) -> bool:
    return "conflict" in str(exc).lower()


@contextlib.contextmanager
def _lake_transaction(store_: LakeStore) -> Iterator[duckdb.DuckDBPyConnection]:
    check_db_dir(store_)
    con = lake.connect(store_)
    try:
        try:
            if applied_migrations(con) != {p.name for p in _migration_files()}:
                con.execute("begin transaction")
                migrate(con)
                lake.ensure_serial(con)
                con.execute("commit")
            con.execute("begin transaction")
            yield con
            lake.touch_serial(con)
            con.execute("commit")
        except duckdb.Error as exc:
            if _is_conflict(exc):
                raise WriteConflict(str(exc).splitlines()[-1][:200]) from exc
            raise
    finally:
        con.close()


def write(fn: Callable[[duckdb.DuckDBPyConnection], object], path: Target | None = None, wait: bool = True,
          attempts: int = 5):
    """fn(con) inside write_transaction; in server mode retried when another write committed first."""
    for attempt in range(attempts):
        try:
            with write_transaction(path, wait=wait) as con:
                return fn(con)
        except WriteConflict:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * 2 ** attempt)
    raise AssertionError("unreachable")


def remove_stale_work_files(path: Path) -> list[Path]:
    """Delete work copies left by a writer that was killed; call only while holding the write lock
    (then no live writer has a work file). Returns the files removed."""
    stale = [p for p in path.parent.glob(f".{glob.escape(path.name)}.*.next*") if p.is_file()]
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def open_reader(path: Target, version: int | None = None) -> duckdb.DuckDBPyConnection:
    """A new read-only connection with the database attached as `envboard` and selected.

    In server mode it reads snapshot `version` (default: the newest), so "as of data version N"
    shows the data exactly as it was then. Cursors of this connection must be prepared with
    select_envboard (Reader.cursor does it)."""
    if isinstance(path, LakeStore):
        con = _open_lake_reader(path, version)
    else:
        if version is not None:
            raise ValueError("data versions other than the current one exist only in server mode")
        if not path.exists():
            raise DatabaseMissing(str(path))
        con = duckdb.connect(":memory:")
        # ATTACH rather than connect(path): DuckDB caches instances by path within a process, which
        # would keep serving the replaced file.
        con.execute(f"attach '{_sql_literal(path)}' as envboard (read_only)")
    select_envboard(con)
    from envboard.standards.install import install  # deferred: layer exception (tests/test_architecture.py): AQI, water-class and CWQI SQL objects

    install(con, shared=True)
    return con


def _open_lake_reader(store_: LakeStore, version: int | None) -> duckdb.DuckDBPyConnection:
    try:
        con = lake.connect_pinned(store_, version)
    except duckdb.Error as exc:
        raise DatabaseMissing(f"{store_} @ {version}: {str(exc).splitlines()[0][:160]}") from exc
    if con is None:
        raise DatabaseMissing(str(store_))
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
    """The process's read connection; re-attaches when an import has replaced the file (server
    mode: copies a newer snapshot when one exists, looked up at most every `poll_seconds`; with
    `background`, the app's choice, the old snapshot keeps serving while the new one is copied)."""

    def __init__(self, path: Target | None = None, poll_seconds: float = 1.0, background: bool = False):
        self.path = path or store()
        self.poll_seconds = poll_seconds
        self.background = background and isinstance(self.path, LakeStore)
        self._building = False
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | int | None = None
        self._polled = 0.0
        self._latest: int | None = None                        # server mode: the newest snapshot, last polled
        self._poll: duckdb.DuckDBPyConnection | None = None    # server mode: an unpinned connection to poll
        self._version: tuple[tuple[int, int] | int | None, int] | None = None   # (stamp, data version)
        self._poll_lock = threading.Lock()

    def _file_stamp(self) -> tuple[int, int] | int | None:
        if isinstance(self.path, LakeStore):
            if self._con is not None and time.monotonic() - self._polled < self.poll_seconds:
                return self._latest         # the last answer, not the snapshot served: else a poll seen by
            with self._poll_lock:           # data_version() and not by cursor() never starts the copy
                if self._poll is None:
                    self._poll = lake.connect(self.path, read_only=True)
                self._latest = lake.latest_snapshot(self.path, self._poll)
                self._polled = time.monotonic()
                return self._latest
        if not self.path.exists():
            return None
        st = os.stat(self.path)
        return st.st_ino, st.st_mtime_ns

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor on the current version of the database (one per query or thread)."""
        return self._cursor_at()[0]

    def _cursor_at(self) -> tuple[duckdb.DuckDBPyConnection, tuple[int, int] | int | None]:
        """A cursor and the stamp of the connection it came from, taken together under the lock
        (server mode swaps the connection from another thread)."""
        with self._lock:
            stamp = self._file_stamp()
            if self._con is None or stamp != self._stamp:
                if self._con is not None and self.background:
                    self._refresh_later(stamp)
                else:
                    self._con = open_reader(self.path, stamp if isinstance(stamp, int) else None)
                    self._stamp = stamp
            return select_envboard(self._con.cursor()), self._stamp

    def _refresh_later(self, stamp: int) -> None:
        """Server mode: copy the new snapshot in a thread while the old one keeps serving (called
        with the lock held); pages switch to it, and their caches to its version, once it is ready."""
        if self._building:
            return
        self._building = True

        def build() -> None:
            try:
                con = open_reader(self.path, stamp)
                with self._lock:
                    self._con, self._stamp = con, stamp
            finally:
                self._building = False

        threading.Thread(target=build, daemon=True, name="envboard-snapshot").start()

    def data_version(self) -> int:
        """The data version of the file now at the path; read again only when the file was replaced
        (every write replaces it; server mode: when another snapshot is served), so pages ask for it freely."""
        stamp = self._file_stamp()
        known = self._version
        if known is not None and known[0] == stamp and stamp == self._stamp:
            return known[1]
        cur, served = self._cursor_at()     # the stamp of the snapshot read, not of whatever is served by now
        try:
            version = data_version(cur)
        finally:
            cur.close()
        self._version = (served, version)
        return version
