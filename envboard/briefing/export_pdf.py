"""The edition as a PDF (fpdf2) with the Noto CJK TTC (face 2 = Simplified Chinese) embedded."""
from __future__ import annotations

import io
from pathlib import Path

import fpdf
import pandas as pd

from envboard.briefing import build, layout
from envboard.core.errors import UsageError
from envboard.core.settings import get_setting

SC_FACE = 2   # NotoSansCJK TTC faces: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK


class _Briefing(fpdf.FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("cjk", "", 8)
        self.cell(0, 8, f"{self.footer_text}　第 {self.page_no()} 页 / 共 {{nb}} 页", align="C")


def _fonts(pdf: fpdf.FPDF) -> None:
    regular, bold = Path(get_setting("cjk_font")), Path(get_setting("cjk_font_bold"))
    for path in (regular, bold):
        if not path.is_file():
            raise UsageError(f"找不到中文字体 / CJK font not found: {path} (setting cjk_font)")
    pdf.add_font("cjk", fname=str(regular), collection_font_number=SC_FACE)
    pdf.add_font("cjk", style="B", fname=str(bold), collection_font_number=SC_FACE)


def _para(pdf: fpdf.FPDF, text: str, size: int = 11, style: str = "", align: str = "L", height: float = 7) -> None:
    pdf.set_font("cjk", style, size)
    pdf.multi_cell(0, height, text=text, align=align, wrapmode="CHAR", new_x="LMARGIN", new_y="NEXT")


def _table(pdf: fpdf.FPDF, frame: pd.DataFrame, widths: tuple | None = None) -> None:
    pdf.set_font("cjk", "", 8)
    with pdf.table(col_widths=widths, line_height=5, text_align="CENTER", wrapmode="CHAR",
                   headings_style=fpdf.fonts.FontFace(emphasis="BOLD", fill_color=(230, 236, 245))) as table:
        table.row([str(c) for c in frame.columns])
        for row in frame.itertuples(index=False):
            table.row(["" if v is None else str(v) for v in row])
    pdf.ln(3)


def _front(pdf: _Briefing, ed: dict) -> None:
    _para(pdf, build.doc_title(ed), 17, "B", "C", 9)
    _para(pdf, f"{build.edition_date(ed)}　{build.as_of_line(ed)}", 9, "", "C", 6)
    if ed["is_demo"]:
        pdf.set_text_color(180, 60, 0)
        _para(pdf, "示例数据：本通报由演示数据集生成，除标注的公开数据外均为合成数据。", 9, "B", "C", 6)
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def to_pdf(ed: dict, pngs: dict[str, bytes]) -> bytes:
    """PDF bytes: title, edition date, data-as-of line, 示例数据 mark, text, tables, charts; 第 N 页 footers."""
    pdf = _Briefing()
    pdf.footer_text = f"{build.doc_title(ed)}　{build.as_of_line(ed)}"
    _fonts(pdf)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_page()
    _front(pdf, ed)
    for s in build.final_sections(ed):
        _para(pdf, s["title"], 12, "B")
        _para(pdf, "　　" + s["body"])
        pdf.ln(1)
    pdf.add_page()
    _para(pdf, "附表1　主要指标", 12, "B")
    _table(pdf, layout.headline_frame(ed), (50, 30, 60, 40))
    for i, (key, (title, frame)) in enumerate(layout.ranked_frames(ed).items(), start=2):
        _para(pdf, f"附表{i}　{title}", 11, "B")
        _table(pdf, frame, (14, 20, 22, 22, 22, 22, 22, 20))
        if key in pngs:
            pdf.image(io.BytesIO(pngs[key]), x=pdf.l_margin, w=pdf.epw * 0.85)
            pdf.ln(2)
    _para(pdf, "附表　逾期及临期任务（按责任单位）", 11, "B")
    _table(pdf, layout.units_frame(ed))
    _para(pdf, "附表　本月督办问责", 11, "B")
    _table(pdf, layout.supervision_frame(ed), (24, 24, 24, 18, 90))
    return bytes(pdf.output())
