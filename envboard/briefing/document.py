"""The 通报 as a 公文, in the order GB/T 9704 prints it; the DOCX and PDF writers lay out these parts.

版头: 发文机关标志, 发文字号, red rule.  主体: 标题, 主送机关, 正文, 附件说明, 署名, 成文日期, 附注, then
each 附件 on its own page.  版记: 抄送, 印发机关和印发日期, at the foot of the last page.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from envboard.briefing import build, gongwen, layout

SOURCES = ("督察整改、信访件和督办问责数据来自各地报送的台账；环境空气质量和地表水水质数据来自监测数据，"
           "按HJ 633和GB 3838评价。")
NONE = "无"


@dataclass
class Annex:
    number: int           # 附件N, consecutive
    title: str            # with its period: 各市销号率（截至12月底）
    frame: pd.DataFrame   # one row "无" when the table is empty
    chart: str | None     # key of the chart printed under the table


def issue_date(ed: dict) -> dt.date:
    """成文日期: the day an edition was issued (today's draft date until then)."""
    return dt.date.fromisoformat((ed.get("issued_at") or ed["generated_at"])[:10])


def number_text(ed: dict) -> str:
    """发文字号 of the edition; a draft has the year and no 顺序号 yet."""
    issuer, number = ed["issuer"], ed.get("number")
    if number:
        return gongwen.doc_number(number["prefix"], number["year"], number["n"])
    return gongwen.doc_number(issuer["number_prefix"], issue_date(ed).year, None)


def _or_none(frame: pd.DataFrame) -> pd.DataFrame:
    if len(frame):
        return frame
    return pd.DataFrame([[NONE] + [""] * (len(frame.columns) - 1)], columns=frame.columns)


def annexes(ed: dict) -> list[Annex]:
    """Every table of the edition as a numbered 附件: headline, ranked tables, units, supervision."""
    items = [(layout.table_title(ed, "headline"), layout.headline_frame(ed), None)]
    items += [(title, frame, key) for key, (title, frame) in layout.ranked_frames(ed).items()]
    items += [(layout.table_title(ed, "units"), layout.units_frame(ed), None),
              (layout.table_title(ed, "supervision_ytd"), layout.supervision_totals(ed), None),
              (layout.table_title(ed, "supervision_month"), layout.supervision_frame(ed), None)]
    return [Annex(i, title, _or_none(frame), chart) for i, (title, frame, chart) in enumerate(items, start=1)]


def annex_list(items: list[Annex]) -> list[str]:
    """附件说明 lines: '附件：1. 主要指标（…）', then '　　　2. …' aligned under the first name (7.3.4)."""
    return [("附件：" if a.number == 1 else "　　　") + f"{a.number}. {a.title}" for a in items]


def note(ed: dict) -> str:
    """附注: data-as-of date, data version, sources, and 示例数据 for demo data."""
    day = dt.date.fromisoformat(ed["as_of"])
    text = f"（数据截至{gongwen.cn_date(day)}，数据版本{ed['data_version']}。{SOURCES}"
    if ed["is_demo"]:
        text += "本通报由演示数据集生成，除标注的公开数据外均为合成数据（示例数据）。"
    return text + "）"


def main_to(ed: dict) -> str:
    names = ed["issuer"]["main_to"]
    return "，".join(names) + "：" if names else ""


def copy_to(ed: dict) -> str:
    names = ed["issuer"]["copy_to"]
    return "抄送：" + "，".join(names) + "。" if names else ""


def printed(ed: dict) -> tuple[str, str]:
    """(印发机关, '2024年3月5日印发')."""
    issuer = ed["issuer"]
    return issuer["printed_by"] or issuer["name"], f"{gongwen.cn_date(issue_date(ed))}印发"


def corner_marks(ed: dict) -> str:
    """Top-left of page 1 (where 份号/密级 go): 示例数据 and 草稿 marks, else nothing."""
    marks = (["示例数据"] if ed["is_demo"] else []) + ([] if ed.get("issued_at") else ["草稿"])
    return "　".join(marks)


def mark(ed: dict) -> str:
    return ed["issuer"]["mark"] or ed["issuer"]["name"]


def title(ed: dict) -> str:
    return build.doc_title(ed)


def title_parts(ed: dict) -> list[str]:
    """The title cut where a line may break without splitting a word (7.3.1): after the month."""
    full, cut = title(ed), f"{ed['year']}年{ed['month_no']}月"
    head, _, tail = full.partition(cut)
    return [head + cut, tail] if tail else [full]
