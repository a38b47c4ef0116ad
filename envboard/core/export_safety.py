"""Exports that a spreadsheet cannot execute: CSV cells escaped, XLSX strings never formulas.

A cell starting with = + - @ (or a tab or carriage return) is read by Excel as a formula, so
"=HYPERLINK(...)" typed into an uploaded file could run when an error report is opened. CSV cells
get a leading apostrophe; XLSX cells are written as plain strings (xlsxwriter would otherwise turn
"=…" into a formula and "http…" into a link).
"""
from __future__ import annotations

import io

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False}


def safe_cell(value):
    """The value, with an apostrophe in front of a string Excel would read as a formula."""
    return f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every formula-like string cell escaped (for CSV and anything copied from screen)."""
    return frame.map(safe_cell)


def plain_strings(sheet) -> None:
    """Make every openpyxl cell that would be saved as a formula a plain string of the same text."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"
    sheet._hyperlinks = []


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel users (UTF-8 with BOM) with formula-like cells escaped."""
    return frame.map(safe_cell).to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """XLSX where every string stays a string."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}) as writer:
        frame.to_excel(writer, sheet_name=sheet[:31], index=False)
    return buf.getvalue()
