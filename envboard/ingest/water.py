"""Monthly water quality by section (断面): long (断面, 月份, 指标, 监测值) or wide (one column per indicator)."""
from __future__ import annotations

import csv
import re

import pandas as pd

from envboard.ingest import normalize as nz
from envboard.ingest.context import Context
from envboard.ingest.mapping import header_key
from envboard.ingest.validate import Chunk, RowError, parse_column
from envboard.core.settings import PROJECT_DIR
from envboard.standards.water import EXCLUDED, indicator_class

TABLE = "water_monthly"
KEY = ("section_id", "month", "indicator")
COLUMNS = {"section_id": "varchar", "month": "date", "indicator": "varchar", "value": "double",
           "raw_text": "varchar", "is_below_dl": "boolean", "detection_limit": "double"}
DEFAULTS: dict = {"is_below_dl": "false"}
DL_RULE = "half_dl_2020_82"     # 环办监测函〔2020〕82号 第七点: 低于检出限时以1/2检出限值参与计算和统计
_BELOW_DL = re.compile(r"^(?:[<＜]\s*(?P<lt>\d[\d.]*(?:e-?\d+)?)|(?P<l>\d[\d.]*(?:e-?\d+)?)\s*[(（]?\s*L\s*[)）]?)$", re.I)
_NOT_DETECTED = {"nd", "未检出", "未检测出", "低于检出限", "<dl", "n.d."}


def parse_measurement(value, detection_limit: float | None = None) -> tuple[float, str, bool, float | None] | None:
    """(value for statistics, cell as reported, is below DL, DL) of one result.

    0.004L, 0.004(L), <0.004, ＜0.004 → (0.002, '0.004L', True, 0.004): half the detection limit enters
    statistics (环办监测函〔2020〕82号 第七点); ND / 未检出 need the method's limit (a 检出限 column)."""
    text = nz.clean_text(value)
    if text is None:
        return None
    compact_text = re.sub(r"\s+", "", text)
    m = _BELOW_DL.match(compact_text)
    if m:
        dl = float(m["lt"] or m["l"])
        return dl / 2, text, True, dl
    if compact_text.lower() in _NOT_DETECTED:
        if detection_limit is None:
            raise nz.Invalid("ingest.err.nd_without_dl")
        return detection_limit / 2, text, True, detection_limit
    number = nz.parse_number(compact_text)
    if number is not None and number < 0:
        raise nz.Invalid("ingest.err.negative")
    return number, text, False, None
LIMITS_CSV = PROJECT_DIR / "envboard" / "standards" / "data" / "water_limits_gb3838_2002.csv"
_EXTRA_NAMES = {"氨氮": "NH3_N", "总磷": "TP", "总氮": "TN", "化学需氧量": "COD", "五日生化需氧量": "BOD5",
                "高锰酸盐指数": "COD_Mn", "溶解氧": "DO", "ph": "pH", "codmn": "COD_Mn", "nh3-n": "NH3_N",
                "六价铬": "Cr6", "铬六价": "Cr6", "氟化物": "F", "石油类": "Oil", "挥发酚": "VPhen",
                "阴离子表面活性剂": "LAS", "硫化物": "S2", "氰化物": "CN", "粪大肠菌群": "FC", "cod": "COD",
                "bod5": "BOD5", "tp": "TP", "tn": "TN", "do": "DO"}


def indicator_names() -> dict[str, str]:
    """header_key(code or Chinese name) → indicator code, from the GB 3838-2002 limits table."""
    names = {header_key(k): v for k, v in _EXTRA_NAMES.items()}
    with open(LIMITS_CSV, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names.setdefault(header_key(row["code"]), row["code"])
            names.setdefault(header_key(row["name_cn"]), row["code"])
    return names


def _sections(ctx: Context) -> dict[str, str]:
    if "sections" not in ctx.cache:
        found = {}
        for sid, name, body in ctx.con.execute("select section_id, name, water_body from water_sections").fetchall():
            for key in (sid, name, f"{body}{name}", f"{body}-{name}"):
                found.setdefault(nz.compact(key), sid)
        ctx.cache["sections"] = found
    return ctx.cache["sections"]


def note_table(table, columns: dict, ctx: Context, log) -> None:
    """Remember the indicator columns of a wide table."""
    names = indicator_names()
    wide = {names[header_key(h)]: i for i, h in enumerate(table.header)
            if header_key(h) in names and i not in columns.values()}
    ctx.cache["wide"] = wide
    if "indicator" not in columns and not wide:
        log.add(RowError(ctx.file, table.sheet, table.header_row, "指标", "ingest.err.missing_column", None,
                         "error", (("column", "指标"),)))


def _section_ids(chunk: Chunk, ctx: Context) -> pd.Series:
    known = _sections(ctx)

    def find(value):
        key = nz.compact(value)
        if key not in known:
            raise nz.Invalid("ingest.err.unknown_section")
        return known[key]
    return parse_column(chunk, "section", find, required=True)


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    section = _section_ids(chunk, ctx)
    month = parse_column(chunk, "month", nz.parse_month, required=True)
    if chunk.has("indicator"):
        names = indicator_names()

        def code(value):
            found = names.get(header_key(value))
            if found is None:
                raise nz.Invalid("ingest.err.unknown_indicator")
            return found
        indicator = parse_column(chunk, "indicator", code, required=True)
        limit = parse_column(chunk, "detection_limit", nz.parse_number)
        results = _measurements(chunk, "value", limit, required=True)
        out = _with_results(pd.DataFrame({"section_id": section, "month": month, "indicator": indicator}), results)
        flag_coarse_limits(chunk, out, "value")
        return out
    parts = []
    for indicator, index in ctx.cache.get("wide", {}).items():
        chunk.columns[indicator] = index
        results = _measurements(chunk, indicator, None)
        part = _with_results(pd.DataFrame({"section_id": section, "month": month, "indicator": indicator}), results)
        flag_coarse_limits(chunk, part, indicator)
        parts.append(part[results.notna()])
    return pd.concat(parts) if parts else pd.DataFrame(columns=list(COLUMNS))


def _measurements(chunk: Chunk, name: str, limits: pd.Series | None, required: bool = False) -> pd.Series:
    """parse_measurement per cell; a 检出限 column (long layout) gives ND / 未检出 their limit."""
    if limits is None or limits.isna().all():
        return parse_column(chunk, name, parse_measurement, required=required)
    raw = chunk.raw(name)
    out = pd.Series(None, index=raw.index, dtype=object)
    for dl in limits.dropna().unique():
        rows = limits == dl
        sub = parse_column(_Sub(chunk, rows), name, lambda v, dl=dl: parse_measurement(v, float(dl)))
        out[rows] = sub[rows]
    rest = limits.isna()
    if rest.any():
        sub = parse_column(_Sub(chunk, rest), name, parse_measurement, required=required)
        out[rest] = sub[rest]
    return out


class _Sub:
    """A view of a chunk limited to some rows (cells elsewhere read as blank)."""

    def __init__(self, chunk: Chunk, rows: pd.Series):
        self._chunk, self._rows = chunk, rows

    def raw(self, name: str) -> pd.Series:
        return self._chunk.raw(name).where(self._rows, None)

    def __getattr__(self, attr):
        return getattr(self._chunk, attr)


_EMPTY_RESULT = (None, None, None, None)


def _with_results(frame: pd.DataFrame, results: pd.Series) -> pd.DataFrame:
    """`frame` with value, raw_text, is_below_dl and detection_limit from the parsed results."""
    parts = [r if isinstance(r, tuple) else _EMPTY_RESULT for r in results]
    for i, name in enumerate(("value", "raw_text", "is_below_dl", "detection_limit")):
        frame[name] = pd.Series([p[i] for p in parts], index=results.index, dtype=object)
    return frame


def dl_class(indicator: str, detection_limit: float, water_body: str = "river") -> int | None:
    """The GB 3838 class of the detection limit itself: a below-DL result is that class or better, so
    only a limit within Class I gives a certain class (1); None for indicators without classes."""
    try:
        return None if indicator in EXCLUDED else indicator_class(indicator, detection_limit, water_body)
    except ValueError:
        return None


def flag_coarse_limits(chunk: Chunk, frame: pd.DataFrame, column: str) -> None:
    """Warn where a detection limit is above the Class I limit: the sample's class is not determinable."""
    below = frame[frame["is_below_dl"].fillna(False).astype(bool)]
    for (indicator, dl), rows in below.groupby(["indicator", "detection_limit"]).groups.items():
        k = dl_class(indicator, float(dl))
        if k and k > 1:
            mask = pd.Series(False, index=chunk.frame.index)
            mask[rows] = True
            chunk.flag(mask, column, "ingest.warn.dl_above_class1", severity="warning", k=k)


def finish(con, ctx: Context, staged) -> None:
    """Two samplings of one section in one month become their mean (环办〔2011〕22号: several results in a
    period are averaged; below-DL results enter as half the limit). The rows averaged are named."""
    if not staged.parts:
        return
    files = ", ".join(f"'{p}'" for p in staged.parts)
    repeats = con.execute(
        f"select section_id, month, indicator, count(*), min(_row), max(_row), any_value(_sheet) "
        f"from read_parquet([{files}], union_by_name = true) group by all having count(*) > 1 "
        f"order by 5 limit 50").fetchall()
    if not repeats:
        return
    for section, month, indicator, n, first, last, sheet in repeats[:20]:
        staged.log.add(RowError(ctx.file, sheet, last, indicator, "ingest.warn.samplings_averaged", str(n), "warning",
                                (("n", n), ("first", first), ("month", str(month)[:7]))))
    relation = (f"(select section_id, month, indicator, avg(value) as value, "
                f"string_agg(raw_text, ' / ' order by _row) as raw_text, bool_and(is_below_dl) as is_below_dl, "
                f"max(detection_limit) as detection_limit, any_value(_sheet) as _sheet, min(_row) as _row "
                f"from read_parquet([{files}], union_by_name = true) group by section_id, month, indicator)")
    old = list(staged.parts)
    staged.write_part(con, relation, set(COLUMNS) | {"_sheet", "_row"})
    staged.parts = staged.parts[len(old):]       # the new part is numbered after the old ones
    for part in old:
        part.unlink(missing_ok=True)
