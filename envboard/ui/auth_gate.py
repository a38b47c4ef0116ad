"""Who is using the app, and which pages they may open.

Three modes: OIDC (st.login) when st.secrets has an [auth] section; local accounts when the
accounts file exists; otherwise open single-user mode (everyone admin-equivalent, with a notice).
`allowed_pages` builds the navigation from the user's role, so a page the role may not see is not
registered and its URL does not open it.
"""
from __future__ import annotations

import streamlit as st

from envboard.security import audit, auth
from envboard.core import db
from envboard.core.i18n import t
from envboard.core.settings import get_setting

# the least role that may open each page (by url_path); others need "viewer"
PAGE_ROLES = {"import": "editor", "audit": "admin"}
LOGIN_PAGE = "app_pages/login.py"
HOME_PAGE = "app_pages/overview.py"
_SESSION_KEY = "auth_user"


def _oidc_section():
    try:
        return st.secrets["auth"] if "auth" in st.secrets else None
    except FileNotFoundError:
        return None
    except Exception:    # an unparsable secrets.toml: treat as a broken [auth]
        return {}


def mode_and_problem() -> tuple[str, str]:
    """('oidc' | 'local' | 'open' | 'closed', why closed); see auth.account_mode."""
    return auth.account_mode(_oidc_section())


def mode() -> str:
    """'oidc', 'local', 'open' or 'closed' (misconfigured: nobody gets in)."""
    return mode_and_problem()[0]


def current_user() -> auth.User | None:
    """The signed-in user (roles re-read from the accounts file on every run), or None."""
    kind = mode()
    if kind == "closed":
        return None
    if kind == "open":   # editor_mode=0 makes the single user a viewer (no import page)
        return auth.SINGLE_USER if get_setting("editor_mode") == "1" else auth.User("viewer", "viewer")
    if kind == "oidc":
        if not st.user.is_logged_in:
            return None
        try:
            return auth.user_from_claims(st.user.get("email"), auth.load_accounts())
        except auth.AccountError:
            return None
    name = st.session_state.get(_SESSION_KEY)
    try:
        entry = auth.load_accounts().get(name or "")
    except auth.AccountError:
        return None
    return auth.User(name, entry.get("role", "viewer"), entry.get("region")) if entry else None


def sign_in(name: str, password: str) -> bool:
    """Check a local account; on success remember it in the session and audit the sign-in."""
    if mode() != "local":
        return False
    try:
        user = auth.verify(name, password)
    except auth.AccountError:
        return False
    if user is None:
        return False
    st.session_state[_SESSION_KEY] = user.name
    _audit(user.name, "login", {"mode": "local"})
    return True


def _audit(actor: str, action: str, detail: dict) -> None:
    path = db.db_path()
    if path.exists():
        try:
            audit.record(path, actor, action, detail)
        except db.ImportBusy:
            pass


def sign_out() -> None:
    user = current_user()
    if user is not None:
        _audit(user.name, "logout", {})
    st.session_state.pop(_SESSION_KEY, None)
    if mode() == "oidc":
        st.logout()


def may_open(user: auth.User | None, url_path: str) -> bool:
    return user is not None and user.can(PAGE_ROLES.get(url_path, "viewer"))


def allowed_pages(pages: dict[str, list], user: auth.User | None) -> dict[str, list] | list:
    """The sections and pages `user` may open; only the sign-in page when nobody is signed in."""
    if user is None or not user.can("viewer"):
        return [_login_page(default=True)]
    kept = {section: [p for p in items if may_open(user, p.url_path)] for section, items in pages.items()}
    kept = {section: items for section, items in kept.items() if items}
    # hidden, so that the run right after signing in finds its page and moves on to the home page
    kept.setdefault("", []).append(_login_page(visibility="hidden"))
    return kept


def _login_page(**kwargs):
    return st.Page(LOGIN_PAGE, title=t("nav.login"), icon=":material/login:", url_path="login", **kwargs)


def sidebar(user: auth.User | None) -> None:
    """Who is signed in and a sign-out button, or the single-user notice."""
    kind = mode()
    if kind == "open":
        st.sidebar.info(t("auth.open_mode"), icon=":material/lock_open:")
        return
    if user is None:
        return
    role = t(f"auth.role.{user.role}")
    text = (t("auth.signed_in_region", name=user.name, role=role, region=user.region) if user.region
            else t("auth.signed_in", name=user.name, role=role))
    st.sidebar.caption(text)
    st.sidebar.button(t("auth.logout"), key="auth_logout", on_click=sign_out)


def require(role: str) -> auth.User:
    """The current user if they have `role`; otherwise stop the page (defence in depth)."""
    user = current_user()
    if user is None or not user.can(role):
        st.error(t("auth.no_access"))
        st.stop()
    return user


def audit_filters() -> dict:
    """Actor, action and date-range widgets of the audit page."""
    import datetime as dt

    everyone = t("audit.all")
    cols = st.columns(4)
    actors = [""] + list(audit_entries()["actor"].drop_duplicates().sort_values())
    actor = cols[0].selectbox(t("audit.actor"), actors, format_func=lambda a: a or everyone, key="audit_actor")
    action = cols[1].selectbox(t("audit.action"), ("", *audit.ACTIONS), key="audit_action",
                               format_func=lambda a: t(f"audit.action.{a}") if a else everyone)
    today = dt.datetime.now(dt.UTC).date()
    since = cols[2].date_input(t("audit.since"), today - dt.timedelta(days=90), key="audit_since")
    until = cols[3].date_input(t("audit.until"), today, key="audit_until")
    return {"actor": actor, "action": action, "since": since, "until": until}


def audit_entries(actor: str = "", action: str = "", since=None, until=None):
    """The audit log for the filters, with localised column names (empty before the first entry)."""
    import datetime as dt

    import pandas as pd

    from envboard.ui import data

    cur = data.reader().cursor()
    try:
        exists = cur.execute("select count(*) from duckdb_tables() where table_name = 'audit_log' "
                             "and database_name = 'envboard'").fetchall()[0][0]
    finally:
        cur.close()
    if not exists:
        return pd.DataFrame(columns=["audit_id", "logged_at", "actor", "action", "detail"])
    return data.query("audit_log_entries", actor=actor, action=action, since=since or dt.date(2000, 1, 1),
                      until=until or dt.date(2100, 12, 31))


def audit_table(frame):
    """The entries with localised headers and action names."""
    shown = frame.assign(action=frame["action"].map(lambda a: t(f"audit.action.{a}") if a in audit.ACTIONS else a))
    return shown.rename(columns={"audit_id": t("audit.col.id"), "logged_at": t("audit.col.at"),
                                 "actor": t("audit.actor"), "action": t("audit.action"), "detail": t("audit.col.detail")})
