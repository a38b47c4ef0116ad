"""审计日志 — browse the append-only audit log with filters; export what is shown as CSV or XLSX."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import auth_gate, show

auth_gate.require("admin")
st.title(t("audit.title"))
st.caption(t("audit.intro"))
intact, count, problem = auth_gate.audit_chain()
if intact:
    st.success(t("audit.chain_ok", n=count), icon=":material/verified:")
else:
    st.error(t("audit.chain_broken", where=problem, n=count))
entries = auth_gate.audit_entries(**auth_gate.audit_filters())
if entries.empty:
    st.info(t("audit.empty"))
else:
    st.caption(t("audit.count", n=len(entries)))
    show.table_with_downloads(auth_gate.audit_table(entries), "audit_log", key="audit")
