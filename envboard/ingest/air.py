"""Daily air quality by city (city + date), from daily tables or hourly station data.

Hourly data become daily values the way HJ 663-2013 asks: a 24-hour mean needs ≥ 20 valid hours;
an 8-hour O3 window (source hours h−7 … h, h = 7 … 23) needs ≥ 6 valid hours and the daily maximum
needs ≥ 14 valid windows. A city's day is the mean of its stations' days.
"""
from __future__ import annotations

import pandas as pd

from envboard.ingest import normalize as nz, plausible
from envboard.ingest.context import Context
from envboard.ingest.supervision import region_pairs
from envboard.ingest.validate import Chunk, RowError, parse_column
from envboard.ingest.mapping import map_header

TABLE = "air_daily"
KEY = ("city_code", "measured_on")
COLUMNS = {
    "city_code": "varchar", "measured_on": "date", "pm25_ugm3": "double", "pm10_ugm3": "double",
    "so2_ugm3": "double", "no2_ugm3": "double", "co_mgm3": "double", "o3_8h_ugm3": "double",
    "o3_1h_ugm3": "double", "is_dust": "boolean",
}
DEFAULTS = {"is_dust": "false"}
READ_KINDS = ("air", "air_hourly")
HOURLY = "ingest_hourly"
POLLUTANTS = ("pm25", "pm10", "so2", "no2", "co", "o3")
MIN_HOURS, MIN_WINDOW_HOURS, MIN_WINDOWS = 20, 6, 14


def layout(header: list) -> str:
    """'air_hourly' when the table has hours (小时 or timestamps) and no daily O3 column."""
    daily, hourly = map_header("air", header), map_header("air_hourly", header)
    has_hours = "hour" in hourly or "hour_at" in hourly
    return "air_hourly" if has_hours and "o3_8h_ugm3" not in daily else "air"


def note_table(table, columns: dict, ctx: Context, log) -> None:
    ctx.cache["hourly"] = "o3" in columns or "hour" in columns or "hour_at" in columns
    if ctx.cache["hourly"]:
        cols = ", ".join(f"{p} double" for p in POLLUTANTS)
        ctx.con.execute(f"create or replace temp table {HOURLY} (station varchar, city_code varchar, "
                        f"hour_at timestamp, {cols}, _sheet varchar, _row integer)")
        header = str(table.header[columns["co"]]) if "co" in columns else ""
        ctx.cache["co_scale"] = 0.001 if any(u in header.lower() for u in ("μg", "µg", "ug", "微克")) else None


def air_units(ctx: Context, region: pd.Series, city: pd.Series) -> pd.Series:
    """The unit air data belong to: the city, but a county-level city (普宁市, 县级市) is its own unit,
    never folded into its prefecture (揭阳市)."""
    own = region.map(lambda c: ctx.regions.level(c) == "county" and ctx.regions.by_code[c].name.endswith("市"),
                     na_action="ignore").fillna(False).astype(bool)
    return region.where(own, city)


def _co_scale(chunk: Chunk, ctx: Context) -> float:
    """1 for mg/m³ (the standard unit), 0.001 when the CO header says μg/m³."""
    if not chunk.has("co_mgm3"):
        return 1.0
    header = chunk.header_of("co_mgm3").lower()
    return 0.001 if any(u in header for u in ("μg", "µg", "ug", "微克")) else 1.0


def prepare(chunk: Chunk, ctx: Context) -> pd.DataFrame:
    name = "city" if chunk.has("city") or not ctx.options.region else "none"
    region, city = region_pairs(chunk, ctx, name)
    city = air_units(ctx, region, city)
    if ctx.cache.get("hourly"):
        _stage_hours(chunk, ctx, city)
        return pd.DataFrame(columns=list(COLUMNS))
    out = pd.DataFrame({"city_code": city,
                        "measured_on": parse_column(chunk, "measured_on", nz.parse_date, required=True)})
    scale = _co_scale(chunk, ctx)
    for column in COLUMNS:
        if column.endswith(("_ugm3", "_mgm3")) and chunk.has(column):
            parser = plausible.concentration_parser(column, scale if column == "co_mgm3" else 1.0)
            out[column] = parse_column(chunk, column, parser)
    if scale != 1.0:
        out["co_mgm3"] = out["co_mgm3"].map(lambda v: v * scale, na_action="ignore")
        if not ctx.cache.get("co_noted"):
            ctx.cache["co_noted"] = True
            chunk.log.add(RowError(ctx.file, chunk.sheet, None, chunk.header_of("co_mgm3"), "ingest.warn.co_ugm3",
                                   None, "warning"))
    if chunk.has("station"):
        ctx.cache["stations"] = True
    if chunk.has("is_dust"):
        out["is_dust"] = parse_column(chunk, "is_dust", nz.parse_bool).fillna(False)
    return out


def _hours(chunk: Chunk) -> pd.Series:
    if chunk.has("hour_at"):
        return parse_column(chunk, "hour_at", nz.parse_hour, required=True)
    parts = {p: parse_column(chunk, p, nz.parse_int, required=True) for p in ("year", "month", "day", "hour")}
    frame = pd.DataFrame(parts).astype("float")
    stamps = pd.to_datetime(frame[["year", "month", "day", "hour"]], errors="coerce")
    chunk.flag(stamps.isna() & frame.notna().all(axis=1), "day", "ingest.err.bad_date")
    return stamps


def _stage_hours(chunk: Chunk, ctx: Context, city: pd.Series) -> None:
    frame = pd.DataFrame({"station": parse_column(chunk, "station", nz.clean_text), "city_code": city,
                          "hour_at": _hours(chunk)})
    for p in POLLUTANTS:
        frame[p] = pd.to_numeric(parse_column(chunk, p, plausible.concentration_parser(p)), errors="coerce")
    frame["_sheet"], frame["_row"] = chunk.sheet, chunk.frame["_row"]
    good = frame[~chunk.bad]
    ctx.con.register("ingest_hours", good)
    ctx.con.execute(f"insert into {HOURLY} by name select * from ingest_hours")
    ctx.con.unregister("ingest_hours")


def finish(con, ctx: Context, staged) -> None:
    """Aggregate staged hours into daily rows of STAGE; station days of a daily file into city days."""
    if not ctx.cache.get("hourly"):
        if ctx.cache.get("stations"):
            _average_stations(con, ctx, staged)
        return
    scale = ctx.cache.get("co_scale")
    if scale is None:
        median = con.execute(f"select median(co) from {HOURLY}").fetchall()[0][0]
        scale = 0.001 if median is not None and median > 50 else 1.0   # µg/m³ (UCI files) vs mg/m³
        if scale != 1.0:
            staged.log.add(RowError(ctx.file, None, None, "CO", "ingest.warn.co_ugm3", None, "warning"))
    staged.provided = set(COLUMNS) - {"is_dust"}     # hourly files say nothing about dust
    staged.write_part(con, f"({daily_sql(scale)})", staged.provided | {"_sheet", "_row"})


def daily_sql(co_scale: float) -> str:
    means = ", ".join(f"case when count({p}) >= {MIN_HOURS} then avg({p}) end as {p}" for p in POLLUTANTS[:5])
    return f"""
    with hours as (
        select coalesce(station, '') as station, city_code, hour_at::date as day, hour(hour_at) as h,
               {', '.join(POLLUTANTS)}, _row
        from {HOURLY}
    ), windows as (
        select a.station, a.city_code, a.day, a.h,
               case when count(b.o3) >= {MIN_WINDOW_HOURS} then avg(b.o3) end as o3_8h
        from hours a join hours b on b.station = a.station and b.city_code = a.city_code
             and b.day = a.day and b.h between a.h - 7 and a.h
        where a.h >= 7 group by all
    ), o3 as (
        select station, city_code, day,
               case when count(o3_8h) >= {MIN_WINDOWS} then max(o3_8h) end as o3_8h
        from windows group by all
    ), station_days as (
        select station, city_code, day, {means},
               case when count(o3) >= {MIN_HOURS} then max(o3) end as o3_1h, min(_row) as _row
        from hours group by all
    )
    select s.city_code, s.day as measured_on, avg(pm25) as pm25_ugm3, avg(pm10) as pm10_ugm3,
           avg(so2) as so2_ugm3, avg(no2) as no2_ugm3, avg(co) * {co_scale} as co_mgm3,
           avg(o.o3_8h) as o3_8h_ugm3, avg(o3_1h) as o3_1h_ugm3, null::varchar as _sheet, min(s._row) as _row
    from station_days s left join o3 o using (station, city_code, day)
    group by s.city_code, s.day
    """


def _average_stations(con, ctx: Context, staged) -> None:
    """A daily file with a 站点 column: the city's day is the mean of its stations' days (HJ 663-2013 城市
    点位平均), pollutant by pollutant over the stations that have it."""
    if not staged.parts:
        return
    files = ", ".join(f"'{p}'" for p in staged.parts)
    means = ", ".join(f"avg({c}) as {c}" for c in COLUMNS if c.endswith(("_ugm3", "_mgm3")) and c in staged.provided)
    n = con.execute(f"select count(*) - count(distinct (city_code, measured_on)) from read_parquet([{files}], "
                    f"union_by_name = true)").fetchall()[0][0]
    if not n:
        return
    dust = ", bool_or(coalesce(is_dust, false)) as is_dust" if "is_dust" in staged.provided else ""
    relation = (f"(select city_code, measured_on, {means}{dust}, "
                f"any_value(_sheet) as _sheet, min(_row) as _row from read_parquet([{files}], union_by_name = true) "
                f"group by city_code, measured_on)")
    old = list(staged.parts)
    staged.write_part(con, relation, staged.provided | {"_sheet", "_row"})
    staged.parts = staged.parts[len(old):]       # the new part is numbered after the old ones
    for part in old:
        part.unlink(missing_ok=True)
    staged.log.add(RowError(ctx.file, None, None, "站点", "ingest.warn.stations_averaged", None, "warning",
                            (("n", n),)))
