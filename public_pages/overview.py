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
for groups in (("rect", "pet"), ("air",), ("water",)):        # every published metric (envboard/catalog.py)
    pub.cards(snap, views.metrics_of(*groups), "ytd", code)
