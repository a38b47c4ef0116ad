"""数据导入: the grouped unknown values an editor maps once, and the dry-run rows in the user's language."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from envboard.core import db
from envboard.security import auth
from envboard.core.i18n import label, language, t, table
from envboard.ingest import api
from envboard.ingest.mapping import ENTITIES

# staged value codes → string-table prefixes for their labels
_VALUE_LABELS = {"pollution_type": "ptype", "category": "category", "status": "status", "kind": "kind",
                 "substantiated": "import.truth", "control_level": "import.level", "body_type": "import.body",
                 "round_label": "round", "unit_kind": "import.unit_kind"}


def unknown_values(user: auth.User, kind: str, result: api.PreviewResult) -> None:
    """One row per unreadable word with a choice of known values; saving stores them for later imports."""
    if not result.unknown_values:
        return
    st.subheader(t("import.unknown.title"))
    st.caption(t("import.unknown.intro"))
    chosen = []
    for i, u in enumerate(result.unknown_values[:30]):
        left, right = st.columns([3, 2], vertical_alignment="bottom")
        where = t("import.unknown.where", sheet=u.sheet or "", row=u.first_row) if u.first_row else ""
        left.markdown(t("import.unknown.row", column=u.column, value=u.value, rows=u.rows, where=where))
        options = ["", *u.choices(kind)]
        pick = right.selectbox(t("import.unknown.map_to"), options, key=f"map_{i}", label_visibility="collapsed",
                               format_func=lambda v: v or t("import.unknown.choose"))
        if pick:
            chosen.append((u.field, u.value, pick))
    scope = None if user.can("admin") else user.region
    st.caption(t("import.unknown.scope", scope=scope or t("import.unknown.every_scope")))
    if st.button(t("import.unknown.save", n=len(chosen)), disabled=not chosen, key="map_save", type="primary"):
        _save(kind, scope, chosen, user)


def _save(kind: str, scope: str | None, chosen: list, user: auth.User) -> None:
    try:
        api.save_value_maps(kind, scope, chosen, user.name)
    except db.ImportBusy:
        st.error(t("ingest.err.busy"))
        return
    st.session_state.pop("import_preview", None)
    st.success(t("import.unknown.saved", n=len(chosen)))
    st.rerun()


def localized(frame: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The staged rows with headers and coded values in the user's language; blanks for missing values."""
    out = frame.copy()
    for name in out.columns:
        if str(out[name].dtype).startswith("datetime64"):
            out[name] = out[name].dt.strftime("%Y-%m-%d")
    for name, prefix in _VALUE_LABELS.items():
        if name in out.columns:
            out[name] = out[name].map(lambda v, p=prefix: label(p, v) if isinstance(v, str) else v)
    if "pollution_types" in out.columns:
        out["pollution_types"] = out["pollution_types"].map(
            lambda vs: "、".join(label("ptype", v) for v in vs) if vs is not None and len(vs) else None)
    for name in out.columns:
        if out[name].dtype == bool or str(out[name].dtype) == "boolean":
            out[name] = out[name].map(lambda v: t("import.yes") if v is True else t("import.no") if v is False else None)
    out = out.astype(object).where(out.notna(), "")
    return out.rename(columns={c: _label(kind, c) for c in out.columns})


def _label(kind: str, column: str) -> str:
    key = f"import.field.{column}"
    if key in table():
        return t(key)
    for f in ENTITIES.get(kind, ()):
        if f.name == column:
            return f.label_zh
    return column


def as_of_hint() -> None:
    """Explain the as-of date once, next to the options."""
    st.caption(t("import.as_of_help"))


__all__ = ["unknown_values", "localized", "as_of_hint", "language"]
