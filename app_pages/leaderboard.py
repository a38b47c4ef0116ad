"""排行榜 — peer regions ranked by any registry metric over a period (standing or improvement)."""
import streamlit as st

from envboard.core.i18n import t
from envboard.ui import rank_view, show

sel = rank_view.selection(key="lb")
board = rank_view.board(sel)

st.title(t("rank.title"))
rank_view.sentence(sel, board)
show.coverage_note(sel.scope, sel.period.start, sel.period.end, show.COVERAGE_BY_GROUP.get(board.metric.group, show.COVERAGE_DOMAINS))
if board.ranked.empty:
    st.info(t("rank.no_rows"))
    rank_view.ranked_table(board, sel, key="lb")
    st.stop()
highlight = rank_view.highlight_picker(board, sel, key="lb")
rank_view.bar_chart(board, highlight)
rank_view.ranked_table(board, sel, key="lb")
rank_view.best_worst(board)
if sel.metric == "integrated_score":
    rank_view.score_panel(sel)
