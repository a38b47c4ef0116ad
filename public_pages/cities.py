"""城市对比 — the cities ranked on one published figure for one period (ties marked 并列)."""
import streamlit as st

from envboard.core.i18n import t
from envboard.publish import views
from envboard.ui import public_data as pub

snap = pub.snapshot()
pub.header(snap, t("public.cities.title"))
metric = pub.choice("metric", list(views.METRIC_VIEWS), t("public.cities.metric"), lambda m: t(views.METRIC_VIEWS[m].label))
period = pub.choice("period", views.period_keys(snap), t("public.period"), lambda k: views.period_label(snap, k))
st.write(views.comparison_sentence(snap, metric, period))
pub.bar_chart(views.chart_frame(snap, metric, period), t(views.METRIC_VIEWS[metric].label), key="cities_chart")
pub.table(views.city_table(snap, metric, period), f"cities_{metric}_{period}", key="cities")
