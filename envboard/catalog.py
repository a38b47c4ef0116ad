"""The metric catalogue: each metric once — labels, unit, rounding, parts, direction, source, surfaces.

Read by: leaderboards, city file, map and the CLI's rank choices (`envboard.domain.rank.REGISTRY`),
数据说明, the monthly briefing's ranked tables, headline figures, charts and XLSX sheets, and the
public snapshot, its rankings, allow-list and views. Each overview card of a metric reads its label,
format, parts, change and definition from here (envboard/ui/overview.metric_card); the CLI's `metrics`
object is laid out by hand and checked against each metric's `summary` keys.
`tests/test_catalog.py` fails when a metric lacks a zh/en string a surface needs, when its source
does not return its columns, or when a surface that claims it does not show it.

Rates are 0–1 in the database and the named queries; `places` is the number of decimals shown
(of the percentage, for shares), rounded by GB/T 8170 (round half even). Ranks and ties are judged
on the displayed value.

Adding a metric: one `Metric(...)` below, its strings (`metric.<key>`, `def.<key>` and those of the
surfaces it names, see `SURFACE_STRINGS`), and — only for a figure no query returns yet — its query.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# A surface → the string keys it needs for each metric it shows ({key} is the metric key).
SURFACE_STRINGS: dict[str, tuple[str, ...]] = {
    "methods": ("metric.{key}", "def.{key}"),
    "leaderboard": ("rank.metric.{key}",),
    "overview": ("metric.{key}",),
    "briefing": ("briefing.table.{key}", "briefing.value.{key}", "briefing.num.{key}", "briefing.den.{key}",
                 "briefing.sheet.{key}"),
    "briefing_chart": ("briefing.chart.{key}",),
    "public": (),                    # the label key is Metric.public.label
}
SURFACES = tuple(SURFACE_STRINGS)
UNITS = ("share", "count", "ugm3", "mgm3", "index")
CHANGES = ("absolute", "relative")


@dataclass(frozen=True)
class Parts:
    """Where a surface finds a metric's value and its parts (column or dict key names)."""
    value: str
    numerator: str | None
    denominator: str | None
    change: str | None = None    # its change on the same day a year earlier (percentage points for a
                                 # share, % for a relative metric; a count's change is read from last_year)


@dataclass(frozen=True)
class Public:
    """How the public snapshot publishes a metric: rank prefix (<prefix>_rank, <prefix>_is_tie),
    the columns of its value and parts, and the string keys of its label and its parts' headings."""
    prefix: str
    parts: Parts
    label: str
    numerator_label: str | None   # column headings of the parts in the public tables
    denominator_label: str
    detail: str = ""              # the line under its headline figure ({num}, {den}; {days} = {den})
    detail_province: str | None = None   # the same for a province when it differs (air: city-days)


@dataclass(frozen=True)
class Metric:
    key: str
    group: str                   # rect | pet | air | water | score: which data it comes from
    unit: str                    # share (0–1, shown as %) | count | ugm3 | index
    places: int                  # decimals shown (of the % for shares); ranks and ties use them
    higher_is_better: bool
    numerator: str | None        # column of `source` counted above the line; None for a mean or index
    denominator: str             # column of `source` shown as the base of the value
    source: str                  # the named query (queries/<name>.sql) or standards function that returns them
    value: str | None = None     # column of `source` holding a mean or index (None: numerator ÷ denominator)
    min_denominator: int = 1     # fewer → listed as excluded with `exclusion`, never ranked
    exclusion: str = "rank.reason.no_tasks"
    surfaces: frozenset[str] = field(default_factory=frozenset)
    summary: Parts | None = None  # keys in envboard.domain.metrics.summary (overview, CLI `metrics`)
    public: Public | None = None
    # How its change is measured and ranked: "relative" = (now − base) ÷ base in % of the displayed
    # values, one decimal (concentrations and the composite index, as MEE ranks improvement);
    # "absolute" = the difference (rates in percentage points, counts in units).
    change: str = "absolute"
    # Depends on the standards in force (HJ 633 AQI rules, GB 3095 limits): a comparison across
    # 2026-03-01 recomputes the base period under the current rules (同口径).
    standard_bound: bool = False

    @property
    def label(self) -> str:
        return f"metric.{self.key}"

    @property
    def definition(self) -> str:
        return f"def.{self.key}"

    @property
    def name_key(self) -> str:
        """Its label on leaderboards, the city file and the map."""
        return f"rank.metric.{self.key}"

    @property
    def fmt(self) -> str:
        """The display format name the formatters understand: pct1 | int | ugm3 | dec2."""
        if self.unit == "ugm3" and self.places == 1:
            return "ugm3_1"              # PM2.5 where a province publishes one decimal
        return {"share": "pct1", "count": "int", "ugm3": "ugm3", "mgm3": "mgm3", "index": "dec2"}[self.unit]

    def strings(self) -> list[str]:
        """Every string key this metric needs on the surfaces it claims."""
        keys = [k.format(key=self.key) for s in sorted(self.surfaces) for k in SURFACE_STRINGS[s]]
        if "methods" in self.surfaces:   # 数据说明 names the numerator and denominator (i18n.part)
            keys += [f"part.{c}" for c in (self.numerator, self.denominator) if c]
        if self.public:
            keys += [k for k in (self.public.label, self.public.numerator_label, self.public.denominator_label,
                                 self.public.detail, self.public.detail_province) if k]
        return keys


def _s(*names: str) -> frozenset[str]:
    return frozenset(names)


_ALL_INTERNAL = _s("methods", "leaderboard")

METRICS: dict[str, Metric] = {m.key: m for m in [
    Metric("closure_rate", "rect", "share", 1, True, "tasks_closed", "tasks_under_closure", "rank_rectification",
           exclusion="rank.reason.no_closure_tasks",
           surfaces=_ALL_INTERNAL | _s("overview", "briefing", "briefing_chart", "public"),
           summary=Parts("closure_rate_pct", "tasks_closed", "tasks_under_closure", "closure_rate_change_pp"),
           public=Public("closure", Parts("closure_rate_pct", "tasks_closed", "tasks_under_closure"),
                         "public.closure_rate", "public.col.closed", "public.col.managed", "public.closure_detail")),
    Metric("completion_rate", "rect", "share", 1, True, "tasks_done", "tasks_total", "rectification_summary",
           exclusion="rank.reason.no_tasks",
           surfaces=_s("methods"), summary=Parts("completion_rate_pct", "tasks_done", "tasks_total")),
    Metric("tasks_overdue", "rect", "count", 0, False, "tasks_overdue", "tasks_total", "rank_rectification",
           exclusion="rank.reason.no_tasks", surfaces=_ALL_INTERNAL | _s("overview", "briefing"),
           summary=Parts("tasks_overdue", "tasks_overdue", "tasks_total")),
    Metric("resolution_rate", "pet", "share", 1, True, "petitions_closed", "petitions_received", "rank_petitions",
           exclusion="rank.reason.no_petitions",
           surfaces=_ALL_INTERNAL | _s("overview", "briefing", "public"),
           summary=Parts("petition_resolution_rate_pct", "petitions_closed", "petitions_received",
                         "petition_resolution_rate_change_pp"),
           public=Public("resolution", Parts("resolution_rate_pct", "petitions_closed", "petitions_received"),
                         "public.resolution_rate", "public.col.resolved", "public.col.received",
                         "public.resolution_detail")),
    # 办结率 as several provinces publish it: 已办结（含阶段性办结）; which of the two leads is a per-scope
    # setting (envboard.domain.metrics.petition_rate_lead)
    Metric("resolution_rate_incl_staged", "pet", "share", 1, True, "petitions_closed_incl_staged",
           "petitions_received", "petition_summary", exclusion="rank.reason.no_petitions",
           surfaces=_s("methods", "overview"),
           summary=Parts("petition_resolution_rate_incl_staged_pct", "petitions_closed_incl_staged",
                         "petitions_received")),
    Metric("substantiated_share", "pet", "share", 1, False, "petitions_substantiated", "petitions_assessed",
           "rank_petitions", exclusion="rank.reason.no_assessed", surfaces=_ALL_INTERNAL | _s("overview"),
           summary=Parts("substantiated_share_pct", "petitions_substantiated", "petitions_assessed")),
    Metric("pm25_mean", "air", "ugm3", 0, False, None, "pm25_days", "standards.period.period_stats",
           value="pm25_ugm3", exclusion="rank.reason.air_invalid", surfaces=_ALL_INTERNAL | _s("overview", "public"),
           summary=Parts("pm25_mean", None, None, "pm25_yoy_pct"),
           public=Public("pm25", Parts("pm25_ugm3", None, "pm25_days"), "public.pm25", None, "public.col.valid_days",
                         "public.pm25_days", "public.pm25_city_days"),
           change="relative"),
    Metric("pm10_mean", "air", "ugm3", 0, False, None, "pm10_days", "standards.period.period_stats",
           value="pm10_ugm3", exclusion="rank.reason.air_invalid", surfaces=_ALL_INTERNAL, change="relative"),
    Metric("o3_p90", "air", "ugm3", 0, False, None, "o3_8h_days", "standards.period.period_stats",
           value="o3_8h_p90_ugm3", exclusion="rank.reason.air_invalid", surfaces=_ALL_INTERNAL, change="relative"),
    Metric("so2_mean", "air", "ugm3", 0, False, None, "so2_days", "standards.period.period_stats",
           value="so2_ugm3", exclusion="rank.reason.air_invalid", surfaces=_ALL_INTERNAL, change="relative"),
    Metric("no2_mean", "air", "ugm3", 0, False, None, "no2_days", "standards.period.period_stats",
           value="no2_ugm3", exclusion="rank.reason.air_invalid", surfaces=_ALL_INTERNAL, change="relative"),
    Metric("co_p95", "air", "mgm3", 1, False, None, "co_days", "standards.period.period_stats",
           value="co_p95_mgm3", exclusion="rank.reason.air_invalid", surfaces=_ALL_INTERNAL, change="relative"),
    Metric("composite_index", "air", "index", 2, False, None, "valid_days", "standards.composite.add_composite",
           value="composite_index", exclusion="rank.reason.air_invalid", surfaces=_ALL_INTERNAL | _s("briefing", "briefing_chart"),
           change="relative", standard_bound=True),
    Metric("good_days_share", "air", "share", 1, True, "good_days", "valid_days", "standards.period.period_stats",
           exclusion="rank.reason.air_invalid", surfaces=_ALL_INTERNAL | _s("overview", "briefing", "public"),
           summary=Parts("good_days_pct", "good_days", "valid_days"),
           public=Public("good_days", Parts("good_days_pct", "good_days", "valid_days"), "public.good_days",
                         "public.col.good_days", "public.col.valid_days", "public.days_of", "public.city_days_of"),
           standard_bound=True),
    Metric("heavy_pollution_days", "air", "count", 0, False, "heavy_days", "valid_days", "standards.period.period_stats",
           exclusion="rank.reason.air_invalid",
           surfaces=_ALL_INTERNAL | _s("overview", "briefing", "public"),
           summary=Parts("heavy_days", "heavy_days", "valid_days"),
           public=Public("heavy_days", Parts("heavy_days", None, "valid_days"), "public.heavy_days", None,
                         "public.col.valid_days", "public.heavy_days_of", "public.heavy_city_days_of"),
           standard_bound=True),
    Metric("water_good_share", "water", "share", 1, True, "good_sections", "sections",
           "standards.water.water_city_stats", exclusion="rank.reason.no_water",
           surfaces=_ALL_INTERNAL | _s("overview", "briefing", "public"),
           summary=Parts("water_good_pct", "sections_good", "sections_assessed"),
           public=Public("water_good", Parts("water_good_pct", "sections_good", "sections_assessed"),
                         "public.water_good", "public.col.sections_good", "public.col.sections", "public.sections_of")),
    # 国控 / 省控: the same share over each control level's sections, with that level's sections as denominator
    Metric("water_good_share_national", "water", "share", 1, True, "good_sections_national", "sections_national",
           "standards.water.water_level_city_stats", exclusion="rank.reason.no_water",
           surfaces=_ALL_INTERNAL | _s("public"),
           public=Public("water_good_national", Parts("water_good_national_pct", "sections_good_national",
                                                      "sections_national"),
                         "public.water_good_national", "public.col.sections_good_national",
                         "public.col.sections_national", "public.sections_of")),
    Metric("water_good_share_provincial", "water", "share", 1, True, "good_sections_provincial", "sections_provincial",
           "standards.water.water_level_city_stats", exclusion="rank.reason.no_water",
           surfaces=_ALL_INTERNAL | _s("public"),
           public=Public("water_good_provincial", Parts("water_good_provincial_pct", "sections_good_provincial",
                                                        "sections_provincial"),
                         "public.water_good_provincial", "public.col.sections_good_provincial",
                         "public.col.sections_provincial", "public.sections_of")),
    Metric("inferior_share", "water", "share", 1, False, "inferior_sections", "sections",
           "standards.water.water_city_stats", exclusion="rank.reason.no_water", surfaces=_ALL_INTERNAL),
    Metric("cwqi", "water", "index", 2, False, None, "sections", "standards.water.water_city_stats",
           value="cwqi", exclusion="rank.reason.no_water", surfaces=_ALL_INTERNAL),
    # denominator: the number of components the city has (all of them, or it is not scored)
    Metric("integrated_score", "score", "index", 2, True, None, "denominator", "domain.scoring.score_values",
           value="value", exclusion="rank.reason.score_incomplete", surfaces=_ALL_INTERNAL),
]}


def on(surface: str) -> list[Metric]:
    """The metrics a surface shows, in catalogue order."""
    if surface not in SURFACE_STRINGS:
        raise KeyError(f"unknown surface “{surface}”: {', '.join(SURFACES)}")
    return [m for m in METRICS.values() if surface in m.surfaces]
