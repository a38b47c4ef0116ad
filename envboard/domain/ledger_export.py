"""XLSX export of the 整改台账 in its usual layout: a title row, one header row, one row per task."""
from __future__ import annotations

import io

import pandas as pd

from envboard.core import export_safety
from envboard.core.i18n import label, t

# (string key, ledger column or a derived field); the order is the 台账's column order.
LAYOUT: list[tuple[str, str]] = [
    ("ledger.col.seq", "seq"),
    ("ledger.col.task_code", "task_code"),
    ("ledger.col.round", "round_label"),
    ("ledger.col.title", "title"),
    ("ledger.col.category", "category"),
    ("ledger.col.region", "region_name"),
    ("ledger.col.responsible_unit", "responsible_unit"),
    ("ledger.col.target", "target"),
    ("ledger.col.measures", "measures"),
    ("ledger.col.deadline", "deadline_on"),
    ("ledger.col.status", "status"),
    ("ledger.col.is_closed", "is_closed"),
    ("ledger.col.is_overdue", "is_overdue"),
    ("ledger.col.closed_on", "closed_on"),
]
_WIDTHS = {"title": 36, "target": 24, "measures": 30, "responsible_unit": 18, "task_code": 16}


def _date_text(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


def _dates(values: pd.Series, missing: str = "") -> list[str]:
    """YYYY-MM-DD text of each date (vectorised; `missing` for no date)."""
    return pd.to_datetime(values).dt.strftime("%Y-%m-%d").fillna(missing).tolist()


def _labels(values: pd.Series, kind: str, lang: str) -> list[str]:
    """label(kind, v) of each value, looked up once per distinct value."""
    names = {v: label(kind, v, lang) for v in values.dropna().unique()}
    return [names[v] if v in names else label(kind, v, lang) for v in values]


def ledger_rows(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The ledger in 台账 layout with headers and labels in `lang` (dates as YYYY-MM-DD text)."""
    yes, no = t("ledger.yes", lang), t("ledger.no", lang)
    fields = {
        "seq": range(1, len(frame) + 1),
        "round_label": _labels(frame["round_label"], "round", lang),
        "category": _labels(frame["category"], "category", lang),
        "status": _labels(frame["status"], "status", lang),
        "is_closed": [yes if v else no for v in frame["is_closed"]],
        "is_overdue": [yes if v else no for v in frame["is_overdue"]],
        "deadline_on": _dates(frame["deadline_on"], t("ledger.long_term", lang)),
        "closed_on": _dates(frame["closed_on"]),
    }
    out = pd.DataFrame({t(key, lang): (fields[col] if col in fields else frame[col].fillna("").astype(str).tolist())
                        for key, col in LAYOUT})
    return out


def xlsx_bytes(rows: pd.DataFrame, title: str, sheet: str) -> bytes:
    """The 台账 workbook: a merged title row, the header row (bold, frozen) and the rows as text."""
    import openpyxl  # deferred: openpyxl only when a workbook is written (a page server saves ~0.2 s at start)
    from openpyxl.styles import Alignment, Font  # deferred: as above

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows.columns))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append(list(rows.columns))
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for values in rows.itertuples(index=False):
        ws.append(list(values))
    for i, (_, col) in enumerate(LAYOUT, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width = _WIDTHS.get(col, 12)
    ws.freeze_panes = "A3"
    export_safety.plain_strings(ws)      # imported text such as "=HYPERLINK(…)" stays text
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_ledger_xlsx(data: bytes) -> pd.DataFrame:
    """The task rows of an exported 台账 workbook (title row skipped), all cells as text except 序号."""
    frame = pd.read_excel(io.BytesIO(data), header=1, dtype=str, keep_default_na=False, engine="openpyxl")
    first = frame.columns[0]
    return frame.assign(**{first: frame[first].astype(int)})
