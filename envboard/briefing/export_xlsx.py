"""The edition as a workbook (xlsxwriter): one sheet per 附件 with numbers stored as numbers.

Rates are fractions with the format 0.0% (sortable, summable), counts #,##0, the composite index 0.00,
changes in percentage points +0.0. Each sheet carries its title with the period, the data-as-of date
and the sources above a frozen header row; every string goes through export_safety (never a formula).
"""
from __future__ import annotations

import io

import xlsxwriter

from envboard.briefing import build, document, layout
from envboard.briefing.tables import SPECS
from envboard.core.export_safety import XLSX_OPTIONS, safe_cell
from envboard.core.i18n import label, t
from envboard.domain.metrics import SUPERVISION_KINDS


def sheet_name(key: str) -> str:
    """The XLSX sheet of a ranked table (zh, as the 通报 is printed; string key briefing.sheet.<key>)."""
    return t(f"briefing.sheet.{key}", "zh")


FORMATS = {"pct": "0.0%", "int": "#,##0", "idx": "0.00", "pp": "+0.0;-0.0;0.0", "num_change": "+#,##0;-#,##0;0",
           "idx_change": "+0.00;-0.00;0.00", "yoy": "+0.0%;-0.0%;0.0%", "text": "@"}
SPEC_FMT = {"pct1": ("pct", "pp"), "int": ("int", "num_change"), "idx2": ("idx", "idx_change")}
HEAD_ROWS = 4          # title, as-of and period, sources, blank; the header row follows


def _pct(value):
    """91.9 (percent as stored in an edition) → 0.919 for a 0.0% cell."""
    return None if value is None else round(value / 100, 6)


def _width(value) -> float:
    text = value if isinstance(value, str) else f"{value:,}" if isinstance(value, int) else str(value or "")
    return sum(2 if ord(c) > 0x2000 else 1 for c in text)


class _Book:
    def __init__(self, ed: dict, buf: io.BytesIO):
        self.ed = ed
        self.wb = xlsxwriter.Workbook(buf, {"in_memory": True, **XLSX_OPTIONS})
        self.fmt = {k: self.wb.add_format({"num_format": v}) for k, v in FORMATS.items()}
        self.bold = self.wb.add_format({"bold": True, "font_size": 13})
        self.header = self.wb.add_format({"bold": True, "bg_color": "#EEEEEE", "border": 1, "text_wrap": True})
        self.wb.set_properties({"title": document.title(ed), "author": ed["issuer"]["name"],
                                "subject": document.number_text(ed), "comments": document.note(ed)})

    def sheet(self, name: str, title: str, columns: list[tuple[str, list, str]]) -> None:
        """A sheet: title, as-of line, sources, then a frozen header row and one typed column per entry
        (header, values, format key of FORMATS); column widths fitted to the content."""
        ws = self.wb.add_worksheet(name[:31])
        ws.write_string(0, 0, safe_cell(title), self.bold)
        ws.write_string(1, 0, safe_cell(build.as_of_line(self.ed)))
        ws.write_string(2, 0, safe_cell(document.SOURCES))
        rows = max((len(v) for _, v, _ in columns), default=0)
        for c, (head, values, fmt) in enumerate(columns):
            ws.write_string(HEAD_ROWS, c, safe_cell(head), self.header)
            for r, value in enumerate(values, start=HEAD_ROWS + 1):
                self._cell(ws, r, c, value, fmt)
            ws.set_column(c, c, min(60, max([_width(head)] + [_width(v) for v in values]) + 2))
        if not rows:
            ws.write_string(HEAD_ROWS + 1, 0, document.NONE)
        ws.freeze_panes(HEAD_ROWS + 1, 0)

    def _cell(self, ws, r: int, c: int, value, fmt: str) -> None:
        if value is None or value != value:
            ws.write_blank(r, c, None)
        elif fmt == "text" or isinstance(value, str):
            ws.write_string(r, c, str(safe_cell(value)))
        else:
            ws.write_number(r, c, value, self.fmt[fmt])


def _headline(ed: dict) -> list[tuple[str, list, str]]:
    f = ed["figures"]
    rows = [(t(lbl), layout.period_text(ed, basis), f.get(value), f.get(num), f.get(den), f.get(change) if change else None, fmt)
            for lbl, value, fmt, num, den, change, basis in build.HEADLINE]
    names, periods, values, nums, dens, changes, fmts = zip(*rows)
    pct_rows = [fmt == "pct1" for fmt in fmts]
    return [(t("briefing.col.figure"), list(names), "text"), (t("briefing.col.period"), list(periods), "text"),
            ("比例", [_pct(v) if p else None for v, p in zip(values, pct_rows)], "pct"),
            ("数量", [None if p else v for v, p in zip(values, pct_rows)], "int"),
            ("分子", list(nums), "int"), ("分母", list(dens), "int"),
            ("同比变化（百分点）", list(changes), "pp")]


def _ranked(ed: dict, key: str) -> list[tuple[str, list, str]]:
    spec, rows = SPECS[key], ed["tables"][key]
    value_fmt, change_fmt = SPEC_FMT[spec.fmt]
    conv = _pct if spec.fmt == "pct1" else (lambda v: v)
    return [(t("briefing.col.rank"), [r["rank"] for r in rows], "int"),
            (t("common.tie"), ["并列" if r["is_tie"] else "" for r in rows], "text"),
            (t("briefing.col.city"), [r["city_name"] for r in rows], "text"),
            (t(f"briefing.value.{key}"), [conv(r["value"]) for r in rows], value_fmt),
            (t(f"briefing.num.{key}"), [r["numerator"] for r in rows], "int"),
            (t(f"briefing.den.{key}"), [r["denominator"] for r in rows], "int"),
            (t("briefing.col.value_last_year"), [conv(r["value_last_year"]) for r in rows], value_fmt),
            (t("briefing.col.rank_last_year"), [r["rank_last_year"] for r in rows], "int"),
            (t("briefing.col.change"), [r["change"] for r in rows], change_fmt),
            (t("briefing.col.reason"), [t(r["reason"]) if r.get("reason") else "" for r in rows], "text")]


def _watchlist(ed: dict) -> list[tuple[str, list, str]]:
    rows = ed["watchlist"]
    kind = {"overdue": t("briefing.watch.overdue"), "at_risk": t("briefing.watch.at_risk", days=ed["at_risk_days"])}
    return [(t("briefing.col.city"), [r["city_name"] for r in rows], "text"),
            (t("briefing.col.unit"), [r["responsible_unit"] for r in rows], "text"),
            (t("briefing.col.watch"), [kind[r["watch"]] for r in rows], "text"),
            (t("briefing.col.task_code"), [r["task_code"] for r in rows], "text"),
            (t("briefing.col.title"), [r["title"] for r in rows], "text"),
            (t("briefing.col.deadline"), [r["deadline_on"] for r in rows], "text"),
            (t("briefing.col.days_overdue"), [r["days_overdue"] for r in rows], "int")]


def _supervision(ed: dict) -> list[tuple[str, list, str]]:
    sup = ed["figures"]["supervision"]
    return [(t("briefing.col.kind"), [label("kind", k, "zh") for k in SUPERVISION_KINDS], "text"),
            (t("col.actions"), [sup.get(k, {}).get("actions", 0) for k in SUPERVISION_KINDS], "int"),
            (t("col.people"), [sup.get(k, {}).get("people", 0) for k in SUPERVISION_KINDS], "int")]


def _supervision_month(ed: dict) -> list[tuple[str, list, str]]:
    rows = ed["supervision_month"]
    return [(t("briefing.col.acted_on"), [r["acted_on"] for r in rows], "text"),
            (t("briefing.col.kind"), [label("kind", r["kind"], "zh") for r in rows], "text"),
            (t("briefing.col.city"), [r["city_name"] for r in rows], "text"),
            (t("briefing.col.people"), [r["people_count"] for r in rows], "int"),
            (t("briefing.col.task_title"), [r["task_title"] for r in rows], "text")]


def _units(ed: dict) -> list[tuple[str, list, str]]:
    frame = layout.units_frame(ed)
    fmts = ["text", "text", "int", "int"]
    return [(c, [v.item() if hasattr(v, "item") else v for v in frame[c]], f) for c, f in zip(frame.columns, fmts)]


def to_xlsx(ed: dict, pngs: dict[str, bytes]) -> bytes:
    """XLSX bytes: 通报正文, then one sheet per 附件 ('附件2 销号率', in the DOCX/PDF order), the task list."""
    buf = io.BytesIO()
    book = _Book(ed, buf)
    text = build.final_sections(ed)
    book.sheet(t("export.sheet.text"), document.title(ed), [("章节", [s["title"] for s in text], "text"),
                                                             ("正文", [s["body"] for s in text], "text")])
    keys = list(layout.ranked_frames(ed))
    columns = [_headline(ed)] + [_ranked(ed, key) for key in keys] + [_units(ed), _supervision(ed), _supervision_month(ed)]
    names = ([t("export.sheet.summary", "zh")] + [sheet_name(key) for key in keys]
             + [t("briefing.watch.by_unit", "zh"), t("briefing.supervision", "zh"), t("export.sheet.supervision", "zh")])
    for item, cols, name in zip(document.annexes(ed), columns, names):
        book.sheet(f"附件{item.number} {name}", f"附件{item.number}　{item.title}", cols)
        if item.chart in pngs:
            book.wb.worksheets()[-1].insert_image(HEAD_ROWS, len(cols) + 1, f"{item.chart}.png",
                                                  {"image_data": io.BytesIO(pngs[item.chart]), "x_scale": 0.5, "y_scale": 0.5})
    book.sheet(t("export.sheet.watchlist"), t("briefing.watchlist"), _watchlist(ed))
    book.wb.close()
    return buf.getvalue()
