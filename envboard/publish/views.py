"""Display tables and sentences built from a snapshot, shared by the public app and the static site."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from envboard import catalog
from envboard.core import formatting
from envboard.core.i18n import language, t
from envboard.core.settings import get_setting
from envboard.domain.metrics import format_value
from envboard.publish.read import Snapshot
from envboard.standards.reference import aqi_levels


@dataclass(frozen=True)
class MetricView:
    key: str            # rank prefix in the snapshot
    label: str          # string key
    value: str          # column
    fmt: str            # pct1 | ugm3
    numerator: str | None
    denominator: str
    higher_is_better: bool = True
    detail: str = ""                   # string key of the line under its headline figure
    detail_province: str = ""          # the same for the province (city-days)
    group: str = ""                    # rect | pet | air | water (envboard/catalog.py)


# The published metrics, in catalogue order (envboard/catalog.py: Metric.public).
METRIC_VIEWS: dict[str, MetricView] = {
    m.public.prefix: MetricView(m.public.prefix, m.public.label, m.public.parts.value, m.fmt, m.public.parts.numerator,
                                m.public.parts.denominator, m.higher_is_better, m.public.detail,
                                m.public.detail_province or m.public.detail, m.group)
    for m in catalog.on("public")}
_COLUMN_LABEL = {col: key for m in catalog.on("public")
                 for col, key in ((m.public.parts.numerator, m.public.numerator_label),
                                  (m.public.parts.denominator, m.public.denominator_label)) if col}
_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def metrics_of(*groups: str) -> list[str]:
    """The published metrics of these groups (rect, pet, air, water), in catalogue order."""
    return [k for k, mv in METRIC_VIEWS.items() if mv.group in groups]


def period_keys(snap: Snapshot) -> list[str]:
    """'ytd' first, then each published month as YYYY-MM, newest first."""
    months = sorted({d.strftime("%Y-%m") for d in snap.figures.loc[snap.figures["period_kind"] == "month", "period_end"]})
    return ["ytd", *reversed(months)]


def period_label(snap: Snapshot, key: str) -> str:
    end = snap.as_of if key == "ytd" else dt.date(int(key[:4]), int(key[5:]), 1)
    kind = "public.period.ytd" if key == "ytd" else "public.period.month"
    return t(kind, year=end.year, month=_month_word(end))


def month_text(day: dt.date) -> str:
    return t("public.period.month", year=day.year, month=_month_word(day))


def _month_word(day: dt.date) -> str:
    """The month as written in the current language: 12 (zh, before 月) or Dec (en)."""
    return _MONTHS_EN[day.month - 1] if language() == "en" else str(day.month)


def rows(snap: Snapshot, key: str) -> pd.DataFrame:
    """Figures of one period, province first."""
    f = snap.figures
    if key == "ytd":
        return f[f["period_kind"] == "ytd"]
    return f[(f["period_kind"] == "month") & (f["period_end"].map(lambda d: d.strftime("%Y-%m")) == key)]


def region_row(snap: Snapshot, key: str, code: str) -> dict:
    frame = rows(snap, key)
    row = frame[frame["region_code"] == code]
    return {k: (None if pd.isna(v) else v) for k, v in row.iloc[0].to_dict().items()} if len(row) else {}


def value_text(mv: MetricView, value) -> str:
    return format_value(None if value is None or pd.isna(value) else float(value), mv.fmt)


@dataclass(frozen=True)
class Change:
    """A figure's change against the same span of last year, as written and judged."""
    text: str           # 较上年同期 +2.3 个百分点 / 较上年同期 持平
    direction: str      # better | worse | same
    arrow: str = "off"  # up | down | off (no change)


def last_year_change(snap: Snapshot, metric: str, code: str) -> Change | None:
    """The year to date against the same months of last year (ytd_last_year rows; rates in
    percentage points, PM2.5 in μg/m³, both as displayed); None when either side is missing."""
    mv = METRIC_VIEWS[metric]
    f = snap.figures
    last = f[(f["period_kind"] == "ytd_last_year") & (f["region_code"] == code)]
    now, before = region_row(snap, "ytd", code).get(mv.value), (last[mv.value].iloc[0] if len(last) else None)
    if now is None or before is None or pd.isna(before):
        return None
    places = 1 if mv.fmt == "pct1" else 0
    delta = formatting.round_half_even(float(now), places) - formatting.round_half_even(float(before), places)
    delta = formatting.round_half_even(delta, places)
    against = t("public.vs_last_year")
    if delta == 0:
        return Change(f"{against} {t('change.none')}", "same")
    if mv.fmt == "pct1":
        shown = format_value(delta, "pp1", language())
    elif mv.fmt == "ugm3":
        shown = f"{delta:+.{places}f} μg/m³"
    else:                                   # a count (重污染天数): a whole number, in the figure's own terms
        shown = f"{int(delta):+,d}"
    better = (delta > 0) == mv.higher_is_better
    return Change(f"{against} {shown}", "better" if better else "worse", "up" if delta > 0 else "down")


def trend_values(snap: Snapshot, code: str, metric: str) -> list[float]:
    """The metric's monthly values this year, oldest first (the card's sparkline); missing months dropped."""
    mv = METRIC_VIEWS[metric]
    f = snap.figures
    frame = f[(f["period_kind"] == "month") & (f["region_code"] == code)].sort_values("period_end")
    return [float(v) for v in frame[mv.value] if not pd.isna(v)]


def issuer(snap: Snapshot) -> str:
    """The issuing authority: the public_issuer setting ('中文|English'), else the province's 生态环境厅."""
    return _bilingual(get_setting("public_issuer")) or t("public.issuer_default", province=snap.name(snap.province))


def contact() -> str:
    """The contact line from the public_contact setting ('中文|English'); "" when none is set."""
    return _bilingual(get_setting("public_contact"))


def _bilingual(value: str) -> str:
    zh, _, en = (value or "").partition("|")
    return (en.strip() or zh.strip()) if language() == "en" else zh.strip()


def footer_text(snap: Snapshot) -> str:
    """发布单位 … · 联系方式 … (the contact only when set)."""
    parts = [t("public.issuer", issuer=issuer(snap))]
    if contact():
        parts.append(t("public.contact", contact=contact()))
    return " · ".join(parts)


def rank_text(rank, is_tie: bool) -> str:
    return formatting.rank_text(None if rank is None or pd.isna(rank) else rank, is_tie, t("public.tie"))


def city_table(snap: Snapshot, metric: str, key: str) -> pd.DataFrame:
    """Cities ranked on one metric: rank (并列 marked), city, numerator, denominator, shown value."""
    mv = METRIC_VIEWS[metric]
    frame = rows(snap, key)
    frame = frame[frame["region_code"].isin(snap.city_codes)].sort_values([f"{metric}_rank", "region_code"])
    out = pd.DataFrame({t("public.col.rank"): [rank_text(r, tie) for r, tie in zip(frame[f"{metric}_rank"], frame[f"{metric}_is_tie"])],
                        t("public.city"): [snap.name(c) for c in frame["region_code"]]})
    for column in (mv.numerator, mv.denominator):
        if column:
            out[t(_COLUMN_LABEL[column])] = [f"{int(v):,}" for v in frame[column]]
    out[t(mv.label)] = [value_text(mv, v) for v in frame[mv.value]]
    return out.reset_index(drop=True)


def chart_frame(snap: Snapshot, metric: str, key: str) -> pd.DataFrame:
    """city, value (number) and label (shown text) in rank order, for bar charts."""
    mv = METRIC_VIEWS[metric]
    frame = rows(snap, key)
    frame = frame[frame["region_code"].isin(snap.city_codes) & frame[mv.value].notna()].sort_values([f"{metric}_rank", "region_code"])
    return pd.DataFrame({"city": [snap.name(c) for c in frame["region_code"]], "value": frame[mv.value].astype(float).tolist(),
                         "label": [value_text(mv, v) for v in frame[mv.value]]})


def comparison_sentence(snap: Snapshot, metric: str, key: str) -> str:
    """One sentence naming the best and the worst city on a metric."""
    mv, chart = METRIC_VIEWS[metric], chart_frame(snap, metric, key)
    if chart.empty:
        return t("common.no_data")
    first, last = chart.iloc[0], chart.iloc[-1]
    template = "public.cities.summary" if mv.higher_is_better else "public.cities.summary_low"
    return t(template, period=period_label(snap, key), metric=t(mv.label), best=first.city, best_value=first.label,
             worst=last.city, worst_value=last.label, n=len(chart))


def overview_sentence(snap: Snapshot, code: str) -> str:
    r = region_row(snap, "ytd", code)
    return t("public.overview.summary", month=month_text(snap.as_of), scope=snap.name(code),
             num=_count(r["tasks_closed"]), den=_count(r["tasks_under_closure"]),
             rate=value_text(METRIC_VIEWS["closure"], r["closure_rate_pct"]),
             pnum=_count(r["petitions_closed"]), pden=_count(r["petitions_received"]),
             prate=value_text(METRIC_VIEWS["resolution"], r["resolution_rate_pct"]))


def _count(value) -> str:
    """A count in a sentence as everywhere else: 13,412."""
    return formatting.format_cell(value, "int")


def detail_text(metric: str, row: dict, is_province: bool = False) -> str:
    """The numerator/denominator line under a headline figure (city-days for a province's air)."""
    mv = METRIC_VIEWS[metric]
    den = row.get(mv.denominator)
    num = row.get(mv.numerator) if mv.numerator else None
    return t(mv.detail_province if is_province else mv.detail, num=None if num is None else _count(num),
             den=None if den is None else _count(den), days=None if den is None else _count(den))


def rank_sentence(snap: Snapshot, metric: str, key: str, code: str) -> str | None:
    row = region_row(snap, key, code)
    rank = row.get(f"{metric}_rank")
    if code not in snap.city_codes or rank is None:
        return None
    template = "public.rank_tie" if row.get(f"{metric}_is_tie") else "public.rank_of"
    return t(template, rank=int(rank), n=len(snap.city_codes))


def monthly_table(snap: Snapshot, code: str, metric: str) -> pd.DataFrame:
    """One region's monthly values of a metric with numerator and denominator, oldest first."""
    mv = METRIC_VIEWS[metric]
    f = snap.figures
    frame = f[(f["period_kind"] == "month") & (f["region_code"] == code)].sort_values("period_end")
    out = pd.DataFrame({t("public.col.month"): [month_text(d) for d in frame["period_end"]]})
    for column in (mv.numerator, mv.denominator):
        if column:
            out[t(_COLUMN_LABEL[column])] = [f"{int(v):,}" for v in frame[column]]
    out[t(mv.label)] = [value_text(mv, v) for v in frame[mv.value]]
    if code == snap.province and mv.denominator == "pm25_days":
        out = out.rename(columns={t(_COLUMN_LABEL["pm25_days"]): t("public.col.city_days")})
    out.attrs["values"] = frame[mv.value].astype(float).tolist()
    out.attrs["months"] = list(frame["period_end"])
    return out.reset_index(drop=True)


def methodology_table(snap: Snapshot, lang: str) -> pd.DataFrame:
    m = snap.methodology
    return pd.DataFrame({t("public.method.topic"): m[f"topic_{lang}"], t("public.method.text"): m[f"text_{lang}"]})


def aqi_table(lang: str) -> pd.DataFrame:
    """AQI levels with their official colours named in words (colour is never the only cue)."""
    return pd.DataFrame([{t("public.aqi.level"): r["level_cn"] if lang == "zh" else f"Level {r['level_num']}",
                          t("public.aqi.range"): f"{r['aqi_min']}–{r['aqi_max']}" if r["aqi_max"] else f"≥ {r['aqi_min']}",
                          t("public.aqi.category"): r["category_cn"] if lang == "zh" else r["category_en"],
                          t("public.aqi.colour"): r["colour_cn"] if lang == "zh" else r["colour_en"], "hex": r["hex"]}
                         for r in aqi_levels()])


def air_sentence(snap: Snapshot, key: str, code: str) -> str:
    r = region_row(snap, key, code)
    template = "public.env.air_summary_province" if code == snap.province else "public.env.air_summary"
    return t(template, period=period_label(snap, key), region=snap.name(code),
             pm25=value_text(METRIC_VIEWS["pm25"], r.get("pm25_ugm3")), good=_count(r.get("good_days")),
             valid=_count(r.get("valid_days")),
             share=value_text(METRIC_VIEWS["good_days"], r.get("good_days_pct")))


WATER_LEVELS = ("water_good_national", "water_good_provincial")      # 国控, 省控


def water_sentence(snap: Snapshot, key: str, code: str) -> str:
    """All sections, then each control level (国控 / 省控) that has sections, with its own denominator."""
    r = region_row(snap, key, code)
    text = t("public.env.water_summary", period=period_label(snap, key), region=snap.name(code),
             num=_count(r.get("sections_good")), den=_count(r.get("sections_assessed")),
             bad=_count(r.get("sections_inferior")),
             share=value_text(METRIC_VIEWS["water_good"], r.get("water_good_pct")))
    levels = [t("public.env.water_level", level=t(f"public.env.level.{metric.rsplit('_', 1)[1]}"),
                num=_count(r.get(mv.numerator)), den=_count(r.get(mv.denominator)), share=value_text(mv, r.get(mv.value)))
              for metric, mv in ((m, METRIC_VIEWS[m]) for m in WATER_LEVELS) if r.get(mv.denominator)]
    return text + (t("public.env.water_levels", levels=t("scope.list_sep").join(levels)) if levels else "")


def pm25_trend_sentence(snap: Snapshot, code: str, trend: pd.DataFrame) -> str:
    values = [v for v in trend.attrs["values"] if not pd.isna(v)]
    if not values:
        return t("common.no_data")
    return t("public.env.trend_summary", region=snap.name(code), low=f"{min(values):.0f}", high=f"{max(values):.0f}")


def closure_trend_sentence(snap: Snapshot, code: str, trend: pd.DataFrame) -> str:
    if trend.empty:
        return t("common.no_data")
    rate = trend.columns[-1]
    return t("public.progress.trend_summary", region=snap.name(code), first_month=trend.iloc[0, 0],
             first=trend[rate].iloc[0], last_month=trend.iloc[-1, 0], last=trend[rate].iloc[-1])


def progress_table(snap: Snapshot, key: str, metric: str) -> pd.DataFrame:
    """Province then cities on closure (tasks) or resolution (petitions): numerator, denominator, rate, rank."""
    mv = METRIC_VIEWS[metric]
    frame = rows(snap, key)
    order = {c: i for i, c in enumerate([snap.province, *snap.city_codes])}
    frame = frame.sort_values("region_code", key=lambda s: s.map(order))
    return pd.DataFrame({
        t("public.region"): [snap.name(c) for c in frame["region_code"]],
        t(_COLUMN_LABEL[mv.numerator]): [f"{int(v):,}" for v in frame[mv.numerator]],
        t(_COLUMN_LABEL[mv.denominator]): [f"{int(v):,}" for v in frame[mv.denominator]],
        t(mv.label): [value_text(mv, v) for v in frame[mv.value]],
        t("public.col.rank"): [rank_text(r, x) for r, x in zip(frame[f"{metric}_rank"], frame[f"{metric}_is_tie"])],
    }).reset_index(drop=True)
