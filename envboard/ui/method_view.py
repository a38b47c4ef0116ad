"""数据说明 helpers: the composite index as published beside the index recomputed from the displayed
concentrations, for the cities of the selection in its month (why the page computes from unrounded
period statistics)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from envboard.core.i18n import place, t
from envboard.standards.composite import rounding_drift
from envboard.standards.period import month_period, period_stats
from envboard.ui import data, show
from envboard.ui.filters import Selection


@st.cache_data(max_entries=64, show_spinner=False)
def _drift(cities: tuple[str, ...], year: int, month: int, version: int) -> pd.DataFrame:
    cur = data.reader().cursor()
    try:
        return rounding_drift(period_stats(cur, *month_period(year, month), list(cities)))
    finally:
        cur.close()


def drift_frame(sel: Selection) -> pd.DataFrame:
    """rounding_drift of the selection's cities for its as-of month, with city names."""
    cities = data.query("scope_cities", scope_code=sel.scope_code)
    frame = _drift(tuple(cities["city_code"]), sel.as_of.year, sel.as_of.month, data.version())
    names = dict(zip(cities["city_code"], cities["city_name"]))
    return frame.assign(city_name=[names.get(c, c) for c in frame["city_code"]])


def composite_drift(sel: Selection) -> None:
    """The method note, a sentence counting the cities whose index would drift, and their table."""
    st.subheader(t("method.drift.title"))
    st.write(t("method.drift.note"))
    frame = drift_frame(sel)
    differ = frame[frame["difference"] != 0]
    st.write(t("method.drift.summary", month=sel.month_text, n=len(frame), k=len(differ))
             if len(frame) else t("common.no_data"))
    if differ.empty:
        return
    table = pd.DataFrame({
        t("common.city"): [place(n) for n in differ["city_name"]],
        t("method.drift.col.concentrations"): [
            f"{r.pm25_ugm3:.0f} / {r.pm10_ugm3:.0f} / {r.so2_ugm3:.0f} / {r.no2_ugm3:.0f} / {r.co_p95_mgm3:.1f} / {r.o3_8h_p90_ugm3:.0f}"
            for r in differ.itertuples()],
        t("method.drift.col.published"): [f"{v:.2f}" for v in differ["composite_index"]],
        t("method.drift.col.from_display"): [f"{v:.2f}" for v in differ["composite_index_from_display"]],
        t("method.drift.col.difference"): [f"{v:+.2f}" for v in differ["difference"]],
    })
    show.table_with_downloads(table, f"composite_rounding_{sel.scope_code}_{sel.as_of:%Y%m}", key="drift")
