"""A throwaway PostgreSQL cluster (Debian's postgresql package) for server-mode tests and benchmarks.

`initdb` into a temporary folder, `pg_ctl start` listening on 127.0.0.1 and a free port, one database;
stopped and deleted on exit. PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` user (created by the Debian package).
"""
from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class PostgresMissing(RuntimeError):
    """No PostgreSQL server binaries (apt-get install postgresql)."""


@dataclass(frozen=True)
class Cluster:
    port: int
    dbname: str
    folder: Path

    @property
    def dsn(self) -> str:
        return f"dbname={self.dbname} host=127.0.0.1 port={self.port} user=postgres"


def bin_dir() -> Path:
    """The newest installed PostgreSQL's bin folder."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        raise PostgresMissing("PostgreSQL server not installed: apt-get install postgresql")
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args: list[str], as_postgres: bool) -> None:
    if as_postgres:
        args = ["runuser", "-u", "postgres", "--", *args]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)


@contextlib.contextmanager
def cluster(dbname: str = "envboard", durable: bool = False) -> Iterator[Cluster]:
    """Start a private PostgreSQL with database `dbname`; stop and delete it afterwards. Tests run it
    without fsync; `durable` keeps PostgreSQL's default (fsync on), as benchmarks should."""
    pg = bin_dir()
    as_postgres = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="envboard-pg-"))
    data = folder / "data"
    if as_postgres:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    port = free_port()
    try:
        _run([str(pg / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
              "--no-sync"], as_postgres)
        opts = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not durable:
            opts += " -c fsync=off"
        _run([str(pg / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(folder / "log"), "-w", "start"],
             as_postgres)
        try:
            _run([str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", dbname], as_postgres)
            yield Cluster(port, dbname, folder)
        finally:
            _run([str(pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], as_postgres)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def create_database(c: Cluster, dbname: str) -> str:
    """Create another database in the cluster; its dsn."""
    _run([str(bin_dir() / "createdb"), "-h", "127.0.0.1", "-p", str(c.port), "-U", "postgres", dbname],
         os.geteuid() == 0)
    return f"dbname={dbname} host=127.0.0.1 port={c.port} user=postgres"
