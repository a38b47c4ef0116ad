"""Overview page sections: KPI rows for rectification, petitions, supervision and environment."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from envboard.core.i18n import label, place, t
from envboard.domain.metrics import SUPERVISION_KINDS, format_value
from envboard.ui import show


def _of(num: int, den: int) -> str:
    return t("metric.of_total", num=f"{num:,}", den=f"{den:,}")


def _of_managed(num: int, den: int) -> str:
    """'211 / 241（纳入销号管理、有完成时限的任务）': the denominator named, not the count of all problems."""
    return t("metric.of_managed", num=f"{num:,}", den=f"{den:,}")


def rectification_kpis(s: dict) -> None:
    st.subheader(t("overview.rect"))
    last = s["last_year"]
    c = st.columns(5)
    show.kpi(c[0], t("metric.closure_rate"), show.pct_text(s["closure_rate_pct"]),
             _of_managed(s["tasks_closed"], s["tasks_under_closure"]), show.change(show.pp_text(s["closure_rate_change_pp"]), "yoy"),
             help=t("metric.closure_rate.help"))
    show.kpi(c[1], t("metric.tasks_total"), format_value(s["tasks_total"], "int"), None,
             show.change(f"{s['tasks_total'] - last['tasks_total']:+,}", "yoy"))
    show.kpi(c[2], t("metric.tasks_done"), format_value(s["tasks_done"], "int"),
             _of_managed(s["tasks_done_under_closure"], s["tasks_under_closure"]) if s["tasks_under_closure"]
             else _of(s["tasks_done"], s["tasks_total"]),
             show.change(f"{s['tasks_done'] - last['tasks_done']:+,}", "yoy"))
    show.kpi(c[3], t("metric.tasks_underway"), format_value(s["tasks_on_schedule"] + s["tasks_in_progress"], "int"),
             f"{t('metric.tasks_on_schedule')} {s['tasks_on_schedule']:,} · {t('metric.tasks_in_progress')} {s['tasks_in_progress']:,}")
    show.kpi(c[4], t("metric.tasks_overdue"), format_value(s["tasks_overdue"], "int"), None,
             show.change(f"{s['tasks_overdue'] - last['tasks_overdue']:+,}", "yoy", higher_is_better=False))


def petition_kpis(s: dict) -> None:
    st.subheader(t("overview.petitions"))
    c = st.columns(4)
    strict = (t("metric.resolution_rate"), show.pct_text(s["petition_resolution_rate_pct"]),
              _of(s["petitions_closed"], s["petitions_received"]),
              show.change(show.pp_text(s["petition_resolution_rate_change_pp"]), "yoy"))
    staged = (t("metric.resolution_rate_incl_staged"), show.pct_text(s.get("petition_resolution_rate_incl_staged_pct")),
              _of(s.get("petitions_closed_incl_staged", 0), s["petitions_received"]), None)
    pair = [(strict, "def.resolution_rate"), (staged, "def.resolution_rate_incl_staged")]
    if s.get("petition_rate_lead") == "resolution_rate_incl_staged":      # the scope's setting chooses
        pair.reverse()
    for col, ((name, value, of, change), definition) in zip(c[:2], pair):
        show.kpi(col, name, value, of, change, help=t(definition))
    show.kpi(c[2], t("metric.substantiated_share"), show.pct_text(s["substantiated_share_pct"]),
             _of(s["petitions_substantiated"], s["petitions_assessed"]))
    show.kpi(c[3], t("status.in_progress"), format_value(s["petitions_in_progress"] + s["petitions_staged"], "int"),
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
    c = st.columns(3)
    yoy = s["pm25_yoy_pct"]
    fmt = "ugm3_1" if s.get("pm25_decimals") == 1 else "ugm3"
    base = t("common.vs_last_year", change=format_value(s["pm25_mean_last_year"], fmt))
    if s.get("pm25_base_invalid"):
        base += " · " + t("metric.base_invalid")
    show.kpi(c[0], t("metric.pm25_mean", month=month), format_value(s["pm25_mean"], fmt), base,
             None if yoy is None else show.change(f"{yoy:+.1f} %", "yoy", higher_is_better=False, relative=True))
    show.kpi(c[1], t("metric.good_days_share"), show.pct_text(s.get("good_days_pct")),
             _of(s["good_days"], s["valid_days"]) if s.get("valid_days") else None)
    show.kpi(c[2], t("metric.water_good_share"), show.pct_text(s.get("water_good_pct")),
             " · ".join(filter(None, [_of(s["sections_good"], s["sections_assessed"]) if s.get("sections_assessed") else None,
                                      *_water_levels(s)])) or None)


def _water_levels(s: dict) -> list[str]:
    """国控断面 100.0 %（8/8） · 省控断面 97.3 %（36/37）: the share per section level with its own counts."""
    out = []
    for level in ("national", "provincial"):
        n = s.get(f"sections_assessed_{level}") or 0
        if n:
            out.append(f"{t('water.level.' + level)} {show.pct_text(s.get(f'water_good_pct_{level}'))}"
                       f"（{s[f'sections_good_{level}']}/{n}）")
    return out


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
    from envboard.ui import data, rank_view

    peers = sel.province_code if sel.is_city else sel.scope_code
    lb = rank_view._board("closure_rate", peers, sel.month, "value", "yoy", data.version())
    rows = lb.ranked
    if len(rows) <= n:
        return
    bottom = rows[rank_view.cut_with_ties(rows["rank"], n, best=False).values]
    from envboard.domain import rank

    shown = rank.displayed(rows["value"], lb.metric.places)        # gaps between the values as displayed
    best, bottom_shown = shown.iloc[0], shown[rank_view.cut_with_ties(rows["rank"], n, best=False).values]
    st.subheader(t("overview.lagging", n=n, metric=t(lb.metric.name_key)))
    frame = pd.DataFrame({
        t("common.rank"): [f"{r} / {len(rows)}" for r in bottom["rank"]],
        t("rank.col.region"): [place(x) for x in bottom["region_name"]],
        t(lb.metric.name_key): [rank_view.value_text(lb.metric, v) for v in bottom["value"]],
        t("rank.col.numerator"): [rank_view._count(v) for v in bottom["numerator"]],
        t("rank.col.denominator"): [rank_view._count(v) for v in bottom["denominator"]],
        t("overview.gap_to_first"): [show.pp_text(round(float(v) - float(best), 1)) for v in bottom_shown],
    })
    st.dataframe(frame, hide_index=True, width="stretch", height=show.full_height(len(frame)))
