"""Rendering helpers shared by pages: banners, KPI cards, tables with downloads, charts."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from envboard.core import export_safety
from envboard.core.i18n import place, t
from envboard.core.dates import month_end
from envboard.domain.metrics import format_value
from envboard.standards.composite import pm25_limit
from envboard.ui import data
from envboard.ui.filters import Selection

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def demo_banner() -> None:
    """The 示例数据 notice, shown while the database holds demo data."""
    if data.meta("is_demo") == "1":
        st.warning(t("common.demo_banner"), icon=":material/science:")


def selection_sentence(sel: Selection) -> None:
    st.caption(t("common.selection", scope=sel.scope_name, month=sel.month_text))


def data_as_of(day: dt.date | str | None) -> None:
    """The data-as-of line with the data version."""
    st.caption(t("common.as_of", date=str(day) if day else "—") + " · " + t("common.data_version", version=data.version()))


@dataclass(frozen=True)
class Change:
    """A change badge that says what it compares against; coloured by the metric's direction."""
    text: str
    color: str      # blue (better) | orange (worse) | gray (no change, no arrow)
    arrow: str      # up | down | off


def change(text: str | None, basis: str, higher_is_better: bool = True, relative: bool = False) -> Change | None:
    """A badge from a displayed change ("+3.2 个百分点", "+12", "-9.1 %") against `basis`
    (yoy 较上年同期, mom 较上月, year 较上年); a change that displays as zero is 持平, grey, without arrow."""
    if text is None:
        return None
    against = t(f"change.{basis}")
    if not re.search(r"[1-9]", text):
        return Change(f"{against} {t('change.none')}", "gray", "off")
    kind = t("change.relative") if relative else ""
    down = text.lstrip().startswith(("-", "−"))
    better = down != higher_is_better
    # the badge text starts with its basis, so direction and colour are given, not guessed from the sign;
    # blue (better) and orange (worse) stay distinct with red–green colour blindness
    return Change(f"{against} {text}{kind}", "blue" if better else "orange", "down" if down else "up")


COVERAGE_DOMAINS = ("tasks", "petitions", "air", "water")
COVERAGE_BY_GROUP = {"rect": ("tasks",), "pet": ("petitions",), "air": ("air",), "water": ("water",)}   # catalog Metric.group


def coverage_lines(scope_code: str, start: dt.date, end: dt.date, domains=COVERAGE_DOMAINS) -> list[str]:
    """One line per kind of data (kinds with the same gap share a line) that covers only part of the
    scope in the period: how many of its cities have it, which, and (air, water) which months when
    not all; [] when coverage is complete."""
    cities = data.query("scope_cities", scope_code=scope_code)
    cover = data.query("scope_coverage", scope_code=scope_code, from_month=start.replace(day=1), to_month=end.replace(day=1))
    period_months = (end.year - start.year) * 12 + end.month - start.month + 1
    gaps: dict[str, list[str]] = {}          # the gap as written → the kinds of data that have it
    for domain in domains:
        rows = cover[cover["domain"] == domain]
        monthly = domain in ("air", "water")
        full_months = not monthly or bool((rows["months"] >= period_months).all())
        if len(rows) >= len(cities) and full_months:
            continue
        if rows.empty:
            gaps.setdefault(t("coverage.none"), []).append(t(f"coverage.kind.{domain}"))
            continue
        names = [place(n) for n in rows["city_name"]]
        shown = t("common.list_sep").join(names[:6]) + (t("coverage.more", n=len(names)) if len(names) > 6 else "")
        text = t("coverage.cities", n=len(rows), total=len(cities), cities=shown)
        if not full_months:
            first, last = pd.Timestamp(rows["first_month"].min()), pd.Timestamp(rows["last_month"].max())
            text += t("coverage.months", first=t("common.month_fmt", year=first.year, month=first.month),
                      last=t("common.month_fmt", year=last.year, month=last.month), n=int(rows["months"].min()),
                      total=period_months)
        gaps.setdefault(text, []).append(t(f"coverage.kind.{domain}"))
    return [t("coverage.line", kinds=t("common.list_sep").join(kinds), gap=gap) for gap, kinds in gaps.items()]


def coverage_note(scope_code: str, start: dt.date, end: dt.date, domains=COVERAGE_DOMAINS) -> None:
    """The caveat shown when a scope's figures rest on part of its cities or months (nothing otherwise)."""
    lines = coverage_lines(scope_code, start, end, domains)
    if lines:
        st.warning(t("coverage.title") + "\n\n" + "\n".join(f"- {line}" for line in lines) + "\n\n" + t("coverage.tail"),
                   icon=":material/rule:")


def kpi(column, label: str, value: str, detail: str | None = None, delta: Change | str | None = None,
        delta_color: str = "normal", help: str | None = None) -> None:
    """One metric card: value, a detail line (numerator/denominator) and an optional change."""
    if isinstance(delta, Change):
        column.metric(label, value, delta=delta.text, delta_color=delta.color, delta_arrow=delta.arrow, help=help,
                      border=True)
    else:
        column.metric(label, value, delta=delta, delta_color=delta_color, help=help, border=True)
    if detail:
        column.caption(detail)


def full_height(rows: int, cap: int = 40) -> int:
    """A table height in pixels that shows `rows` rows (up to `cap`) without an inner scroll bar."""
    return 38 + 35 * max(1, min(rows, cap)) + 2


def expandable_height(rows: int, key: str, cap: int = 40) -> int:
    """The height of a table of `rows` rows: all of them up to `cap`; beyond that `cap` rows and a
    switch to show every row at once (a country's several hundred cities), never a hidden last row
    without a way to see it whole."""
    if rows > cap and st.toggle(t("common.show_all_rows", n=rows), key=f"{key}_all"):
        cap = rows
    return full_height(rows, cap)


def uploader_text(button: str, instructions: str, dragging: str) -> None:
    """Our words in the file uploader, which Streamlit writes in English whatever the page's language
    ("Upload", "50MB per file • XLSX", "Drag and drop a file here"): its texts are hidden and ours drawn
    in their place (the label above the box states the types and size limit)."""
    def css(text: str) -> str:
        return '"' + text.replace("\\", "").replace('"', "") + '"'

    zone = "[data-testid=stFileUploaderDropzone]"
    st.html(f"""<style>
{zone} button [data-testid=stMarkdownContainer] p {{font-size: 0 !important; line-height: 0}}
{zone} button [data-testid=stMarkdownContainer] p::after {{content: {css(button)}; font-size: 0.875rem; line-height: 1.6}}
{zone} [data-testid=stFileUploaderDropzoneInstructions] span {{font-size: 0 !important}}
{zone} [data-testid=stFileUploaderDropzoneInstructions] span::after {{content: {css(instructions)}; font-size: 0.875rem}}
{zone} > div:not([data-testid]) span {{font-size: 0 !important}}
{zone} > div:not([data-testid]) span::after {{content: {css(dragging)}; font-size: 1rem}}
</style>""")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Excel users (UTF-8 with BOM); cells starting with = + - @ are escaped."""
    return export_safety.csv_bytes(frame)


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """XLSX where strings stay strings (never formulas or links)."""
    return export_safety.xlsx_bytes(frame, sheet)


def table_with_downloads(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    """A table plus CSV and XLSX download buttons of exactly what is shown."""
    st.dataframe(frame, hide_index=True, width="stretch")
    download_buttons(frame, file_stem, key)


def download_buttons(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    """CSV and XLSX buttons of `frame`; each file is made only when its button is clicked. A click
    does not rerun the page: a rerun would replace the other buttons' deferred files while the
    visitor may be clicking them."""
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(t("common.download_csv"), functools.partial(csv_bytes, frame), f"{file_stem}.csv", "text/csv",
                         key=f"{key}_csv", icon=":material/download:", on_click="ignore")
    right.download_button(t("common.download_xlsx"), functools.partial(xlsx_bytes, frame), f"{file_stem}.xlsx",
                          XLSX_MIME, key=f"{key}_xlsx", icon=":material/download:", on_click="ignore")


def chart(fig: go.Figure, key: str) -> None:
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False})


def pct_text(value: float | None) -> str:
    return format_value(value, "pct1")


def ugm3_text(value: float | None) -> str:
    return format_value(value, "ugm3")


def pm25_reference(months) -> tuple[list[float], str]:
    """The PM2.5 annual Grade II limit in force at each month's end (35 μg/m³ under GB 3095-2012),
    for a chart's reference line."""
    days = [pd.Timestamp(m) for m in months]
    return [pm25_limit(month_end(d.year, d.month)) for d in days], t("chart.pm25_limit")


def pp_text(value: float | None) -> str | None:
    return None if value is None else format_value(value, "pp1", lang="zh" if t("common.pp") == "个百分点" else "en")
