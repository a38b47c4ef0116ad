"""The edition as a Word document (python-docx): Chinese fonts on the styles, tables, charts, page numbers."""
from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from envboard.briefing import build, layout

FONT = "宋体"
HEADING_FONT = "黑体"
STYLES = {"Normal": FONT, "Title": HEADING_FONT, "Heading 1": HEADING_FONT, "Heading 2": HEADING_FONT,
          "Table Grid": FONT, "Caption": FONT}


def _set_font(style, font: str) -> None:
    """Name the font for Latin and East Asian text and drop the theme fonts Word would apply first."""
    rpr = style.element.get_or_add_rPr()
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.append(rf)
    for k in [k for k in rf.attrib if k.lower().endswith("theme")]:
        del rf.attrib[k]
    for k in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        rf.set(qn(k), font)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _page_number(paragraph) -> None:
    """A PAGE field in `paragraph` (第 N 页)."""
    paragraph.add_run("第 ")
    run = paragraph.add_run()
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)
    paragraph.add_run(" 页")


def _table(doc, frame: pd.DataFrame) -> None:
    table = doc.add_table(rows=1, cols=len(frame.columns), style="Table Grid")
    for cell, name in zip(table.rows[0].cells, frame.columns):
        cell.text = str(name)
        cell.paragraphs[0].runs[0].bold = True
    for row in frame.itertuples(index=False):
        for cell, value in zip(table.add_row().cells, row):
            cell.text = "" if value is None else str(value)
    for row in table.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                for run in p.runs:
                    run.font.size = Pt(9)


def _setup(doc) -> None:
    for name, font in STYLES.items():
        if name in [s.name for s in doc.styles]:
            _set_font(doc.styles[name], font)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(2.2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_number(footer)


def _header_block(doc, ed: dict) -> None:
    doc.add_heading(build.doc_title(ed), level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta = doc.add_paragraph(f"{build.edition_date(ed)}　{build.as_of_line(ed)}")
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if ed["is_demo"]:
        demo = doc.add_paragraph().add_run("示例数据：本通报由演示数据集生成，除标注的公开数据外均为合成数据。")
        demo.bold = True


def to_docx(ed: dict, pngs: dict[str, bytes]) -> bytes:
    """DOCX bytes: title, edition date, data-as-of line, text (with edits), headline and ranked tables, charts, lists."""
    doc = Document()
    _setup(doc)
    _header_block(doc, ed)
    for s in build.final_sections(ed):
        doc.add_heading(s["title"], level=1)
        doc.add_paragraph(s["body"])
    doc.add_heading("附表1　主要指标", level=1)
    _table(doc, layout.headline_frame(ed))
    for i, (key, (title, frame)) in enumerate(layout.ranked_frames(ed).items(), start=2):
        doc.add_heading(f"附表{i}　{title}", level=2)
        _table(doc, frame)
        if key in pngs:
            doc.add_picture(io.BytesIO(pngs[key]), width=Cm(15))
    doc.add_heading("附表　逾期及临期任务（按责任单位）", level=2)
    _table(doc, layout.units_frame(ed))
    doc.add_heading("附表　本月督办问责", level=2)
    _table(doc, layout.supervision_frame(ed))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
