"""What the page and every export show of an edition: labelled, formatted tables (zh or en headers)."""
from __future__ import annotations

import pandas as pd

from envboard.briefing.tables import SPECS, TABLES, format_cell, format_change  # noqa: F401 (SPECS re-exported)
from envboard.core.formatting import rank_text
from envboard.core.i18n import label, t
from envboard.domain.metrics import SUPERVISION_KINDS, format_value
from envboard import catalog
from envboard.briefing.build import HEADLINE, PERIOD_OF_GROUP


# The period each figure covers: a stock at the month end, a year-to-date total, or the month alone
# (a catalogue metric's by its group: tasks and petitions at the month end, air and water year to date).
PERIODS = {**{m.key: PERIOD_OF_GROUP[m.group] for m in catalog.on("briefing")},
           "units": "as_of", "supervision_month": "month", "supervision_ytd": "ytd", "headline": "mixed"}


def period_text(ed: dict, basis: str, lang: str = "zh") -> str:
    """截至12月底 | 1—12月累计 (1月 in January) | 当月，12月 | both stock and year-to-date (mixed)."""
    if basis in ("ytd", "mixed") and ed["month_no"] == 1:
        return t(f"briefing.period.{basis}_jan", lang)
    return t(f"briefing.period.{basis}", lang, month=ed["month_no"])


def table_title(ed: dict, key: str, lang: str = "zh") -> str:
    return t(f"briefing.table.{key}", lang, period=period_text(ed, PERIODS[key], lang))


def ranked_frame(ed: dict, key: str, lang: str = "zh") -> pd.DataFrame:
    """One ranked table with its denominator and last year's standing, cells formatted as printed."""
    spec, rows = SPECS[key], ed["tables"][key]
    tie = t("common.tie", lang)
    return pd.DataFrame({
        t("briefing.col.rank", lang): [rank_text(r["rank"], r["is_tie"], tie, lang) for r in rows],
        t("briefing.col.city", lang): [r["city_name"] for r in rows],
        t(f"briefing.value.{key}", lang): [t(r["reason"], lang) if r.get("reason") and r["value"] is None
                                            else format_cell(r["value"], spec.fmt) for r in rows],
        t(f"briefing.num.{key}", lang): [format_cell(r["numerator"], "int") for r in rows],
        t(f"briefing.den.{key}", lang): [format_cell(r["denominator"], "int") for r in rows],
        t("briefing.col.value_last_year", lang): [format_cell(r["value_last_year"], spec.fmt) for r in rows],
        t("briefing.col.rank_last_year", lang): ["—" if r["rank_last_year"] is None else str(r["rank_last_year"]) for r in rows],
        t("briefing.col.change", lang): [format_change(r["change"], spec.fmt) for r in rows],
    })


def ranked_frames(ed: dict, lang: str = "zh") -> dict[str, tuple[str, pd.DataFrame]]:
    """{key: (title, frame)} for every ranked table, in document order."""
    return {s.key: (table_title(ed, s.key, lang), ranked_frame(ed, s.key, lang)) for s in TABLES}


def headline_frame(ed: dict, lang: str = "zh") -> pd.DataFrame:
    """Headline figures of the scope: value, numerator / denominator, change vs last year."""
    f, rows = ed["figures"], []
    for label_key, value, fmt, num, den, change, basis in HEADLINE:
        shown = format_value(f.get(value), fmt).replace(" %", "%")
        rows.append([t(label_key, lang), period_text(ed, basis, lang), shown, f"{f.get(num, 0):,} / {f.get(den, 0):,}",
                     format_value(f.get(change), "pp1", lang) if change else "—"])
    pm, pm_fmt = f.get("pm25_mean"), ("ugm3_1" if f.get("pm25_decimals") == 1 else "ugm3")
    rows.append([t("metric.pm25_mean", lang, month=ed["month_no"]), period_text(ed, "ytd", lang), format_value(pm, pm_fmt),
                 f'{t("briefing.col.value_last_year", lang)} {format_value(f.get("pm25_mean_last_year"), pm_fmt)}',
                 "—" if f.get("pm25_yoy_pct") is None else f"{f['pm25_yoy_pct']:+.1f}%"])
    cols = [t("briefing.col.figure", lang), t("briefing.col.period", lang), t("briefing.col.value", lang),
            t("briefing.col.num_den", lang), t("briefing.col.change", lang)]
    return pd.DataFrame(rows, columns=cols)


def watchlist_frame(ed: dict, lang: str = "zh") -> pd.DataFrame:
    rows = ed["watchlist"]
    return pd.DataFrame({
        t("briefing.col.watch", lang): [t("briefing.watch.overdue", lang) if r["watch"] == "overdue"
                                        else t("briefing.watch.at_risk", lang, days=ed["at_risk_days"]) for r in rows],
        t("briefing.col.unit", lang): [r["responsible_unit"] for r in rows],
        t("briefing.col.city", lang): [r["city_name"] for r in rows],
        t("briefing.col.task_code", lang): [r["task_code"] for r in rows],
        t("briefing.col.title", lang): [r["title"] for r in rows],
        t("briefing.col.deadline", lang): [r["deadline_on"] for r in rows],
        t("briefing.col.days_overdue", lang): [r["days_overdue"] for r in rows],
    })


def units_frame(ed: dict, lang: str = "zh") -> pd.DataFrame:
    """Overdue and at-risk task counts per city and responsible unit (same-named units of different
    cities stay apart), cities in code order, most overdue unit first within a city."""
    frame = pd.DataFrame(ed["watchlist"], columns=["watch", "city_code", "city_name", "responsible_unit"])
    frame["responsible_unit"] = frame["responsible_unit"].fillna("—")
    counts = frame.pivot_table(index=["city_code", "city_name", "responsible_unit"], columns="watch", aggfunc="size",
                               fill_value=0).reindex(columns=["overdue", "at_risk"], fill_value=0).reset_index()
    counts = counts.sort_values(["city_code", "overdue", "at_risk", "responsible_unit"], ascending=[True, False, False, True])
    return pd.DataFrame({t("briefing.col.city", lang): counts["city_name"].values,
                         t("briefing.col.unit", lang): counts["responsible_unit"].values,
                         t("briefing.watch.overdue", lang): counts["overdue"].astype(int).values,
                         t("briefing.watch.at_risk", lang, days=ed["at_risk_days"]): counts["at_risk"].astype(int).values})


def supervision_frame(ed: dict, lang: str = "zh") -> pd.DataFrame:
    rows = ed["supervision_month"]
    return pd.DataFrame({
        t("briefing.col.acted_on", lang): [r["acted_on"] for r in rows],
        t("briefing.col.kind", lang): [label("kind", r["kind"], lang) for r in rows],
        t("briefing.col.city", lang): [r["city_name"] for r in rows],
        t("briefing.col.people", lang): [r["people_count"] for r in rows],
        t("briefing.col.task_title", lang): [r["task_title"] or "—" for r in rows],
    })


def supervision_totals(ed: dict, lang: str = "zh") -> pd.DataFrame:
    """Year-to-date actions and people per kind (督办函, 通报, 约谈, 问责, 现场督办)."""
    sup = ed["figures"]["supervision"]
    return pd.DataFrame({t("briefing.col.kind", lang): [label("kind", k, lang) for k in SUPERVISION_KINDS],
                         t("col.actions", lang): [sup[k]["actions"] for k in SUPERVISION_KINDS],
                         t("col.people", lang): [sup[k]["people"] for k in SUPERVISION_KINDS]})
