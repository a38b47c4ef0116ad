"""登录 — local-account form, or the identity provider's button when OIDC is configured."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import auth_gate

st.title(t("auth.title"))
user = auth_gate.current_user()
if user is not None and user.can("viewer"):
    st.switch_page(auth_gate.HOME_PAGE)
elif user is not None:
    st.warning(t("auth.no_access"))
elif auth_gate.mode() == "closed":
    st.error(t("auth.misconfigured"))
elif auth_gate.mode() == "oidc":
    st.write(t("auth.intro"))
    st.button(t("auth.oidc_button"), on_click=st.login, type="primary")
else:
    st.write(t("auth.intro"))
    with st.form("login", clear_on_submit=False):
        name = st.text_input(t("auth.username"), key="login_name")
        password = st.text_input(t("auth.password"), type="password", key="login_password")
        submitted = st.form_submit_button(t("auth.submit"), type="primary")
    problem = auth_gate.sign_in(name.strip(), password) if submitted else "-"
    if problem is None:
        st.rerun()
    elif problem != "-":
        st.error(t(problem, seconds=st.session_state.get("_auth_wait", 0)))
