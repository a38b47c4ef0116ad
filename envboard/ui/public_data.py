"""The public app's data access and rendering: ONLY the published snapshot, read-only; never the internal DB."""
from __future__ import annotations

import functools
import os
from html import escape as html_escape

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from envboard.core import charts, export_safety, i18n
from envboard.core.i18n import t
from envboard.publish import read, views
from envboard.publish.read import Snapshot
from envboard.standards import composite


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, stamp: tuple[int, int]) -> Snapshot:
    return read.load(path)


def snapshot() -> Snapshot:
    """The published snapshot; without one, a notice and the script stops (no fallback)."""
    path = read.snapshot_path()
    try:
        st_ = os.stat(path)
        return _load(str(path), (st_.st_ino, st_.st_mtime_ns))
    except FileNotFoundError:
        st.info(t("public.missing"), icon=":material/info:")
    except (duckdb.Error, KeyError, IndexError, OSError, ValueError, TypeError):   # damaged or foreign: no trace
        st.warning(t("public.unreadable"), icon=":material/warning:")
    st.stop()


def language() -> str:
    """?lang=en switches to English; zh is the default and stays out of the URL."""
    current = st.query_params.get("lang", "zh")
    current = current if current in i18n.LANGS else "zh"
    choice = st.sidebar.radio("语言 / Language", i18n.LANGS, index=i18n.LANGS.index(current), horizontal=True,
                              format_func=lambda c: {"zh": "中文", "en": "English"}[c], key="public_lang")
    _set_param("lang", choice, "zh")
    i18n.set_language(choice)
    return choice


def choice(name: str, options: list[str], label: str, format_func, default: str | None = None) -> str:
    """A selectbox kept in sync with ?name= so that a copied URL reopens the same view."""
    default = default if default in options else options[0]
    current = st.query_params.get(name, default)
    current = current if current in options else default
    labels = {o: format_func(o) for o in options}     # written now, in this run's language
    value = st.selectbox(label, options, index=options.index(current), format_func=labels.__getitem__, key=f"public_{name}")
    _set_param(name, value, default)
    return value


def _set_param(name: str, value: str, default: str) -> None:
    if value == default:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def header(snap: Snapshot, title: str) -> None:
    st.title(title)
    st.caption(t("public.as_of", month=views.month_text(snap.as_of), date=f"{pd.Timestamp(snap.publication['published_on']):%Y-%m-%d}")
               + " · " + views.footer_text(snap))
    if snap.publication.get("is_demo"):
        st.caption(t("public.demo"))


def card(snap: Snapshot, metric: str, key: str, code: str) -> None:
    """A headline figure with its numerator/denominator and, for a city, its rank."""
    row = views.region_row(snap, key, code)
    mv = views.METRIC_VIEWS[metric]
    change = views.last_year_change(snap, metric, code) if key == "ytd" else None
    trend = views.trend_values(snap, code, metric) if key == "ytd" else []
    colour = {"better": "blue", "worse": "orange", "same": "gray"}    # blue/orange: distinct for red–green colour blindness
    st.metric(t(mv.label), views.value_text(mv, row.get(mv.value)), border=True,
              delta=change.text if change else None, delta_color=colour[change.direction] if change else "normal",
              delta_arrow=change.arrow if change else "auto",
              chart_data=trend if len(trend) > 1 else None, chart_type="line")
    st.caption(" · ".join(x for x in (views.detail_text(metric, row, code == snap.province), views.rank_sentence(snap, metric, key, code)) if x))


def cards(snap: read.Snapshot, metrics: list[str], key: str, code: str, per_row: int = 3) -> None:
    """Headline figures side by side, up to `per_row` to a row."""
    for start in range(0, len(metrics), per_row):
        row = metrics[start:start + per_row]
        for column, metric in zip(st.columns(len(row)), row):
            with column:
                card(snap, metric, key, code)


def table(frame: pd.DataFrame, file_stem: str, key: str) -> None:
    """A real HTML table (readable by screen readers, scrolls on a phone) and its CSV download."""
    st.table(frame.set_index(frame.columns[0]))
    st.download_button(t("public.download_csv"), functools.partial(export_safety.csv_bytes, frame), f"{file_stem}.csv", "text/csv",
                       key=f"{key}_csv", icon=":material/download:", on_click="ignore")


def bar_chart(chart: pd.DataFrame, title: str, key: str) -> None:
    """Ranked horizontal bars, value labels on the bars (colour-blind-safe palette)."""
    fig = go.Figure(go.Bar(x=chart["value"][::-1], y=chart["city"][::-1], orientation="h", text=chart["label"][::-1],
                           textposition="auto", marker_color=charts.PALETTE[0], hovertemplate="%{y}: %{text}<extra></extra>"))
    fig.update_layout(template=charts.TEMPLATE, title={"text": title}, font={"family": charts.FONT},
                      height=max(300, 30 * len(chart) + 90), margin={"l": 10, "r": 10, "t": 50, "b": 30})
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False, "displayModeBar": False})


def line_chart(frame: pd.DataFrame, title: str, key: str, metric: str) -> None:
    """A region's monthly values of a published metric, each on its month, hover in the metric's own
    format; PM2.5 with the Grade II limit in force as a dashed line."""
    mv = views.METRIC_VIEWS[metric]
    months = frame.attrs["months"]
    chart = pd.DataFrame({"month": months, "value": frame.attrs["values"]})
    unit = {"pct1": t("chart.rate_pct"), "ugm3": t("chart.concentration"), "ugm3_1": t("chart.concentration")}.get(mv.fmt, "")
    reference = None
    if mv.fmt.startswith("ugm3"):
        reference = [composite.pm25_limit(m) for m in months], t("chart.pm25_limit")
    fig = charts.line_chart(chart, "month", {"value": t(mv.label)}, title, unit, fmt=lambda v: views.value_text(mv, v),
                            reference=reference, markers=True)
    fig.update_layout(height=340, margin={"l": 10, "r": 10, "t": 50, "b": 30}, legend={"orientation": "h", "y": -0.25})
    st.plotly_chart(fig, width="stretch", key=key, config={"displaylogo": False, "displayModeBar": False})


def aqi_legend(frame: pd.DataFrame) -> None:
    """The AQI levels as an HTML table: the official colour as a swatch next to its name in words."""
    shown = frame.drop(columns="hex")
    colour = shown.columns[-1]
    e = html_escape                         # reference-table text, escaped all the same
    html = "".join(
        f"<tr><td>{e(str(r.iloc[0]))}</td><td>{e(str(r.iloc[1]))}</td><td>{e(str(r.iloc[2]))}</td><td><span "
        f"aria-hidden='true' style='display:inline-block;width:1em;height:1em;border:1px solid #555;"
        f"vertical-align:middle;background:{e(str(h))}'></span> {e(str(r[colour]))}</td></tr>"
        for (_, r), h in zip(shown.iterrows(), frame["hex"]))
    head = "".join(f"<th>{e(str(c))}</th>" for c in shown.columns)
    st.markdown(f"<table><thead><tr>{head}</tr></thead><tbody>{html}</tbody></table>", unsafe_allow_html=True)
