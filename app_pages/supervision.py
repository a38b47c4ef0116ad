"""督办问责 — 督办函/提醒函, 通报, 约谈, 问责 by region and year, linked to the tasks they concern."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import filters, ledger_view, show

sel = filters.scope_and_month(key="supervision")

st.title(t("supervision.title"))
show.selection_sentence(sel)
show.data_as_of(sel.as_of)
ledger_view.supervision_kpis(sel)
ledger_view.supervision_by_region(sel)
ledger_view.supervision_linked(sel)
