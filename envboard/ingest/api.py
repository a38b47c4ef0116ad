"""The import API used by the CLI and the 数据导入 page: preview, commit, history, rollback."""
from __future__ import annotations

import contextlib
import hashlib
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from envboard.security import audit
from envboard.core import db
from envboard.ingest import upsert, valuemap
from envboard.ingest.valuemap import UnknownValue
from envboard.ingest.context import Options, build_context
from envboard.ingest.reference import sync_unit_regions
from envboard.ingest.pipeline import Staged, entity, preview_frame, stage_file
from envboard.ingest.normalize import Invalid
from envboard.ingest.validate import ErrorLog, RowError
from envboard.domain.preagg import refresh_preaggregates

Progress = Callable[[float], None]
WRITE_MEMORY_LIMIT = "512MB"
WRITE_ATTEMPTS = 5                  # server mode: tries of a write that meets another committing first


@dataclass
class PreviewResult:
    """What an import would do (or did): mapping, counts, first rows, problems."""
    status: str                      # ok | rejected (preview); imported | rejected (commit)
    file: str
    kind: str
    mapping: list[dict]
    counts: upsert.Counts
    preview_frame: pd.DataFrame
    errors: list[RowError]           # errors first, then warnings (the first 1000 of each)
    n_errors: int = 0
    n_warnings: int = 0
    import_id: int | None = None
    content_hash: str = ""
    rows: int = 0
    unknown_values: list = field(default_factory=list)   # valuemap.UnknownValue, most frequent first

    def as_json(self, lang: str = "zh") -> dict:
        """The CLI's --json document."""
        c = self.counts
        return {"status": self.status, "file": self.file, "kind": self.kind, "inserted": c.inserted,
                "updated": c.updated, "unchanged": c.unchanged, "rejected": c.rejected,
                "errors": [e.as_dict(lang) for e in self.errors if e.severity == "error"],
                "warnings": [e.as_dict(lang) for e in self.errors if e.severity == "warning"],
                "import_id": self.import_id,
                "unknown_values": [{"field": u.field, "column": u.column, "value": u.value, "rows": u.rows,
                                    "first_row": u.first_row, "sheet": u.sheet} for u in self.unknown_values]}


@dataclass
class _Rejected(Exception):
    result: PreviewResult = field(default=None)


def file_hash(path: Path) -> str:
    """sha256 of the file's bytes, hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def as_path(source: str | Path | bytes, file_name: str) -> Iterator[Path]:
    """A path to the content: the path itself, or a temp file holding the uploaded bytes."""
    if not isinstance(source, (bytes, bytearray)):
        yield Path(source)
        return
    with tempfile.TemporaryDirectory(prefix="envboard-import-") as tmp:
        # the upload's own name may be 255+ bytes or hold anything: only its extension is used here
        suffix = Path(file_name).suffix.lower()
        path = Path(tmp) / f"upload{suffix if suffix.isascii() and len(suffix) <= 8 else ''}"
        path.write_bytes(source)
        yield path


def use_main_catalog(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Select the attached `envboard` catalog when `con` is a fresh cursor of a Reader."""
    attached = {r[0] for r in con.execute("select database_name from duckdb_databases()").fetchall()}
    if "envboard" in attached:
        con.execute("use envboard")
    return con


def _plan(con, kind: str, staged: Staged) -> upsert.Counts:
    module = entity(kind)
    if hasattr(module, "plan"):
        counts = module.plan(con, staged)
    else:
        cols = upsert.compare_columns(module.COLUMNS, module.KEY, staged.provided)
        counts = upsert.plan_table(con, module.TABLE, module.KEY, cols)
    counts.rejected = staged.rejected
    return counts


def _apply(con, kind: str, staged: Staged, import_id: int) -> upsert.Counts:
    module = entity(kind)
    if hasattr(module, "apply"):
        counts = module.apply(con, staged, import_id)
    else:
        cols = upsert.compare_columns(module.COLUMNS, module.KEY, staged.provided)
        counts = upsert.apply_table(con, module.TABLE, module.KEY, cols, module.DEFAULTS, import_id)
    counts.rejected = staged.rejected
    return counts


def _result(con, path: Path, file_name: str, kind: str, options: Options, progress) -> tuple[PreviewResult, Staged]:
    try:
        ctx = build_context(con, file_name, kind, options)
    except Invalid as exc:       # --inspection names no (or more than one) inspection
        staged = Staged(ErrorLog())
        staged.log.file_error(file_name, exc.key, **exc.params)
        return PreviewResult("rejected", file_name, kind, [], upsert.Counts(rejected=1), pd.DataFrame(),
                             staged.log.sorted(), staged.log.n_errors, 0, content_hash=file_hash(path)), staged
    staged = stage_file(con, path, ctx, progress)
    ok = staged.log.ok
    counts = _plan(con, kind, staged) if ok else upsert.Counts(rejected=max(staged.rejected, 1 if staged.rows == 0 else 0))
    frame = preview_frame(con) if ok else pd.DataFrame()
    result = PreviewResult("ok" if ok else "rejected", file_name, kind, staged.mapping, counts, frame,
                           staged.log.sorted(), staged.log.n_errors, staged.log.n_warnings,
                           content_hash=file_hash(path), rows=staged.rows, unknown_values=unknown_values(staged.log))
    return result, staged


def unknown_values(log: ErrorLog) -> list[UnknownValue]:
    """The unreadable words of the file grouped by column and value, most frequent first."""
    found = [UnknownValue(name, column, value, n, first, sheet, key)
             for (name, column, value, key), (n, first, sheet) in log.unknown.items()]
    return sorted(found, key=lambda u: (-u.rows, u.column, u.value))


def save_value_maps(kind: str, scope: str | None, entries: list[tuple[str, str, str]], user: str | None,
                    db_file: Path | None = None) -> int:
    """Store an editor's value mappings (field, raw, mapped) for `kind` in `scope`: one audited write."""
    with db.write_transaction(db_file) as con:
        return valuemap.save(con, kind, scope, entries, user)


def preview(source: str | Path | bytes, file_name: str, kind: str, con: duckdb.DuckDBPyConnection | None = None,
            options: Options | None = None, progress: Progress | None = None) -> PreviewResult:
    """Dry run: validate the file against the database and count what would change; writes nothing."""
    options = options or Options()
    own = con is None
    con = use_main_catalog(con if con is not None else db.open_reader(db.store()))
    try:
        with as_path(source, file_name) as path:
            result, staged = _result(con, path, file_name, kind, options, progress)
            staged.close(con)
    finally:
        if own:
            con.close()
    if progress:
        progress(1.0)
    return result


def commit(source: str | Path | bytes, file_name: str, kind: str, options: Options | None = None,
           db_file: Path | None = None, progress: Progress | None = None) -> PreviewResult:
    """Import the file in one transaction: everything or, if any row has an error, nothing.
    In server mode an import that meets another write committing first is run again (db.write)."""
    options = options or Options()
    for attempt in range(WRITE_ATTEMPTS):
        try:
            return _commit_once(source, file_name, kind, options, db_file, progress)
        except db.WriteConflict:
            if attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(0.1 * 2 ** attempt)
    raise AssertionError("unreachable")


def _commit_once(source, file_name: str, kind: str, options: Options, db_file, progress) -> PreviewResult:
    try:
        with as_path(source, file_name) as path, db.write_transaction(db_file) as con:
            # a private connection: bound DuckDB's buffers so a million-row file stays well under 2 GB
            con.execute(f"set memory_limit = '{WRITE_MEMORY_LIMIT}'")
            con.execute("set preserve_insertion_order = false")
            result, staged = _result(con, path, file_name, kind, options, progress)
            try:
                if result.status != "ok":
                    raise _Rejected(result)
                _write(con, kind, staged, result, file_name, options)
            finally:
                staged.close(con)
    except _Rejected as rejected:
        return rejected.result
    if progress:
        progress(1.0)
    return result


def _write(con, kind: str, staged: Staged, result: PreviewResult, file_name: str, options: Options) -> None:
    import_id = upsert.next_import_id(con)
    result.counts = _apply(con, kind, staged, import_id)
    upsert.record_import(con, import_id, kind, Path(file_name).name, result.content_hash, options.user, result.counts)
    if kind == "air":
        refresh_preaggregates(con)
    result.status, result.import_id = "imported", import_id
    c = result.counts
    audit.record(con, options.user, "import", {"import_id": import_id, "kind": kind, "file": Path(file_name).name,
                                               "inserted": c.inserted, "updated": c.updated, "unchanged": c.unchanged})


def history(con: duckdb.DuckDBPyConnection | None = None) -> pd.DataFrame:
    """Every import, newest first."""
    own = con is None
    con = use_main_catalog(con if con is not None else db.open_reader(db.store()))
    try:
        return con.execute("select * from import_history order by import_id desc").df()
    finally:
        if own:
            con.close()


def rollback(import_id: int, db_file: Path | None = None, actor: str | None = None) -> list[str]:
    """Restore the state before import `import_id`; return the tables restored."""
    def undo(con) -> list[str]:
        tables = upsert.rollback_import(con, int(import_id))
        if "reporting_units" in tables:
            sync_unit_regions(con)
        if "air_daily" in tables:
            refresh_preaggregates(con)
        audit.record(con, actor, "rollback", {"import_id": int(import_id), "tables": tables})
        return tables

    return db.write(undo, db_file, attempts=WRITE_ATTEMPTS)
