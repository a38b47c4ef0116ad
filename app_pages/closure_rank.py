"""销号率排名 — cities of a scope ranked by closure rate as of a month (ties share a rank)."""
import streamlit as st

from envboard.core import charts
from envboard.core.formatting import rank_text
from envboard.core.i18n import t
from envboard.ui import data, filters, show

sel = filters.scope_and_month(key="cr")
ranked = data.query("closure_rate_by_city", scope_code=sel.province_code, as_of=sel.as_of)

st.title(t("closure_rank.title"))
show.selection_sentence(sel)
show.data_as_of(sel.as_of)
st.caption(t("closure_rank.caption"))
if ranked.empty:
    st.info(t("common.no_data"))
    st.stop()

table = ranked.assign(
    rank_shown=[rank_text(r, tie, t("common.tie")) for r, tie in zip(ranked["rank"], ranked["is_tie"])],
    rate_shown=[show.pct_text(v) for v in ranked["closure_rate_pct"]],
)[["rank_shown", "city_name", "rate_shown", "tasks_closed", "tasks_under_closure"]]
table.columns = [t("common.rank"), t("common.city"), t("col.closure_rate"), t("col.tasks_closed"), t("col.tasks_under_closure")]
show.chart(charts.ranking_bar(ranked, "city_name", "closure_rate_pct", t("closure_rank.chart"),
                              highlight=sel.scope_name, text="closure_rate_pct", x_title="%"), key="closure_bar")
show.table_with_downloads(table, f"closure_rate_{sel.scope_code}_{sel.as_of:%Y%m}", key="closure")
