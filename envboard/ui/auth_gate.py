"""Who is using the app, and which pages they may open.

Three modes: OIDC (st.login) when st.secrets has an [auth] section; local accounts when the
accounts file exists; otherwise open single-user mode (everyone admin-equivalent, with a notice).
`allowed_pages` builds the navigation from the user's role, so a page the role may not see is not
registered and its URL does not open it.
"""
from __future__ import annotations
import datetime as dt
import json

import streamlit as st

from envboard.security import audit, auth, lockout
from envboard.core.formatting import format_time
from envboard.core.i18n import language, t, table
from envboard.core.settings import get_setting

# the least role that may open each page (by url_path); others need "viewer"
PAGE_ROLES = {"import": "editor", "audit": "admin"}
LOGIN_PAGE = "app_pages/login.py"
HOME_PAGE = "app_pages/overview.py"
NO_ACCESS_PAGE = "app_pages/no_access.py"
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
            return note_oidc_sign_in(auth.user_from_claims(st.user.get("email"), auth.load_accounts()))
        except auth.AccountError:
            return None
    name = st.session_state.get(_SESSION_KEY)
    try:
        entry = auth.load_accounts().get(name or "")
    except auth.AccountError:
        return None
    return auth.User(name, entry.get("role", "viewer"), entry.get("region")) if entry else None


def client_address() -> str:
    """The visitor's address as Streamlit sees it ('' when unknown)."""
    try:
        address = st.context.ip_address
    except Exception:   # outside a browser session
        return ""
    return address if isinstance(address, str) else ""


def sign_in(name: str, password: str) -> str | None:
    """Check a local account; None on success (remembered in the session, audited), else the
    message key to show. Every attempt is audited; a locked account or client is not checked at all;
    if the audit entry cannot be written the sign-in does not happen."""
    if mode() != "local":
        return "auth.failed"
    store = audit.store_for()
    client = client_address()
    wait = lockout.wait_seconds(store.entries(), name, client)
    if wait:
        st.session_state["_auth_wait"] = wait
        return "auth.locked"
    try:
        user = auth.verify(name, password)
    except auth.AccountError:
        user = None
    try:
        if user is None:
            store.append(name[:64] or "unknown", "login_failed", {"account": name[:64], "client": client, "mode": "local"})
            return "auth.failed"
        store.append(user.name, "login", {"account": user.name, "client": client, "mode": "local"})
    except audit.AuditWriteError:
        return "auth.audit_failed"
    st.session_state[_SESSION_KEY] = user.name
    return None


def note_oidc_sign_in(user: auth.User | None) -> auth.User | None:
    """Audit an OIDC sign-in once per session; an OIDC user whose entry cannot be written is not let in."""
    if user is None or st.session_state.get("_oidc_audited") == user.name:
        return user
    try:
        audit.record(None, user.name, "login", {"account": user.name, "client": client_address(), "mode": "oidc"})
    except audit.AuditWriteError:
        return None
    st.session_state["_oidc_audited"] = user.name
    return user


def sign_out() -> None:
    """Forget the session's user first (signing out never fails), then audit it if possible."""
    user = current_user()
    st.session_state.pop(_SESSION_KEY, None)
    st.session_state.pop("_oidc_audited", None)
    if user is not None:
        try:
            audit.record(None, user.name, "logout", {"client": client_address()})
        except audit.AuditWriteError:
            pass
    if mode() == "oidc":
        st.logout()


def may_open(user: auth.User | None, url_path: str) -> bool:
    return user is not None and user.can(PAGE_ROLES.get(url_path, "viewer"))


def allowed_pages(pages: dict[str, list], user: auth.User | None) -> dict[str, list] | list:
    """The sections and pages `user` may open; only the sign-in page when nobody is signed in.

    Every other page of the app stays registered under its own URL, hidden, running the sign-in page
    (nobody signed in) or the no-access page (a role below the page's): a typed or bookmarked URL
    shows why it does not open instead of Streamlit's "Page not found", and right after signing in
    the same URL runs the real page."""
    every = [p for items in pages.values() for p in items if p.url_path]      # "" is the default page
    if user is None or not user.can("viewer"):
        return [_login_page(default=True)] + [_stand_in(LOGIN_PAGE, p) for p in every]
    kept = {section: [p for p in items if may_open(user, p.url_path)] for section, items in pages.items()}
    kept = {section: items for section, items in kept.items() if items}
    # hidden, so that the run right after signing in finds its page and moves on to the home page
    kept.setdefault("", []).append(_login_page(visibility="hidden"))
    kept[""] += [_stand_in(NO_ACCESS_PAGE, p) for p in every if not may_open(user, p.url_path)]
    return kept


def _stand_in(script: str, page) -> st.Page:
    return st.Page(script, title=page.title, url_path=page.url_path, visibility="hidden")


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
    """The audit log for the filters, newest first (empty before the first entry)."""
    return audit.frame(audit.store_for(), actor, action, since, until)


def audit_chain() -> tuple[bool, int, str]:
    """(intact, entries, where it breaks) of the audit log's hash chain."""
    return audit.store_for().verify()


def detail_text(raw: str) -> str:
    """An entry's detail (stored as JSON) as readable text: labelled fields, no JSON, no snake_case."""
    try:
        detail = json.loads(raw)
    except (TypeError, ValueError):
        return str(raw)
    sep = "；" if language() == "zh" else "; "
    if not isinstance(detail, dict):
        return _value_text(detail)
    if f"import.kind.{detail.get('kind')}" in table():
        detail = {**detail, "kind": t(f"import.kind.{detail['kind']}")}
    return sep.join(f"{_key_label(k)}: {_value_text(v)}" for k, v in detail.items() if v not in (None, "", [], {}))


def _key_label(key: str) -> str:
    return t(f"audit.key.{key}") if f"audit.key.{key}" in table() else key.replace("_", " ")


def _value_text(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{_key_label(k)} {_value_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_value_text(v) for v in value)
    return "" if value is None else str(value)


def audit_table(frame):
    """The entries with localised headers and action names."""
    shown = frame.assign(action=frame["action"].map(lambda a: t(f"audit.action.{a}") if a in audit.ACTIONS else a),
                         logged_at=frame["logged_at"].map(format_time), detail=frame["detail"].map(detail_text))
    return shown.rename(columns={"audit_id": t("audit.col.id"), "logged_at": t("audit.col.at"),
                                 "actor": t("audit.actor"), "action": t("audit.action"), "detail": t("audit.col.detail")})
