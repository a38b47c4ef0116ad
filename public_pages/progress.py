"""整改进展 — month-end closure rate of a region and the cities' tasks and petitions for a period."""
import streamlit as st

from envboard.core.i18n import t
from envboard.publish import views
from envboard.ui import public_data as pub

snap = pub.snapshot()
pub.header(snap, t("public.progress.title"))
code = pub.choice("region", [snap.province, *snap.city_codes], t("public.region"), snap.name)
left, right = st.columns(2)
with left:
    pub.card(snap, "closure", "ytd", code)
with right:
    pub.card(snap, "resolution", "ytd", code)
trend = views.monthly_table(snap, code, "closure")
st.subheader(t("public.progress.trend"))
st.write(views.closure_trend_sentence(snap, code, trend))
pub.line_chart(trend, t("public.progress.trend"), key="closure_trend", metric="closure")
pub.table(trend, f"closure_{code}", key="closure")
st.subheader(t("public.progress.city_table"))
pub.table(views.progress_table(snap, "ytd", "closure"), "closure_by_city", key="progress_tasks")
pub.table(views.progress_table(snap, "ytd", "resolution"), "petitions_by_city", key="progress_petitions")
