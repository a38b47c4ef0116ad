"""Where the audit log lives: an append-only, hash-chained store of its own, apart from the data file.

Each entry carries `prev` (the hash of the entry before it) and `hash` = sha256 of its own canonical
JSON (seq, at, actor, action, detail, prev). Changing, removing or reordering any entry breaks the
chain from there on, which `verify` reports. Restoring a backup replaces the data file only: the
audit log keeps every entry and gains a `restore` entry.

`AuditStore` is the interface: `append`, `entries`, `verify`. `FileAuditStore` (JSON lines beside the
database, `<db>.audit.jsonl`, or the `audit_path` setting) is the embedded store. `PgAuditStore` is
server mode's: the table `envboard_audit_log` in the PostgreSQL database of the DuckLake catalog,
shared by every app server, whose triggers refuse UPDATE, DELETE and TRUNCATE and any row that does
not link to the one before it, so concurrent appends from many processes and hosts serialise on
the table's keys (a refused append is retried on the new last entry).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import itertools
import json
import os
import random
import time
from pathlib import Path
from typing import Protocol

import duckdb

from envboard.core import lake
from envboard.core.settings import get_setting

GENESIS = "0" * 64


class AuditWriteError(RuntimeError):
    """The entry could not be written; the action it records must not go ahead."""


class AuditStore(Protocol):
    def append(self, actor: str, action: str, detail: dict) -> dict: ...
    def entries(self) -> list[dict]: ...
    def verify(self) -> tuple[bool, int, str]: ...


def entry_hash(entry: dict) -> str:
    """sha256 over the entry's fields other than `hash`, as canonical JSON."""
    body = {k: entry[k] for k in ("seq", "at", "actor", "action", "detail", "prev")}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


def new_entry(last: dict | None, actor: str, action: str, detail: dict) -> dict:
    """The entry that follows `last` (None: the first), with its hash."""
    entry = {"seq": (last["seq"] + 1) if last else 1,
             "at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
             "actor": actor or "unknown", "action": action,
             "detail": json.loads(json.dumps(detail, ensure_ascii=False, default=str)),
             "prev": last["hash"] if last else GENESIS}
    entry["hash"] = entry_hash(entry)
    return entry


def verify_chain(entries) -> tuple[bool, int, str]:
    """(intact, entries, problem): every hash and link checked from the first entry on."""
    prev, n = GENESIS, 0
    try:
        for n, entry in enumerate(entries, start=1):
            if entry.get("seq") != n or entry.get("prev") != prev or entry_hash(entry) != entry.get("hash"):
                return False, n - 1, f"entry {n}"
            prev = entry["hash"]
    except (ValueError, KeyError, TypeError):
        return False, n, f"entry {n + 1} unreadable"
    return True, n, ""


def file_mode() -> int:
    return int(get_setting("file_mode"), 8)


class FileAuditStore:
    """JSON lines, one entry per line, appended under an flock of `<file>.lock` and fsynced."""

    def __init__(self, path: Path):
        self.path = Path(path)

    @contextlib.contextmanager
    def _locked(self):
        with open(f"{self.path}.lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def _last(self) -> dict | None:
        if not self.path.exists() or self.path.stat().st_size == 0:
            return None
        with open(self.path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size, block, tail = fh.tell(), 4096, b""
            while size > 0 and tail.count(b"\n") < 2:
                step = min(block, size)
                size -= step
                fh.seek(size)
                tail = fh.read(step) + tail
        line = tail.rstrip(b"\n").rsplit(b"\n", 1)[-1]
        return json.loads(line)

    def append(self, actor: str, action: str, detail: dict) -> dict:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._locked():
                entry = new_entry(self._last(), actor, action, detail)
                line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode()
                fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, file_mode())
                try:
                    if os.write(fd, line) != len(line):
                        raise OSError("short write")
                    os.fsync(fd)
                finally:
                    os.close(fd)
        except (OSError, ValueError, KeyError) as exc:
            raise AuditWriteError(f"审计日志写入失败 / audit log write failed: {type(exc).__name__}") from None
        return entry

    def entries(self) -> list[dict]:
        if not self.path.exists():
            return []
        with open(self.path, encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    def verify(self) -> tuple[bool, int, str]:
        """(intact, entries, problem): every hash and link checked from the first entry on."""
        try:
            return verify_chain(self.entries())
        except ValueError:
            return False, 0, "entry 1 unreadable"


TABLE = "envboard_audit_log"
_ALIAS = "envboard_pg"                # lake.PG_ALIAS
_COLUMNS = 'seq, "at", actor, "action", detail, prev, hash'      # AT is a keyword in DuckDB
_LOCK_KEY = 0x656E7661756469          # the advisory lock of the table's creation ("envaudi")
APPEND_SECONDS = 30                   # how long an append keeps retrying a place another process took
# Run once per process and database: creates the table, its triggers and revokes, if missing.
_SETUP = f"""
do $setup$ begin
  perform pg_advisory_xact_lock({_LOCK_KEY});
  if to_regclass('{TABLE}') is null then
    create table {TABLE} (
      seq    bigint primary key check (seq > 0),
      at     text not null,
      actor  text not null,
      action text not null,
      detail text not null,                 -- the detail as JSON text, exactly as hashed
      prev   text not null unique check (length(prev) = 64),
      hash   text not null unique check (length(hash) = 64));
    create function {TABLE}_refuse() returns trigger language plpgsql as $fn$
      begin raise exception '{TABLE} is append-only: % refused', tg_op; end $fn$;
    create function {TABLE}_link() returns trigger language plpgsql as $fn$
      begin
        if new.seq = 1 and new.prev = repeat('0', 64) then return new; end if;
        if exists (select 1 from {TABLE} where seq = new.seq - 1 and hash = new.prev) then return new; end if;
        raise exception '{TABLE}: entry % does not link to entry %', new.seq, new.seq - 1;
      end $fn$;
    create trigger {TABLE}_no_change before update or delete on {TABLE}
      for each row execute function {TABLE}_refuse();
    create trigger {TABLE}_no_truncate before truncate on {TABLE}
      for each statement execute function {TABLE}_refuse();
    create trigger {TABLE}_linked before insert on {TABLE}
      for each row execute function {TABLE}_link();
    revoke update, delete, truncate on {TABLE} from public;
  end if;
end $setup$"""

_ready: set[str] = set()            # the dsns whose table this process has set up


class PgAuditStore:
    """Server mode: entries in the table `envboard_audit_log` of a PostgreSQL database (libpq dsn),
    through DuckDB's postgres extension (loaded from its package, as for the DuckLake catalog).

    An append reads the last entry and inserts the next one linked to it. The table itself keeps the
    chain: the primary key on `seq`, the unique `prev` and a trigger that refuses an entry whose
    `prev` is not the hash of the entry before it. So when two processes (on any hosts) append at
    once, one insert lands and the other is refused and retried on the new last entry: one chain,
    no gaps, no forks. (DuckDB's postgres extension runs a transaction at REPEATABLE READ with its
    snapshot taken before a lock could be waited for, so a lock-then-read would read stale.) The
    triggers also refuse UPDATE, DELETE and TRUNCATE. A deployment that wants the refusal beyond the
    app's reach lets a separate role own the table and grants the app's role only SELECT and INSERT
    (docs/deploy.md)."""

    def __init__(self, dsn: str):
        self.dsn = dsn

    def __repr__(self) -> str:
        return f"PgAuditStore({TABLE})"

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cur = lake.pg_cursor(self.dsn)
        if self.dsn not in _ready:
            try:
                lake.pg_setup(cur, _SETUP)
            except BaseException:
                cur.close()
                raise
            _ready.add(self.dsn)
        return cur

    def append(self, actor: str, action: str, detail: dict) -> dict:
        deadline = time.monotonic() + APPEND_SECONDS
        for attempt in itertools.count():
            try:
                return self._try_append(actor, action, detail)
            except duckdb.Error as exc:
                taken = any(word in str(exc) for word in ("duplicate key", "does not link"))
                if not taken or time.monotonic() > deadline:
                    raise AuditWriteError(
                        f"审计日志写入失败 / audit log write failed: {type(exc).__name__}") from None
            time.sleep(random.uniform(0.005, 0.02) * min(attempt + 1, 10))   # another process took that place
        raise AssertionError("unreachable")

    def _try_append(self, actor: str, action: str, detail: dict) -> dict:
        """Read the last entry and insert the next, each committed at once; the key on `seq`, the
        unique `prev` and the link trigger refuse the insert if another append came in between."""
        cur = self._cursor()
        try:
            rows = cur.execute(f"select seq, hash from {_ALIAS}.public.{TABLE} order by seq desc limit 1").fetchall()
            entry = new_entry({"seq": rows[0][0], "hash": rows[0][1]} if rows else None, actor, action, detail)
            cur.execute(f"insert into {_ALIAS}.public.{TABLE} ({_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?)",
                        [entry["seq"], entry["at"], entry["actor"], entry["action"],
                         json.dumps(entry["detail"], ensure_ascii=False, sort_keys=True), entry["prev"], entry["hash"]])
        finally:
            cur.close()
        return entry

    def entries(self) -> list[dict]:
        cur = self._cursor()
        try:
            rows = cur.execute(f"select {_COLUMNS} from {_ALIAS}.public.{TABLE} order by seq").fetchall()
        finally:
            cur.close()
        return [{"seq": seq, "at": at, "actor": actor, "action": action, "detail": json.loads(detail),
                 "prev": prev, "hash": hash_} for seq, at, actor, action, detail, prev, hash_ in rows]

    def verify(self) -> tuple[bool, int, str]:
        try:
            return verify_chain(self.entries())
        except ValueError:
            return False, 0, "entry 1 unreadable"

