"""Page helpers for 城市档案 (一市一档) and 地图: city picker, KPI cards with ranks, trends, panels, the map."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from envboard.core import charts
from envboard.core.formatting import paren, tie_note
from envboard.domain import rank, rank_city, rank_geo
from envboard.core.i18n import label, language, place, t
from envboard.ui import data, rank_view, show

KPI_COLUMNS = 4
PM25_STANDARD = 35.0    # μg/m³, GB 3095-2012 grade II annual mean


def cities() -> dict[str, str]:
    """Cities with data (code → name), for the city picker."""
    regions = data.query("region_choices")
    picked = regions[regions["level"] != "province"]
    return {c: place(n) for c, n in zip(picked["code"], picked["name"])}


def peer_scope(city: str) -> str:
    cur = data.reader().cursor()
    try:
        return rank_city.peer_scope(cur, city)
    finally:
        cur.close()


def standing(sel: rank_view.RankSelection, city: str, key: str, period: rank.Period | None = None) -> dict:
    """The city's standing for one metric among its peers (cached leaderboards)."""
    return rank_city.standing(rank_view.board(sel, metric=key, scope=peer_scope(city), period=period), city)


def kpi_grid(sel: rank_view.RankSelection, city: str) -> None:
    """One card per registry metric: value, rank among peers (并列), numerator/denominator or the reason it is not ranked."""
    st.subheader(t("rank.city.kpis"))
    keys = list(rank.REGISTRY)
    for start in range(0, len(keys), KPI_COLUMNS):
        cols = st.columns(KPI_COLUMNS)
        for col, key in zip(cols, keys[start:start + KPI_COLUMNS]):
            _kpi_card(col, sel, city, key)


def _kpi_card(col, sel: rank_view.RankSelection, city: str, key: str) -> None:
    m, s = rank.metric(key), standing(sel, city, key)
    if s["rank"] is None or pd.isna(s["rank"]):
        show.kpi(col, t(m.name_key), "—", t("rank.city.not_ranked", reason=t(s["reason"])))
        return
    rank_text = t("rank.city.rank_of", rank=int(s["rank"]), n=s["peers"]) + (tie_note(t("common.tie")) if s["tie"] else "")
    parts = f"{rank_view._count(s['numerator'])} / {rank_view._count(s['denominator'])}" if m.numerator else \
        f"{t('rank.col.denominator')} {rank_view._count(s['denominator'])}"
    show.kpi(col, t(m.name_key), rank_view.value_text(m, s["value"]), f"{rank_text} · {parts}",
             delta=show.change(rank_view.change_text(m, s[_change_key(m)]), rank_view.basis(sel.period, sel.against),
                               m.higher_is_better, relative=m.change == "relative") if pd.notna(s[_change_key(m)]) else None)


def _change_key(m: rank.RankMetric) -> str:
    return "change_pct" if m.change == "relative" else "change"


def trends(sel: rank_view.RankSelection, city: str) -> None:
    """Sparklines of three headline metrics and the closure-rate rank over the last 12 months."""
    st.subheader(t("rank.city.trend"))
    cols = st.columns(4)
    months = rank_city.recent_months(sel.period)
    for col, key in zip(cols, ["closure_rate", "resolution_rate", "pm25_mean"]):
        m = rank.metric(key)
        values = [standing(sel, city, key, p)["value"] for p in months]
        frame = pd.DataFrame({"month": [p.start for p in months], "value": rank.displayed(pd.Series(values, dtype="float64"), m.places)})
        reference = show.pm25_reference(frame["month"]) if key == "pm25_mean" else None
        fig = charts.line_chart(frame, "month", {"value": t(f"rank.metric.{key}")}, t(f"rank.metric.{key}"), rank_view.unit_text(m),
                                fmt=lambda v, m=m: rank_view.value_text(m, v), reference=reference, markers=True)
        fig.update_layout(height=220, showlegend=False, margin={"l": 10, "r": 10, "t": 40, "b": 10})
        with col:
            show.chart(fig, key=f"spark_{key}")
    ranks = [standing(sel, city, "closure_rate", p)["rank"] for p in months]
    frame = pd.DataFrame({"month": [p.start for p in months], "rank": pd.Series(ranks, dtype="Float64")})
    fig = charts.line_chart(frame, "month", {"rank": t("common.rank")}, t("rank.city.rank_history"), t("chart.rank_axis"),
                            fmt=lambda v: f"{v:.0f}", markers=True)
    peers = max([int(standing(sel, city, "closure_rate", p)["peers"]) for p in months] + [1])
    fig.update_yaxes(range=[peers + 0.5, 0.5], tickvals=sorted({1, (peers + 1) // 2, peers}))   # first to last, 1 on top
    fig.update_layout(height=220, showlegend=False, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    with cols[3]:
        show.chart(fig, key="spark_rank")


def tasks_table(city: str, as_of) -> None:
    st.subheader(t("rank.city.tasks"))
    tasks = data.query("rank_tasks_of_city", city_code=city, as_of=as_of)
    yes, no = t("rank.yes"), t("rank.no")
    frame = pd.DataFrame({
        t("rank.col.task_code"): tasks["task_code"], t("rank.col.title"): tasks["title"],
        t("rank.col.category"): [label("category", c) for c in tasks["category"]],
        t("rank.col.region"): [place(n) for n in tasks["region_name"]], t("rank.col.status"): [label("status", s) for s in tasks["status"]],
        t("rank.col.deadline"): [str(d.date()) if pd.notna(d) else "—" for d in pd.to_datetime(tasks["deadline_on"])],
        t("rank.col.overdue"): [yes if o else no for o in tasks["is_overdue"]],
    })
    show.table_with_downloads(frame, f"tasks_{city}_{as_of:%Y%m}", key="city_tasks")


def petitions_panel(city: str, as_of) -> None:
    st.subheader(t("rank.city.petitions"))
    rows = data.query("petition_by_region", scope_code=city, as_of=as_of)
    frame = pd.DataFrame({t("rank.col.region"): [place(n) for n in rows["region_name"]],
                          t("rank.col.denominator"): rows["petitions_received"],
                          t("rank.col.numerator"): rows["petitions_closed"],
                          t("rank.metric.resolution_rate"): [show.pct_text(None if pd.isna(v) else v * 100) for v in rows["resolution_rate"]]})
    st.dataframe(frame, hide_index=True, width="stretch")


def supervision_panel(city: str, as_of) -> None:
    st.subheader(t("rank.city.supervision"))
    rows = data.query("rank_supervision_of_city", city_code=city, as_of=as_of)
    frame = pd.DataFrame({t("rank.col.kind"): [label("kind", k) for k in rows["kind"]],
                          t("rank.col.actions"): rows["actions"], t("rank.col.people"): rows["people"].astype(int),
                          t("rank.col.last_on"): [str(d.date()) for d in pd.to_datetime(rows["last_on"])]})
    st.dataframe(frame, hide_index=True, width="stretch")


def environment_panels(sel: rank_view.RankSelection, city: str) -> None:
    """Air and water figures of the city over the period (from the standards engine), side by side."""
    left, right = st.columns(2)
    for col, title, keys in [(left, "rank.city.air", ["pm25_mean", "composite_index", "good_days_share"]),
                             (right, "rank.city.water", ["water_good_share", "inferior_share", "cwqi"])]:
        col.subheader(t(title))
        rows = []
        for key in keys:
            m, s = rank.metric(key), standing(sel, city, key)
            rows.append({t("rank.metric"): t(m.name_key), t("rank.col.value"): rank_view.value_text(m, s["value"]),
                         t("rank.col.numerator"): rank_view._count(s["numerator"]),
                         t("rank.col.denominator"): rank_view._count(s["denominator"]),
                         t("common.rank"): "—" if s["rank"] is None or pd.isna(s["rank"]) else f"{int(s['rank'])} / {s['peers']}"})
        col.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def map_figure(sel: rank_view.RankSelection, lb):
    """The choropleth of the scope's cities coloured by the metric (None when nothing can be drawn).
    Built once per selection, language and data version and shared by every session: its hundreds of
    polygons cost about a second of CPU to build (plotly only reads it when drawing)."""
    return _map_figure(sel.scope, sel.metric, sel.period.text, sel.mode, sel.against, data.version(), language())


@st.cache_resource(max_entries=32, show_spinner=False)
def _map_figure(scope: str, metric: str, period_text: str, mode: str, against: str, version: int, lang: str):
    geo, ids, owners = rank_geo.shapes(scope)
    if not ids:
        return None
    lb = rank_view._board(metric, scope, period_text, mode, against, version)
    m = lb.metric
    values = dict(zip(lb.ranked["region_code"], rank.displayed(lb.ranked["value"], m.places)))
    names = {c: place(n) for c, n in zip(lb.ranked["region_code"], lb.ranked["region_name"])}
    ranks = dict(zip(lb.ranked["region_code"], lb.ranked["rank"]))
    z = [values.get(c) for c in owners]
    shown = dict(zip(lb.ranked["region_code"], rank_view.values_text(m, lb.ranked["value"])))
    texts = [f"{names[c]} · {shown[c]} · {t('common.rank')} {ranks[c]}" if c in names else "—" for c in owners]
    labels = [f"{names[c]}<br>{shown[c]}" if c in names else "" for c in owners]
    unit = rank_view.unit_text(m)
    legend = t(m.name_key) + (paren(unit) if unit else "")
    anchor = reference = None
    if m.key == "pm25_mean":      # GB 3095-2012 grade II annual limit: the scale runs 0 → 35 and beyond
        anchor, reference = (0.0, PM25_STANDARD), (PM25_STANDARD, t("rank.map.standard", value=int(PM25_STANDARD)))
    fig = rank_geo.choropleth(geo, ids, z, texts, owners, t(m.name_key), reverse=False, labels=labels, legend=legend,
                              anchor=anchor, reference=reference)
    if m.unit == "share":
        fig.update_traces(selector={"mode": "markers+text"}, marker_colorbar_ticksuffix=" %")   # values are 0–100 here
    return fig


def clicked_city(event) -> str | None:
    """The city code of the clicked map region, if any."""
    points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
        getattr(getattr(event, "selection", None), "points", []) or []
    for point in points:
        custom = point.get("customdata")
        if custom:
            return custom[0] if isinstance(custom, list) else custom
    return None
