"""城市档案（一市一档）— one template for every city: KPIs with ranks, trends, tasks, petitions, air, water, supervision."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import rank_city_view as city_view
from envboard.ui import rank_view, show

sel = rank_view.selection(key="cf", metric_widget=False)    # a city scope: the sidebar offers cities only
city = sel.city
names = city_view.cities()

st.title(t("rank.city.title", city=names[city]))
st.caption(rank_view.period_text(sel.period) + " · " + t("rank.against." + sel.against))
show.data_as_of(sel.period.end)
city_view.kpi_grid(sel, city)
city_view.trends(sel, city)
city_view.environment_panels(sel, city)
city_view.tasks_table(city, sel.period.end)
left, right = st.columns(2)
with left:
    city_view.petitions_panel(city, sel.period.end)
with right:
    city_view.supervision_panel(city, sel.period.end)
