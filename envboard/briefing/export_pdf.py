"""The edition as a PDF 公文 (fpdf2), laid out to GB/T 9704-2012 with free fonts embedded.

Every paragraph and table cell is broken into lines by briefing.linebreak (禁则), not by fpdf2, so no
line starts with a closing bracket and no number is split from its unit or a rank from （并列）.
Fonts: gongwen.PDF_FONTS (docs/briefing.md says which free font stands for which standard font).
"""
from __future__ import annotations

import io
from pathlib import Path

import fpdf
import pandas as pd

from envboard.briefing import build, document, gongwen
from envboard.briefing.gongwen import BODY_H, BODY_W, LEFT, LINE, PT, RED, SIZE, TOP
from envboard.briefing.linebreak import balanced_lines, break_lines
from envboard.core.errors import UsageError

BOTTOM_Y = TOP + BODY_H         # bottom edge of the 版心
TABLE_PT, TABLE_LINE = SIZE["五号"], 5.2


class _Gongwen(fpdf.FPDF):
    def footer(self) -> None:
        """— N —, 4号 宋体, 7 mm below the 版心; odd pages right, even pages left, one character in (7.5)."""
        self.set_font("song", "", SIZE["四号"])
        self.set_text_color(0, 0, 0)
        self.set_y(BOTTOM_Y + 7)
        em = SIZE["四号"] * PT
        self.set_x(LEFT + em if self.page_no() % 2 == 0 else LEFT)
        self.cell(BODY_W - em, SIZE["四号"] * PT * 1.2, f"— {self.page_no()} —", align="L" if self.page_no() % 2 == 0 else "R")


def _fonts(pdf: fpdf.FPDF) -> None:
    missing = gongwen.missing_pdf_fonts()
    if missing:
        raise UsageError("找不到公文字体 / PDF fonts not installed: " + "; ".join(missing))
    for role, (path, face, _, _) in gongwen.PDF_FONTS.items():
        kwargs = {"collection_font_number": face} if path.endswith(".ttc") else {}
        pdf.add_font(role, fname=str(Path(path)), **kwargs)
    pdf.set_fallback_fonts([gongwen.FALLBACK], exact_match=False)


def _lines(pdf: fpdf.FPDF, text: str, role: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    pdf.set_font(role, "", size)
    return break_lines(text, width, pdf.get_string_width, first_indent=indent)


def _room(pdf: fpdf.FPDF, height: float) -> None:
    if pdf.get_y() + height > BOTTOM_Y + 0.01:
        pdf.add_page()


def paragraph(pdf: fpdf.FPDF, text: str, role: str = "fangsong", size: float = SIZE["三号"], indent_chars: float = 2,
              pitch: float = LINE, justify: bool = True, hang: float = 0.0) -> None:
    """A paragraph on the line grid: first line indented `indent_chars` characters, wrapped 顶格 (or `hang`
    mm in), full lines spread to the width of the 版心 (撑满版心)."""
    indent = indent_chars * size * PT
    lines = _lines(pdf, text, role, size, BODY_W - hang, indent - hang)
    for i, line in enumerate(lines):
        _room(pdf, pitch)
        x = LEFT + (indent if i == 0 else hang)
        width = BODY_W - (indent if i == 0 else hang)
        spacing = 0.0
        if justify and i < len(lines) - 1 and len(line) > 1:
            spacing = max(0.0, (width - pdf.get_string_width(line)) / (len(line) - 1))
        pdf.set_char_spacing(spacing / PT)
        pdf.set_xy(x, pdf.get_y())
        pdf.cell(width, pitch, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_char_spacing(0)


def _centred(pdf: fpdf.FPDF, lines: list[str], role: str, size: float, pitch: float) -> None:
    pdf.set_font(role, "", size)
    for line in lines:
        _room(pdf, pitch)
        pdf.set_x(LEFT)
        pdf.cell(BODY_W, pitch, line, align="C", new_x="LMARGIN", new_y="NEXT")


def head(pdf: fpdf.FPDF, ed: dict) -> None:
    """版头: corner marks, red 发文机关标志 (top edge 35 mm below the 版心 top), 文号, red rule (7.2)."""
    pdf.set_font("hei", "", SIZE["三号"])
    pdf.set_xy(LEFT, TOP)
    pdf.cell(BODY_W, LINE, document.corner_marks(ed))
    size = 30.0
    pdf.set_font("xbs", "", size)
    mark = document.mark(ed)
    pdf.set_stretching(min(100.0, 100.0 * BODY_W / pdf.get_string_width(mark)))   # long names are set condensed
    pdf.set_text_color(*RED)
    pdf.set_xy(LEFT, TOP + 35)
    pdf.cell(BODY_W, size * PT, mark, align="C")
    pdf.set_stretching(100)
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("fangsong", "", SIZE["三号"])
    y_number = TOP + 35 + size * PT + LINE
    pdf.set_xy(LEFT, y_number)
    pdf.cell(BODY_W, SIZE["三号"] * PT, document.number_text(ed), align="C")
    y_rule = y_number + SIZE["三号"] * PT + 4
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.5)
    pdf.line(LEFT, y_rule, LEFT + BODY_W, y_rule)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(y_rule + LINE)


def body(pdf: fpdf.FPDF, ed: dict, items: list[document.Annex]) -> None:
    """主体: 标题 (2号 小标宋, centred, balanced lines), 主送, 正文, 附件说明, 署名, 成文日期, 附注 (7.3)."""
    pdf.set_font("xbs", "", SIZE["二号"])
    title = document.title(ed)
    lines = [title] if pdf.get_string_width(title) <= BODY_W else \
        [ln for part in document.title_parts(ed) for ln in balanced_lines(part, BODY_W, pdf.get_string_width)]
    _centred(pdf, lines, "xbs", SIZE["二号"], LINE * 1.1)
    pdf.ln(LINE)
    if document.main_to(ed):
        paragraph(pdf, document.main_to(ed), indent_chars=0, justify=False)
    for s in build.final_sections(ed):
        paragraph(pdf, s["title"], role="hei", justify=False)
        for para in s["body"].split("\n"):
            paragraph(pdf, para)
    pdf.ln(LINE)
    pdf.set_font("fangsong", "", SIZE["三号"])
    for line in document.annex_list(items):      # wrapped names align with the name's first character (7.3.4)
        line = "　　" + line
        hang = pdf.get_string_width(line[: line.index(".") + 2])
        paragraph(pdf, line, indent_chars=0, justify=False, hang=hang)
    signature(pdf, ed)
    paragraph(pdf, document.note(ed))


def signature(pdf: fpdf.FPDF, ed: dict) -> None:
    """署名 one blank line below, 右空二字; 成文日期 on the next line, starting two characters to the
    right of the 署名's first character, or 右空二字 when it is longer (7.3.5.2)."""
    em = SIZE["三号"] * PT
    pdf.set_font("fangsong", "", SIZE["三号"])
    name, date = ed["issuer"]["name"], gongwen.cn_date(document.issue_date(ed))
    w_name, w_date = pdf.get_string_width(name), pdf.get_string_width(date)
    x_name = max(LEFT, LEFT + BODY_W - 2 * em - w_name)
    x_date = min(x_name + 2 * em, LEFT + BODY_W - 2 * em - w_date)
    _room(pdf, 3 * LINE)
    pdf.ln(LINE)
    for x, text in ((x_name, name), (x_date, date)):
        pdf.set_x(x)
        pdf.cell(LEFT + BODY_W - x, LINE, text, new_x="LMARGIN", new_y="NEXT")


def _widths(pdf: fpdf.FPDF, frame: pd.DataFrame) -> list[float]:
    """Column widths (mm) filling the 版心: each column as wide as its widest cell, the widest columns
    shrunk (their text wraps) when the table would not fit."""
    pdf.set_font("fangsong", "", TABLE_PT)
    pad = 2.5
    natural = [max([pdf.get_string_width(str(c)) for c in frame[col].astype(str)] + [pdf.get_string_width(str(col)) * 0.6]) + pad
               for col in frame.columns]
    while sum(natural) > BODY_W:
        i = max(range(len(natural)), key=natural.__getitem__)
        natural[i] = max(natural[i] - (sum(natural) - BODY_W), BODY_W / len(natural) / 2, natural[i] * 0.7)
    return [w * BODY_W / sum(natural) for w in natural]


def table(pdf: fpdf.FPDF, frame: pd.DataFrame) -> None:
    """A table in 五号 仿宋, cells pre-broken by the line-break rules, the header repeated on each page."""
    widths = _widths(pdf, frame)
    pdf.set_font("fangsong", "", TABLE_PT)

    def cell(text, w: float) -> str:
        return "\n".join(break_lines("" if text is None else str(text), w - 2.2, pdf.get_string_width))

    headings = fpdf.fonts.FontFace(family="hei", emphasis="", fill_color=(240, 240, 240))
    with pdf.table(col_widths=widths, width=BODY_W, line_height=TABLE_LINE, text_align="CENTER", align="LEFT",
                   headings_style=headings, wrapmode="CHAR", padding=(0.6, 0.6)) as tbl:
        tbl.row([cell(c, w) for c, w in zip(frame.columns, widths)])
        for row in frame.itertuples(index=False):
            tbl.row([cell(v, w) for v, w in zip(row, widths)])


def annex(pdf: fpdf.FPDF, item: document.Annex, pngs: dict[str, bytes]) -> None:
    """附件 on a new page: '附件N' 黑体 top-left, its title centred on line 3, the table, the chart (7.3.7)."""
    pdf.add_page()
    pdf.set_font("hei", "", SIZE["三号"])
    pdf.set_xy(LEFT, TOP)
    pdf.cell(BODY_W, LINE, f"附件{item.number}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(LINE)
    pdf.set_font("xbs", "", SIZE["二号"] - 4)
    _centred(pdf, balanced_lines(item.title, BODY_W, pdf.get_string_width), "xbs", SIZE["二号"] - 4, LINE)
    table(pdf, item.frame)
    if item.chart in pngs:
        pdf.ln(4)
        _room(pdf, BODY_W * 0.5)
        pdf.image(io.BytesIO(pngs[item.chart]), x=LEFT, w=BODY_W)


def record(pdf: fpdf.FPDF, ed: dict) -> None:
    """版记 at the foot of the last page: thick rule, 抄送, thin rule, 印发机关 and 印发日期, thick rule
    on the 版心's bottom edge (7.4); a new page when the last one has no room."""
    em, pitch = gongwen.RECORD_SIZE * PT, LINE * 0.8
    indent = gongwen.RECORD_INDENT_EMS * em
    pdf.set_font("fangsong", "", gongwen.RECORD_SIZE)
    rows = gongwen.record_rows(document.copy_to(ed), *document.printed(ed))
    lines = {id(r): break_lines(r.text, BODY_W - 2 * indent, pdf.get_string_width) if r.kind == "copy" else [r.text]
             for r in rows}
    height = sum(len(v) for v in lines.values()) * pitch + 2
    if pdf.get_y() + height > BOTTOM_Y - 2:
        pdf.add_page()
    y = BOTTOM_Y - height
    for row in rows:
        pdf.set_line_width(gongwen.RULE_MM[row.rule_above])
        pdf.line(LEFT, y, LEFT + BODY_W, y)
        if row.kind == "copy":
            for line in lines[id(row)]:
                pdf.set_xy(LEFT + indent, y)
                pdf.cell(BODY_W - 2 * indent, pitch, line)
                y += pitch
        else:
            organ, date = row.text
            room = BODY_W - 2 * indent - em - pdf.get_string_width(date)   # a character between the two
            pdf.set_stretching(min(100.0, 100.0 * room / max(pdf.get_string_width(organ), 1)))
            pdf.set_xy(LEFT + indent, y)
            pdf.cell(room, pitch, organ)
            pdf.set_stretching(100)
            pdf.set_xy(LEFT + indent, y)
            pdf.cell(BODY_W - 2 * indent, pitch, date, align="R")
    pdf.set_line_width(gongwen.RULE_MM["thick"])
    pdf.line(LEFT, BOTTOM_Y, LEFT + BODY_W, BOTTOM_Y)


def to_pdf(ed: dict, pngs: dict[str, bytes]) -> bytes:
    """PDF bytes of the 通报: 版头, 主体, 附件 (one per page, numbered), 版记; Title and Author metadata."""
    pdf = _Gongwen(unit="mm", format="A4")
    pdf.set_margins(LEFT, TOP, gongwen.RIGHT)
    pdf.set_auto_page_break(True, margin=gongwen.BOTTOM)
    _fonts(pdf)
    pdf.set_title(document.title(ed))
    pdf.set_author(ed["issuer"]["name"])
    pdf.set_subject(document.number_text(ed))
    pdf.set_lang("zh-CN")
    pdf.add_page()
    items = document.annexes(ed)
    head(pdf, ed)
    body(pdf, ed, items)
    for item in items:
        annex(pdf, item, pngs)
    record(pdf, ed)
    return bytes(pdf.output())
