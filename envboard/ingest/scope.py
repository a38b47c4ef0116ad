"""Row-level region scope of an import: the region a record already has must be in the editor's scope.

`pipeline.check_scope` rejects rows whose *new* region lies outside `Options.allowed_region`. That
alone lets an editor of 360700 overwrite a 抚州 petition by reusing its 受理编号 (the upsert matches
on the natural key and moves the record). `check_existing` closes that: a staged row whose key
already names a record of a region outside the scope is an error, so nothing of the file is written.
"""
from __future__ import annotations

from envboard.security.auth import region_prefix
from envboard.ingest.validate import ErrorLog, RowError

MAX_LISTED = 1000
_KEY_FIELD = {"task_id": "task_code"}      # the column of the file a derived key comes from


def region_column(con, table: str) -> str | None:
    """The table's region column (region_code, else city_code), or None."""
    names = {r[0] for r in con.execute(
        "select column_name from information_schema.columns where table_name = $t", {"t": table}).fetchall()}
    return next((c for c in ("region_code", "city_code") if c in names), None)


def check_existing(con, module, ctx, log: ErrorLog, labels: dict, stage: str = "ingest_stage") -> int:
    """Flag staged rows whose existing record lies outside the editor's region; return how many."""
    scope = ctx.options.allowed_region
    column = region_column(con, module.TABLE) if scope is not None else None
    if column is None:
        return 0
    join = " and ".join(f"t.{k} = s.{k}" for k in module.KEY)
    outside = f"from {stage} s join {module.TABLE} t on {join} " \
              f"where t.{column} is null or not starts_with(t.{column}, $prefix)"
    params = {"prefix": region_prefix(scope)}
    total = con.execute(f"select count(*) {outside}", params).fetchall()[0][0]
    if not total:
        return 0
    key = module.KEY[-1]
    rows = con.execute(f"select s._sheet, s._row, s.{key}, t.{column} {outside} "
                       f"order by s._sheet nulls first, s._row limit {MAX_LISTED}", params).fetchall()
    label = labels.get(_KEY_FIELD.get(key, key), key)
    for sheet, row, value, existing in rows:
        log.add(RowError(ctx.file, sheet, row, label, "ingest.err.existing_out_of_scope", str(value), "error",
                         (("existing", existing or "?"), ("scope", scope))))
    log.count("error", total - len(rows))
    return total
