"""月度通报 — the monthly briefing of a scope: figures, ranked tables, editable text, exports, issued editions."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import briefing_view as view
from envboard.ui import filters

ed = view.frozen_edition() or view.live_edition(filters.scope_and_month(key="brief"))

st.title(t("briefing.title"))
view.header(ed)
current, past, compare = st.tabs([t("briefing.tab.edition"), t("briefing.tab.editions"), t("briefing.tab.diff")])
with current:
    view.edition_page(ed)
with past:
    view.past_editions()
with compare:
    view.diff_view()
