"""Build the published snapshot: per region (a province and its cities) and period (each month of
the as-of year up to --as-of, the year to date and the same span a year earlier), only allow-listed
aggregates."""
from __future__ import annotations

import datetime as dt
import os
from fractions import Fraction
from pathlib import Path

import duckdb
import pandas as pd

from envboard import catalog
from envboard.core import db
from envboard.domain import metrics
from envboard.domain.rank import ranks
from envboard.core.errors import UsageError
from envboard.core.i18n import t
from envboard.publish.allowlist import ALLOWED, check
from envboard.core.queries import run
from envboard.core.regions import Region, resolve_scope
from envboard.standards.period import period_stats
from envboard.standards.water import water_city_stats, water_level_city_stats

METHOD_TOPICS = ("closure", "resolution", "air", "water", "ranking", "periods", "source")
# rank prefix: (value column, True when a higher value ranks first, displayed places), from the catalogue
_RANK_ON = {m.public.prefix: (m.public.parts.value, m.higher_is_better, m.places) for m in catalog.on("public")}


def periods(as_of: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """(kind, start, end): each month from January of the as-of year to as_of, the year to date, and
    the same span of the year before (ytd_last_year: the base of every 较上年同期 on the public pages)."""
    months = [("month", dt.date(as_of.year, m, 1), metrics.month_end(as_of.year, m)) for m in range(1, as_of.month + 1)]
    return months + [("ytd", dt.date(as_of.year, 1, 1), as_of),
                     ("ytd_last_year", dt.date(as_of.year - 1, 1, 1), metrics.same_day_last_year(as_of))]


def _counts(con, code: str, end: dt.date) -> dict:
    """The published task and petition figures of a region (catalogue: Metric.summary → Metric.public)."""
    figures = metrics.rectification(con, code, end) | metrics.petitions(con, code, end)
    out = {}
    for m in catalog.on("public"):
        if m.group in ("rect", "pet"):
            pairs = zip((m.public.parts.numerator, m.public.parts.denominator, m.public.parts.value),
                        (m.summary.numerator, m.summary.denominator, m.summary.value))
            out |= {column: figures[key] for column, key in pairs if column}
    return out


def _environment(air: pd.DataFrame, water: pd.DataFrame, levels: pd.DataFrame) -> dict:
    """Air and water figures of one or several cities, for each published air and water metric of the
    catalogue, from the frame of its source (period stats, water stats, water by 国控/省控 level): a
    share is pooled (Σ numerator ÷ Σ denominator), a count is summed (of a province: over its cities),
    a mean is the mean of the city means; rounded to the metric's places (GB/T 8170). Plus the 劣Ⅴ
    sections the water sentence names."""
    out = {}
    frames = {"standards.water.water_level_city_stats": levels, "standards.water.water_city_stats": water}
    for m in catalog.on("public"):
        if m.group not in ("air", "water"):
            continue
        stats, parts = (air if m.group == "air" else frames[m.source]), m.public.parts
        den = int(stats[m.denominator].fillna(0).sum())
        out[parts.denominator] = den
        if m.numerator:
            num = int(stats[m.numerator].fillna(0).sum())
            if parts.numerator:
                out[parts.numerator] = num
            if m.unit == "count":
                out[parts.value] = num if len(stats) else None
            else:
                out[parts.value] = metrics.round_half_even(Fraction(num * 100, den), m.places) if den else None
        else:
            means = stats[m.value].dropna()
            out[parts.value] = metrics.round_half_even(float(means.mean()), m.places) if len(means) else None
    bad, sections = int(water["inferior_sections"].sum()), int(water["sections"].sum())
    return out | {"sections_inferior": bad, "water_inferior_pct": metrics.pct(bad, sections)}


def _period_rows(con, province: Region, cities: list[str], kind: str, start: dt.date, end: dt.date) -> list[dict]:
    air = period_stats(con, start, end, cities)
    water = water_city_stats(con, start, end, cities)
    levels = water_level_city_stats(con, start, end, cities)
    base = {"period_kind": kind, "period_start": start, "period_end": end}
    rows = [{"region_code": province.code, **base, **_counts(con, province.code, end), **_environment(air, water, levels)}]
    for code in cities:
        env = _environment(air[air["city_code"] == code], water[water["city_code"] == code],
                           levels[levels["city_code"] == code])
        rows.append({"region_code": code, **base, **_counts(con, code, end), **env})
    return rows


def add_ranks(frame: pd.DataFrame, city_codes: list[str]) -> pd.DataFrame:
    """Rank cities within each period on each published metric (rank.ranks: equal shown values share a rank, 并列)."""
    out = frame.copy()
    is_city = out["region_code"].isin(city_codes)
    for name, (column, higher, places) in _RANK_ON.items():
        value = pd.to_numeric(out[column], errors="coerce").where(is_city)
        out[f"{name}_rank"] = pd.Series(pd.NA, index=out.index, dtype="Int64")
        out[f"{name}_is_tie"] = False
        for _, rows in value.groupby([out["period_kind"], out["period_end"]]):
            out.loc[rows.index, f"{name}_rank"], out.loc[rows.index, f"{name}_is_tie"] = ranks(rows, higher, places)
    return out


def methodology_frame() -> pd.DataFrame:
    """The methodology text, in both languages, from the public string table."""
    return pd.DataFrame([{"sort_order": i, "topic_zh": t(f"public.method.{k}.topic", "zh"),
                          "topic_en": t(f"public.method.{k}.topic", "en"), "text_zh": t(f"public.method.{k}", "zh"),
                          "text_en": t(f"public.method.{k}", "en")} for i, k in enumerate(METHOD_TOPICS)])


def build(con: duckdb.DuckDBPyConnection, as_of: dt.date, scope: str, published_on: dt.date) -> dict[str, pd.DataFrame]:
    """The snapshot's tables as frames (checked against the allow-list by `write`)."""
    province = resolve_scope(con, scope)
    if province.level not in ("province", "national", "multi"):
        raise UsageError(f"--scope 应为省级代码或全国 / --scope must be a province or 全国 (000000), got {province.name} ({province.code})")
    cities_frame = run(con, "scope_cities", scope_code=province.code)
    if province.level in ("national", "multi"):     # only the cities that report data, not every city of the country
        reporting = {r[0] for r in con.execute("select city_code from tasks union select city_code from air_daily "
                                               "union select city_code from water_sections").fetchall()}
        cities_frame = cities_frame[cities_frame["city_code"].isin(reporting)]
    cities = [c for c in cities_frame["city_code"] if c != province.code]
    rows = [r for kind, start, end in periods(as_of) for r in _period_rows(con, province, cities, kind, start, end)]
    regions = pd.DataFrame([{"region_code": province.code, "region_name": province.name, "level": province.level,
                             "sort_order": 0}] +
                           [{"region_code": c, "region_name": n, "level": "city", "sort_order": i + 1}
                            for i, (c, n) in enumerate(zip(cities_frame["city_code"], cities_frame["city_name"]))
                            if c != province.code])
    publication = pd.DataFrame([{"published_on": published_on, "as_of": as_of, "scope_code": province.code,
                                 "scope_name": province.name, "is_demo": db.get_meta(con, "is_demo") == "1",
                                 "period_start": dt.date(as_of.year, 1, 1)}])
    return {"publication": publication, "regions": regions,
            "figures": add_ranks(pd.DataFrame(rows), cities)[list(ALLOWED["figures"])], "methodology": methodology_frame()}


def write(frames: dict[str, pd.DataFrame], path: Path) -> Path:
    """Write the frames as a DuckDB file at `path` atomically (temp file + os.replace)."""
    check(frames)
    path = Path(path).expanduser().resolve()
    if not path.parent.is_dir():
        raise FileNotFoundError(f"目录不存在 / folder does not exist: {path.parent}")
    work = path.with_name(f".{path.name}.{os.getpid()}.next")
    work.unlink(missing_ok=True)
    try:
        con = duckdb.connect(str(work))
        try:
            for table, frame in frames.items():
                con.register("frame", frame)
                con.execute(f'create table "{table}" as select * from frame')
                con.unregister("frame")
            con.execute("checkpoint")
        finally:
            con.close()
        os.replace(work, path)
    finally:
        work.unlink(missing_ok=True)
        Path(f"{work}.wal").unlink(missing_ok=True)
    return path


def publish(con: duckdb.DuckDBPyConnection, as_of: dt.date, scope: str, path: Path,
            published_on: dt.date | None = None) -> Path:
    """Build and write the snapshot; months after `as_of` are never read."""
    return write(build(con, as_of, scope, published_on or dt.date.today()), path)
