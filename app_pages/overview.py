"""总览 — headline figures of a scope as of a month, with last year's change and trends."""
import datetime as dt

import streamlit as st

from envboard.core.i18n import t
from envboard.ui import data, filters, overview, show

sel = filters.scope_and_month(key="ov")
summary = data.summary(sel.scope_code, sel.as_of)

st.title(t("overview.title"))
show.selection_sentence(sel)
show.data_as_of(sel.as_of)
show.coverage_note(sel.scope_code, dt.date(sel.as_of.year, 1, 1), sel.as_of)
overview.rectification_kpis(summary)
overview.petition_kpis(summary)
overview.supervision_kpis(summary, sel.as_of.year)
overview.environment_kpis(summary, sel.as_of.month)
overview.lagging(sel)

rounds = data.query("rectification_by_round", scope_code=sel.scope_code, as_of=sel.as_of)
if len(rounds):
    overview.rounds_table(rounds)

st.subheader(t("overview.trend"))
start = dt.date(max(2016, sel.as_of.year - 4), 1, 1)
month0 = sel.as_of.replace(day=1)
trend = data.query("rectification_trend", scope_code=sel.scope_code, from_month=start, to_month=month0)
pm = data.query("pm25_monthly", scope_code=sel.scope_code, from_month=start, to_month=month0)
rates_fig, pm_fig = overview.trend_figures(sel.scope_code, sel.as_of, trend, pm)
left, right = st.columns(2)
with left:
    show.chart(rates_fig, key="trend_rates")
with right:
    show.chart(pm_fig, key="trend_pm25")
