"""The sidebar menu: every page listed in full (no "View more" in English), and each link carries
the one selection, so opening another page keeps scope, month and period in its URL and Back
returns to what was shown. An entry that is a preset of another page (销号率排名 → 排行榜) opens
that page with the preset's parameters."""
from __future__ import annotations

import re

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from envboard.core.i18n import t
from envboard.ui import filters, rank_view

# url_path of a menu entry → (url_path of the page it opens, the preset laid over the selection)
PRESET_ENTRIES: dict[str, tuple[str, str]] = {"closure-rank": ("leaderboard", "closure")}

_PATH = re.compile(r"[A-Za-z0-9._~-]{1,80}")


def menu(slot, sections: dict[str, list] | list) -> None:
    """Links to the visible pages, under their section captions, in `slot` (a sidebar container)."""
    if not isinstance(sections, dict):
        return
    params = filters.remembered_params()
    by_path = {p.url_path: p for pages in sections.values() for p in pages}
    with slot:
        for section, pages in sections.items():
            shown = [p for p in pages if p.visibility == "visible"]
            if not shown:
                continue
            if section:
                st.caption(section)
            for page in shown:
                target, preset = PRESET_ENTRIES.get(page.url_path, (None, None))
                if target in by_path:
                    st.page_link(by_path[target], label=page.title, icon=page.icon or None,
                                 query_params=rank_view.preset_params(preset, params))
                else:
                    st.page_link(page, label=page.title, icon=page.icon or None, query_params=params)


def requested_path() -> str:
    """The page name of the address the visitor opened (/leaderboard → leaderboard), "" for the root
    or when the run was started by a link within the app."""
    ctx = get_script_run_ctx()
    name = getattr(getattr(ctx, "pages_manager", None), "intended_page_name", None) if ctx else None
    return (name or "").strip("/")


def with_not_found(sections: dict[str, list] | list, home, params: dict[str, str] | None = None,
                   text: str = "notfound.text") -> dict[str, list] | list:
    """`sections` plus, when the address names no page the visitor may open, a hidden page of ours at
    that address saying so in the visitor's language (Streamlit's own answer is an English dialog and
    a silent switch to the first page)."""
    name = requested_path()
    pages = [p for group in (sections.values() if isinstance(sections, dict) else [sections]) for p in group]
    if not name or not _PATH.fullmatch(name) or any(p.url_path == name for p in pages):
        return sections

    def not_found() -> None:
        st.title(t("notfound.title"))
        st.write(t(text, path=f"/{name}"))
        st.page_link(home, label=t("notfound.home", page=home.title), icon=":material/home:", query_params=params)

    page = st.Page(not_found, title=t("notfound.title"), icon=":material/help:", url_path=name, visibility="hidden")
    if isinstance(sections, dict):
        return {**sections, "": [*sections.get("", []), page]}
    return [*sections, page]
