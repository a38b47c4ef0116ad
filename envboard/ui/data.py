"""Data access for pages: one Reader per process, results cached on (query, data version, params)."""
from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from envboard.cli import common as cli_core
from envboard.core import db, queries
from envboard.domain import metrics
from envboard.core.i18n import t
from envboard.core.regions import Region, resolve_scope
from envboard.ui import scope_guard


@st.cache_resource
def reader() -> db.Reader:
    """The process's read connection (re-attaches after an import replaced the file)."""
    return db.Reader(db.store(), background=True)


@dataclass
class _Build:
    """The server's one demo-database build: runs in its own thread, so a closed tab does not abandon it."""
    fraction: float = 0.0
    step: str = ""
    failed: bool = False
    thread: threading.Thread | None = None


@st.cache_resource(show_spinner=False)
def _build(path_text: str) -> _Build:
    """Start the build of `path_text` once per server process; every visitor watches the same build."""
    build = _Build()

    def progress(fraction: float, step: str) -> None:
        build.fraction, build.step = fraction, step

    def work() -> None:
        try:
            cli_core.ensure_database(Path(path_text), progress=progress)
        except Exception:       # noqa: BLE001 — shown as a message; the next visit starts a new build
            build.failed = True

    build.thread = threading.Thread(target=work, name="envboard-demo-build", daemon=True)
    build.thread.start()
    return build


def ensure_db() -> None:
    """Create the demo database on first start, with a progress bar. The build belongs to the server,
    not to the browser tab: closing the tab leaves it running, and the next visit waits for it."""
    path = db.store()
    if path.exists():
        return
    build = _build(str(path))
    bar = st.progress(0.0, text=t("common.building_db"))
    while build.thread.is_alive():
        bar.progress(min(max(build.fraction, 0.0), 1.0), text=f"{t('common.building_db')} {build.step}")
        time.sleep(0.3)
    bar.empty()
    if build.failed or not path.exists():
        _build.clear()
        st.error(t("common.build_failed"))
        st.stop()


def version() -> int:
    return reader().data_version()


@st.cache_data(max_entries=512, show_spinner=False)
def _run(name: str, data_version: int, items: tuple) -> pd.DataFrame:
    cur = reader().cursor()
    try:
        return queries.run(cur, name, **dict(items))
    finally:
        cur.close()


def query(name: str, **params) -> pd.DataFrame:
    """queries/<name>.sql with params, cached until the next import; only inside the user's region."""
    _guard(name, params)
    return _run(name, version(), tuple(sorted(params.items())))


def _task_region(task_id: str) -> str | None:
    rows = _run("task_region", version(), (("task_id", task_id),))
    return None if rows.empty else rows.iloc[0]["region_code"]


def _guard(name: str, params: dict) -> None:
    """Stop the page when the query reaches outside the signed-in user's region."""
    if not scope_guard.allowed(name, params, scope_guard.user_region(), _task_region):
        st.error(t("auth.out_of_scope"))
        st.stop()


@st.cache_data(max_entries=256, show_spinner=False)
def _summary(code: str, as_of: dt.date, data_version: int) -> dict:
    cur = reader().cursor()
    try:
        return metrics.summary(cur, region(code), as_of)
    finally:
        cur.close()


def summary(code: str, as_of: dt.date) -> dict:
    """metrics.summary of a scope as of a month end, cached until the next import."""
    _guard("summary", {"scope_code": code})
    return _summary(code, as_of, version())


def region(code: str) -> Region:
    cur = reader().cursor()
    try:
        return resolve_scope(cur, code)
    finally:
        cur.close()


def meta(key: str) -> str | None:
    cur = reader().cursor()
    try:
        return db.get_meta(cur, key)
    finally:
        cur.close()
