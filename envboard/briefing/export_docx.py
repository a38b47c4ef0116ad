"""The edition as a Word 公文 (python-docx), laid out to GB/T 9704-2012.

The document names the standard's fonts (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) for Latin and
East Asian text, without theme fonts, so Word and WPS on government PCs use them. Sections: 版头 and
主体 (page 1 on), each 附件 on a new page, and the 版记 alone at the foot of a last page.
"""
from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from envboard.briefing import build, document, gongwen
from envboard.briefing.gongwen import DOCX_FONTS, SIZE

PITCH = Pt(gongwen.LINE / gongwen.PT)      # fixed line pitch: 22 lines fill the 225 mm 版心
RED = RGBColor(*gongwen.RED)
AFTER_VALIGN = ("noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings")


def set_fonts(rpr, font: str) -> None:
    """Name `font` for ASCII, hAnsi and East Asian text, drop theme fonts, mark the text zh-CN."""
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    for k in [k for k in rf.attrib if k.lower().endswith("theme")]:
        del rf.attrib[k]
    for k in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rf.set(qn(k), font)
    rf.set(qn("w:hint"), "eastAsia")
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _run(paragraph, text: str, role: str = "fangsong", size: float = SIZE["三号"], color: RGBColor | None = None):
    run = paragraph.add_run(text)
    set_fonts(run._r.get_or_add_rPr(), DOCX_FONTS[role])
    run.font.size = Pt(size)
    if color is not None:
        run.font.color.rgb = color
    return run


def _para(doc, text: str = "", role: str = "fangsong", size: float = SIZE["三号"], indent_chars: float = 0,
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, color: RGBColor | None = None):
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    if indent_chars:
        fmt.first_line_indent = Pt(indent_chars * size)
        ind = p._p.get_or_add_pPr().get_or_add_ind()
        ind.set(qn("w:firstLineChars"), str(int(indent_chars * 100)))
    if text:
        _run(p, text, role, size, color)
    return p


def _page_setup(section) -> None:
    section.page_width, section.page_height = Mm(gongwen.PAGE_W), Mm(gongwen.PAGE_H)
    section.top_margin, section.left_margin = Mm(gongwen.TOP), Mm(gongwen.LEFT)
    section.bottom_margin, section.right_margin = Mm(gongwen.BOTTOM), Mm(gongwen.RIGHT)
    section.footer_distance = Mm(gongwen.BOTTOM - 7 - SIZE["四号"] * gongwen.PT)
    section.header_distance = Mm(15)


def _field(paragraph, instr: str) -> None:
    run = _run(paragraph, "", "song", SIZE["四号"])
    for tag, text in (("begin", None), (None, instr), ("end", None)):
        el = OxmlElement("w:fldChar" if tag else "w:instrText")
        if tag:
            el.set(qn("w:fldCharType"), tag)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _page_numbers(doc) -> None:
    """— N —, 4号 宋体: odd pages right, even pages left, one character in (GB/T 9704 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        p = footer.paragraphs[0]
        p.alignment = align
        setattr(p.paragraph_format, f"{side}_indent", Pt(SIZE["四号"]))
        _run(p, "— ", "song", SIZE["四号"])
        _field(p, "PAGE")
        _run(p, " —", "song", SIZE["四号"])


def _rule(paragraph, edge: str, size_eighths: int, color: str = "000000") -> None:
    """A border line on `edge` (top/bottom) of the paragraph, `size_eighths` eighths of a point thick."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{edge}")
    for k, v in (("w:val", "single"), ("w:sz", str(size_eighths)), ("w:space", "1"), ("w:color", color)):
        line.set(qn(k), v)
    borders.append(line)


def head(doc, ed: dict) -> None:
    """版头: corner marks, red 发文机关标志 35 mm below the 版心 top, 文号, red rule 4 mm below it."""
    _para(doc, document.corner_marks(ed), "hei")
    text, size = document.mark(ed), 26
    mark = _para(doc, text, "xbs", size, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    scale = OxmlElement("w:w")     # a long name is set condensed to stay on one line
    scale.set(qn("w:val"), str(max(33, min(100, int(100 * gongwen.BODY_W / gongwen.PT / (_ems(text) * size))))))
    mark.runs[0]._r.get_or_add_rPr().append(scale)
    mark.paragraph_format.space_before = Mm(35) - PITCH
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    _para(doc)
    number = _para(doc, document.number_text(ed), align=WD_ALIGN_PARAGRAPH.CENTER)
    number.paragraph_format.space_after = Mm(4)
    _rule(number, "bottom", 12, "FF0000")
    _para(doc)


def body(doc, ed: dict, items: list[document.Annex]) -> None:
    """主体: 标题, 主送, 正文 (一、 headings 黑体), 附件说明, 署名, 成文日期, 附注."""
    parts = document.title_parts(ed)
    title = _para(doc, parts[0], "xbs", SIZE["二号"], align=WD_ALIGN_PARAGRAPH.CENTER)
    for part in parts[1:]:      # a line break where the title may break without splitting a word (7.3.1)
        _run(title, "", "xbs", SIZE["二号"]).add_break()
        _run(title, part, "xbs", SIZE["二号"])
    title.paragraph_format.line_spacing = Pt(SIZE["二号"] * 1.45)
    _para(doc)
    if document.main_to(ed):
        _para(doc, document.main_to(ed))
    for s in build.final_sections(ed):
        _para(doc, s["title"], "hei", indent_chars=2)
        for text in s["body"].split("\n"):
            _para(doc, text, indent_chars=2)
    _para(doc)
    for i, line in enumerate(document.annex_list(items)):
        p = _para(doc, line, indent_chars=2 if i == 0 else 0, align=WD_ALIGN_PARAGRAPH.LEFT)
        if i:
            p.paragraph_format.left_indent = Pt(SIZE["三号"] * 2)
    _para(doc)
    name_text, date_text = ed["issuer"]["name"], gongwen.cn_date(document.issue_date(ed))
    name_in, date_in = signature_indents(name_text, date_text)
    for text, indent in ((name_text, name_in), (date_text, date_in)):
        p = _para(doc, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(indent * SIZE["三号"])
    _para(doc, document.note(ed), indent_chars=2)


def _ems(text: str) -> float:
    return sum(0.5 if ord(c) < 0x2000 else 1.0 for c in text)


def signature_indents(name: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of 署名 and 成文日期 (7.3.5.2): the name 右空二字 and the date starting
    two characters right of the name's first; a date longer than that goes 右空二字 and pushes the name left."""
    name_w, date_w = _ems(name), _ems(date)
    date_in = name_w - date_w
    if date_in >= 2:
        return 2.0, date_in
    return 2.0 + date_w + 2 - name_w, 2.0


def table(doc, frame: pd.DataFrame) -> None:
    """A table in 五号 仿宋, header row in 黑体 repeated on each page."""
    tbl = doc.add_table(rows=1, cols=len(frame.columns), style="Table Grid")
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = tbl.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, name in zip(header.cells, frame.columns):
        _cell(cell, str(name), "hei")
    for row in frame.itertuples(index=False):
        for cell, value in zip(tbl.add_row().cells, row):
            _cell(cell, "" if value is None else str(value), "fangsong")


def _cell(cell, text: str, role: str) -> None:
    p = cell.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, text, role, SIZE["五号"])


def annex(doc, item: document.Annex, pngs: dict[str, bytes]) -> None:
    """附件 on a new page: 附件N (黑体, top left), title centred on line 3, table, chart."""
    p = _para(doc)
    p.add_run().add_break(WD_BREAK.PAGE)
    _para(doc, f"附件{item.number}", "hei")
    _para(doc)
    _para(doc, item.title, "xbs", SIZE["二号"] - 4, align=WD_ALIGN_PARAGRAPH.CENTER)
    table(doc, item.frame)
    if item.chart in pngs:
        doc.add_paragraph().add_run().add_picture(io.BytesIO(pngs[item.chart]), width=Mm(gongwen.BODY_W))


def record(doc, ed: dict) -> None:
    """版记 in its own last section, aligned to the foot of the page: rules, 抄送, 印发机关和印发日期 (7.4)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    valign = OxmlElement("w:vAlign")
    valign.set(qn("w:val"), "bottom")
    later = [el for el in section._sectPr if el.tag in {qn(f"w:{n}") for n in AFTER_VALIGN}]
    if later:                  # the schema's order: Word and LibreOffice ignore a misplaced vAlign
        later[0].addprevious(valign)
    else:
        section._sectPr.append(valign)
    em, indent = gongwen.RECORD_SIZE, gongwen.RECORD_INDENT_EMS * gongwen.RECORD_SIZE
    rows = gongwen.record_rows(document.copy_to(ed), *document.printed(ed))
    for i, row in enumerate(rows):
        p = _para(doc, row.text if row.kind == "copy" else "", size=em, align=WD_ALIGN_PARAGRAPH.LEFT)
        p.paragraph_format.left_indent = p.paragraph_format.right_indent = Pt(indent)
        if row.kind == "printed":
            p.paragraph_format.tab_stops.add_tab_stop(Mm(gongwen.BODY_W) - Pt(2 * indent), alignment=2)   # right tab
            _run(p, "\t".join(row.text), "fangsong", em)
        if i == 0:           # a paragraph's bottom border is the rule above the next row
            _rule(p, "top", gongwen.rule_eighths(row.rule_above))
        _rule(p, "bottom", gongwen.rule_eighths(rows[i + 1].rule_above if i + 1 < len(rows) else "thick"))


def _styles(doc) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal.element.get_or_add_rPr(), DOCX_FONTS["fangsong"])
    normal.font.size = Pt(SIZE["三号"])
    normal.font.color.rgb = RGBColor(0, 0, 0)


def to_docx(ed: dict, pngs: dict[str, bytes]) -> bytes:
    """DOCX bytes of the 通报 (A4, GB/T 9704 margins, fonts, 版头/主体/附件/版记), Title and Author set."""
    doc = Document()
    _styles(doc)
    for section in doc.sections:
        _page_setup(section)
    _page_numbers(doc)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = document.title(ed), ed["issuer"]["name"], ed["issuer"]["name"]
    props.subject, props.keywords, props.comments = document.number_text(ed), "通报", document.note(ed)
    items = document.annexes(ed)
    head(doc, ed)
    body(doc, ed, items)
    for item in items:
        annex(doc, item, pngs)
    record(doc, ed)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
