"""Filters: widgets kept in sync with st.query_params, so a copied URL reopens the same view."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from envboard.core import i18n
from envboard.domain import metrics, rank
from envboard.core.errors import UsageError
from envboard.core.i18n import t
from envboard.core.regions import NATIONAL_NAMES
from envboard.security.auth import in_scope
from envboard.ui import data, scope_guard


PERIOD_KINDS = ["month", "ytd", "year", "range"]
RANK_PARAMS = {"metric": "closure_rate", "mode": "value", "against": "yoy"}   # URL name → default


@dataclass(frozen=True)
class Selection:
    """The one selection every page reads: scope, as-of month and period type (URL: scope, month, period, from)."""
    scope_code: str
    scope_name: str
    as_of: dt.date          # last day of the as-of month
    province_code: str = ""  # the scope's province: the peer group a city is ranked in
    level: str = "province"  # national | multi (several provinces) | province | city | county
    period_kind: str = "month"
    period_from: str = ""    # YYYY-MM, the first month of a custom range

    @property
    def month_text(self) -> str:
        return t("common.month_fmt", year=self.as_of.year, month=self.as_of.month)

    @property
    def month(self) -> str:
        return f"{self.as_of:%Y-%m}"

    @property
    def is_city(self) -> bool:
        return self.level not in ("province", "national", "multi")

    @property
    def period(self) -> rank.Period:
        """The period ending at the as-of month: that month, 1—X月累计, its calendar year, or from–to."""
        if self.period_kind == "ytd":
            return rank.parse_period(f"ytd:{self.month}")
        if self.period_kind == "year":
            return rank.parse_period(str(self.as_of.year))
        if self.period_kind == "range" and self.period_from:
            first, last = sorted([self.period_from, self.month])
            return rank.parse_period(f"{first}..{last}")
        return rank.parse_period(self.month)

    def params(self, **changes: str) -> dict[str, str]:
        """The URL parameters that reproduce this selection (for links to other pages), with changes."""
        out = {"scope": self.scope_code, "month": self.month}
        if self.period_kind != "month":
            out["period"] = self.period_kind
        if self.period_kind == "range" and self.period_from:
            out["from"] = self.period_from
        if i18n.language() != "zh":
            out["lang"] = i18n.language()
        return {**out, **changes}


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


def _legacy_params() -> None:
    """Links made before the one selection (?city=, ?period=ytd:2022-12) still open what they showed."""
    city = st.query_params.get("city")
    if city and not st.query_params.get("scope"):
        st.query_params["scope"] = city
    if str(st.query_params.get("scope", "")).lower() in NATIONAL_NAMES:     # ?scope=全国 as well as 000000
        st.query_params["scope"] = rank.NATIONAL
    if "city" in st.query_params:
        del st.query_params["city"]
    text = st.query_params.get("period", "")
    if text and text not in PERIOD_KINDS:
        try:
            period = rank.parse_period(text)
        except UsageError:
            del st.query_params["period"]
            return
        st.query_params["period"] = period.kind
        st.query_params["month"] = f"{period.end:%Y-%m}"
        if period.kind == "range":
            st.query_params["from"] = f"{period.start:%Y-%m}"


def _synced(name: str, options: list[str], default: str) -> str:
    """The value for one selection part. The URL is the truth (a copied link, Back), except in the
    run right after the visitor changed the widget; without either, the session's last value."""
    widget_key, last = f"sel_{name}", st.session_state.get(f"_sel_{name}")
    widget, url = st.session_state.get(widget_key), st.query_params.get(name)
    if widget is not None and widget != last and widget in options:
        value = widget
    elif url in options:
        value = url
    elif last in options:
        value = last
    else:
        value = default if default in options else options[0]
    st.session_state[widget_key] = value
    return value


def _remember(name: str, value: str, default: str | None = None) -> None:
    st.session_state[f"_sel_{name}"] = value
    _set_param(name, value, default)


def scope_labels(national: str = "scope.national") -> dict[str, str]:
    """Every scope a picker offers (code → label): 全国, each central inspection round that covered
    several provinces (its provinces as one scope, '360000,420000'), then each province with data
    followed by its cities (indented)."""
    regions = data.query("region_choices")
    names = {c: i18n.place(n) for c, n in zip(regions["code"], regions["name"])}
    out = {rank.NATIONAL: t(national)}
    rounds: dict[str, list[str]] = {}
    for r in data.query("multi_province_rounds").itertuples():
        if all(code in names for code in r.scope_code.split(",")):
            rounds.setdefault(r.scope_code, []).append(t(f"round.{r.round_label}"))
    sep = t("scope.list_sep")
    for code, labels in rounds.items():
        out[code] = t("scope.multi", rounds=sep.join(labels), provinces=sep.join(names[c] for c in code.split(",")))
    for r in regions.itertuples():
        out[r.code] = ("　" if r.level != "province" else "") + names[r.code]
    return out


def selection(key: str = "", period: bool = False, scopes: dict[str, str] | None = None,
              cities_only: bool = False) -> Selection:
    """The one selection (scope, as-of month, period type) from the URL, with sidebar widgets; written
    back to the URL and the session so every page follows. `period` shows the period-type widgets;
    `scopes` (code → label) replaces the region list; `cities_only` offers cities only (a city page),
    starting from the first city of a chosen province."""
    _legacy_params()
    regions = data.query("region_choices")
    region = scope_guard.user_region()      # the session's region, whatever the URL says
    if region is not None:
        regions = regions[regions["code"].map(lambda c: in_scope(region, c))]
    names = {c: i18n.place(n) for c, n in zip(regions["code"], regions["name"])}
    levels = dict(zip(regions["code"], regions["level"]))
    provinces = dict(zip(regions["code"], regions["province_code"]))
    labels = scopes or scope_labels()
    if region is not None:
        labels = {c: label for c, label in labels.items() if in_scope(region, c)}
    codes = [c for c in labels if not cities_only or levels.get(c, "province") != "province"]
    if cities_only:
        wanted = st.query_params.get("scope") or st.session_state.get("_sel_scope")
        if levels.get(wanted) == "province":
            first = [c for c in codes if provinces.get(c) == wanted]
            if first:
                st.query_params["scope"] = first[0]
    unknown = st.query_params.get("scope")
    if unknown and unknown not in labels:
        st.sidebar.warning(f"{t('common.scope')}: {unknown} ?")
    # the default: the rankings' first scope (全国); elsewhere the first province, not 全国 or a round
    regional = codes if scopes else [c for c in codes if c in levels]
    _synced("scope", codes, (regional or codes or [""])[0])
    scope = st.sidebar.selectbox(t("common.scope"), codes, key="sel_scope", format_func=lambda c: labels.get(c, c))
    months = months_available()
    _synced("month", months, months[0] if months else "")
    month = st.sidebar.selectbox(t("common.as_of_month"), months, key="sel_month")
    kind = _synced("period", PERIOD_KINDS, "month")
    first = ""
    if period:
        kind = st.sidebar.radio(t("rank.period_kind"), PERIOD_KINDS, key="sel_period", horizontal=True,
                                format_func=lambda k: t(f"rank.period.{k}"))
        if kind == "range":
            _synced("from", months, month)
            first = st.sidebar.selectbox(t("rank.period_from"), months, key="sel_from")
    else:
        first = st.query_params.get("from") or st.session_state.get("_sel_from", "")
    _remember("scope", scope)
    _remember("month", month)
    _remember("period", kind, default="month")
    if kind == "range" and first:
        _remember("from", first)
    elif "from" in st.query_params:
        del st.query_params["from"]
    try:
        as_of = metrics.parse_month_end(month)
    except UsageError as exc:
        st.error(str(exc))
        st.stop()
    level = "national" if scope == rank.NATIONAL else "multi" if "," in scope else levels.get(scope, "province")
    name = names.get(scope) or (t("scope.national") if level == "national" else labels.get(scope, scope).strip())
    return Selection(scope, name, as_of, provinces.get(scope, scope), level, kind, first)


def _peek(name: str) -> str | None:
    """What _synced will choose for `name` in this run, read before the page renders its widgets."""
    last, widget = st.session_state.get(f"_sel_{name}"), st.session_state.get(f"sel_{name}")
    if widget is not None and widget != last:
        return widget
    return st.query_params.get(name) or last


def remembered_params() -> dict[str, str]:
    """The session's current selection (and language) as URL parameters, for links between pages."""
    out = {name: _peek(name) for name in ("scope", "month", "period", "from")}
    if out.get("period") != "range":
        out.pop("from")
    if out.get("period") == "month":
        out.pop("period")
    for name, default in RANK_PARAMS.items():       # the ranking pages' own choices, when not the default
        value = st.session_state.get(f"_rank_{name}")
        if value and value != default:
            out[name] = value
    if st.session_state.get("_sel_lang", "zh") != "zh":
        out["lang"] = st.session_state["_sel_lang"]
    return {k: v for k, v in out.items() if v}


def scope_and_month(key: str = "") -> Selection:
    """Scope and as-of month (the one selection, without the period-type widgets)."""
    return selection(key)
