"""Plotly figures shared by pages and exports (no Streamlit). Templates and fonts are explicit so
that images rendered server-side look like the browser view."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

FONT = "Noto Sans CJK SC, Microsoft YaHei, PingFang SC, sans-serif"
# Colour-blind-safe palette (Okabe–Ito).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
HIGHLIGHT, MUTED = "#D55E00", "#0072B2"


def _layout(fig: go.Figure, title: str, y_title: str = "", x_title: str = "") -> go.Figure:
    fig.update_layout(template="plotly_white", title={"text": title}, font={"family": FONT},
                      margin={"l": 50, "r": 20, "t": 50, "b": 40}, colorway=PALETTE,
                      legend={"orientation": "h", "y": -0.2}, yaxis_title=y_title, xaxis_title=x_title)
    return fig


def line_chart(frame: pd.DataFrame, x: str, series: dict[str, str], title: str, y_title: str = "") -> go.Figure:
    """One line per column in `series` ({column: legend label})."""
    fig = go.Figure()
    for column, name in series.items():
        fig.add_trace(go.Scatter(x=frame[x].tolist(), y=frame[column].tolist(), name=name, mode="lines"))
    return _layout(fig, title, y_title)


def ranking_bar(frame: pd.DataFrame, label: str, value: str, title: str, highlight: str | None = None,
                text: str | None = None, x_title: str = "") -> go.Figure:
    """Horizontal bars in rank order (best on top); the `highlight` label is drawn in a contrasting colour."""
    ordered = frame.iloc[::-1]
    colors = [HIGHLIGHT if name == highlight else MUTED for name in ordered[label]]
    fig = go.Figure(go.Bar(x=ordered[value], y=ordered[label], orientation="h", marker_color=colors,
                           text=ordered[text] if text else None, textposition="outside"))
    fig.update_layout(height=max(300, 32 * len(frame) + 100))
    return _layout(fig, title, x_title=x_title)
