"""Read a file, validate it chunk by chunk and stage the good rows as `ingest_stage`.

Good rows go to Parquet parts in a temp folder (so a million rows do not sit in the transaction's
memory); `ingest_stage` is a temp view over the parts, typed as the entity's columns.
"""
from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from envboard.ingest import layout, mapping, plausible, scope as row_scope
from envboard.ingest.normalize import batch_from_text
from envboard.ingest.context import Context, note_title
from envboard.ingest.readers import ReadError, Table, read_tables
from envboard.ingest.validate import Chunk, ErrorLog, RowError
from envboard.ingest.water import indicator_names
from envboard.security.auth import in_scope

ENTITY_MODULES = {
    "petitions": "envboard.ingest.petitions", "tasks": "envboard.ingest.tasks",
    "progress": "envboard.ingest.progress", "supervision": "envboard.ingest.supervision",
    "air": "envboard.ingest.air", "water": "envboard.ingest.water",
    "inspections": "envboard.ingest.inspections", "sections": "envboard.ingest.sections",
    "units": "envboard.ingest.units",
}
STAGE = "ingest_stage"
UNEXPECTED = "ingest.err.unexpected"
# a column that may stand in for a missing required one
ALTERNATIVES = {("petitions", "petition_id"): "seq", ("water", "indicator"): "*wide"}


def entity(kind: str):
    """The module describing `kind`: TABLE, KEY, COLUMNS, DEFAULTS, prepare() and optional hooks."""
    return importlib.import_module(ENTITY_MODULES[kind])


@dataclass
class Staged:
    log: ErrorLog
    rows: int = 0                 # data rows read
    rejected: int = 0             # rows with at least one error
    provided: set[str] = field(default_factory=set)
    mapping: list[dict] = field(default_factory=list)
    mapping_kind: str = ""
    columns: dict[str, str] = field(default_factory=dict)   # staged column → SQL type
    folder: Path | None = None
    parts: list[Path] = field(default_factory=list)

    def write_part(self, con: duckdb.DuckDBPyConnection, relation: str, names) -> None:
        """Append the rows of `relation` (a registered frame or a subquery) as one Parquet part."""
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="envboard-stage-"))
        cols = [n for n in self.columns if n in set(names)]
        casts = ", ".join(f"cast({n} as {self.columns[n]}) as {n}" for n in cols)
        part = self.folder / f"part-{len(self.parts):05d}.parquet"
        con.execute(f"copy (select {casts}, cast(_sheet as varchar) as _sheet, cast(_row as integer) as _row "
                    f"from {relation}) to '{part}' (format parquet)")
        self.parts.append(part)

    def publish(self, con: duckdb.DuckDBPyConnection) -> None:
        """Create the temp view `ingest_stage` over the parts (an empty temp table when there are none)."""
        if not self.parts:
            create_stage(con, self.columns)
            return
        drop_stage(con)
        files = ", ".join(f"'{p}'" for p in self.parts)
        cols = ", ".join(f"cast({n} as {t}) as {n}" if n in self.provided else f"null::{t} as {n}"
                         for n, t in self.columns.items())
        con.execute(f"create temp view {STAGE} as select {cols}, _sheet, _row "
                    f"from read_parquet([{files}], union_by_name = true)")

    def close(self, con: duckdb.DuckDBPyConnection) -> None:
        """Drop the staged rows."""
        drop_stage(con)
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


def score_for(kinds: tuple[str, ...]) -> Callable[[list], int]:
    aliases: dict[str, str] = {}
    for kind in kinds:
        aliases.update({k: f"{kind}.{v}" for k, v in mapping.alias_table(kind).items()})
    return lambda row: len({aliases[k] for k in map(mapping.header_key, row) if k in aliases})


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    """Drop `ingest_stage`, whether it is the view over the parts or the empty table."""
    kinds = con.execute("select 'view' from duckdb_views() where view_name = $n and temporary union all "
                        "select 'table' from duckdb_tables() where table_name = $n and temporary",
                        {"n": STAGE}).fetchall()
    for (kind,) in kinds:
        con.execute(f"drop {kind} temp.{STAGE}")


def create_stage(con: duckdb.DuckDBPyConnection, columns: dict[str, str]) -> None:
    cols = ", ".join(f"{name} {sql_type}" for name, sql_type in columns.items())
    drop_stage(con)
    con.execute(f"create temp table {STAGE} ({cols}, _sheet varchar, _row integer)")


def _check_columns(kind: str, table: Table, columns: dict[str, int], ctx: Context, log: ErrorLog) -> bool:
    """Report missing required columns (errors) and columns that will not be imported (a warning)."""
    missing = [f for f in mapping.required_fields(kind) if not _satisfied(kind, f, columns, ctx)]
    for f in missing:
        log.add(RowError(ctx.file, table.sheet, table.header_row, f.label_zh, "ingest.err.missing_column",
                         None, "error", (("column", f.label_zh),)))
    used = set(columns.values())
    if kind == "water":        # a wide table's indicator columns (溶解氧, 氨氮 …) are imported
        names = indicator_names()
        used |= {i for i, h in enumerate(table.header) if mapping.header_key(h) in names}
    ignored = "、".join(str(h) for i, h in enumerate(table.header)
                       if i not in used and h and mapping.header_key(h) != "序号"
                       and not str(h).startswith(layout.MERGED_PREFIX) and h != layout.GROUP_HEADER)
    if ignored and not missing:
        log.add(RowError(ctx.file, table.sheet, table.header_row, None, "ingest.warn.ignored_columns",
                         ignored, "warning", (("columns", ignored),)))
    return not missing


def _satisfied(kind: str, f, columns: dict[str, int], ctx: Context) -> bool:
    alt = ALTERNATIVES.get((kind, f.name))
    if f.name in columns or (alt and (alt in columns or alt.startswith("*"))):
        return True
    return f.kind == "region" and bool(ctx.options.region)


def check_scope(chunk: Chunk, out: pd.DataFrame, ctx: Context) -> None:
    """Reject rows whose region is outside the importing editor's region (Options.allowed_region)."""
    scope = ctx.options.allowed_region
    code_col = next((c for c in ("region_code", "city_code") if c in out.columns), None)
    if scope is None or code_col is None:
        return

    codes = out[code_col].reindex(chunk.frame.index)
    field = next(f.name for f in mapping.ENTITIES[ctx.kind] if f.kind == "region") if ctx.kind in mapping.ENTITIES else code_col
    outside = codes.notna() & ~codes.map(lambda c: in_scope(scope, c), na_action="ignore").fillna(True).astype(bool)
    if field not in chunk.columns:
        chunk.flag(outside, field, "ingest.err.out_of_scope", values=codes, value="", scope=scope)
        return
    for code in codes[outside].unique():
        chunk.flag(outside & (codes == code), field, "ingest.err.out_of_scope", value=code, scope=scope)


def _stage_chunk(con, module, chunk: Chunk, ctx: Context, staged: Staged) -> None:
    out = module.prepare(chunk, ctx)
    check_scope(chunk, out, ctx)
    plausible.check(chunk, out)
    good = out[~chunk.bad.reindex(out.index, fill_value=False)].copy()
    good["_sheet"] = chunk.sheet
    good["_row"] = chunk.frame.loc[good.index, "_row"].astype("int64")
    staged.provided |= set(out.columns)
    staged.rows += len(chunk.frame)
    staged.rejected += int(chunk.bad.sum())
    if len(good):
        con.register("ingest_chunk", good)
        staged.write_part(con, "ingest_chunk", good.columns)
        con.unregister("ingest_chunk")


def stage_file(con, path: Path, ctx: Context, progress: Callable[[float], None] | None = None) -> Staged:
    """Validate `path` and stage its good rows; every problem goes to the returned log."""
    staged = Staged(ErrorLog())
    kind = ctx.kind
    module = entity(kind)
    staged.columns = getattr(module, "STAGE_COLUMNS", module.COLUMNS)
    try:
        if ctx.options.allowed_region is not None and kind in ("progress", "water"):
            raise ReadError("ingest.err.scope_needs_admin")
        tables = read_tables(path, ctx.file, score_for(getattr(module, "READ_KINDS", (kind,))))
        kind_read = _kind_for(module, kind, tables)
        total = max(path.stat().st_size, 1)
        for table in tables:
            _stage_table(con, module, kind_read, table, ctx, staged, progress, total)
    except ReadError as exc:
        staged.log.add(RowError(ctx.file, exc.sheet, exc.row, exc.column, exc.key, exc.value, "error",
                                tuple(exc.params.items())))
        staged.publish(con)
        return staged
    except (ValueError, TypeError, ArithmeticError, KeyError, IndexError, duckdb.Error) as exc:
        # a value the checks above did not foresee: a message naming the cause, never a traceback;
        # the fuzz script counts this key as a crash so that it gets a proper check
        staged.log.add(RowError(ctx.file, None, None, None, UNEXPECTED, None, "error", (("cause", type(exc).__name__),)))
        staged.publish(con)
        return staged
    if staged.log.ok and staged.rows == staged.rejected == 0:
        staged.log.file_error(ctx.file, "ingest.err.no_rows")
    if staged.log.ok and hasattr(module, "finish"):
        module.finish(con, ctx, staged)
    staged.publish(con)
    if staged.log.ok:
        labels = {f.name: f.label_zh for f in mapping.ENTITIES[staged.mapping_kind or kind]}
        staged.rejected += find_duplicates(con, module.KEY, ctx.file, staged.log, labels)
        staged.rejected += row_scope.check_existing(con, module, ctx, staged.log, labels)
    return staged


def _kind_for(module, kind: str, tables: list[Table]) -> str:
    chooser = getattr(module, "layout", None)
    return chooser(tables[0].header) if chooser else kind


_KEY_FIELDS = ("seq", "petition_id", "task_code", "region", "section", "city", "inspection_id", "section_id")
_TEXT_FIELDS = ("summary", "result_note", "measures", "target", "note", "title", "place", "responsible_unit")


def _note_layout(table: Table, ctx: Context, log: ErrorLog) -> None:
    """Say which rows below the table were read as notes and how many group-label rows carried a 类别."""
    if table.notes_from is not None:
        log.add(RowError(ctx.file, table.sheet, table.notes_from, None, "ingest.warn.notes_below_table", None,
                         "warning", (("first", table.notes_from), ("last", table.notes_to))))
    if table.group_rows:
        log.add(RowError(ctx.file, table.sheet, None, layout.GROUP_HEADER, "ingest.warn.group_rows", None,
                         "warning", (("n", table.group_rows),)))


def _fold(frame: pd.DataFrame, columns: dict[str, int], table: Table, ctx: Context, log: ErrorLog) -> pd.DataFrame:
    keys = [columns[f] for f in _KEY_FIELDS if f in columns]
    texts = [columns[f] for f in _TEXT_FIELDS if f in columns]
    frame, folded = layout.fold_continuations(frame, keys, texts)
    for row in folded[:20]:
        log.add(RowError(ctx.file, table.sheet, row, None, "ingest.warn.continuation_row", None, "warning"))
    return frame


def _stage_table(con, module, kind, table, ctx, staged, progress, total) -> None:
    note_title(ctx, table.title)
    ctx.table_batch = batch_from_text(table.title) or batch_from_text(table.sheet)
    columns = mapping.map_header(kind, table.header)
    _note_layout(table, ctx, staged.log)
    if not staged.mapping:
        staged.mapping, staged.mapping_kind = mapping.mapping_rows(kind, table.header), kind
    if not _check_columns(kind, table, columns, ctx, staged.log):
        return
    if hasattr(module, "note_table"):
        module.note_table(table, columns, ctx, staged.log)
    for frame in table.chunks:
        frame = _fold(frame, columns, table, ctx, staged.log)
        chunk = Chunk(ctx.file, table.sheet, frame, columns, table.header, staged.log,
                      labels={f.name: f.label_zh for f in mapping.ENTITIES[kind]})
        _stage_chunk(con, module, chunk, ctx, staged)
        if progress:
            progress(min(0.9, staged.rows * 120 / total))


def find_duplicates(con, key: tuple[str, ...], file: str, log: ErrorLog, labels: dict | None = None) -> int:
    """Flag every staged row whose natural key repeats an earlier row of the file; return their number."""
    cols = ", ".join(key)
    rows = con.execute(
        f"select _sheet, _row, {cols}, first_row, first_sheet from ("
        f"  select *, first_value(_row) over w as first_row, first_value(_sheet) over w as first_sheet, "
        f"  row_number() over w as n "
        f"  from {STAGE} window w as (partition by {cols} order by _sheet nulls first, _row)"
        f") where n > 1 order by _sheet, _row limit 1000"
    ).fetchall()
    total = con.execute(
        f"select count(*) - count(distinct ({cols})) from {STAGE}").fetchall()[0][0] if rows else 0
    for sheet, row, *values, first, first_sheet in rows:
        label = (labels or {}).get(key[-1], key[-1])
        if first_sheet != sheet:
            log.add(RowError(file, sheet, row, label, "ingest.err.duplicate_across_sheets", str(values[-1]), "error",
                             (("other", first), ("other_sheet", first_sheet))))
        else:
            log.add(RowError(file, sheet, row, label, "ingest.err.duplicate_key", str(values[-1]), "error",
                             (("other", first),)))
    log.n_errors += max(0, total - len(rows))
    return max(total, len(rows))


def preview_frame(con, limit: int = 200) -> pd.DataFrame:
    """The first staged rows in file order (what would be written)."""
    return con.execute(f"select * from {STAGE} order by _sheet nulls first, _row limit {limit}").df()
