"""Build a briefing edition: one JSON-ready dict holding every figure, table, list and text section."""
from __future__ import annotations

import datetime as dt

import duckdb

from envboard import catalog
from envboard.core import db
from envboard.core.memo import request_memo
from envboard.domain import metrics
from envboard.briefing import gongwen, tables, text
from envboard.core.queries import run
from envboard.core.regions import NATIONAL_CODE, resolve_scope
from envboard.core.settings import get_setting
from envboard.standards.period import period_stats

# (metric label key, value key, fmt, numerator key, denominator key, change key, period basis): the briefing's
# metrics that have a scope figure in envboard.domain.metrics.summary (envboard/catalog.py). Task and petition
# figures are stocks at the month end (截至X月底), air and water figures year to date (1—X月累计); the
# briefing adds the environment shares' change on a year earlier (_figures).
PERIOD_OF_GROUP = {"rect": "as_of", "pet": "as_of", "air": "ytd", "water": "ytd"}
BRIEFING_CHANGE = {"good_days_share": "good_days_change_pp", "water_good_share": "water_good_change_pp"}
HEADLINE = [(m.label, m.summary.value, m.fmt, m.summary.numerator, m.summary.denominator,
             m.summary.change or BRIEFING_CHANGE.get(m.key), PERIOD_OF_GROUP[m.group])
            for m in catalog.on("briefing") if m.summary]


def _records(frame) -> list[dict]:
    return [{k: tables._plain(v) if not hasattr(v, "isoformat") else v.isoformat()[:10] for k, v in row.items()}
            for row in frame.to_dict("records")]


def peers_of(con: duckdb.DuckDBPyConnection, scope_code: str) -> dict:
    """The province whose cities are ranked: {code, name, label} (label 全省 for a province); all cities
    for 全国, the listed provinces' cities for a multi-province scope."""
    if scope_code == NATIONAL_CODE:
        return {"code": NATIONAL_CODE, "name": "全国", "label": "全国"}
    if "," in scope_code:
        return {"code": scope_code, "name": scope_code, "label": "各省"}
    row = run(con, "briefing_peer_scope", scope_code=scope_code).iloc[0]
    label = "全市" if row["code"] in {"110000", "120000", "310000", "500000"} else "全省"
    return {"code": row["code"], "name": row["name"], "label": label}


def _figures(con: duckdb.DuckDBPyConnection, region, as_of: dt.date) -> dict:
    """metrics.summary plus last year's 1—X月 优良天数比例 and water share and their changes (percentage points)."""
    f = metrics.summary(con, region, as_of)
    last = metrics.same_day_last_year(as_of)
    cities = list(run(con, "scope_cities", scope_code=region.code)["city_code"])
    air = period_stats(con, dt.date(last.year, 1, 1), last, cities) if cities else None
    then = metrics.environment_shares(con, cities, air, last)
    for key in ("good_days", "water_good"):
        f[f"{key}_pct_last_year"] = then[f"{key}_pct"]
        f[f"{key}_change_pp"] = tables._change(f[f"{key}_pct"], then[f"{key}_pct"], 1)
    return f


def build_edition(con: duckdb.DuckDBPyConnection, scope: str, as_of: dt.date, at_risk_days: int | None = None) -> dict:
    """The edition of `scope` (name or code) for the month ending `as_of`, with its generated text."""
    with request_memo():         # the sections share scope_cities, period and water statistics
        return _build_edition(con, scope, as_of, at_risk_days)


def _build_edition(con: duckdb.DuckDBPyConnection, scope: str, as_of: dt.date, at_risk_days: int | None) -> dict:
    region = resolve_scope(con, scope)
    days = int(at_risk_days if at_risk_days is not None else get_setting("at_risk_days"))
    peers = peers_of(con, region.code)
    month_start = as_of.replace(day=1)
    ed = {
        "scope": {"code": region.code, "name": region.name, "level": region.level}, "peers": peers,
        "month": as_of.strftime("%Y-%m"), "as_of": as_of.isoformat(), "year": as_of.year, "month_no": as_of.month,
        "as_of_text": f"{as_of.year}年{as_of.month}月底", "at_risk_days": days,
        "data_version": db.data_version(con), "is_demo": db.get_meta(con, "is_demo") == "1",
        "generated_at": dt.datetime.now().isoformat(timespec="seconds"), "issued_at": None, "id": None,
        "figures": _figures(con, region, as_of),
        "issuer": gongwen.issuer_for(region.code, region.name, region.level).__dict__, "number": None,
        "tables": tables.build_tables(con, peers["code"], as_of, days),
        "watchlist": _records(run(con, "briefing_task_watchlist", scope_code=region.code, as_of=as_of, at_risk_days=days)),
        "supervision_month": _records(run(con, "briefing_supervision_month", scope_code=region.code,
                                          month_start=month_start, as_of=as_of)),
        "edits": {},
    }
    ed["sections"] = text.generate(ed)
    return ed


def final_sections(ed: dict) -> list[dict]:
    """The sections as they will be issued: the generated text with the user's edits applied."""
    return [{**s, "body": ed.get("edits", {}).get(s["key"], s["body"])} for s in ed["sections"]]


def doc_title(ed: dict) -> str:
    return f"{ed['scope']['name']}{ed['year']}年{ed['month_no']}月生态环境保护督察整改工作通报"


def as_of_line(ed: dict) -> str:
    """数据截至2022年12月31日（数据版本 3）· 示例数据."""
    day = dt.date.fromisoformat(ed["as_of"])
    line = f"数据截至{day.year}年{day.month}月{day.day}日（数据版本 {ed['data_version']}）"
    return line + ("　示例数据" if ed["is_demo"] else "")


def edition_date(ed: dict) -> str:
    stamp = ed.get("issued_at") or ed["generated_at"]
    day = dt.date.fromisoformat(stamp[:10])
    status = "" if ed.get("issued_at") else "（草稿）"
    return f"编发日期：{day.year}年{day.month}月{day.day}日{status}"
