"""无权访问 — shown at the URL of a page the signed-in account's role may not open."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import auth_gate

user = auth_gate.current_user()
st.title(t("auth.forbidden_title"))
st.warning(t("auth.page_forbidden", role=t(f"auth.role.{user.role}") if user else t("auth.role.public")))
st.page_link(auth_gate.HOME_PAGE, label=t("nav.overview"), icon=":material/dashboard:")
