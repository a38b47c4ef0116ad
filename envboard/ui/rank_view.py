"""Page helpers for 排行榜, 城市档案 and 地图: URL-backed filters, cached leaderboards, tables and charts."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from envboard.core import charts
from envboard.domain import air_board, rank, rank_values, scoring
from envboard.core.errors import UsageError
from envboard.core.formatting import rank_text
from envboard.core.i18n import place, t
from envboard.domain.metrics import format_value
from envboard.ui import data, filters, show

CITY_PAGE = "app_pages/city_file.py"
LEADERBOARD_PAGE = "app_pages/leaderboard.py"
# Named views of the 排行榜: its own URL parameters, laid over the one selection (scope, month, period).
PRESETS: dict[str, dict[str, str]] = {
    "closure": {"metric": "closure_rate", "mode": "value"},     # 销号率排名
}
KINDS = ["month", "ytd", "year", "range"]


@dataclass(frozen=True)
class RankSelection:
    metric: str
    scope: str
    period: rank.Period
    mode: str           # value | change
    against: str        # yoy | prev
    city: str           # the selected city (highlighted), "" for a province or national scope
    shared: filters.Selection

    def link(self, **changes: str) -> dict[str, str]:
        """URL parameters for a link to another page: the shared selection, with changes."""
        return {**filters.remembered_params(), **changes}


def preset_params(name: str, params: dict[str, str]) -> dict[str, str]:
    """URL parameters that open the 排行榜 with preset `name` over the selection in `params`."""
    return {**params, **PRESETS[name]}


def open_preset(name: str) -> None:
    """Switch to the 排行榜 with preset `name`, keeping the URL's (else the session's) selection."""
    params = {**filters.remembered_params(), **st.query_params.to_dict()}
    st.switch_page(LEADERBOARD_PAGE, query_params=preset_params(name, params))


def _param(name: str, default: str, allowed: list[str] | None = None) -> str:
    value = st.query_params.get(name) or st.session_state.get(f"_rank_{name}") or default
    return value if allowed is None or value in allowed else default


def _keep(name: str, value: str) -> None:
    """Remember a ranking choice for the session and write it to the URL (left out when the default)."""
    st.session_state[f"_rank_{name}"] = value
    filters._set_param(name, value, filters.RANK_PARAMS.get(name))


def scope_options() -> dict[str, str]:
    """Ranking scopes: national, several provinces of one inspection round, then each province with
    data and its cities (code → label)."""
    return filters.scope_labels("rank.scope.national")


def selection(key: str, metric_widget: bool = True) -> RankSelection:
    """The one selection (scope, month, period type) plus this page's metric, mode and comparison.
    A city scope is ranked among its province's cities and highlighted; the city file needs a city."""
    metrics = list(rank.REGISTRY)
    metric = _param("metric", "closure_rate", metrics)
    if metric_widget:
        metric = st.sidebar.selectbox(t("rank.metric"), metrics, index=metrics.index(metric), key=f"{key}_metric",
                                      format_func=lambda k: t(f"rank.metric.{k}"))
    sel = filters.selection(key, period=True, scopes=scope_options(), cities_only=not metric_widget)
    peers = sel.province_code if sel.is_city else sel.scope_code
    mode = _param("mode", "value", ["value", "change"])
    if metric_widget:
        mode = st.sidebar.radio(t("rank.mode"), ["value", "change"], index=["value", "change"].index(mode),
                                key=f"{key}_mode", format_func=lambda m: t(f"rank.mode.{m}"), horizontal=True)
    against = _param("against", "yoy", ["yoy", "prev"])
    against = st.sidebar.radio(t("rank.against"), ["yoy", "prev"], index=["yoy", "prev"].index(against),
                               key=f"{key}_against", format_func=lambda m: t(f"rank.against.{m}"), horizontal=True)
    for name, value in [("metric", metric), ("mode", mode), ("against", against)]:
        _keep(name, value)
    return RankSelection(metric, peers, sel.period, mode if metric_widget else "value", against,
                         sel.scope_code if sel.is_city else "", sel)


@st.cache_data(max_entries=256, show_spinner=False)
def _board(metric: str, scope: str, period_text: str, mode: str, against: str, version: int) -> rank_values.Leaderboard:
    cur = data.reader().cursor()
    try:
        return rank_values.leaderboard(cur, metric, scope, rank.parse_period(period_text), mode, against)
    finally:
        cur.close()


def board(sel: RankSelection, metric: str | None = None, scope: str | None = None,
          period: rank.Period | None = None) -> rank_values.Leaderboard:
    """The cached leaderboard for a selection (optionally another metric, scope or period)."""
    period = period or sel.period
    return _board(metric or sel.metric, scope or sel.scope, period.text, sel.mode, sel.against, data.version())


def value_text(m: rank.RankMetric, value) -> str:
    """A metric value as displayed (91.9 %, 20 μg/m³, 3.87, 12)."""
    return values_text(m, [value])[0]


def values_text(m: rank.RankMetric, values) -> list[str]:
    """A column of metric values as displayed, rounded in one pass (a table of 370 cities is one
    call, not 370 one-row Series)."""
    shown = rank.displayed(pd.to_numeric(pd.Series(list(values), dtype="object"), errors="coerce"),
                           2 if m.fmt == "dec2" else m.places)
    if m.fmt == "dec2":
        return ["—" if pd.isna(v) else f"{v:.2f}" for v in shown]
    return ["—" if pd.isna(v) else format_value(float(v), m.fmt) for v in shown]


def change_text(m: rank.RankMetric, value) -> str:
    """A change as shown: relative metrics in % (one decimal), rates in percentage points, else the difference."""
    if value is None or pd.isna(value):
        return "—"
    if m.change == "relative":
        return f"{value:+.1f} %"
    unit = t("common.pp") if m.fmt == "pct1" else ""
    return f"{value:+.{m.places}f}{(' ' + unit) if unit else ''}"


def basis(period: rank.Period, against: str) -> str:
    """The change basis key: yoy (较上年同期), year (较上年), mom (较上月) or prev (较上期)."""
    if against == "yoy":
        return "year" if period.kind == "year" else "yoy"
    return {"month": "mom", "year": "year"}.get(period.kind, "prev")


def change_column(lb: rank_values.Leaderboard) -> str:
    """The change column's heading with its basis and unit, e.g. 变化（较上年同期，个百分点）."""
    m = lb.metric
    unit = "%" if m.change == "relative" else (t("common.pp") if m.fmt == "pct1" else "")
    return t("rank.col.change_basis", basis=t("change." + basis(lb.period, lb.against)), unit=("，" if t("common.pp") == "个百分点" else ", ") + unit if unit else "")


def change_field(lb: rank_values.Leaderboard) -> str:
    """The column the change is shown and ranked on: change_pct (relative) or change (absolute)."""
    return "change_pct" if lb.metric.change == "relative" else "change"


def arrow(rank_change) -> str:
    """↑2 / ↓1 / – for a rank change (positive = moved up)."""
    if rank_change is None or pd.isna(rank_change):
        return "—"
    return f"↑{int(rank_change)}" if rank_change > 0 else (f"↓{-int(rank_change)}" if rank_change < 0 else "–")


def display_table(lb: rank_values.Leaderboard) -> pd.DataFrame:
    """The leaderboard as shown and downloaded: rank (并列), region, value, numerator/denominator, change, arrow."""
    m, rows = lb.metric, lb.ranked
    ranks = [rank_text(r, tie, t("common.tie")) for r, tie in zip(rows["rank"], rows["tie"])]
    frame = pd.DataFrame({
        t("common.rank"): ranks, t("rank.col.region"): [place(n) for n in rows["region_name"]],
        t("rank.metric." + m.key): values_text(m, rows["value"]),
        t("rank.col.numerator"): [_count(v) for v in rows["numerator"]],
        t("rank.col.denominator"): [_count(v) for v in rows["denominator"]],
        t("rank.col.previous"): values_text(m, rows["previous_value"]),
        change_column(lb): [change_text(m, v) if not bad else t("rank.base_invalid_mark")
                            for v, bad in zip(rows[change_field(lb)], rows["base_invalid"])],
        t("rank.col.rank_change"): [arrow(v) for v in rows["rank_change"]],
    })
    if lb.previous_recomputed:      # both bases: the comparison figure under the rules of its own time
        frame.insert(6, t("rank.col.previous_own"), values_text(m, rows["previous_value_own_basis"]))
    return frame


def _count(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{int(value):,}"


def excluded_table(lb: rank_values.Leaderboard) -> pd.DataFrame:
    return pd.DataFrame({t("rank.col.region"): [place(n) for n in lb.excluded["region_name"]],
                         t("rank.col.reason"): [t(r) for r in lb.excluded["reason"]]})


def sentence(sel: RankSelection, lb: rank_values.Leaderboard) -> None:
    direction = t("rank.direction.higher" if lb.metric.higher_is_better else "rank.direction.lower")
    st.caption(t("rank.sentence", scope=scope_options().get(sel.scope, sel.scope).strip(), period=period_text(sel.period),
                 metric=t(lb.metric.name_key), direction=direction) + " · " + t("rank.against." + sel.against)
               + (" · " + t("rank.selected_city", city=sel.shared.scope_name) if sel.city else ""))
    st.caption(basis_sentence(lb))
    show.data_as_of(sel.period.end)


def basis_sentence(lb: rank_values.Leaderboard) -> str:
    """How change is measured, and the rule set of the figures (同口径 when the base was recomputed)."""
    m = lb.metric
    kind = "rank.change.relative" if m.change == "relative" else ("rank.change.absolute_pp" if m.fmt == "pct1"
                                                                 else "rank.change.absolute")
    parts = [t(kind)]
    if lb.basis:
        parts.append(t("rank.basis", basis=lb.basis))
        parts.append(t("rank.basis.recomputed" if lb.previous_recomputed else "rank.basis.same"))
    return " · ".join(parts)


def period_text(period: rank.Period) -> str:
    """2022年12月 / 2022年1—11月累计 / 2022年 / 2022-01..2022-11 in the current language."""
    end = t("common.month_fmt", year=period.end.year, month=period.end.month)
    if period.kind == "month":
        return end
    if period.kind == "year":
        return f"{period.start.year}" + ("年" if t("common.pp") == "个百分点" else "")
    if period.kind == "ytd":
        return f"{t('rank.period.ytd')} · {end}"
    return f"{t('common.month_fmt', year=period.start.year, month=period.start.month)} – {end}"


def unit_text(m: rank.RankMetric) -> str:
    """The unit a metric's values are shown in (axis and legend titles); "" for counts and indices."""
    return {"ugm3": "μg/m³", "share": "%"}.get(m.unit, "")


def bar_chart(lb: rank_values.Leaderboard, highlight: str) -> None:
    """Bars in rank order with the highlighted region in a contrasting colour."""
    m, rows = lb.metric, lb.ranked
    column = change_field(lb) if lb.by == "change" else "value"
    shown = rows.assign(region_name=[place(n) for n in rows["region_name"]],
                        shown=rank.displayed(rows[column], lb.change_places if lb.by == "change" else m.places),
                        label=values_text(m, rows[column]) if column == "value" else [change_text(m, v) for v in rows[column]])
    title = t("rank.chart_change" if lb.by == "change" else "rank.chart", metric=t(m.name_key))
    if lb.by == "change":
        unit = "%" if m.change == "relative" else (t("common.pp") if m.fmt == "pct1" else unit_text(m))
    else:
        unit = unit_text(m)
    fig = charts.ranking_bar(shown, "region_name", "shown", title, highlight=highlight, text="label", x_title=unit)
    fig.update_traces(cliponaxis=False)
    fig.update_layout(margin={"r": 90})
    show.chart(fig, key="rank_bar")


def highlight_picker(lb: rank_values.Leaderboard, sel: RankSelection, key: str) -> str:
    """The selected city's name (highlighted in the chart) and a link to its file; "" for a province scope."""
    names = {c: place(n) for c, n in zip(lb.ranked["region_code"], lb.ranked["region_name"])}
    if sel.city not in names:
        return ""
    st.page_link(CITY_PAGE, label=t("rank.open_city", city=names[sel.city]), icon=":material/folder_open:",
                 query_params=sel.link())
    return names[sel.city]


def ranked_table(lb: rank_values.Leaderboard, sel: RankSelection, key: str) -> None:
    """The table (click a row to open that city's file) with CSV/XLSX downloads, then the excluded list."""
    frame = display_table(lb)
    event = st.dataframe(frame, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key=f"{key}_table", height=show.expandable_height(len(frame), key))
    picked = event.selection.rows if event is not None else []
    if picked:
        code = lb.ranked.iloc[picked[0]]["region_code"]
        st.switch_page(CITY_PAGE, query_params=sel.link(scope=code))
    st.caption(t("rank.ties_note"))
    stem = f"rank_{lb.metric.key}_{lb.scope_code}_{lb.period.text.replace(':', '_').replace('..', '_')}"
    show.download_buttons(frame, stem, key)
    if len(lb.excluded):
        with st.expander(t("rank.excluded", n=len(lb.excluded))):
            st.dataframe(excluded_table(lb), hide_index=True, width="stretch")


def cut_with_ties(ranks: pd.Series, n: int, best: bool) -> pd.Series:
    """Rows in the best (or worst) n, including every region tied with the one at the cut (1, 1, 3)."""
    ranks = ranks.reset_index(drop=True)
    if len(ranks) <= n:
        return pd.Series(True, index=ranks.index)
    if best:
        return ranks <= ranks.iloc[n - 1]
    return ranks >= ranks.iloc[len(ranks) - n]


def best_worst(lb: rank_values.Leaderboard, n: int = 3) -> None:
    """Two short lists: the best n and the worst n regions, each with everything tied at the cut."""
    if len(lb.ranked) < 2 * n:
        return
    st.subheader(t("rank.best_worst", n=n))
    left, right = st.columns(2)
    table = display_table(lb).iloc[:, :3]
    top, bottom = table[cut_with_ties(lb.ranked["rank"], n, True).values], table[cut_with_ties(lb.ranked["rank"], n, False).values]
    left.caption(t("rank.best"))
    left.dataframe(top, hide_index=True, width="stretch", height=show.full_height(len(top)))
    right.caption(t("rank.worst"))
    right.dataframe(bottom, hide_index=True, width="stretch", height=show.full_height(len(bottom)))


def score_panel(sel: RankSelection) -> None:
    """The integrated score's breakdown per region (sums to the score) and an expander to change weights live."""
    base = scoring.default_weights()
    weights = base
    with st.expander(t("rank.score.edit")):
        cols = st.columns(len(base.weights))
        edited = {k: col.number_input(t("rank.score.weight", metric=t(f"rank.metric.{k}")), min_value=0.0,
                                      value=float(w), step=5.0, key=f"w_{k}")
                  for col, (k, w) in zip(cols, base.weights.items())}
        try:
            weights = scoring.with_weights(base, edited)
        except UsageError:
            st.error(t("rank.score.bad_weights"))
    st.subheader(t("rank.score.title"))
    st.caption(t("rank.score.version", version=weights.version))
    if weights.normalisation != "anchors":
        st.caption(t("score.minmax_note"))
    else:
        st.caption(t("score.anchor_note") + " " + "；".join(
            f"{t('rank.metric.' + k)} {lo:g} → 0、{hi:g} → 100" for k, (lo, hi) in weights.anchors.items()))
    table = _score_table(sel, weights)
    show.table_with_downloads(table, f"score_{sel.scope}_{sel.period.text.replace(':', '_')}", key="score")


@st.cache_data(max_entries=64, show_spinner=False)
def _breakdown(scope: str, period_text: str, weights, version: int) -> pd.DataFrame:
    cur = data.reader().cursor()
    try:
        return scoring.score_table(cur, scope, rank.parse_period(period_text), weights)
    finally:
        cur.close()


def _score_table(sel: RankSelection, weights) -> pd.DataFrame:
    wide = _breakdown(sel.scope, sel.period.text, weights, data.version())
    ranks = [rank_text(r, tie, t("common.tie")) for r, tie in zip(wide["rank"], wide["tie"])]
    out = pd.DataFrame({t("common.rank"): ranks, t("rank.col.region"): [place(n) for n in wide["region_name"]]})
    for key in weights.weights:
        out[t("rank.score.contribution", metric=t(f"rank.metric.{key}"))] = [f"{v:.2f}" for v in wide[key]]
    out[t("rank.score.total")] = [f"{v:.2f}" for v in wide["value"]]
    return out


@st.cache_data(max_entries=64, show_spinner=False)
def _air_board(scope: str, month: str, version: int):
    cur = data.reader().cursor()
    try:
        return air_board.air_board(cur, scope, month)
    finally:
        cur.close()


def air_board_section(scope: str, month: str, n: int) -> None:
    """MEE-style air rankings: per metric, 当月 and 1—X月累计 side by side, best and worst n (ties kept)."""
    board = _air_board(scope, month, data.version())
    for key, (month_lb, ytd_lb) in board.boards.items():
        m = month_lb.metric
        st.subheader(t(m.name_key))
        st.caption(basis_sentence(month_lb))
        for col, lb, title in zip(st.columns(2), (month_lb, ytd_lb),
                                  (t("mee.month") + " · " + period_text(month_lb.period),
                                   t("mee.ytd", month=ytd_lb.period.end.month))):
            col.markdown(f"**{title}**")
            for label, frame, bottom in ((t("mee.best", n=n), air_board.best(lb, n), False),
                                         (t("mee.worst", n=n), air_board.worst(lb, n), True)):
                col.caption(label)
                col.table(_mee_table(lb, frame, bottom))


def _mee_table(lb: rank_values.Leaderboard, frame: pd.DataFrame, bottom: bool) -> pd.DataFrame:
    m = lb.metric
    column = "rank_from_bottom" if bottom else "rank"
    ranks = [rank_text(r, tie, t("common.tie")) for r, tie in zip(frame[column], frame["tie"])]
    return pd.DataFrame({t("mee.rank_from_bottom" if bottom else "common.rank"): ranks, t("rank.col.region"): frame["region_name"],
                         t(m.name_key): values_text(m, frame["value"]),
                         t("rank.col.change"): [change_text(m, v) for v in frame[change_field(lb)]]})
