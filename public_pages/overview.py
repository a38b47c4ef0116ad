"""概览 — headline figures of the province or one city for the year to date, with denominators."""
import streamlit as st

from envboard.i18n import t
from envboard.publish import views
from envboard.ui import public_data as pub

snap = pub.snapshot()
codes = [snap.province, *snap.city_codes]
code = pub.choice("region", codes, t("public.region"), snap.name)
pub.header(snap, t("public.overview.title", scope=snap.name(code)))
st.write(views.overview_sentence(snap, code))
st.caption(views.period_label(snap, "ytd"))
left, right = st.columns(2)
with left:
    pub.card(snap, "closure", "ytd", code)
    pub.card(snap, "pm25", "ytd", code)
    pub.card(snap, "water_good", "ytd", code)
with right:
    pub.card(snap, "resolution", "ytd", code)
    pub.card(snap, "good_days", "ytd", code)
