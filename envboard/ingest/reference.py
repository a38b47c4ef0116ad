"""Reference lists an office registers first: inspections, monitoring sections and reporting units.

Each is an import kind like the ledgers (template, CLI, page, undo, audit). Reporting units are
mirrored into `regions` so that every scope, ranking and import sees them (see `sync_unit_regions`).
"""
from __future__ import annotations

import re
import csv

from envboard.ingest import normalize as nz

ROUNDS_CENTRAL = {1: "round1", 2: "round2", 3: "round3"}
_ROUND = re.compile(r"第?([0-9一二三四五六七八九十]+)轮")


def parse_inspection_kind(value) -> str | None:
    """中央 / 中央生态环境保护督察 → central; 省级 / 省 / 省委省政府 → provincial."""
    text = nz.compact(value)
    if text is None:
        return None
    if text.lower() in ("central", "provincial"):
        return text.lower()
    if text.startswith("中央"):
        return "central"
    if text.startswith(("省", "自治区", "市级")) or "省级" in text:
        return "provincial"
    raise nz.Invalid("ingest.err.bad_inspection_kind")


def parse_round(value) -> tuple[int, bool] | None:
    """(round number, is 回头看): 第二轮 → (2, False); 回头看 / 第一轮回头看 → (1, True)."""
    text = nz.compact(value)
    if text is None:
        return None
    review = "回头看" in text
    m = _ROUND.search(text) or re.fullmatch(r"(\d+)", text)
    if m:
        return nz.chinese_number(m[1]), review
    if review:
        return 1, True
    raise nz.Invalid("ingest.err.bad_round")


def round_label(kind: str, round_no: int, review: bool) -> str:
    """round1 | review | round2 | round3 | provincial1 | provincial2 | provincial_review …"""
    if kind == "central":
        return "review" if review else f"round{round_no}"
    return "provincial_review" if review else f"provincial{round_no}"


_BODY = {"河流": "river", "河": "river", "江": "river", "river": "river",
         "湖库": "lake", "湖泊": "lake", "水库": "lake", "湖": "lake", "库": "lake", "lake": "lake"}
_CONTROL = {"国控": "national", "国考": "national", "国家": "national", "national": "national",
            "省控": "provincial", "省考": "provincial", "省级": "provincial", "provincial": "provincial",
            "市控": "municipal", "市考": "municipal", "市级": "municipal", "municipal": "municipal"}
_CLASS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5,
          "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "劣v": 6}
_UNIT_KIND = {"新区": "new_area", "开发区": "development_zone", "高新区": "development_zone",
              "经开区": "development_zone", "园区": "development_zone", "基地": "industrial_base",
              "其他": "other", "new_area": "new_area", "development_zone": "development_zone",
              "industrial_base": "industrial_base", "other": "other"}


def parse_body_type(value) -> str | None:
    text = nz.compact(value)
    if text is None:
        return None
    found = _BODY.get(text.lower())
    if found is None:
        raise nz.Invalid("ingest.err.bad_body_type")
    return found


def parse_control_level(value) -> str | None:
    """国控 → national, 省控 → provincial, 市控 → municipal."""
    text = nz.compact(value)
    if text is None:
        return None
    found = _CONTROL.get(text.lower().removesuffix("断面"))
    if found is None:
        raise nz.Invalid("ingest.err.bad_control_level")
    return found


def parse_water_class(value) -> int | None:
    """Ⅲ / III / Ⅲ类 / 3 → 3; 劣Ⅴ → 6."""
    text = nz.compact(value)
    if text is None:
        return None
    key = text.lower().removesuffix("类").removeprefix("类")
    found = _CLASS.get(key)
    if found is None:
        raise nz.Invalid("ingest.err.bad_water_class")
    return found


def parse_unit_kind(value) -> str | None:
    """新区 / 开发区 (高新区, 经开区) / 基地 / 其他; a full name ending in one of them works too."""
    text = nz.compact(value)
    if text is None:
        return None
    for word, kind in _UNIT_KIND.items():
        if text == word or text.endswith(word):
            return kind
    raise nz.Invalid("ingest.err.bad_unit_kind")


def guess_unit_kind(name: str) -> str:
    try:
        return parse_unit_kind(name) or "other"
    except nz.Invalid:
        return "other"


def sync_unit_regions(con) -> None:
    """Rebuild the `regions` rows of reporting units from `reporting_units` (inside the caller's write)."""
    con.execute("delete from regions where is_reporting_unit")
    con.execute("""
        insert into regions (code, name, short_name, level, parent_code, province_code, city_code,
                             is_municipality, is_reporting_unit)
        select u.unit_code, u.name, u.short_name,
               case when u.is_ranked_with_cities then 'city' else 'county' end,
               case when u.is_ranked_with_cities then u.province_code else u.parent_code end,
               u.province_code,
               case when u.is_ranked_with_cities then u.unit_code
                    else coalesce(p.city_code, u.parent_code) end,
               false, true
        from reporting_units u left join regions p on p.code = u.parent_code
    """)


def seed_units(con, path) -> int:
    """Load the shipped reporting units (data/reporting_units.csv) that are not yet registered."""
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    added = 0
    for r in rows:
        parent = con.execute("select province_code from regions where code = ?", [r["所在地区"]]).fetchall()
        if not parent:
            continue
        added += con.execute(
            # WHERE NOT EXISTS rather than ON CONFLICT: server mode's DuckLake tables have no keys
            "insert into reporting_units select ?, ?, ?, ?, ?, ?, ?, ? "
            "where not exists (select 1 from reporting_units where unit_code = ?)",
            [r["单位代码"], r["单位名称"], r["简称"] or r["单位名称"], parse_unit_kind(r["单位类型"]),
             r["所在地区"], parent[0][0], r["与设区市并列排名"] == "是", r["备注"] or None,
             r["单位代码"]]).fetchall()[0][0]
    sync_unit_regions(con)
    return added
