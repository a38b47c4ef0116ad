"""The scope/as-of summary (metric definitions: envboard/catalog.py) that the overview, CLI and exports share."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import duckdb

from envboard.core.dates import month_end, parse_month_end, same_day_last_year  # noqa: F401 (month_end, same_day_last_year: re-exported)
from envboard.core.formatting import format_value, pct, round_half_even  # noqa: F401 (format_value: re-exported)
from envboard.core.memo import request_memo
from envboard.core.queries import query_text, run
from envboard.core.regions import Region, resolve_scope
from envboard.standards.period import period_stats
from envboard.core.settings import pm25_decimals
from envboard.standards.water import water_city_stats
from envboard.standards.install import ensure_installed


SUPERVISION_KINDS = ["letter", "notice", "interview", "accountability", "onsite"]


def _one(con, name: str, **params) -> dict:
    frame = run(con, name, **params)
    row = frame.iloc[0].to_dict() if len(frame) else {}
    return {k: (None if v != v else v) for k, v in row.items()}      # NaN → None


def _ints(row: dict, *keys: str) -> dict:
    return {k: int(row.get(k) or 0) for k in keys}


def rectification(con, scope: str, as_of: dt.date) -> dict:
    row = _one(con, "rectification_summary", scope_code=scope, as_of=as_of)
    out = _ints(row, "tasks_total", "tasks_under_closure", "tasks_done", "tasks_done_under_closure", "tasks_closed",
                "tasks_on_schedule", "tasks_in_progress", "tasks_not_started", "tasks_overdue")
    out["closure_rate_pct"] = pct(out["tasks_closed"], out["tasks_under_closure"])
    out["completion_rate_pct"] = pct(out["tasks_done"], out["tasks_total"])
    return out


def petitions(con, scope: str, as_of: dt.date) -> dict:
    row = _one(con, "petition_summary", scope_code=scope, as_of=as_of)
    out = _ints(row, "petitions_received", "petitions_closed", "petitions_staged", "petitions_in_progress",
                "petitions_substantiated", "petitions_assessed", "petitions_closed_incl_staged")
    out["petition_resolution_rate_pct"] = pct(out["petitions_closed"], out["petitions_received"])
    out["petition_resolution_rate_incl_staged_pct"] = pct(out["petitions_closed_incl_staged"], out["petitions_received"])
    out["petition_rate_lead"] = petition_rate_lead(con, scope)
    out["substantiated_share_pct"] = pct(out["petitions_substantiated"], out["petitions_assessed"])
    return out


PETITION_RATES = ("resolution_rate", "resolution_rate_incl_staged")


def petition_rate_lead(con, scope: str) -> str:
    """Which 办结率 leads for `scope`: its own setting, else its province's, else the strict one
    (全国 and a list of provinces have their own setting or the general one)."""
    codes = [scope, ""] if scope == "000000" or "," in scope else [scope, scope[:2] + "0000", ""]
    rows = dict(con.execute("select key, value from meta where key in (select unnest($keys))",
                            {"keys": [f"petition_rate_lead:{c}" for c in codes]}).fetchall())
    for code in codes:
        value = rows.get(f"petition_rate_lead:{code}")
        if value in PETITION_RATES:
            return value
    return "resolution_rate"


def supervision(con, scope: str, as_of: dt.date) -> dict:
    frame = run(con, "supervision_summary", scope_code=scope, from_date=dt.date(as_of.year, 1, 1), as_of=as_of)
    return {r.kind: {"actions": int(r.actions), "people": int(r.people),
                     "actions_cumulative": int(r.actions_cumulative), "people_cumulative": int(r.people_cumulative)}
            for r in frame.itertuples()}


def _air(con, cities: list[str], end: dt.date):
    return period_stats(con, dt.date(end.year, 1, 1), end, cities) if cities else None


def _scope_pm25(stats) -> float | None:
    """A scope's PM2.5: the mean of its cities' period means (each of valid, non-dust days)."""
    if stats is None or stats["pm25_ugm3"].isna().all():
        return None
    return float(stats["pm25_ugm3"].mean())


def pm25(stats_now, stats_then, as_of: dt.date, decimals: int = 0) -> dict:
    """Year-to-date PM2.5 (1—X月累计, μg/m³ to `decimals`: 0 as MEE publishes, 1 where a province does) and
    its change against the same months a year earlier (%, from the rounded means). A base period with
    too few valid days (HJ 663 / GB 3095 Table 4) gives no change: pm25_base_invalid says so."""
    mean_now = round_half_even(_scope_pm25(stats_now), decimals)
    mean_then = round_half_even(_scope_pm25(stats_then), decimals)
    base_invalid = bool(stats_then is not None and len(stats_then) and not stats_then["is_valid"].fillna(False).all())
    yoy = None
    if mean_now is not None and mean_then and not base_invalid:
        yoy = round_half_even((Decimal(str(mean_now)) - Decimal(str(mean_then))) * 100 / Decimal(str(mean_then)), 1)
    shown = (lambda v: v if decimals else int(v))
    return {"pm25_mean": shown(mean_now) if mean_now is not None else None,
            "pm25_mean_last_year": shown(mean_then) if mean_then is not None else None, "pm25_yoy_pct": yoy,
            "pm25_period": [str(dt.date(as_of.year, 1, 1)), str(as_of)],
            "pm25_decimals": decimals, "pm25_base_invalid": base_invalid}


def summary(con: duckdb.DuckDBPyConnection, region: Region, as_of: dt.date) -> dict:
    """Every headline figure of a scope as of a month end, with last year's figure for comparison."""
    with request_memo():
        return _summary(con, region, as_of)


def _summary(con: duckdb.DuckDBPyConnection, region: Region, as_of: dt.date) -> dict:
    out: dict = {"region_code": region.code, "region_name": region.name, "region_level": region.level,
                 "as_of": as_of.strftime("%Y-%m")}
    rect, pet = rectification(con, region.code, as_of), petitions(con, region.code, as_of)
    out |= rect | pet
    out["supervision"] = supervision(con, region.code, as_of)
    cities = list(run(con, "scope_cities", scope_code=region.code)["city_code"])
    air_now = _air(con, cities, as_of)

    out |= pm25(air_now, _air(con, cities, same_day_last_year(as_of)), as_of, pm25_decimals(region.code))
    out |= environment_shares(con, cities, air_now, as_of)
    out |= water_levels(con, region.code, as_of)
    last = same_day_last_year(as_of)
    rect0, pet0 = rectification(con, region.code, last), petitions(con, region.code, last)
    out["last_year"] = {"as_of": last.strftime("%Y-%m"), **rect0, **pet0}
    out["closure_rate_change_pp"] = _change(out["closure_rate_pct"], rect0["closure_rate_pct"])
    out["petition_resolution_rate_change_pp"] = _change(out["petition_resolution_rate_pct"], pet0["petition_resolution_rate_pct"])
    return out


def environment_shares(con, cities: list[str], air, as_of: dt.date) -> dict:
    """Year-to-date 优良天数比例, 重污染天数 and water 优良 (I–III) section share, with their counts.

    Over several cities both are pooled: good days ÷ valid days, good sections ÷ assessed sections.
    """
    water = water_city_stats(con, dt.date(as_of.year, 1, 1), as_of, cities) if cities else None
    has_air, has_water = air is not None and len(air), water is not None and len(water)
    good = int(air["good_days"].sum()) if has_air else 0
    heavy = int(air["heavy_days"].sum()) if has_air else 0
    valid = int(air["valid_days"].sum()) if has_air else 0
    good_sec = int(water["good_sections"].sum()) if has_water else 0
    sections = int(water["sections"].sum()) if has_water else 0
    return {"good_days": good, "heavy_days": heavy, "valid_days": valid, "good_days_pct": pct(good, valid),
            "sections_good": good_sec, "sections_assessed": sections, "water_good_pct": pct(good_sec, sections)}


def water_levels(con, scope: str, as_of: dt.date) -> dict:
    """Year-to-date 优良 (I–III) section share split by control level: 国控 (national) and 省控
    (provincial), each with its counts (queries/water_by_level.sql)."""
    # the query reads the standards' SQL objects: run it on `con` itself (temp objects are per connection)
    sql, _params = query_text("water_by_level")
    ensure_installed(con)
    frame = con.execute(sql, {"scope_code": scope, "start": dt.date(as_of.year, 1, 1), "end": as_of}).df()
    levels = {r.control_level: {"sections": int(r.sections), "good_sections": int(r.good_sections),
                                "good_pct": pct(int(r.good_sections), int(r.sections))} for r in frame.itertuples()}
    out: dict = {"water_by_level": levels}
    for level in ("national", "provincial"):
        got = levels.get(level, {"sections": 0, "good_sections": 0, "good_pct": None})
        out[f"water_good_pct_{level}"] = got["good_pct"]
        out[f"sections_assessed_{level}"] = got["sections"]
        out[f"sections_good_{level}"] = got["good_sections"]
    return out


def _change(now: float | None, then: float | None) -> float | None:
    if now is None or then is None:
        return None
    return round_half_even(Decimal(str(now)) - Decimal(str(then)), 1)


def metrics_for(con: duckdb.DuckDBPyConnection, region_text: str, month_text: str) -> dict:
    """The CLI's `metrics` object for a region name/code and a YYYY-MM month."""
    as_of = parse_month_end(month_text)
    region = resolve_scope(con, region_text)
    return summary(con, region, as_of)
