"""整改台账 — filterable ledger as of a month end with 序时进度, projections, 回潮 and the 台账 export."""
import streamlit as st

from envboard.domain import rectification
from envboard.core.i18n import t
from envboard.ui import filters, ledger_view, show

sel = filters.scope_and_month(key="ledger")
days = ledger_view.at_risk_days()
now, before = ledger_view.ledgers(sel, days)

st.title(t("ledger.title"))
show.selection_sentence(sel)
show.data_as_of(sel.as_of)
chosen = ledger_view.ledger_filter(now)
shown = rectification.filter_ledger(now, chosen)
shown_before = rectification.filter_ledger(before, chosen)
ledger_view.ledger_kpis(rectification.ledger_counts(shown), rectification.ledger_counts(shown_before), days)
ledger_view.ledger_table(shown, sel)
ledger_view.task_history(shown, sel)
ledger_view.progress_section(shown, shown_before)
ledger_view.projection_section(sel, days, now)
ledger_view.rebound_section(sel)
