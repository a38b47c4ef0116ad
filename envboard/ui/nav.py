"""The sidebar menu: every page listed in full (no "View more" in English), and each link carries
the one selection, so opening another page keeps scope, month and period in its URL and Back
returns to what was shown. An entry that is a preset of another page (销号率排名 → 排行榜) opens
that page with the preset's parameters."""
from __future__ import annotations

import streamlit as st

from envboard.ui import filters, rank_view

# url_path of a menu entry → (url_path of the page it opens, the preset laid over the selection)
PRESET_ENTRIES: dict[str, tuple[str, str]] = {"closure-rank": ("leaderboard", "closure")}


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
