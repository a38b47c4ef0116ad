"""城市空气质量排名 — MEE-style: six pollutants, 重污染天数, 优良天数比例 and the composite index,
当月 and 1—X月累计 side by side, best and worst N with ties."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import filters, rank_view, show

scopes = rank_view.scope_options()
codes = list(scopes)
scope = st.query_params.get("scope") if st.query_params.get("scope") in scopes else "360000" if "360000" in scopes else codes[0]
scope = st.sidebar.selectbox(t("rank.scope"), codes, index=codes.index(scope), key="mee_scope", format_func=scopes.get)
months = filters.months_available()
month = st.query_params.get("month") if st.query_params.get("month") in months else months[0]
month = st.sidebar.selectbox(t("common.as_of_month"), months, index=months.index(month), key="mee_month")
n = st.sidebar.number_input(t("mee.top_n"), min_value=1, max_value=50, value=int(st.query_params.get("top", 3)), key="mee_top")
st.query_params.update({"scope": scope, "month": month, "top": str(n)})

st.title(t("mee.title"))
st.caption(t("mee.sentence", scope=scopes[scope].strip()))
show.data_as_of(rank_view.rank.parse_period(month).end)
rank_view.air_board_section(scope, month, int(n))
