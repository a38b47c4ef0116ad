"""空气和水 — PM2.5, good-air days and water sections of a region for a period, AQI colours in words."""
import streamlit as st

from envboard.core.i18n import language, t
from envboard.publish import views
from envboard.ui import public_data as pub

snap = pub.snapshot()
pub.header(snap, t("public.env.title"))
code = pub.choice("region", [snap.province, *snap.city_codes], t("public.region"), snap.name)
period = pub.choice("period", views.period_keys(snap), t("public.period"), lambda k: views.period_label(snap, k))
st.subheader(t("public.env.air"))
st.write(views.air_sentence(snap, period, code))
pub.cards(snap, views.metrics_of("air"), period, code)         # every published air metric (envboard/catalog.py)
trend = views.monthly_table(snap, code, "pm25")
st.write(views.pm25_trend_sentence(snap, code, trend))
pub.line_chart(trend, t("public.env.trend"), key="pm25_trend", metric="pm25")
pub.table(trend, f"pm25_{code}", key="pm25")
st.subheader(t("public.env.water"))
st.write(views.water_sentence(snap, period, code))
pub.cards(snap, views.metrics_of("water"), period, code)
st.subheader(t("public.env.aqi_levels"))
pub.aqi_legend(views.aqi_table(language()))
