"""数据说明 — definitions of every metric shown, the AQI rules for the period on screen, sources and coverage."""
import pandas as pd
import streamlit as st

from envboard import catalog
from envboard.core.i18n import part, t
from envboard.standards.reference import breakpoint_table, rules_for
from envboard.ui import data, filters, method_view, show

sel = filters.scope_and_month(key="md")
st.title(t("method.title"))
show.selection_sentence(sel)

st.subheader(t("method.definitions"))
rows = [{t("method.col.metric"): t(f"metric.{m.key}", month=sel.as_of.month), t("method.col.definition"): t(f"def.{m.key}"),
         t("method.col.numerator"): part(m.numerator), t("method.col.denominator"): part(m.denominator)}
        for m in catalog.on("methods")]
st.table(pd.DataFrame(rows))
st.caption(t("method.rounding"))

rules = rules_for(sel.as_of)
st.subheader(t("method.aqi"))
st.write(t(f"method.aqi.rules_{rules}", month=sel.month_text))
st.table(pd.DataFrame(breakpoint_table(rules)).rename(columns={"iaqi": "IAQI"}).astype(object).fillna("—"))
st.caption(t("method.aqi.units"))
st.write(t("method.composite"))
method_view.composite_drift(sel)

st.subheader(t("method.water_dl.title"))
st.write(t("method.water_dl"))

st.subheader(t("method.sources"))
st.write(t("method.sources.body"))

st.subheader(t("method.coverage"))
cov = data.query("data_coverage")
cov = cov.assign(domain=[t(f"domain.{d}") for d in cov["domain"]],
                 first_on=[d.strftime("%Y-%m-%d") if pd.notna(d) else "—" for d in pd.to_datetime(cov["first_on"])],
                 last_on=[d.strftime("%Y-%m-%d") if pd.notna(d) else "—" for d in pd.to_datetime(cov["last_on"])])
cov.columns = [t("method.col.domain"), t("method.col.rows"), t("method.col.first"), t("method.col.last")]
st.table(cov)
show.data_as_of(cov.iloc[:, 3].max())
