"""Petitions (信访举报件): one row per 受理编号, keyed by petition_id."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pandas as pd

from envboard.ingest import normalize as nz
from envboard.ingest.context import Context
from envboard.ingest.validate import Chunk, parse_column, text_column

TABLE = "petitions"
KEY = ("petition_id",)
COLUMNS = {
    "petition_id": "varchar", "inspection_id": "varchar", "batch_no": "integer", "region_code": "varchar",
    "city_code": "varchar", "received_on": "date", "pollution_type": "varchar", "substantiated": "varchar",
    "staged_on": "date", "closed_on": "date", "summary": "varchar", "result_note": "varchar",
    "place": "varchar", "penalties": "integer", "people_held_accountable": "integer",
    "is_recheck": "boolean", "is_synthetic": "boolean", "pollution_types": "varchar[]",
}
DEFAULTS = {"penalties": "0", "people_held_accountable": "0", "is_recheck": "false"}
GRACE = dt.timedelta(days=60)
_OPTIONAL_TEXT = ("summary", "result_note", "place")


def petition_ids(chunk: Chunk) -> tuple[pd.Series, pd.Series]:
    """(petition_id, batch from a 第N批 prefix), vectorised: a million ids take a second."""
    raw = chunk.raw("petition_id")
    text = raw.where(raw.isna() | raw.str.isascii(), raw.map(lambda v: unicodedata.normalize("NFKC", v), na_action="ignore"))
    text = text.str.strip().str.upper().str.replace(r"\s+", "", regex=True)
    parts = text.str.extract(r"^(?:第(\d{1,4})批)?([A-Z0-9][A-Z0-9\-_/]{3,39})$")
    bad = text.notna() & (text != "") & parts[1].isna()
    chunk.flag(bad, "petition_id", "ingest.err.bad_petition_id")
    chunk.flag(text.isna() | (text == ""), "petition_id", "ingest.err.required")
    return parts[1], pd.to_numeric(parts[0], errors="coerce").astype("Int64")


def _batches(chunk: Chunk, ctx: Context, prefix: pd.Series) -> pd.Series:
    column = parse_column(chunk, "batch", _parse_batch)
    column = pd.to_numeric(column, errors="coerce").astype("Int64")
    clash = column.notna() & prefix.notna() & (column != prefix)
    chunk.flag(clash, "batch", "ingest.err.batch_mismatch", prefix=",".join(map(str, prefix[clash].unique()[:3])))
    batch = column.fillna(prefix)
    fallback = ctx.options.batch_no or ctx.table_batch or ctx.file_batch
    if fallback is not None:
        batch = batch.fillna(fallback)
    chunk.flag(batch.isna(), "batch", "ingest.err.no_batch")
    return batch


def _parse_batch(value) -> int | None:
    text = nz.compact(value)
    if text is None:
        return None
    found = nz.batch_from_text(text)
    if found is None:
        try:
            found = nz.chinese_number(text)
        except ValueError:
            raise nz.Invalid("ingest.err.bad_integer") from None
    if not 0 < found < 10_000:      # a batch number past int64 used to crash the import
        raise nz.Invalid("ingest.err.implausible", low=1, high=9999)
    return found


def _received(chunk: Chunk, ctx: Context, ids: pd.Series) -> pd.Series:
    column = parse_column(chunk, "received_on", nz.parse_date)
    digits = ids.astype("str").str.extract(r"^[A-Z]\d{0,2}[A-Z]{2}(\d{8})\d{3,5}$")[0]
    stamps = pd.to_datetime(digits, format="%Y%m%d", errors="coerce")
    from_id = pd.Series([d.date() if not pd.isna(d) else None for d in stamps], index=ids.index, dtype=object) \
        if stamps.notna().any() else pd.Series(None, index=ids.index, dtype=object)
    received = column.where(column.notna(), from_id)
    fallback = ctx.options.received_on or ctx.file_date
    if fallback is not None:
        received = received.where(received.notna(), fallback)
    chunk.flag(received.isna(), "received_on", "ingest.err.no_received_on")
    return received


def _regions(chunk: Chunk, ctx: Context) -> tuple[pd.Series, pd.Series]:
    pairs = parse_column(chunk, "region", lambda v: ctx.regions.resolve(v, ctx.scope), required=True)
    return pairs.map(lambda p: p[0], na_action="ignore"), pairs.map(lambda p: p[1], na_action="ignore")


def _pollution(chunk: Chunk, ctx: Context) -> tuple[pd.Series, pd.Series]:
    """(first type, every type): 问题类型 “大气、噪声” keeps both, so counts by type see both."""
    one = ctx.mapped(nz.parse_pollution_type, "pollution_type")
    types = parse_column(chunk, "pollution_type", lambda v: nz.parse_pollution_types(v, one), required=True)
    return types.map(lambda t: t[0], na_action="ignore"), types


def _inspections(chunk: Chunk, ctx: Context, received: pd.Series, province: pd.Series) -> pd.Series:
    column = parse_column(chunk, "inspection", nz.clean_text)
    if ctx.options.inspection_id:
        column = column.where(column.notna(), ctx.options.inspection_id)
    unknown = column.notna() & ~column.isin(list(ctx.inspections))
    chunk.flag(unknown, "inspection", "ingest.err.unknown_inspection", values=column)
    guess = pd.Series([_guess_inspection(ctx, p, d) for p, d in zip(province, received)], index=column.index,
                      dtype=object) if column.isna().any() else column
    column = column.where(column.notna(), guess)
    chunk.flag(column.isna() & ~chunk.bad, "inspection", "ingest.err.no_inspection")
    return column


def _guess_inspection(ctx: Context, province: str | None, received) -> str | None:
    """The latest inspection of the petition's province stationed on (or up to GRACE days before) its
    hand-over date: 边督边改 batches keep being published for a few weeks after the team leaves."""
    if province is None or received is None or pd.isna(received):
        return None
    key = (province, received)
    if key not in ctx.cache:
        hits = sorted((i.stationed_from, i.inspection_id) for i in ctx.inspections.values()
                      if i.province_code == province and i.stationed_from and i.stationed_from <= received
                      <= (i.stationed_to or i.stationed_from) + GRACE)
        ctx.cache[key] = hits[-1][1] if hits else None
    return ctx.cache[key]


def _closing(chunk: Chunk, ctx: Context, ids: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(staged_on, closed_on) agreeing with 是否办结: a 阶段性办结 row's 办结日期 is its staging date, an
    open row has neither. A status without a date is dated by the ledger's as-of date, never backdated."""
    status = parse_column(chunk, "status", ctx.mapped(nz.parse_petition_status, "status"))
    closed = parse_column(chunk, "closed_on", nz.parse_date)
    staged = parse_column(chunk, "staged_on", nz.parse_date)
    if not chunk.has("status"):
        return staged, closed
    staged = staged.where(staged.notna() | (status != "staged"), closed)
    chunk.flag((status == "open") & closed.notna(), "closed_on", "ingest.warn.open_with_date", severity="warning",
               values=closed)
    closed = closed.where(status == "closed", None)
    staged = staged.where(status.isin(["staged", "closed"]), None)
    fallback = ctx.as_of_date
    known = _known_dates(ctx, ids)
    for state, dates, col in (("closed", closed, 1), ("staged", staged, 0)):
        missing = (status == state) & dates.isna()
        earlier = ids.map(lambda i: known.get(i, (None, None))[col], na_action="ignore")
        dates.loc[missing & earlier.notna()] = earlier[missing & earlier.notna()]   # a re-import keeps the date
        missing &= dates.isna()
        if fallback is None:
            chunk.flag(missing, "status", "ingest.err.no_as_of")
        else:
            dates.loc[missing] = fallback
    return staged, closed


def _known_dates(ctx: Context, ids: pd.Series) -> dict[str, tuple]:
    """(staged_on, closed_on) already recorded for these petitions: an undated 已办结 in a later ledger
    is the same closing, not a new one, so it keeps its first date."""
    wanted = [i for i in ids.dropna().unique().tolist() if isinstance(i, str)]
    if not wanted:
        return {}
    rows = ctx.con.execute("select petition_id, staged_on, closed_on from petitions "
                           "where petition_id in (select unnest($ids))", {"ids": wanted}).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    """The staged petitions of one chunk (bad rows are flagged on the chunk)."""
    if chunk.has("petition_id"):
        ids, prefix = petition_ids(chunk)
    else:
        ids, prefix = None, pd.Series(pd.NA, index=chunk.frame.index, dtype="Int64")
    batch = _batches(chunk, ctx, prefix)
    region, city = _regions(chunk, ctx)
    received = _received(chunk, ctx, ids if ids is not None else pd.Series(None, index=chunk.frame.index))
    province = region.map({c: ctx.regions.by_code[c].province_code for c in region.dropna().unique()})
    inspection = _inspections(chunk, ctx, received, province)
    if ids is None:    # first-round tables have no 受理编号: inspection/batch/序号 identifies the row
        seq = parse_column(chunk, "seq", nz.parse_int, required=True)
        ids = inspection.astype(str) + "/" + batch.astype(str) + "/" + seq.astype(str)
    substantiated = parse_column(chunk, "substantiated", ctx.mapped(nz.parse_substantiated, "substantiated"))
    if chunk.has("substantiated"):
        chunk.flag(substantiated.isna() & chunk.raw("substantiated").isna(), "substantiated",
                   "ingest.warn.blank_substantiated", severity="warning")
    staged, closed = _closing(chunk, ctx, ids)
    first_type, types = _pollution(chunk, ctx)
    out = pd.DataFrame({
        "petition_id": ids, "inspection_id": inspection, "batch_no": batch, "region_code": region,
        "city_code": city, "received_on": received, "pollution_type": first_type, "pollution_types": types,
        "substantiated": substantiated, "staged_on": staged, "closed_on": closed, "is_synthetic": False,
    })
    for name in _OPTIONAL_TEXT:
        if chunk.has(name):
            out[name] = text_column(chunk, name)
    if chunk.has("people_held_accountable"):
        people = chunk.raw("people_held_accountable")
        out["people_held_accountable"] = people.map(nz.count_people, na_action="ignore").fillna(0)
    if chunk.has("penalties"):
        out["penalties"] = parse_column(chunk, "penalties", nz.parse_int).fillna(0)
    if chunk.has("is_recheck"):
        out["is_recheck"] = parse_column(chunk, "is_recheck", nz.parse_bool).fillna(False)
    return out


def note_table(table, columns: dict, ctx: Context, log) -> None:
    """First-round tables have no 受理编号: say how the ids are built."""
    if "petition_id" not in columns:
        log.file_error(ctx.file, "ingest.warn.derived_id", severity="warning")
