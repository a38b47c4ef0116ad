"""审计日志 — browse the append-only audit log with filters; export what is shown as CSV or XLSX."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import auth_gate, show

auth_gate.require("admin")
st.title(t("audit.title"))
st.caption(t("audit.intro"))
entries = auth_gate.audit_entries(**auth_gate.audit_filters())
if entries.empty:
    st.info(t("audit.empty"))
else:
    st.caption(t("audit.count", n=len(entries)))
    show.table_with_downloads(auth_gate.audit_table(entries), "audit_log", key="audit")
