"""Ledger, petition and supervision page sections: filters, KPI cards with month-on-month change, tables."""
from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from envboard.core import charts
from envboard.domain import ledger_export, rectification
from envboard.core.i18n import label, language, t
from envboard.domain.metrics import SUPERVISION_KINDS, pct
from envboard.ui import data, show
from envboard.ui.filters import Selection

ALL = rectification.ALL


def _of(num: int, den: int) -> str:
    return t("metric.of_total", num=f"{num:,}", den=f"{den:,}")


def _change(now: float | None, before: float | None, fmt: str = "int", higher_is_better: bool = True):
    """The change on the month before, as a badge that says so (较上月)."""
    if now is None or before is None:
        return None
    text = show.pp_text(round(now - before, 1)) if fmt == "pp" else f"{int(now) - int(before):+,}"
    return show.change(text, "mom", higher_is_better)


def _choice(column, key: str, text: str, options: list, fmt=str) -> str:
    """A filter selectbox whose first option is 全部 (ALL)."""
    return column.selectbox(text, [ALL, *options], key=key, format_func=lambda v: t("ledger.all") if v == ALL else fmt(v))


def _table(frame: pd.DataFrame, columns: dict[str, str], pct_cols: dict[str, tuple[str, str]] | None = None) -> pd.DataFrame:
    """Columns picked and labelled; pct_cols {new: (numerator, denominator)} become '91.9 %' texts."""
    out = frame.copy()
    for new, (num, den) in (pct_cols or {}).items():
        out[new] = [show.pct_text(pct(n, d)) for n, d in zip(out[num], out[den])]
    return out[list(columns)].rename(columns={c: t(k) for c, k in columns.items()})


def _day(value) -> str:
    return "" if pd.isna(value) else pd.Timestamp(value).date().isoformat()


# ---- ledger ---------------------------------------------------------------------------------

def _url_int(name: str, default: int, low: int, high: int) -> int:
    """An integer from ?name= within [low, high], else the default."""
    text = st.query_params.get(name, "")
    return int(text) if text.isdigit() and low <= int(text) <= high else default


def _keep_in_url(name: str, value: int, default: int) -> None:
    if value == default:
        st.query_params.pop(name, None)
    elif st.query_params.get(name) != str(value):
        st.query_params[name] = str(value)


def at_risk_days() -> int:
    """The at-risk window in days from the sidebar and ?risk= (default: setting at_risk_days)."""
    default = rectification.at_risk_days_default()
    days = int(st.sidebar.number_input(t("ledger.at_risk_days"), min_value=1, max_value=365, step=5,
                                       value=_url_int("risk", default, 1, 365), key="ledger_risk_days",
                                       help=t("ledger.at_risk_days.help")))
    _keep_in_url("risk", days, default)
    return days


def ledgers(sel: Selection, days: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The scope's ledger as of the selected month end and as of the month before."""
    before = rectification.previous_month_end(sel.as_of)
    return (data.query("ledger_tasks", scope_code=sel.scope_code, as_of=sel.as_of, at_risk_days=days),
            data.query("ledger_tasks", scope_code=sel.scope_code, as_of=before, at_risk_days=days))


def ledger_filter(frame: pd.DataFrame) -> rectification.LedgerFilter:
    """Filter widgets over the ledger's own values: round, city, county, unit, category, status, warning."""
    st.subheader(t("ledger.filters"))
    c = st.columns(4)
    rounds = list(dict.fromkeys(frame["round_label"]))
    rnd = _choice(c[0], "ledger_round", t("ledger.f.round"), rounds, lambda v: label("round", v))
    cities = dict(sorted(zip(frame["city_code"], frame["city_name"])))
    city = _choice(c[1], "ledger_city", t("ledger.f.city"), list(cities), cities.get)
    in_city = frame[frame["city_code"] == city] if city != ALL else frame
    counties = dict(sorted(zip(in_city["region_code"], in_city["region_name"])))
    county = _choice(c[2], "ledger_county", t("ledger.f.county"), list(counties),
                     lambda v: t("ledger.city_level") if v in cities else counties[v])
    unit = _choice(c[3], "ledger_unit", t("ledger.f.unit"), sorted(frame["responsible_unit"].dropna().unique()))
    c = st.columns(4)
    cat = _choice(c[0], "ledger_cat", t("ledger.f.category"), sorted(frame["category"].unique()), lambda v: label("category", v))
    status = _choice(c[1], "ledger_status", t("ledger.f.status"), ["not_started", "in_progress", "on_schedule", "done", "closed"],
                     lambda v: label("status", v))
    flag = _choice(c[2], "ledger_flag", t("ledger.f.flag"), ["overdue", "at_risk"], lambda v: t(f"ledger.flag.{v}"))
    return rectification.LedgerFilter(rnd, city, county, unit, cat, status, flag)


def ledger_kpis(now: dict, before: dict, days: int) -> None:
    """Task count, done, closure rate (numerator / denominator), overdue, at risk; each with its change."""
    c = st.columns(5)
    rate_now = pct(now["tasks_closed"], now["tasks_under_closure"])
    rate_before = pct(before["tasks_closed"], before["tasks_under_closure"])
    show.kpi(c[0], t("ledger.kpi.tasks"), f"{now['tasks_total']:,}", None, _change(now["tasks_total"], before["tasks_total"]))
    show.kpi(c[1], t("ledger.kpi.done"), f"{now['tasks_done']:,}", _of(now["tasks_done"], now["tasks_total"]),
             _change(now["tasks_done"], before["tasks_done"]))
    show.kpi(c[2], t("ledger.kpi.closure_rate"), show.pct_text(rate_now), _of(now["tasks_closed"], now["tasks_under_closure"]),
             _change(rate_now, rate_before, "pp"), help=t("metric.closure_rate.help"))
    show.kpi(c[3], t("ledger.kpi.overdue"), f"{now['tasks_overdue']:,}", t("ledger.of_tasks", den=f"{now['tasks_total']:,}"),
             _change(now["tasks_overdue"], before["tasks_overdue"], higher_is_better=False))
    show.kpi(c[4], t("ledger.kpi.at_risk", days=days), f"{now['tasks_at_risk']:,}", t("ledger.of_tasks", den=f"{now['tasks_total']:,}"),
             _change(now["tasks_at_risk"], before["tasks_at_risk"], higher_is_better=False))


def ledger_table(frame: pd.DataFrame, sel: Selection) -> None:
    """The filtered task list with CSV/XLSX downloads and the 台账-layout export."""
    st.subheader(t("ledger.table", n=f"{len(frame):,}"))
    rows = ledger_export.ledger_rows(frame, language())
    show.table_with_downloads(rows, "ledger", key="ledger_rows")
    title = t("ledger.export_title", scope=sel.scope_name, month=sel.month_text)
    # made on click, not on every view (~1 s of CPU for a province's ledger)
    st.download_button(t("ledger.export"), functools.partial(ledger_export.xlsx_bytes, rows, title, t("ledger.sheet")),
                       f"ledger-{sel.scope_code}-{sel.as_of:%Y-%m}.xlsx", show.XLSX_MIME,
                       key="ledger_export", icon=":material/table_view:", type="primary", on_click="ignore")


def _timeline(history: pd.DataFrame) -> go.Figure:
    starts, ends = pd.to_datetime(history["changed_on"]), pd.to_datetime(history["until_on"])
    statuses = list(history["status"])
    colour = {s: charts.PALETTE[i % len(charts.PALETTE)] for i, s in enumerate(dict.fromkeys(statuses))}
    fig = go.Figure(go.Bar(     # one trace of all the spells: a trace per spell cost ~0.1 s of a ledger view
        x=[max((e - s).days, 1) * 86_400_000 for s, e in zip(starts, ends)], base=list(starts),
        y=[label("status", s) for s in statuses], orientation="h", showlegend=False,
        marker_color=[colour[s] for s in statuses], hoverinfo="text",
        hovertext=[f"{s.date()} – {e.date()} {n or ''}" for s, e, n in zip(starts, ends, history["note"])]))
    fig.update_layout(template=charts.TEMPLATE, font={"family": charts.FONT}, title={"text": t("ledger.history.chart")},
                      height=120 + 40 * len(history), xaxis_type="date", margin={"l": 80, "r": 20, "t": 50, "b": 40})
    return charts.day_axis(fig)


def task_history(frame: pd.DataFrame, sel: Selection) -> None:
    """An expander: pick a task of the filtered ledger, see its status history as a timeline and a table."""
    with st.expander(t("ledger.history"), icon=":material/timeline:"):
        if frame.empty:
            st.info(t("common.no_data"))
            return
        titles = dict(zip(frame["task_id"], frame["task_code"] + " " + frame["title"]))
        task_id = st.selectbox(t("ledger.history.pick"), list(titles), format_func=titles.get, key="ledger_task")
        history = data.query("ledger_status_history", task_id=task_id, as_of=sel.as_of)
        show.chart(_timeline(history), key="ledger_timeline")
        shown = history.assign(status=[label("status", s) for s in history["status"]],
                               changed_on=history["changed_on"].map(_day), until_on=history["until_on"].map(_day))
        st.dataframe(_table(shown, {"changed_on": "ledger.col.changed_on", "until_on": "ledger.col.until_on",
                                    "status": "ledger.col.status", "note": "ledger.col.note"}), hide_index=True, width="stretch")


def _progress_table(frame: pd.DataFrame, before: pd.DataFrame, key: str, name_col: str, name_key: str) -> pd.DataFrame:
    out = rectification.progress_by(frame, key)
    done_before = before.groupby(key)["is_done"].sum()
    out["done_change"] = [f"{int(n - done_before.get(g, 0)):+,}" for g, n in zip(out[key], out["tasks_done"])]
    if key != name_col:
        out[name_col] = out[key].map(dict(zip(frame[key], frame[name_col])))
    out["expected"] = [show.pct_text(None if pd.isna(v) else v * 100) for v in out["expected_progress"]]
    out["actual"] = [show.pct_text(None if pd.isna(v) else v * 100) for v in out["actual_progress"]]
    out["gap"] = ["—" if pd.isna(v) else f"{v * 100:+.1f}" for v in out["progress_gap"]]
    return _table(out, {name_col: name_key, "tasks_total": "ledger.col.tasks", "tasks_done": "ledger.col.done",
                        "done_change": "ledger.col.done_change",
                        "expected": "ledger.col.expected", "actual": "ledger.col.actual", "gap": "ledger.col.gap",
                        "tasks_overdue": "ledger.col.overdue", "tasks_at_risk": "ledger.col.at_risk"})


def progress_section(frame: pd.DataFrame, before: pd.DataFrame) -> None:
    """序时进度 by city (by county within one city) and by responsible unit, with done tasks' change vs the month before."""
    st.subheader(t("ledger.progress"))
    st.caption(t("ledger.progress.caption"))
    if frame.empty:
        st.info(t("common.no_data"))
        return
    left, right = st.tabs([t("ledger.progress.by_region"), t("ledger.progress.by_unit")])
    key, name = ("city_code", "city_name") if frame["city_code"].nunique() > 1 else ("region_code", "region_name")
    with left:
        show.table_with_downloads(_progress_table(frame, before, key, name, "ledger.col.region"), "progress-region", "prog_region")
    with right:
        units = {"responsible_unit": "—"}
        show.table_with_downloads(_progress_table(frame.fillna(units), before.fillna(units), "responsible_unit",
                                                  "responsible_unit", "ledger.col.responsible_unit"), "progress-unit", "prog_unit")


@st.cache_data(max_entries=64, show_spinner=False)
def _projections(scope_code: str, as_of: dt.date, key: str, days: int, version: int) -> pd.DataFrame:
    frame = data.query("ledger_tasks", scope_code=scope_code, as_of=as_of, at_risk_days=days)
    cur = data.reader().cursor()
    try:
        return rectification.projections(cur, frame, scope_code, as_of, key)
    finally:
        cur.close()


def _verdict(row) -> str:
    if row.tasks_remaining == 0:
        return t("ledger.complete")
    if row.beats_deadline is None or pd.isna(row.beats_deadline):
        return "—"
    return t("ledger.on_track") if row.beats_deadline else t("ledger.late")


def _projection_table(p: pd.DataFrame, name_col: str, name_key: str) -> pd.DataFrame:
    p = p.assign(pace=[f"{v:.1f}" for v in p["pace_per_month"]], projected=p["projected_on"].map(_day),
                 latest=p["latest_deadline_on"].map(_day), verdict=[_verdict(r) for r in p.itertuples()],
                 months=[("—" if pd.isna(v) else str(int(v))) for v in p["months_needed"]])
    return _table(p, {name_col: name_key, "tasks_remaining": "ledger.col.remaining", "tasks_closed_recent": "ledger.col.closed_recent",
                      "pace": "ledger.col.pace", "months": "ledger.col.months_needed", "projected": "ledger.col.projected_on",
                      "latest": "ledger.col.latest_deadline", "verdict": "ledger.col.verdict"})


def projection_section(sel: Selection, days: int, frame: pd.DataFrame) -> None:
    """Projected completion per city and per inspection round at the recent closure pace."""
    st.subheader(t("ledger.projection"))
    st.caption(t("ledger.projection.caption", months=rectification.PACE_MONTHS))
    by_city = _projections(sel.scope_code, sel.as_of, "city_code", days, data.version())
    by_round = _projections(sel.scope_code, sel.as_of, "round_label", days, data.version())
    by_city = by_city.assign(city_name=by_city["city_code"].map(dict(zip(frame["city_code"], frame["city_name"]))))
    by_round = by_round.assign(round_name=[label("round", r) for r in by_round["round_label"]])
    left, right = st.tabs([t("ledger.projection.by_region"), t("ledger.projection.by_round")])
    with left:
        show.table_with_downloads(_projection_table(by_city, "city_name", "ledger.col.city"), "projection-city", "proj_city")
    with right:
        show.table_with_downloads(_projection_table(by_round, "round_name", "ledger.col.round"), "projection-round", "proj_round")


def rebound_section(sel: Selection) -> None:
    """回潮 warnings: closed tasks with substantiated petitions of the same type after closure."""
    st.subheader(t("ledger.rebound"))
    st.caption(t("ledger.rebound.caption"))
    r = data.query("ledger_rebound", scope_code=sel.scope_code, as_of=sel.as_of)
    r = r.assign(round_name=[label("round", v) for v in r["round_label"]], cat=[label("category", v) for v in r["category"]],
                 closed=r["closed_on"].map(_day), first=r["first_petition_on"].map(_day), last=r["last_petition_on"].map(_day))
    show.table_with_downloads(_table(r, {"task_id": "ledger.col.task_id", "round_name": "ledger.col.round", "city_name": "ledger.col.city",
                                         "title": "ledger.col.title", "cat": "ledger.col.category", "closed": "ledger.col.closed_on",
                                         "petitions_after": "ledger.col.petitions_after", "first": "ledger.col.first_after",
                                         "last": "ledger.col.last_after"}), "rebound", "rebound")


# ---- petitions ------------------------------------------------------------------------------

_PETITION_COLS = {"petitions_received": "petitions.col.received", "petitions_closed": "petitions.col.closed",
                  "petitions_staged": "petitions.col.staged", "petitions_in_progress": "petitions.col.in_progress",
                  "rate": "petitions.col.rate", "petitions_substantiated": "petitions.col.substantiated",
                  "petitions_assessed": "petitions.col.assessed", "sub_share": "petitions.col.sub_share",
                  "median_days_to_close": "petitions.col.median_days"}
_PETITION_PCTS = {"rate": ("petitions_closed", "petitions_received"),
                  "sub_share": ("petitions_substantiated", "petitions_assessed")}


def _counts(frame: pd.DataFrame) -> pd.Series:
    """The one summary row with its petitions_* counts as ints."""
    row = frame.iloc[0]
    return pd.Series({k: int(v) for k, v in row.items() if k.startswith("petitions_")}, dtype=object)


def petition_kpis(sel: Selection) -> None:
    """Received, 办结率 (closed / received), 阶段性办结, in progress, 属实率; each with its change vs the month before."""
    now = _counts(data.query("petition_summary", scope_code=sel.scope_code, as_of=sel.as_of))
    was = _counts(data.query("petition_summary", scope_code=sel.scope_code, as_of=rectification.previous_month_end(sel.as_of)))
    rate, rate_was = pct(now.petitions_closed, now.petitions_received), pct(was.petitions_closed, was.petitions_received)
    share = pct(now.petitions_substantiated, now.petitions_assessed)
    c = st.columns(5)
    show.kpi(c[0], t("petitions.kpi.received"), f"{now.petitions_received:,}", None, _change(now.petitions_received, was.petitions_received))
    show.kpi(c[1], t("petitions.kpi.rate"), show.pct_text(rate), _of(now.petitions_closed, now.petitions_received),
             _change(rate, rate_was, "pp"), help=t("metric.resolution_rate.help"))
    show.kpi(c[2], t("petitions.kpi.staged"), f"{now.petitions_staged:,}", None, _change(now.petitions_staged, was.petitions_staged), "off")
    show.kpi(c[3], t("petitions.kpi.in_progress"), f"{now.petitions_in_progress:,}", None,
             _change(now.petitions_in_progress, was.petitions_in_progress), "inverse")
    show.kpi(c[4], t("petitions.kpi.substantiated"), show.pct_text(share), _of(now.petitions_substantiated, now.petitions_assessed),
             _change(share, pct(was.petitions_substantiated, was.petitions_assessed), "pp"), "off")


def _with_change(now: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    """Per-region rows with closed_change: petitions closed now minus at the month before (text, signed)."""
    was = dict(zip(before["region_code"], before["petitions_closed"]))
    return now.assign(closed_change=[f"{int(n - was.get(c, 0)):+,}" for c, n in zip(now["region_code"], now["petitions_closed"])])


def petition_tables(sel: Selection) -> None:
    """By inspection and batch, by pollution type (with a chart) and by region."""
    batches = data.query("petition_by_batch", scope_code=sel.scope_code, as_of=sel.as_of)
    batches = batches.assign(round_name=[label("round", r) for r in batches["round_label"]],
                             first=batches["first_received_on"].map(_day))
    types = data.query("petition_by_type", scope_code=sel.scope_code, as_of=sel.as_of)
    types = types.assign(type_name=[label("ptype", p) for p in types["pollution_type"]])
    regions = _with_change(data.query("petition_by_region", scope_code=sel.scope_code, as_of=sel.as_of),
                           data.query("petition_by_region", scope_code=sel.scope_code,
                                      as_of=rectification.previous_month_end(sel.as_of)))
    tabs = st.tabs([t("petitions.by_batch"), t("petitions.by_type"), t("petitions.by_region")])
    with tabs[0]:
        cols = {"round_name": "ledger.col.round", "batch_no": "petitions.col.batch", "first": "petitions.col.first_received"}
        show.table_with_downloads(_table(batches, cols | _PETITION_COLS, _PETITION_PCTS), "petitions-batch", "pet_batch")
    with tabs[1]:
        show.table_with_downloads(_table(types, {"type_name": "petitions.col.type"} | _PETITION_COLS, _PETITION_PCTS), "petitions-type", "pet_type")
        show.chart(charts.ranking_bar(types, "type_name", "petitions_received", t("petitions.chart.by_type"),
                                      text="petitions_received"), key="pet_type_chart")
    with tabs[2]:
        cols = {"region_name": "petitions.col.region"} | _PETITION_COLS | {"closed_change": "petitions.col.closed_change"}
        show.table_with_downloads(_table(regions, cols, _PETITION_PCTS),
                                  "petitions-region", "pet_region")


def petition_rechecks(sel: Selection) -> None:
    """Re-checked petitions by finding and status."""
    st.subheader(t("petitions.rechecks"))
    r = data.query("petition_rechecks", scope_code=sel.scope_code, as_of=sel.as_of)
    r = r.assign(finding=[t(f"petitions.finding.{v if isinstance(v, str) else 'none'}") for v in r["substantiated"]],
                 state=[t(f"petitions.status.{v}") for v in r["status"]])
    st.dataframe(_table(r, {"finding": "petitions.col.finding", "state": "petitions.col.status", "petitions": "petitions.col.count"}),
                 hide_index=True, width="stretch")


def petition_repeats(sel: Selection) -> None:
    """Repeat complaints with a configurable window (months)."""
    st.subheader(t("petitions.repeats"))
    default = rectification.REPEAT_WINDOW_MONTHS
    months = int(st.number_input(t("petitions.window"), min_value=1, max_value=60, key="pet_window",
                                 value=_url_int("window", default, 1, 60)))
    _keep_in_url("window", months, default)
    st.caption(t("petitions.repeats.caption", months=months))
    r = data.query("petition_repeats", scope_code=sel.scope_code, as_of=sel.as_of, window_months=months)
    r = r.assign(first=r["first_received_on"].map(_day), last=r["last_received_on"].map(_day))
    show.table_with_downloads(_table(r, {"city_name": "ledger.col.city", "place": "petitions.col.place", "petitions": "petitions.col.count",
                                         "repeats": "petitions.col.repeats", "first": "petitions.col.first", "last": "petitions.col.last",
                                         "petition_ids": "petitions.col.ids"}), "petition-repeats", "pet_repeats")


# ---- supervision ----------------------------------------------------------------------------

def supervision_kpis(sel: Selection) -> None:
    """Actions (and people) per kind since 1 January of the as-of year, with the change vs the month before."""
    st.subheader(t("supervision.kpi_year", year=sel.as_of.year))
    start = dt.date(sel.as_of.year, 1, 1)
    now = data.query("supervision_summary", scope_code=sel.scope_code, from_date=start, as_of=sel.as_of).set_index("kind")
    before_day = rectification.previous_month_end(sel.as_of)
    was = data.query("supervision_summary", scope_code=sel.scope_code, from_date=start, as_of=before_day).set_index("kind")
    if before_day < start:
        was = was.assign(actions=0, people=0)
    for col, kind in zip(st.columns(len(SUPERVISION_KINDS)), SUPERVISION_KINDS):
        people = int(now.loc[kind, "people"])
        show.kpi(col, label("kind", kind), f"{int(now.loc[kind, 'actions']):,}",
                 t("supervision.kpi.people", people=f"{people:,}") if people else None,
                 _change(now.loc[kind, "actions"], was.loc[kind, "actions"]), "off")


def supervision_by_region(sel: Selection) -> None:
    """Actions and people per city and year, one column pair per kind."""
    st.subheader(t("supervision.by_region"))
    st.caption(t("supervision.by_region.caption"))
    r = data.query("supervision_by_region", scope_code=sel.scope_code, as_of=sel.as_of)
    wide = r.pivot_table(index=["year", "city_name"], columns="kind", values=["actions", "people"], aggfunc="sum", fill_value=0)
    table = wide.index.to_frame(index=False).rename(columns={"year": t("supervision.col.year"), "city_name": t("ledger.col.city")})
    for kind in SUPERVISION_KINDS:
        for measure, key in (("actions", "supervision.actions_of"), ("people", "supervision.people_of")):
            if (measure, kind) in wide.columns and (measure == "actions" or kind in ("interview", "accountability")):
                table[t(key, kind=label("kind", kind))] = wide[(measure, kind)].astype(int).to_numpy()
    show.table_with_downloads(table.sort_values(table.columns[0], ascending=False, kind="stable"), "supervision-region", "sup_region")


def supervision_linked(sel: Selection) -> None:
    """Each action with the task it concerns (task_id → title)."""
    st.subheader(t("supervision.linked"))
    r = data.query("supervision_by_task", scope_code=sel.scope_code, as_of=sel.as_of)
    r = r.assign(day=r["acted_on"].map(_day), kind_name=[label("kind", k) for k in r["kind"]],
                 task=r["task_title"].fillna(""), task_ref=r["task_id"].fillna(""))
    show.table_with_downloads(_table(r, {"day": "supervision.col.acted_on", "kind_name": "supervision.col.kind",
                                         "city_name": "ledger.col.city", "region_name": "ledger.col.region",
                                         "people_count": "supervision.col.people", "task": "supervision.col.task",
                                         "task_ref": "ledger.col.task_id"}), "supervision-actions", "sup_actions")
