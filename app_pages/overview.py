"""总览 — headline figures of a scope as of a month, with last year's change and trends."""
import datetime as dt

import streamlit as st

from envboard.core import charts
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
left, right = st.columns(2)
with left:
    show.chart(charts.line_chart(trend.assign(c=trend.closure_rate * 100, r=trend.resolution_rate * 100), "month_end",
                                 {"c": t("chart.closure_rate"), "r": t("chart.resolution_rate")},
                                 t("chart.rates_title"), t("chart.rate_pct"), fmt=show.pct_text), key="trend_rates")
pm = data.query("pm25_monthly", scope_code=sel.scope_code, from_month=start, to_month=month0)
with right:
    show.chart(charts.line_chart(pm, "month", {"pm25_ugm3": "PM2.5"}, t("chart.pm25_monthly"), t("chart.concentration"),
                                 fmt=show.ugm3_text, reference=show.pm25_reference(pm["month"])), key="trend_pm25")
