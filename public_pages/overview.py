"""概览 — headline figures of the province or one city for the year to date, with denominators."""
import streamlit as st

from envboard.core.i18n import t
from envboard.publish import views
from envboard.ui import public_data as pub

snap = pub.snapshot()
codes = [snap.province, *snap.city_codes]
pub.header(snap, t("public.app_title"))
code = pub.choice("region", codes, t("public.region"), snap.name)
st.subheader(t("public.overview.title", scope=snap.name(code)))
st.write(views.overview_sentence(snap, code))
st.caption(views.period_label(snap, "ytd") + " · " + t("public.trend_note"))
for row in (("closure", "resolution"), ("pm25", "good_days"), ("water_good", *views.WATER_LEVELS)):
    for column, metric in zip(st.columns(len(row)), row):
        with column:
            pub.card(snap, metric, "ytd", code)
