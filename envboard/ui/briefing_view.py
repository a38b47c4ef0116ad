"""Monthly briefing (月度通报) and meeting mode: rendering an edition, its editor, exports and issued editions."""
from __future__ import annotations

import datetime as dt
import hashlib
import json

import pandas as pd
import streamlit as st

from envboard.briefing import build, drafts, editions, exports, layout
from envboard.briefing import charts as briefing_charts
from envboard.core.formatting import format_time
from envboard.core.i18n import language, place, t
from envboard.ui import auth_gate, data, show
from envboard.ui.filters import Selection
from envboard.security import audit


@st.cache_data(max_entries=64, show_spinner=False)
def _build(scope_code: str, as_of: dt.date, data_version: int) -> dict:
    cur = data.reader().cursor()
    try:
        return build.build_edition(cur, scope_code, as_of)
    finally:
        cur.close()


def live_edition(sel: Selection) -> dict:
    """The draft edition of the selection on the current data (cached until the next import)."""
    return _build(sel.scope_code, sel.as_of, data.version())


def frozen_edition() -> dict | None:
    """The issued edition named by ?edition=, if any (an unknown id shows a warning)."""
    wanted = st.query_params.get("edition")
    if not wanted:
        return None
    ed = editions.load(wanted)
    if ed is None:
        st.warning(t("meeting.no_edition", id=wanted))
    return ed


def header(ed: dict) -> None:
    """Document title, issue status, data-as-of line (with data version) and ranking scope."""
    st.subheader(build.doc_title(ed))
    status = t("briefing.issued", when=format_time(ed["issued_at"])) if ed.get("issued_at") else t("briefing.draft")
    st.caption(" · ".join([status, t("briefing.as_of_line", date=ed["as_of"], version=ed["data_version"]),
                           t("briefing.peers", peers=place(ed["peers"]["name"]))]))
    if ed.get("issued_at"):
        st.info(t("briefing.viewing_frozen", id=ed["id"], version=ed["data_version"]), icon=":material/lock:")
        if st.button(t("briefing.back_to_live"), key="brief_back"):
            del st.query_params["edition"]
            st.query_params.update({"scope": ed["scope"]["code"], "month": ed["month"]})
            st.rerun()
    if language() == "en":
        st.caption(t("briefing.en_note"))
    target = {"edition": ed["id"]} if ed.get("id") else {"scope": ed["scope"]["code"], "month": ed["month"]}
    st.page_link("app_pages/meeting.py", label=t("briefing.meeting_link"), icon=":material/slideshow:",
                 query_params={**target, **({"lang": "en"} if language() == "en" else {})})


def headline(ed: dict) -> None:
    """KPI cards of the scope: value, numerator / denominator, change vs last year."""
    st.markdown(f"#### {t('briefing.headline')}")
    _kpis(layout.headline_frame(ed, language()))


def _kpis(frame: pd.DataFrame) -> None:
    """Headline figures as cards, three to a row: value, numerator / denominator and period, change."""
    cols = st.columns(3)
    for i, (name, period, value, num_den, change) in enumerate(frame.itertuples(index=False)):
        show.kpi(cols[i % 3], name, value, f"{num_den} · {period}", None if change == "—" else change, delta_color="off")


def _keys(ed: dict) -> tuple[str, str, str]:
    """Session keys of the draft of this scope and month: base version, conflict, widget prefix."""
    stem = f"{ed['scope']['code']}_{ed['month']}"
    return f"brief_base_{stem}", f"brief_conflict_{stem}", f"brief_text_{stem}_"


def _user_name() -> str:
    user = auth_gate.current_user()
    return user.name if user else "unknown"


def _may_edit() -> bool:
    user = auth_gate.current_user()
    return user is not None and user.can("editor")


def _edits_in_session(ed: dict, saved: dict) -> dict:
    """The text areas' edits (sections left as generated are absent); sections not on screen keep `saved`."""
    _, _, prefix = _keys(ed)
    edits = {}
    for s in ed["sections"]:
        value = st.session_state.get(prefix + s["key"])
        value = saved.get(s["key"], s["body"]) if value is None else value.strip()
        if value != s["body"]:
            edits[s["key"]] = value
    return edits


def _save_draft(ed: dict) -> None:
    """on_change of a text area: append a draft version, or record the conflict with a newer one."""
    base_key, conflict_key, _ = _keys(ed)
    latest = drafts.current(ed["scope"]["code"], ed["month"])
    try:
        saved = drafts.save(ed["scope"]["code"], ed["month"], _edits_in_session(ed, latest.edits if latest else {}),
                            _user_name(), st.session_state.get(base_key, 0))
    except drafts.DraftConflict as clash:
        st.session_state[conflict_key] = clash.current
        return
    st.session_state[base_key] = saved.version
    st.session_state.pop(conflict_key, None)


def _take_theirs(ed: dict, theirs: drafts.Draft) -> None:
    base_key, conflict_key, prefix = _keys(ed)
    for s in ed["sections"]:
        st.session_state[prefix + s["key"]] = theirs.edits.get(s["key"], s["body"])
    st.session_state[base_key] = theirs.version
    st.session_state.pop(conflict_key, None)


def _keep_mine(ed: dict, theirs: drafts.Draft) -> None:
    base_key, _, _ = _keys(ed)
    st.session_state[base_key] = theirs.version
    _save_draft(ed)


def _conflict(ed: dict, theirs: drafts.Draft) -> None:
    """Another editor saved first: show their version against ours; nothing is overwritten until chosen."""
    st.warning(t("briefing.draft_conflict", author=theirs.author, when=_when(theirs.saved_at), version=theirs.version),
               icon=":material/group:")
    for title, lines in drafts.diff_sections(ed["sections"], _edits_in_session(ed, theirs.edits), theirs.edits).items():
        st.markdown(f"**{title}**")
        st.code("\n".join(lines), language="diff", wrap_lines=True)
    left, right, _ = st.columns([1, 1, 2])
    left.button(t("briefing.draft_take_theirs"), key="brief_take_theirs", on_click=_take_theirs, args=(ed, theirs))
    right.button(t("briefing.draft_keep_mine"), key="brief_keep_mine", on_click=_keep_mine, args=(ed, theirs))


def _when(iso: str) -> str:
    return format_time(iso)


def text_editor(ed: dict) -> dict:
    """The sections in text areas, saved as a draft per scope and month on every change (read-only
    for an issued edition and for viewers); returns the edition with the edits."""
    frozen = bool(ed.get("issued_at"))
    st.markdown(f"#### {t('briefing.text_frozen' if frozen else 'briefing.text')}")
    if frozen:
        for s in build.final_sections(ed):
            st.text_area(s["title"], value=s["body"], key=f"brief_frozen_{ed['id']}_{s['key']}", height=110, disabled=True)
        return ed
    base_key, conflict_key, prefix = _keys(ed)
    saved = drafts.current(ed["scope"]["code"], ed["month"])
    st.session_state.setdefault(base_key, saved.version if saved else 0)
    st.caption(t("briefing.draft_saved", version=saved.version, author=saved.author, when=_when(saved.saved_at))
               if saved else t("briefing.draft_none"))
    if st.session_state.get(conflict_key):
        _conflict(ed, st.session_state[conflict_key])
    editable = _may_edit()
    for s in ed["sections"]:
        value = (saved.edits if saved else {}).get(s["key"], s["body"])
        text = st.text_area(s["title"], value=value, key=prefix + s["key"], height=110, disabled=not editable,
                            on_change=_save_draft, args=(ed,))
        if text.strip() != s["body"]:
            st.caption(t("briefing.edited"))
    edits = _edits_in_session(ed, saved.edits if saved else {})
    _draft_diffs(ed, edits)
    return {**ed, "edits": edits}


def _draft_diffs(ed: dict, edits: dict) -> None:
    """The text against the generated text, and any two saved versions against each other."""
    with st.expander(t("briefing.diff_generated")):
        changed = drafts.diff_sections(ed["sections"], {}, edits)
        for title, lines in changed.items():
            st.markdown(f"**{title}**")
            st.code("\n".join(lines), language="diff", wrap_lines=True)
        if not changed:
            st.caption(t("briefing.diff_generated_none"))
    versions = drafts.history(ed["scope"]["code"], ed["month"])
    if not versions:
        return
    with st.expander(t("briefing.draft_history", n=len(versions))):
        st.dataframe(pd.DataFrame([(v.version, v.author, _when(v.saved_at), t(f"briefing.draft_action.{v.action}"), v.edition_id or "")
                                   for v in versions],
                                  columns=[t(f"briefing.col.{c}") for c in ("version", "author", "saved_at", "action", "edition")]),
                     hide_index=True, width="stretch")
        if len(versions) < 2:
            return
        numbers = [v.version for v in versions]
        left, right = st.columns(2)
        a = left.selectbox(t("briefing.diff_a"), numbers, index=1, key="brief_ver_a")
        b = right.selectbox(t("briefing.diff_b"), numbers, index=0, key="brief_ver_b")
        by = {v.version: v for v in versions}
        for title, lines in drafts.diff_sections(ed["sections"], by[a].edits, by[b].edits).items():
            st.markdown(f"**{title}**")
            st.code("\n".join(lines), language="diff", wrap_lines=True)


def ranked_tables(ed: dict) -> None:
    st.markdown(f"#### {t('briefing.tables')}")
    st.caption(t("briefing.change_note"))
    for title, frame in layout.ranked_frames(ed, language()).values():
        st.markdown(f"**{title}**")
        st.dataframe(frame, hide_index=True, width="stretch")


def lists(ed: dict) -> None:
    """Overdue and at-risk tasks by responsible unit; supervision actions of the month."""
    lang = language()
    st.markdown(f"#### {layout.table_title(ed, 'units', lang)}")
    if ed["watchlist"]:
        left, right = st.columns([1, 2])
        left.dataframe(layout.units_frame(ed, lang), hide_index=True, width="stretch")
        right.dataframe(layout.watchlist_frame(ed, lang), hide_index=True, width="stretch", height=300)
    else:
        st.caption(t("briefing.none"))
    st.markdown(f"#### {t('briefing.supervision')}")
    left, right = st.columns([1, 2])
    left.caption(layout.table_title(ed, "supervision_ytd", lang))
    right.caption(layout.table_title(ed, "supervision_month", lang))
    left.dataframe(layout.supervision_totals(ed, lang), hide_index=True, width="stretch")
    if ed["supervision_month"]:
        right.dataframe(layout.supervision_frame(ed, lang), hide_index=True, width="stretch")
    else:
        right.caption(t("briefing.none"))


def chart_section(ed: dict) -> None:
    st.markdown(f"#### {t('briefing.charts')}")
    figs = _figures(_fingerprint(ed), language(), ed)
    cols = st.columns(max(len(figs), 1))
    for col, (key, fig) in zip(cols, figs.items()):
        with col:
            show.chart(fig, key=f"brief_chart_{key}")


@st.cache_resource(max_entries=64, show_spinner=False)
def _figures(fingerprint: str, lang: str, _ed: dict) -> dict:
    """The edition's charts, built once per edition content and language and shared by every session
    (plotly only reads a figure when drawing it)."""
    return briefing_charts.figures(_ed, lang)


def _fingerprint(ed: dict) -> str:
    return hashlib.sha256(json.dumps(ed, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _download_buttons(ed: dict, files: dict) -> None:
    cols = st.columns(len(files) + 1)
    for col, (fmt, content) in zip(cols, files.items()):
        col.download_button(t("briefing.download", fmt=fmt.upper()), content, exports.file_name(ed, fmt), exports.MIME[fmt],
                            key=f"brief_dl_{fmt}", icon=":material/download:")


def export_and_publish(ed: dict) -> None:
    """Export buttons; for a draft also 发布本期 (freeze figures, text with edits and files)."""
    st.markdown(f"#### {t('briefing.exports')}")
    if ed.get("issued_at"):
        _download_buttons(ed, {fmt: path.read_bytes() for fmt, path in editions.issued_files(ed["id"]).items()})
        return
    left, right, _ = st.columns([1, 1, 2])
    fp = _fingerprint(ed)
    if left.button(t("briefing.make_exports"), key="brief_make", icon=":material/description:"):
        st.session_state["brief_files"] = (fp, _export_with_progress(ed))
    made = st.session_state.get("brief_files")
    if made and made[0] == fp:
        _download_buttons(ed, made[1])
    if not _may_publish():
        return
    if right.button(t("briefing.publish"), key="brief_publish", type="primary", help=t("briefing.publish_help"),
                    icon=":material/verified:"):
        base_key, conflict_key, _ = _keys(ed)
        try:   # the published text must be the latest saved draft: record it first (refused on a conflict)
            drafts.save(ed["scope"]["code"], ed["month"], ed["edits"], _user_name(), st.session_state.get(base_key, 0))
        except drafts.DraftConflict as clash:
            st.session_state[conflict_key] = clash.current
            st.rerun()
        _audit_edition(ed)
        issued, _ = editions.freeze(ed, _export_with_progress)
        latest = drafts.current(ed["scope"]["code"], ed["month"])
        done = drafts.save(ed["scope"]["code"], ed["month"], ed["edits"], _user_name(), latest.version if latest else 0,
                           action="publish", edition_id=issued["id"])
        st.session_state[base_key] = done.version
        st.query_params["edition"] = issued["id"]
        st.rerun()


def _export_with_progress(ed: dict) -> dict[str, bytes]:
    """All three files, with a progress bar naming the step (charts, DOCX, PDF, XLSX)."""
    bar = st.progress(0.0, text=t("briefing.progress.charts"))

    def report(done: int, total: int, step: str) -> None:
        bar.progress(done / total, text=t(f"briefing.progress.{step}", fmt=step.upper()))

    files = exports.export(ed, list(exports.FORMATS), progress=report)
    bar.empty()
    return files


def _may_publish() -> bool:
    """Issuing an official edition is an administrator's act (the single user in open mode)."""
    user = auth_gate.current_user()
    return user is not None and user.can("admin")


def _audit_edition(ed: dict) -> None:
    """Record the issue before it happens: if the entry cannot be written, nothing is issued."""
    user = auth_gate.current_user()
    audit.record(None, user.name if user else None, "edition",
                 {"scope": (ed.get("scope") or {}).get("code"), "month": ed.get("month"), "data_version": ed.get("data_version")})


def past_editions() -> None:
    """The list of issued editions; choosing one reopens it exactly as issued."""
    rows = editions.list_editions()
    if not rows:
        st.caption(t("briefing.no_editions"))
        return
    frame = pd.DataFrame(rows)[["id", "scope_name", "month", "issued_at", "data_version"]]
    frame["issued_at"] = frame["issued_at"].map(format_time)
    frame.columns = [t(f"briefing.col.{c}") for c in ["edition", "scope", "month", "issued_at", "data_version"]]
    st.dataframe(frame, hide_index=True, width="stretch")
    ids = [r["id"] for r in rows]
    choice = st.selectbox(t("briefing.open_edition"), ids, key="brief_open")
    left, right, _ = st.columns([1, 1, 3])
    if left.button(t("briefing.open_edition"), key="brief_open_btn"):
        st.query_params["edition"] = choice
        st.rerun()
    right.page_link("app_pages/meeting.py", label=t("briefing.meeting_link"), icon=":material/slideshow:",
                    query_params={"edition": choice})


FIGURE_LABELS = {"closure_rate_pct": "metric.closure_rate", "tasks_closed": "col.tasks_closed",
                 "tasks_under_closure": "col.tasks_under_closure", "tasks_total": "col.tasks_total",
                 "tasks_done": "col.tasks_done", "tasks_overdue": "col.tasks_overdue",
                 "petition_resolution_rate_pct": "metric.resolution_rate", "petitions_closed": "briefing.num.resolution_rate",
                 "petitions_received": "briefing.den.resolution_rate", "good_days_pct": "metric.good_days_share",
                 "water_good_pct": "metric.water_good_share", "closure_rate_change_pp": "briefing.fig.closure_change",
                 "petition_resolution_rate_change_pp": "briefing.fig.resolution_change"}


def _figure_label(key: str) -> str:
    """A diff row's name: 销号率 · 赣州市 for a table cell, the metric label for a headline figure."""
    head, _, rest = key.partition(".")
    if head in layout.SPECS and rest:
        return f"{t(f'briefing.value.{head}')} · {rest}"
    if key in FIGURE_LABELS:
        return t(FIGURE_LABELS[key])
    return key


def _figure_value(value) -> str:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return f"{value[0]} · {t('briefing.col.rank')} {value[1]}"
    return "—" if value is None else str(value)


def diff_view() -> None:
    """Two issued editions side by side: changed figures and changed text."""
    rows = editions.list_editions()
    if len(rows) < 2:
        st.caption(t("briefing.diff_need_two"))
        return
    ids = [r["id"] for r in rows]
    left, right = st.columns(2)
    older = left.selectbox(t("briefing.diff_a"), ids, index=1, key="brief_diff_a")
    newer = right.selectbox(t("briefing.diff_b"), ids, index=0, key="brief_diff_b")
    result = editions.diff(editions.load(older), editions.load(newer))
    if not result["figures"] and not result["text"]:
        st.success(t("briefing.diff_none"))
        return
    st.markdown(f"#### {t('briefing.diff_figures')}")
    frame = pd.DataFrame([(_figure_label(k), _figure_value(a), _figure_value(b)) for k, a, b in result["figures"]],
                         columns=[t("briefing.col.figure"), t("briefing.col.before"), t("briefing.col.after")])
    st.dataframe(frame, hide_index=True, width="stretch")
    st.markdown(f"#### {t('briefing.diff_text')}")
    for title, lines in result["text"].items():
        st.markdown(f"**{title}**")
        st.code("\n".join(lines), language="diff", wrap_lines=True)


def edition_page(ed: dict) -> None:
    """Everything of one edition on the briefing page."""
    headline(ed)
    ed = text_editor(ed)
    ranked_tables(ed)
    lists(ed)
    chart_section(ed)
    export_and_publish(ed)


MEETING_SECTIONS = ["cover", "rectification", "petitions", "supervision", "environment", "overdue", "requirements"]
MEETING_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {display: none;}
[data-testid="stMainBlockContainer"] {max-width: 100%; padding: 1.5rem 3rem;}
[class*="st-key-meeting-title"] [data-testid="stText"] {font-size: 2.8rem; font-weight: 700; line-height: 1.3;}
[class*="st-key-meeting-body"] [data-testid="stText"] {font-size: 1.9rem; line-height: 1.75; text-indent: 2em;}
[class*="st-key-meeting-meta"] [data-testid="stText"] {font-size: 1.2rem; color: #555;}
[class*="st-key-meeting-"] [data-testid="stText"] {font-family: inherit; white-space: pre-wrap;}
[class*="st-key-meeting-meta-page"] {text-align: center;}
[data-testid="stMetricValue"] {font-size: 3.2rem;}
[data-testid="stMetricLabel"] p {font-size: 1.3rem;}
[data-testid="stCaptionContainer"] {font-size: 1.1rem;}
[data-testid="stTable"] th, [data-testid="stTable"] td {font-size: 1.35rem; padding: 0.35rem 0.8rem;}
</style>"""


def meeting_section() -> str:
    """The section named by ?section= (cover by default)."""
    wanted = st.query_params.get("section", "cover")
    return wanted if wanted in MEETING_SECTIONS else "cover"


def _go(section: str) -> None:
    st.query_params["section"] = section
    st.rerun()


def meeting_nav(current: str) -> None:
    """Previous / next buttons, the page number and a way out."""
    i = MEETING_SECTIONS.index(current)
    prev_col, page_col, next_col, exit_col = st.columns([1, 2, 1, 1])
    if prev_col.button(t("meeting.prev"), key="meet_prev", disabled=i == 0, icon=":material/chevron_left:", width="stretch"):
        _go(MEETING_SECTIONS[i - 1])
    with page_col:
        _big(t("meeting.page", n=i + 1, total=len(MEETING_SECTIONS)), "meeting-meta", "page")
    if next_col.button(t("meeting.next"), key="meet_next", disabled=i == len(MEETING_SECTIONS) - 1,
                       icon=":material/chevron_right:", width="stretch"):
        _go(MEETING_SECTIONS[i + 1])
    exit_col.page_link("app_pages/briefing.py", label=t("meeting.exit"), icon=":material/close:")


def _big(text: str, css: str, slot: str) -> None:
    """`text` as plain text (st.text: no HTML, no Markdown) in a container styled by its key.

    Section bodies carry imported names (责任单位), so they are never given to an HTML or
    Markdown renderer: a unit named "<a href=…>" or "[x](…)" shows as those characters.
    """
    with st.container(key=f"{css}-{slot}"):
        st.text(text)


def _cover(ed: dict) -> None:
    _big(build.doc_title(ed), "meeting-title", "cover")
    _big(f"{build.edition_date(ed)}　{build.as_of_line(ed)}", "meeting-meta", "cover")
    _kpis(layout.headline_frame(ed, language()))


MEETING_EXTRAS = {"rectification": "closure_rate", "petitions": "resolution_rate", "environment": "composite_index",
                  "overdue": "tasks_overdue"}


def meeting(ed: dict) -> None:
    """One section of the edition per screen, in large type."""
    st.markdown(MEETING_CSS, unsafe_allow_html=True)
    current = meeting_section()
    meeting_nav(current)
    if current == "cover":
        _cover(ed)
        return
    section = next(s for s in build.final_sections(ed) if s["key"] == current)
    _big(section["title"], "meeting-title", current)
    _big(f"{build.doc_title(ed)}　{build.as_of_line(ed)}", "meeting-meta", current)
    _big(section["body"], "meeting-body", current)
    key = MEETING_EXTRAS.get(current)
    figs = _figures(_fingerprint(ed), language(), ed)
    if key in figs:
        show.chart(figs[key].update_layout(font={"size": 18}).update_yaxes(tickfont={"size": 18}), key=f"meet_chart_{key}")
    elif key:
        _big(layout.table_title(ed, key, language()), "meeting-meta", f"{current}-table")
        st.table(layout.ranked_frame(ed, key, language()).set_index(t("briefing.col.rank", language())))
    elif current == "supervision":
        _big(layout.table_title(ed, "supervision_ytd", language()), "meeting-meta", f"{current}-table")
        st.table(layout.supervision_totals(ed, language()).set_index(t("briefing.col.kind", language())))
