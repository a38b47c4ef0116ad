"""Briefing exports: the DOCX, PDF and XLSX of 赣州 2022-12 hold the text (with edits), tables and charts."""
import datetime as dt
import io
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from PIL import Image

from envboard.briefing import build, exports

EDITED = "请各县（市、区）于2023年1月底前报送整改进展。"


@pytest.fixture(scope="module")
def files(demo_db_path):
    """All three exports of one edition, with the charts rendered once (one kaleido server)."""
    from envboard.core.db import open_reader

    con = open_reader(demo_db_path)
    ed = build.build_edition(con, "360700", dt.date(2022, 12, 31))
    con.close()
    ed["edits"] = {"requirements": EDITED}
    return ed, exports.export(ed, ["docx", "pdf", "xlsx"])


def test_docx_has_title_text_tables_charts_and_edits(files):
    ed, out = files
    doc = Document(io.BytesIO(out["docx"]))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert build.doc_title(ed) in body and "数据截至2022年12月31日" in body and "示例数据" in body
    assert "需销号管理问题320个，已销号294个，销号率91.9%，较上年同期提高39.3个百分点" in body
    assert EDITED in body
    assert len(doc.tables) == 9                       # headline, 6 ranked tables, units, supervision
    closure = doc.tables[1]
    assert [c.text for c in closure.rows[0].cells][:3] == ["排名", "城市", "销号率"]
    assert [c.text for c in closure.rows[1].cells][1:5] == ["赣州市", "91.9%", "294", "320"]
    assert len(doc.inline_shapes) == 2                # closure-rate and composite-index charts
    assert doc.styles["Normal"].element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"
    assert "PAGE" in doc.sections[0].footer._element.xml


def test_pdf_text_has_closure_figures_and_page_one_is_not_blank(files, tmp_path):
    _, out = files
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(out["pdf"])
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = text.replace("\n", "").replace(" ", "")
    assert "销号率" in text and "销号率91.9%" in flat and "已销号294个" in flat and "320个" in flat
    assert "第1页/共" in flat and "示例数据" in text and EDITED[:10] in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansCJKSC" in fonts
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    page = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    dark = page.point(lambda v: 255 if v < 128 else 0).histogram()[255]
    assert dark > 0.01 * page.width * page.height     # real glyphs, not an empty page


def test_xlsx_has_a_sheet_per_table(files):
    _, out = files
    wb = load_workbook(io.BytesIO(out["xlsx"]))
    assert wb.sheetnames == ["主要指标", "通报正文", "销号率", "逾期任务", "信访办结率", "空气综合指数",
                             "优良天数比例", "水质优良比例", "逾期及临期任务", "本月督办问责"]
    rows = [[c.value for c in r] for r in wb["销号率"].iter_rows()]
    assert ["1", "赣州市", "91.9%", "294", "320"] == [str(v) for v in rows[4][:5]]
    assert len(wb["销号率"]._images) == 1
    assert any(EDITED == r[1] for r in wb["通报正文"].iter_rows(values_only=True))


def test_unknown_format_is_a_usage_error():
    from envboard.core.errors import UsageError

    with pytest.raises(UsageError):
        exports.parse_formats("docx,odt")
