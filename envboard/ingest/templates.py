"""Downloadable XLSX templates: the header row, drop-down lists for enumerations, one example row."""
from __future__ import annotations

from pathlib import Path

import xlsxwriter

from envboard.ingest.mapping import ENTITIES, KINDS, Field
from envboard.core.errors import UsageError

TITLES = {
    "inspections": "督察轮次清单", "sections": "监测断面清单", "units": "报告单位（新区、开发区、基地）",
    "petitions": "群众信访举报件办理情况", "tasks": "督察整改任务清单", "progress": "整改任务进展",
    "supervision": "督办情况", "air": "城市空气质量日数据", "water": "断面水质月数据",
}


def template_fields(kind: str) -> list[Field]:
    """The columns of `kind`'s template (its canonical headers, without 序号 and 督察轮次 helpers)."""
    return [f for f in ENTITIES[kind] if f.name not in ("seq",)]


def write_template(kind: str, path: Path) -> Path:
    """Write the template of `kind` to `path` and return it."""
    if kind not in KINDS:
        raise UsageError(f"未知数据类型 / unknown kind: {kind} ({', '.join(KINDS)})")
    fields = template_fields(kind)
    book = xlsxwriter.Workbook(str(path))
    try:
        sheet = book.add_worksheet(TITLES[kind][:31])
        head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        must = book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True})
        for col, f in enumerate(fields):
            sheet.write(0, col, f.label_zh, must if f.required else head)
            sheet.write(1, col, f.example)
            sheet.set_column(col, col, max(10, min(40, len(f.example) * 2 + 4)))
            if f.choices:
                sheet.data_validation(1, col, 10000, col, {"validate": "list", "source": list(f.choices)})
            if f.aliases:
                sheet.write_comment(0, col, "也可写作：" + "、".join(f.aliases))
        sheet.freeze_panes(1, 0)
    finally:
        book.close()
    return path
