"""Pieces of the 数据导入 page: templates, upload with a size limit, dry run, commit, history, rollback."""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from envboard.security import auth
from envboard.core import db, export_safety
from envboard.core.errors import UsageError
from envboard.core.formatting import format_time
from envboard.core.i18n import language, t, table
from envboard.ingest import api
from envboard.ingest.context import Options
from envboard.ingest.error_report import report_bytes
from envboard.ingest.mapping import KINDS
from envboard.ingest.templates import write_template
from envboard.core.settings import get_setting
from envboard.ui import data, prewarm, show
from envboard.ui.import_mapping import localized
from envboard.ui.auth_gate import current_user

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERROR_COLUMNS = ("file", "sheet", "row", "column", "value", "reason", "severity")
HISTORY_COLUMNS = ("import_id", "kind", "file_name", "imported_by", "imported_at", "inserted", "updated",
                   "unchanged", "rejected", "rolled_back_at")


def limit_mb() -> int:
    return int(get_setting("max_upload_mb"))


@st.cache_data(show_spinner=False)
def template_bytes(kind: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return write_template(kind, Path(tmp) / f"{kind}.xlsx").read_bytes()


def templates() -> None:
    """One download button per kind of data."""
    with st.expander(t("import.templates"), icon=":material/download:"):
        cols = st.columns(len(KINDS))
        for col, kind in zip(cols, KINDS):
            label = t(f"import.kind.{kind}")
            col.download_button(t("import.template_button", kind=label), template_bytes(kind),
                                f"{label}模板.xlsx", XLSX_MIME, key=f"tpl_{kind}")


def choose_kind() -> str:
    return st.selectbox(t("import.kind"), KINDS, format_func=lambda k: t(f"import.kind.{k}"), key="import_kind")


def upload() -> tuple[str, bytes] | None:
    """(file name, bytes) of the uploaded file when within the size limit, else None."""
    limit = limit_mb()
    show.uploader_text(t("import.upload_button"), t("import.dropzone"), t("import.dropping"))
    up = st.file_uploader(t("import.file", limit=limit), type=["xlsx", "xls", "csv"], key="import_file",
                          max_upload_size=limit)
    if up is None:
        return None
    if up.size > limit << 20:
        st.error(t("import.too_large", size=round(up.size / 2**20, 1), limit=limit))
        return None
    return up.name, up.getvalue()


def options_form() -> dict:
    """Values the file may lack: inspection, batch and hand-over date (empty: read from the file)."""
    cur = data.reader().cursor()
    try:
        ids = [r[0] for r in cur.execute("select inspection_id from inspections order by stationed_from desc").fetchall()]
    finally:
        cur.close()
    with st.expander(t("import.options"), icon=":material/tune:", expanded=True):
        cols = st.columns(4)
        inspection = cols[0].selectbox(t("import.inspection"), ["", *ids], key="import_inspection",
                                       format_func=lambda i: i or t("import.from_file"))
        batch = cols[1].number_input(t("import.batch"), min_value=0, max_value=99, value=0, key="import_batch")
        received = cols[2].date_input(t("import.received_on"), value=None, key="import_received")
        as_of = cols[3].date_input(t("import.as_of"), value=None, key="import_as_of")
        st.caption(t("import.as_of_help"))
    return {"inspection_id": inspection or None, "batch_no": int(batch) or None, "received_on": received,
            "as_of": as_of}


def options_for(user: auth.User, extra: dict | None = None) -> Options:
    return Options(user=user.name, allowed_region=auth.allowed_regions(user), **(extra or {}))


def run_preview(user: auth.User, kind: str, name: str, content: bytes, extra: dict) -> api.PreviewResult:
    """The dry run of this file, computed once per (file, kind, options, user, data version)."""
    key = ("import_preview", hashlib.sha256(content).hexdigest(), kind, user.name, data.version(),
           tuple(sorted(extra.items())))
    cached = st.session_state.get("import_preview")
    if cached and cached[0] == key:
        return cached[1]
    bar = st.progress(0.0, text=t("import.reading"))
    cur = data.reader().cursor()
    try:
        result = api.preview(content, name, kind, con=cur, options=options_for(user, extra),
                             progress=lambda f: bar.progress(min(max(f, 0.0), 1.0), text=t("import.reading")))
    finally:
        cur.close()
    bar.empty()
    st.session_state["import_preview"] = (key, result)
    return result


def counts(result: api.PreviewResult) -> None:
    c = result.counts
    cols = st.columns(4)
    for col, name in zip(cols, ("inserted", "updated", "unchanged", "rejected")):
        col.metric(t(f"import.counts.{name}"), f"{getattr(c, name):,}")


def mapping(result: api.PreviewResult) -> None:
    if result.mapping:
        with st.expander(t("import.mapping"), icon=":material/table_chart:"):
            st.dataframe(pd.DataFrame(result.mapping), hide_index=True, width="stretch")


def preview_rows(result: api.PreviewResult) -> None:
    """The first rows to be written, with headers and coded values in the user's language."""
    if len(result.preview_frame):
        st.caption(t("import.rows_preview", n=len(result.preview_frame)))
        st.dataframe(localized(result.preview_frame, result.kind).map(export_safety.safe_cell), hide_index=True,
                     width="stretch", height=260)


def error_frame(result: api.PreviewResult) -> pd.DataFrame:
    """The problems as a table with localised headers (file, sheet, row, column, value, reason, severity)."""
    rows = [e.as_dict(language()) for e in result.errors]
    frame = pd.DataFrame(rows, columns=[*ERROR_COLUMNS, "message_key"]).drop(columns="message_key")
    frame["severity"] = frame["severity"].map(lambda s: t(f"import.sev.{s}"))
    frame[["sheet", "column", "value"]] = frame[["sheet", "column", "value"]].fillna("")
    return frame.rename(columns={c: t(f"import.col.{c}") for c in ERROR_COLUMNS}).map(export_safety.safe_cell)


def errors(result: api.PreviewResult) -> None:
    """The problem list with an XLSX error report to download."""
    if not result.errors:
        return
    st.subheader(t("import.errors", errors=result.n_errors, warnings=result.n_warnings))
    st.dataframe(error_frame(result), hide_index=True, width="stretch")
    st.download_button(t("import.error_report"), report_bytes(result.errors, language()),
                       f"{Path(result.file).stem}.errors.xlsx", XLSX_MIME, key="import_report",
                       icon=":material/download:")


def commit(user: auth.User, kind: str, name: str, content: bytes, extra: dict) -> None:
    """The import button: one all-or-nothing write, with a progress bar."""
    if not st.button(t("import.commit"), type="primary", key="import_commit"):
        return
    bar = st.progress(0.0, text=t("import.committing"))
    try:
        result = api.commit(content, name, kind, options=options_for(user, extra),
                            progress=lambda f: bar.progress(min(max(f, 0.0), 1.0), text=t("import.committing")))
    except db.ImportBusy:
        bar.empty()
        st.error(t("ingest.err.busy"))
        return
    bar.empty()
    st.session_state.pop("import_preview", None)
    if result.status == "imported":
        prewarm.start()      # the new data version's default views, before anyone asks for them
        c = result.counts
        st.success(t("import.done", import_id=result.import_id, inserted=c.inserted, updated=c.updated,
                     unchanged=c.unchanged))
    else:
        st.error(t("import.rejected"))


def history(user: auth.User) -> None:
    """The import history; administrators can roll an import back."""
    st.subheader(t("import.history"))
    cur = data.reader().cursor()
    try:
        frame = api.history(cur)
    finally:
        cur.close()
    if frame.empty:
        st.info(t("import.no_history"))
        return
    shown = frame.drop(columns=["content_hash"], errors="ignore")
    shown = shown.assign(**{c: shown[c].map(format_time) for c in ("imported_at", "rolled_back_at") if c in shown})
    if "kind" in shown:         # 整改任务 / 示例数据, not tasks / demo
        shown["kind"] = [t(f"import.kind.{k}") if f"import.kind.{k}" in table() else k for k in shown["kind"]]
    st.dataframe(shown.rename(columns={c: t(f"import.hist.{c}") for c in HISTORY_COLUMNS if c in shown.columns}),
                 hide_index=True, width="stretch")
    if user.can("admin"):
        rollback(frame)


def rollback(frame: pd.DataFrame) -> None:
    ids = [int(i) for i in frame.loc[frame["rolled_back_at"].isna() & (frame["import_id"] > 0), "import_id"]]
    if not ids:
        return
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    chosen = left.selectbox(t("import.rollback_id"), ids, key="rollback_id")
    if right.button(t("import.rollback_button"), key="rollback_go"):
        _do_rollback(int(chosen))


def _do_rollback(import_id: int) -> None:
    try:
        api.rollback(import_id, actor=current_user().name)
    except db.ImportBusy:
        st.error(t("ingest.err.busy"))
        return
    except UsageError as exc:   # later import not rolled back, already rolled back, demo data
        st.error(str(exc))
        return
    st.success(t("import.rolled_back", import_id=import_id))
