"""Filters: widgets kept in sync with st.query_params, so a copied URL reopens the same view."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from envboard.core import i18n
from envboard.domain import metrics
from envboard.core.errors import UsageError
from envboard.core.i18n import t
from envboard.ui import data


@dataclass(frozen=True)
class Selection:
    scope_code: str
    scope_name: str
    as_of: dt.date          # last day of the as-of month
    province_code: str = ""  # the scope's province: the peer group a city is ranked in

    @property
    def month_text(self) -> str:
        return t("common.month_fmt", year=self.as_of.year, month=self.as_of.month)


def language() -> str:
    """The UI language from ?lang= (zh default), with a sidebar switch."""
    current = _remembered("lang", "zh")
    current = current if current in i18n.LANGS else "zh"
    choice = st.sidebar.radio("语言 / Language", i18n.LANGS, index=i18n.LANGS.index(current),
                              format_func=lambda c: {"zh": "中文", "en": "English"}[c], horizontal=True, key="lang_sel")
    _set_param("lang", choice, default="zh")
    st.session_state["_sel_lang"] = choice
    i18n.set_language(choice)
    return choice


def _remembered(name: str, default: str) -> str:
    """A filter value from the URL, else the one this session last used (page switches drop the
    query string), else the default."""
    return st.query_params.get(name) or st.session_state.get(f"_sel_{name}") or default


def _set_param(name: str, value: str, default: str | None = None) -> None:
    if value == default:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def months_available() -> list[str]:
    """YYYY-MM of every month with data, newest first."""
    cov = data.query("data_coverage")
    first, last = cov["first_on"].min(), cov["last_on"].max()
    if first != first or last != last:
        return []
    months, y, m = [], last.year, last.month
    while (y, m) >= (first.year, first.month):
        months.append(f"{y}-{m:02d}")
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return months


def scope_and_month(key: str) -> Selection:
    """Scope (province or city) and as-of month from the URL, with sidebar widgets to change them."""
    regions = data.query("region_choices")
    codes = list(regions["code"])
    names = dict(zip(regions["code"], regions["name"]))
    levels = dict(zip(regions["code"], regions["level"]))
    provinces = dict(zip(regions["code"], regions["province_code"]))
    scope = _remembered("scope", codes[0] if codes else "")
    if scope not in names:
        st.sidebar.warning(f"{t('common.scope')}: {scope} ?")
        scope = codes[0]
    scope = st.sidebar.selectbox(t("common.scope"), codes, index=codes.index(scope), key=f"{key}_scope",
                                 format_func=lambda c: ("　" if levels[c] != "province" else "") + names[c])
    months = months_available()
    month = _remembered("month", months[0] if months else "")
    if month not in months:
        month = months[0]
    month = st.sidebar.selectbox(t("common.as_of_month"), months, index=months.index(month), key=f"{key}_month")
    _set_param("scope", scope)
    _set_param("month", month)
    st.session_state["_sel_scope"], st.session_state["_sel_month"] = scope, month
    try:
        as_of = metrics.parse_month(month)
    except UsageError as exc:
        st.error(str(exc))
        st.stop()
    return Selection(scope, names[scope], as_of, provinces[scope])
