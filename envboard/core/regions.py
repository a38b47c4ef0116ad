"""Regions: the national division list (GB/T 2260 codes) and name/code lookup."""
from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from envboard.core.errors import UsageError
from envboard.core.settings import PROJECT_DIR

DIVISIONS_CSV = PROJECT_DIR / "data" / "admin_divisions_cn.csv"
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
_ETHNIC = (
    "壮族|回族|维吾尔|藏族|蒙古族|蒙古|朝鲜族|土家族|苗族|侗族|布依族|彝族|白族|哈尼族|傣族|景颇族|傈僳族|"
    "哈萨克|柯尔克孜|羌族|黎族|瑶族|仫佬族|毛南族|仡佬族|水族|纳西族|普米族|怒族|独龙族|拉祜族|佤族|"
    "布朗族|阿昌族|德昂族|基诺族|土族|撒拉族|东乡族|保安族|裕固族|锡伯族|达斡尔族|鄂温克族|鄂伦春族|"
    "赫哲族|满族|畲族|各族"
)
_SUFFIX = re.compile(rf"(({_ETHNIC})+自治(区|州|县|旗)|特别行政区|自治区|自治州|地区|省|市|盟|县|区|旗)$")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    short_name: str
    level: str


def short_name(name: str) -> str:
    """赣州市 → 赣州, 广西壮族自治区 → 广西, 恩施土家族苗族自治州 → 恩施; two characters at least."""
    short = _SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


# Spellings fixed by use rather than by Hanyu Pinyin (Shaanxi keeps its second a to differ from Shanxi).
_CONVENTIONAL_EN = {"陕西": "Shaanxi", "内蒙古": "Inner Mongolia", "西藏": "Tibet", "香港": "Hong Kong",
                    "澳门": "Macao", "全国": "China"}


def english_name(name: str) -> str:
    """A region's English name: the Hanyu Pinyin of its short name (pypinyin), e.g. 赣州市 → Ganzhou,
    西安市 → Xi'an; conventional spellings where they differ (陕西 → Shaanxi)."""
    from pypinyin import lazy_pinyin  # deferred: heavy (pypinyin loads its dictionary; only for English names)

    short = short_name(name)
    if short in _CONVENTIONAL_EN:
        return _CONVENTIONAL_EN[short]
    syllables = [s for s in lazy_pinyin(short) if s]
    if not syllables or not all(s.isascii() and s.isalpha() for s in syllables):
        return name
    text = syllables[0] + "".join(("'" + s) if s[0] in "aoe" else s for s in syllables[1:])
    return text.capitalize()


def read_divisions(path: Path = DIVISIONS_CSV) -> list[dict]:
    """Rows for the regions table: provinces, cities (incl. province-administered ones), counties."""
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    placeholders = {r["code"] for r in rows if r["is_grouping_placeholder"] == "1"}
    out = []
    for r in rows:
        if r["code"] in placeholders or r["nbs_function_zone"] == "1" or r["code"] == r["parent_code"]:
            continue    # grouping rows, development zones and cities listed again as their own county
        level = {"prefecture": "city"}.get(r["level"], r["level"])
        parent = r["parent_code"] or None
        if level == "county" and parent in placeholders:
            if r["province_code"] in MUNICIPALITIES:
                parent = r["province_code"]            # a district of a municipality
            else:
                level, parent = "city", r["province_code"]   # 天门市, 济源市 …
        city = r["code"] if level == "city" else (parent if level == "county" else None)
        if level == "province" and r["code"] in MUNICIPALITIES:
            city = r["code"]
        out.append({
            "code": r["code"], "name": r["name"], "short_name": short_name(r["name"]),
            "level": level, "parent_code": parent, "province_code": r["province_code"],
            "city_code": city, "is_municipality": r["code"] in MUNICIPALITIES,
            "center_lng": float(r["center_lng"]) if r["center_lng"] else None,
            "center_lat": float(r["center_lat"]) if r["center_lat"] else None,
        })
    return out


def load_regions(con: duckdb.DuckDBPyConnection) -> int:
    """Replace the regions table with the national list; return the number of rows."""
    frame = pd.DataFrame(read_divisions())
    con.execute("delete from regions")
    con.execute("insert into regions by name select * from frame")
    return len(frame)


NATIONAL_CODE = "000000"
NATIONAL_NAMES = ("000000", "全国", "national", "china", "中国")
_LIST_SEP = re.compile(r"[,，、+]")


def national() -> Region:
    """全国 as a scope (code 000000): every region; figures over all cities."""
    return Region(NATIONAL_CODE, "全国", "全国", "national")


def is_scope_only(text: str | None) -> bool:
    """True for 全国 (000000) or a list of provinces: scopes to read, not a place a record belongs to."""
    text = (text or "").strip()
    return text.lower() in NATIONAL_NAMES or len([p for p in _LIST_SEP.split(text) if p.strip()]) > 1


def resolve_scope(con: duckdb.DuckDBPyConnection, text: str,
                  levels: tuple[str, ...] = ("province", "city", "county")) -> Region:
    """Like resolve_region, and also 全国 / 000000 and a list of provinces ('江西,湖北' or
    '360000,420000', an inspection round over several provinces: code '360000,420000', level 'multi')."""
    text = (text or "").strip()
    if text.lower() in NATIONAL_NAMES:
        return national()
    parts = [p.strip() for p in _LIST_SEP.split(text) if p.strip()]
    if len(parts) > 1:
        found = sorted({resolve_region(con, p, ("province",)).code: resolve_region(con, p, ("province",))
                        for p in parts}.items())
        if len(found) == 1:
            return found[0][1]
        return Region(",".join(c for c, _ in found), "、".join(r.name for _, r in found),
                      "、".join(r.short_name for _, r in found), "multi")
    return resolve_region(con, text, levels)


def resolve_region(con: duckdb.DuckDBPyConnection, text: str, levels: tuple[str, ...] = ("province", "city", "county")) -> Region:
    """The region named by a full name, short name or 6-digit code; UsageError with suggestions otherwise."""
    text = (text or "").strip()
    rows = con.execute(
        "select code, name, short_name, level from regions where level in (select unnest($levels)) "
        "and (code = $t or name = $t or short_name = $t) "
        "order by case level when 'province' then 0 when 'city' then 1 else 2 end, code",
        {"t": text, "levels": list(levels)},
    ).fetchall()
    exact = [r for r in rows if r[0] == text or r[1] == text]
    if len(exact) == 1:
        return Region(*exact[0])
    if len(rows) == 1:
        return Region(*rows[0])
    above_county = [r for r in rows if r[3] != "county"]
    if len(above_county) == 1:      # 安阳 → 安阳市 rather than 安阳县
        return Region(*above_county[0])
    if len(rows) > 1:
        options = "、".join(f"{r[1]}({r[0]})" for r in rows[:8])
        raise UsageError(f"地区“{text}”不唯一，请指明 / ambiguous region “{text}”: {options}")
    names = [r[0] for r in con.execute(
        "select name from regions where level in (select unnest($levels))", {"levels": list(levels)}
    ).fetchall()]
    close = difflib.get_close_matches(text, names, n=5, cutoff=0.4)
    hint = f"；您是否要找 / did you mean: {'、'.join(close)}" if close else ""
    raise UsageError(f"未知地区 / unknown region: “{text}”{hint}")
