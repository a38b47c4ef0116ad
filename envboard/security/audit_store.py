"""Where the audit log lives: an append-only, hash-chained store of its own, apart from the data file.

Each entry carries `prev` (the hash of the entry before it) and `hash` = sha256 of its own canonical
JSON (seq, at, actor, action, detail, prev). Changing, removing or reordering any entry breaks the
chain from there on, which `verify` reports. Restoring a backup replaces the data file only: the
audit log keeps every entry and gains a `restore` entry.

`AuditStore` is the interface: `append`, `entries`, `verify`. `FileAuditStore` (JSON lines beside the
database, `<db>.audit.jsonl`, or the `audit_path` setting) is the embedded store; a server
deployment can supply another implementation (an append-only database table) behind the same methods.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
from pathlib import Path
from typing import Protocol

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


def file_mode() -> int:
    from envboard.core.settings import get_setting

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
                last = self._last()
                entry = {"seq": (last["seq"] + 1) if last else 1,
                         "at": dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds"),
                         "actor": actor or "unknown", "action": action,
                         "detail": json.loads(json.dumps(detail, ensure_ascii=False, default=str)),
                         "prev": last["hash"] if last else GENESIS}
                entry["hash"] = entry_hash(entry)
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
        prev, n = GENESIS, 0
        try:
            for n, entry in enumerate(self.entries(), start=1):
                if entry.get("seq") != n or entry.get("prev") != prev or entry_hash(entry) != entry.get("hash"):
                    return False, n - 1, f"entry {n}"
                prev = entry["hash"]
        except (ValueError, KeyError, TypeError):
            return False, n, f"entry {n + 1} unreadable"
        return True, n, ""
