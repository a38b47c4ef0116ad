"""The 通报 as a 公文 (GB/T 9704-2012): page geometry, type sizes, fonts, 文号, dates and the issuer of each scope.

Measurements are the standard's (clauses in docs/briefing.md): A4, 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm,
22 lines of 3号 text. The issuer, 文号 prefix, 主送 and 抄送 of a scope come from the issuers file
(setting `briefing_issuers`, TOML), with defaults built from the scope's name.
"""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from envboard.core.settings import get_setting

PAGE_W, PAGE_H = 210.0, 297.0          # mm, A4 (GB/T 9704 5.1)
TOP, LEFT = 37.0, 28.0                 # 天头, 订口 (5.2.1)
BODY_W, BODY_H = 156.0, 225.0          # 版心
RIGHT, BOTTOM = PAGE_W - LEFT - BODY_W, PAGE_H - TOP - BODY_H   # 26 mm, 35 mm
LINE = BODY_H / 22                     # 22 lines a page: 10.23 mm pitch
PT = 25.4 / 72                         # mm per point
SIZE = {"二号": 22.0, "三号": 16.0, "四号": 14.0, "小四": 12.0, "五号": 10.5}
RED = (255, 0, 0)

# The standard names typefaces; government PCs have these fonts, which the DOCX names.
DOCX_FONTS = {"fangsong": "仿宋_GB2312", "xbs": "方正小标宋简体", "hei": "黑体", "kai": "楷体_GB2312", "song": "宋体"}
# Free stand-ins embedded in the PDF, from Debian packages: (file, TTC face, package, what it is).
PDF_FONTS = {
    "fangsong": ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0, "fonts-arphic-gbsn00lp", "AR PL SungtiL GB"),
    "xbs": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2, "fonts-noto-cjk", "Noto Serif CJK SC Bold"),
    "hei": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2, "fonts-noto-cjk", "Noto Sans CJK SC Bold"),
    "kai": ("/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf", 0, "fonts-arphic-gkai00mp", "AR PL KaitiM GB"),
    "song": ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0, "fonts-arphic-gbsn00lp", "AR PL SungtiL GB"),
}
# The AR PL fonts cover GB 2312; other glyphs (³, rare characters of place names) come from the
# Noto Serif face, already loaded for the title. Each Noto face costs ~2 s to load and subset.
FALLBACK = "xbs"


@dataclass(frozen=True)
class Issuer:
    """Who issues a scope's 通报 and to whom (per-scope settings)."""
    name: str                               # 发文机关 (署名, 发文机关标志)
    number_prefix: str                      # 机关代字 of the 文号
    main_to: list[str] = field(default_factory=list)    # 主送机关
    copy_to: list[str] = field(default_factory=list)    # 抄送机关
    printed_by: str = ""                    # 印发机关 (default: the issuer)
    mark: str = ""                          # 发文机关标志 (default: the issuer's name)
    number_start: int = 1                   # first 顺序号 of each year


def _default_issuer(scope_name: str, level: str) -> Issuer:
    short = scope_name.removesuffix("市").removesuffix("省")
    if level == "province":
        return Issuer(f"{scope_name}生态环境保护督察整改工作领导小组办公室", f"{short[:1]}督改办",
                      ["各设区市人民政府", "省直有关单位"], [f"{scope_name}生态环境厅"])
    return Issuer(f"{scope_name}生态环境保护督察整改工作领导小组办公室", f"{short}督改办",
                  ["各县（市、区）人民政府", "市直有关单位"], [f"{scope_name}生态环境局"])


def issuers_file() -> Path:
    return Path(get_setting("briefing_issuers")).expanduser()


def issuer_for(scope_code: str, scope_name: str, level: str, path: Path | None = None) -> Issuer:
    """The issuer settings of a scope: its [scope."<code>"] table in the issuers file over the defaults."""
    base = _default_issuer(scope_name, level)
    path = path or issuers_file()
    table = {}
    if path.is_file():
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("scope", {}).get(scope_code, {})
    known = {k: v for k, v in table.items() if k in Issuer.__dataclass_fields__}
    return Issuer(**{**base.__dict__, **known})


def cn_date(day: dt.date) -> str:
    """2024年3月5日: Arabic numerals, full year, no zero padding (GB/T 9704 7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


def doc_number(prefix: str, year: int, number: int | None) -> str:
    """赣州督改办〔2024〕12号 (六角括号, no 第, no leading zeros); a draft has no number yet: 〔2024〕 号."""
    return f"{prefix}〔{year}〕{'　' if number is None else number}号"


def next_number(issued: list[dict], prefix: str, year: int, start: int = 1) -> int:
    """The next 顺序号 of `prefix` in `year`, after those of the issued editions (each {'number': {...}})."""
    used = [e["number"]["n"] for e in issued if e.get("number") and e["number"]["prefix"] == prefix and e["number"]["year"] == year]
    return max(used, default=start - 1) + 1


# 版记 (7.4): 四号 仿宋, 左右各空一字; the first and last 分隔线 thick, those between thin.
RECORD_SIZE = SIZE["四号"]
RECORD_INDENT_EMS = 1.0
RULE_MM = {"thick": 0.35, "thin": 0.25}


@dataclass(frozen=True)
class RecordRow:
    """One row of the 版记 and the rule drawn above it; a thick rule closes the last row."""
    kind: str                       # copy (抄送) | printed (印发机关 left, 印发日期 right)
    text: str | tuple[str, str]
    rule_above: str                 # thick | thin


def record_rows(copy_to: str, organ: str, date: str) -> list[RecordRow]:
    """The 版记 top to bottom, laid out once for the DOCX and the PDF: 抄送 (when there is one) under a
    thick rule, then 印发机关 and 印发日期 under a thin rule (thick when it is the first row)."""
    rows = [RecordRow("copy", copy_to, "thick")] if copy_to else []
    rows.append(RecordRow("printed", (organ, date), "thin" if rows else "thick"))
    return rows


def rule_eighths(kind: str) -> int:
    """A rule's thickness in eighths of a point (DOCX borders): thick 8, thin 6."""
    return round(RULE_MM[kind] / PT * 8)


def missing_pdf_fonts() -> list[str]:
    """'path (Debian package)' of each PDF font that is not installed."""
    return [f"{path} ({pkg})" for path, _, pkg, _ in PDF_FONTS.values() if not Path(path).is_file()]
