"""地图 — cities of a scope coloured by a metric; click a city (or pick it) to open its file."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import rank_city_view as city_view
from envboard.ui import rank_view

sel = rank_view.selection(key="mp")
board = rank_view.board(sel)

st.title(t("rank.map.title"))
rank_view.sentence(sel, board)
st.caption(t("rank.map.caption"))
fig = city_view.map_figure(sel, board)
if fig is None:
    st.info(t("rank.map.no_shapes"))
else:
    event = st.plotly_chart(fig, width="stretch", key="rank_map", on_select="rerun", selection_mode="points",
                            config={"displaylogo": False, "scrollZoom": False})
    picked = city_view.clicked_city(event)
    if picked:
        st.switch_page(rank_view.CITY_PAGE, query_params=sel.link(scope=picked))
if sel.city:
    st.caption(t("rank.map.city_scope", city=sel.shared.scope_name))
    st.page_link(rank_view.CITY_PAGE, label=t("rank.open_city", city=sel.shared.scope_name), icon=":material/folder_open:",
                 query_params=sel.link())
