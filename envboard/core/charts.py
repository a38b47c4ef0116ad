"""Plotly figures shared by pages and exports (no Streamlit). Templates and fonts are explicit so
that images rendered server-side look like the browser view."""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from envboard.core.i18n import language

FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
# Colour-blind-safe palette (Okabe–Ito).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
HIGHLIGHT, MUTED = "#D55E00", "#0072B2"
# plotly_white's layout part: what Streamlit sends the browser of a template anyway. Its per-trace
# defaults for some forty trace types made every figure cost ~25 ms to build instead of ~9.
TEMPLATE = go.layout.Template(layout=pio.templates["plotly_white"].layout)


def _layout(fig: go.Figure, title: str, y_title: str = "", x_title: str = "") -> go.Figure:
    fig.update_layout(template=TEMPLATE, title={"text": title}, font={"family": FONT},
                      margin={"l": 50, "r": 20, "t": 50, "b": 40}, colorway=PALETTE,
                      legend={"orientation": "h", "y": -0.2}, yaxis_title=y_title, xaxis_title=x_title)
    return fig


# Month and day labels written by us, not by plotly: its own month names are English ("Sep 2024"),
# and the browser bundle carries no other locale.
MONTH_FORMAT = {"zh": "%Y年%-m月", "en": "%b %Y"}
DAY_FORMAT = {"zh": "%Y-%m-%d", "en": "%Y-%m-%d"}
REFERENCE_COLOUR = "#555555"


def month_start(day) -> dt.date:
    """The first day of `day`'s month: a monthly figure is drawn on its month, not on its last day
    (which plotly would place next to the following month's tick)."""
    day = pd.Timestamp(day)
    return dt.date(day.year, day.month, 1)


def month_axis(fig: go.Figure, months: int, lang: str | None = None) -> go.Figure:
    """An x axis of months labelled in `lang` (2024年9月 / Sep 2024), one tick a month for short series."""
    fmt = MONTH_FORMAT[lang or language()]
    fig.update_xaxes(type="date", tickformat=fmt, hoverformat=fmt, **({"dtick": "M1"} if months <= 8 else {}))
    return fig


def day_axis(fig: go.Figure, lang: str | None = None) -> go.Figure:
    """An x axis of days labelled as numbers (2024-09-30) rather than with plotly's English month names."""
    fmt = DAY_FORMAT[lang or language()]
    fig.update_xaxes(type="date", tickformat=fmt, hoverformat=fmt)
    return fig


def line_chart(frame: pd.DataFrame, x: str, series: dict[str, str], title: str, y_title: str = "", *,
               fmt: Callable[[float], str] | None = None, reference: tuple[float, str] | None = None,
               lang: str | None = None, markers: bool = False) -> go.Figure:
    """One line per column in `series` ({column: legend label}) over the months in column `x`, each
    point on its month. `fmt` writes a value as the metric is shown elsewhere (hover: "91.9 %", not
    91.92857); `reference` draws a dashed line at a standard or target with its label."""
    months = [month_start(v) for v in frame[x]]
    fig = go.Figure()
    for column, name in series.items():
        values = [None if v is None or pd.isna(v) else float(v) for v in frame[column]]
        shown = [(fmt(v) if fmt else f"{v:g}") if v is not None else "—" for v in values]
        fig.add_trace(go.Scatter(x=months, y=values, name=name, mode="lines+markers" if markers else "lines",
                                 customdata=shown, hovertemplate=f"{name}: %{{customdata}}<extra></extra>"))
    _layout(fig, title, y_title)
    fig.update_layout(hovermode="x unified")
    if reference is not None:
        add_reference(fig, months, *reference, fmt=fmt)
    return month_axis(fig, len(set(months)), lang)


def add_reference(fig: go.Figure, months: list[dt.date], values: float | list[float], label: str,
                  fmt: Callable[[float], str] | None = None) -> go.Figure:
    """A dashed grey line at a standard or target, in the legend and the hover; `values` is one value
    or one per month (a standard that changed within the period steps on the month it took effect).
    The y axis starts at zero and reaches above the line."""
    values = list(values) if isinstance(values, (list, tuple)) else [values] * len(months)
    fig.add_trace(go.Scatter(x=months, y=values, name=label, mode="lines", line_shape="hv",
                             line={"color": REFERENCE_COLOUR, "dash": "dash", "width": 1.5},
                             customdata=[fmt(v) if fmt else f"{v:g}" for v in values],
                             hovertemplate=f"{label}: %{{customdata}}<extra></extra>"))
    ys = [y for trace in fig.data for y in (trace.y or ()) if y is not None]
    fig.update_yaxes(range=[0, max(ys) * 1.12] if ys else None)
    return fig


def ranking_bar(frame: pd.DataFrame, label: str, value: str, title: str, highlight: str | None = None,
                text: str | None = None, x_title: str = "") -> go.Figure:
    """Horizontal bars in rank order (best on top); the `highlight` label is drawn in a contrasting colour."""
    ordered = frame.iloc[::-1]
    colors = [HIGHLIGHT if name == highlight else MUTED for name in ordered[label]]
    fig = go.Figure(go.Bar(x=ordered[value], y=ordered[label], orientation="h", marker_color=colors,
                           text=ordered[text] if text else None, textposition="outside",
                           hovertemplate="%{y}: %{text}<extra></extra>" if text else None))   # hover as printed on the bar
    fig.update_layout(height=max(300, 32 * len(frame) + 100))
    return _layout(fig, title, x_title=x_title)
