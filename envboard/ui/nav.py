"""The sidebar menu: every page listed in full (no "View more" in English), and each link carries
the one selection, so opening another page keeps scope, month and period in its URL and Back
returns to what was shown."""
from __future__ import annotations

import streamlit as st

from envboard.ui import filters


def menu(slot, sections: dict[str, list] | list) -> None:
    """Links to the visible pages, under their section captions, in `slot` (a sidebar container)."""
    if not isinstance(sections, dict):
        return
    params = filters.remembered_params()
    with slot:
        for section, pages in sections.items():
            shown = [p for p in pages if p.visibility == "visible"]
            if not shown:
                continue
            if section:
                st.caption(section)
            for page in shown:
                st.page_link(page, label=page.title, icon=page.icon or None, query_params=params)
