"""数据说明 — definitions of every metric shown, data sources and data coverage."""
import pandas as pd
import streamlit as st

from envboard.i18n import t
from envboard.metrics import METRICS
from envboard.ui import data, show

st.title(t("method.title"))
st.subheader(t("method.definitions"))
rows = [{t("method.col.metric"): t(f"metric.{m.key}", month="X"), t("method.col.definition"): t(f"def.{m.key}"),
         t("method.col.numerator"): m.numerator or "—", t("method.col.denominator"): m.denominator or "—"}
        for m in METRICS.values()]
st.table(pd.DataFrame(rows))
st.caption(t("method.rounding"))

st.subheader(t("method.sources"))
st.write(t("method.sources.body"))

st.subheader(t("method.coverage"))
cov = data.query("data_coverage")
cov = cov.assign(domain=[t(f"domain.{d}") for d in cov["domain"]])
cov.columns = [t("method.col.domain"), t("method.col.rows"), t("method.col.first"), t("method.col.last")]
st.table(cov)
show.data_as_of(cov.iloc[:, 3].max())
