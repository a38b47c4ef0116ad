"""Overview page sections: KPI rows for rectification, petitions, supervision and environment."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from envboard import catalog
from envboard.core import charts
from envboard.core.formatting import paren
from envboard.core.i18n import label, language, place, t
from envboard.domain.metrics import SUPERVISION_KINDS, format_value
from envboard.ui import data, rank_view, show
from envboard.domain import rank


def _of(num: int, den: int) -> str:
    return t("metric.of_total", num=f"{num:,}", den=f"{den:,}")


def _of_managed(num: int, den: int) -> str:
    """'211 / 241（纳入销号管理、有完成时限的任务）': the denominator named, not the count of all problems."""
    return t("metric.of_managed", num=f"{num:,}", den=f"{den:,}")


def metric_card(column, key: str, s: dict, month: int | None = None) -> None:
    """A catalogue metric's card, everything read from its entry (envboard/catalog.py): label, value in
    the metric's format, numerator / denominator with the denominator named, the change on the same
    day last year (percentage points for a share, % for a relative metric, units for a count) and the
    definition as help."""
    m = catalog.METRICS[key]
    p = m.summary
    fmt = "ugm3_1" if m.unit == "ugm3" and s.get("pm25_decimals") == 1 else m.fmt
    detail = None
    if p.numerator and s.get(p.denominator):      # a count: of its base (overdue of all tasks, days of valid days)
        detail = t("metric.of_part", num=f"{s[p.numerator]:,}", den=f"{s[p.denominator]:,}", part=t(f"part.{m.denominator}"))
    extra = _EXTRA.get(key, lambda _s: [])(s)
    detail = " · ".join(filter(None, [detail, *extra])) or None
    show.kpi(column, t(m.label, month=month), format_value(s.get(p.value), fmt), detail, _card_change(m, s),
             help=t(m.definition))


def _card_change(m: catalog.Metric, s: dict):
    p, last = m.summary, s.get("last_year") or {}
    if p.change is None:
        if m.unit != "count" or p.value not in last:
            return None
        return show.change(f"{s[p.value] - last[p.value]:+,}", "yoy", higher_is_better=m.higher_is_better)
    value = s.get(p.change)
    if value is None:
        return None
    if m.change == "relative":
        return show.change(f"{value:+.1f} %", "yoy", higher_is_better=m.higher_is_better, relative=True)
    return show.change(show.pp_text(value), "yoy", higher_is_better=m.higher_is_better)


def _pm25_base(s: dict) -> list[str]:
    """Last year's figure the change is measured against (and whether that base is valid)."""
    fmt = "ugm3_1" if s.get("pm25_decimals") == 1 else "ugm3"
    base = t("common.vs_last_year", change=format_value(s.get("pm25_mean_last_year"), fmt))
    return [base + (" · " + t("metric.base_invalid") if s.get("pm25_base_invalid") else "")]


def _cards(keys: list[str], groups: tuple[str, ...]) -> list[str]:
    """The section's cards: `keys` in their order, then any other overview metric of its groups."""
    return keys + [m.key for m in catalog.on("overview") if m.group in groups and m.key not in keys]


def rectification_kpis(s: dict) -> None:
    st.subheader(t("overview.rect"))
    last = s["last_year"]
    keys = _cards(["closure_rate", "tasks_overdue"], ("rect",))
    c = st.columns(len(keys) + 3)
    metric_card(c[0], keys[0], s)
    show.kpi(c[1], t("metric.tasks_total"), format_value(s["tasks_total"], "int"), None,
             show.change(f"{s['tasks_total'] - last['tasks_total']:+,}", "yoy"))
    show.kpi(c[2], t("metric.tasks_done"), format_value(s["tasks_done"], "int"),
             _of_managed(s["tasks_done_under_closure"], s["tasks_under_closure"]) if s["tasks_under_closure"]
             else _of(s["tasks_done"], s["tasks_total"]),
             show.change(f"{s['tasks_done'] - last['tasks_done']:+,}", "yoy"))
    show.kpi(c[3], t("metric.tasks_underway"), format_value(s["tasks_on_schedule"] + s["tasks_in_progress"], "int"),
             f"{t('metric.tasks_on_schedule')} {s['tasks_on_schedule']:,} · {t('metric.tasks_in_progress')} {s['tasks_in_progress']:,}")
    for col, key in zip(c[4:], keys[1:]):
        metric_card(col, key, s)


def petition_kpis(s: dict) -> None:
    st.subheader(t("overview.petitions"))
    pair = ["resolution_rate", "resolution_rate_incl_staged"]
    if s.get("petition_rate_lead") == "resolution_rate_incl_staged":      # the scope's setting chooses
        pair.reverse()
    keys = _cards(pair + ["substantiated_share"], ("pet",))
    c = st.columns(len(keys) + 1)
    for col, key in zip(c, keys):
        metric_card(col, key, s)
    show.kpi(c[-1], t("status.in_progress"), format_value(s["petitions_in_progress"] + s["petitions_staged"], "int"),
             f"{s['petitions_staged']:,} 阶段性办结" if t("common.pp") == "个百分点" else f"{s['petitions_staged']:,} staged")


def supervision_kpis(s: dict, year: int) -> None:
    st.subheader(t("overview.supervision", year=year))
    c = st.columns(len(SUPERVISION_KINDS))
    for col, kind in zip(c, SUPERVISION_KINDS):
        v = s["supervision"][kind]
        detail = f"{v['people']:,} {t('col.people')}" if v["people"] else None
        show.kpi(col, label("kind", kind), format_value(v["actions"], "int"), detail)


def environment_kpis(s: dict, month: int) -> None:
    st.subheader(t("overview.environment"))
    keys = _cards(["pm25_mean", "good_days_share", "water_good_share"], ("air", "water"))
    for col, key in zip(st.columns(len(keys)), keys):
        metric_card(col, key, s, month)


def _water_levels(s: dict) -> list[str]:
    """国控断面 100.0 %（8/8） · 省控断面 97.3 %（36/37）: the share per section level with its own counts."""
    out = []
    for level in ("national", "provincial"):
        n = s.get(f"sections_assessed_{level}") or 0
        if n:
            out.append(f"{t('water.level.' + level)} {show.pct_text(s.get(f'water_good_pct_{level}'))}"
                       + paren(f"{s[f'sections_good_{level}']}/{n}"))
    return out


# Lines a card shows below its numerator / denominator, beyond what the catalogue says.
_EXTRA = {"pm25_mean": _pm25_base, "water_good_share": _water_levels}


def rounds_table(frame) -> None:
    st.subheader(t("overview.rounds"))
    shown = frame.assign(round=[label("round", r) for r in frame["round_label"]])
    shown = shown[["round", "team_name", "tasks_total", "tasks_done", "tasks_in_progress", "tasks_overdue",
                   "tasks_under_closure", "tasks_closed"]]
    shown.columns = [t(f"col.{c}") if c != "team_name" else t("col.team") for c in shown.columns]
    st.dataframe(shown, hide_index=True, width="stretch")


def lagging(sel, n: int = 3) -> None:
    """Who is lagging: the bottom n cities on 销号率 among the scope's peers (all tied at the cut),
    each with its gap to the first-placed city."""
    peers = sel.province_code if sel.is_city else sel.scope_code
    lb = rank_view._board("closure_rate", peers, sel.month, "value", "yoy", data.version())
    rows = lb.ranked
    if len(rows) <= n:
        return
    bottom = rows[rank_view.cut_with_ties(rows["rank"], n, best=False).values]

    shown = rank.displayed(rows["value"], lb.metric.places)        # gaps between the values as displayed
    best, bottom_shown = shown.iloc[0], shown[rank_view.cut_with_ties(rows["rank"], n, best=False).values]
    st.subheader(t("overview.lagging", n=n, metric=t(lb.metric.name_key)))
    frame = pd.DataFrame({
        t("common.rank"): [f"{r} / {len(rows)}" for r in bottom["rank"]],
        t("rank.col.region"): [place(x) for x in bottom["region_name"]],
        t(lb.metric.name_key): rank_view.values_text(lb.metric, bottom["value"]),
        t("rank.col.numerator"): [rank_view._count(v) for v in bottom["numerator"]],
        t("rank.col.denominator"): [rank_view._count(v) for v in bottom["denominator"]],
        t("overview.gap_to_first"): [show.pp_text(round(float(v) - float(best), 1)) for v in bottom_shown],
    })
    st.dataframe(frame, hide_index=True, width="stretch", height=show.full_height(len(frame)))


def trend_figures(scope_code: str, as_of, trend: pd.DataFrame, pm: pd.DataFrame) -> tuple:
    """The trend charts (closure and resolution rates; PM2.5), built once per scope, month, data
    version and language and shared by every session; the rows are read (and access checked) per view."""
    return _trend_figures(scope_code, as_of, data.version(), language(), trend, pm)


@st.cache_resource(max_entries=64, show_spinner=False)
def _trend_figures(scope_code: str, as_of, version: int, lang: str, _trend: pd.DataFrame, _pm: pd.DataFrame) -> tuple:
    rates = charts.line_chart(_trend.assign(c=_trend.closure_rate * 100, r=_trend.resolution_rate * 100), "month_end",
                              {"c": t("chart.closure_rate"), "r": t("chart.resolution_rate")},
                              t("chart.rates_title"), t("chart.rate_pct"), fmt=show.pct_text)
    pm25 = charts.line_chart(_pm, "month", {"pm25_ugm3": "PM2.5"}, t("chart.pm25_monthly"), t("chart.concentration"),
                             fmt=show.ugm3_text, reference=show.pm25_reference(_pm["month"]))
    return rates, pm25
