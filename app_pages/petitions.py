"""信访办理 — petitions by inspection and batch, type and region as of a month end; re-checks and repeats."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import filters, ledger_view, show

sel = filters.scope_and_month(key="petitions")

st.title(t("petitions.title"))
show.selection_sentence(sel)
show.data_as_of(sel.as_of)
ledger_view.petition_kpis(sel)
ledger_view.petition_tables(sel)
ledger_view.petition_rechecks(sel)
ledger_view.petition_repeats(sel)
