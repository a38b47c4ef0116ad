"""Surface-water section class (GB 3838-2002 single-factor) and CWQI (城市地表水环境质量排名 2017).

Values in mg/L (pH dimensionless). Limits are inclusive; DO is a lower limit; pH meets every class
inside 6–9 and is 劣V outside. The section class is the worst class of the 21 assessed indicators
(water temperature, total nitrogen and fecal coliforms excluded); lakes use the lake TP row.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import duckdb
import pandas as pd

from envboard.core.memo import memoised
from envboard.standards import reference
from envboard.standards.install import ensure_installed
from envboard.standards.period import period_end

CLASS_LABELS = ("I", "II", "III", "IV", "V", "劣V")
EXCLUDED = ("WT", "TN", "FC")
_BODY_TYPES = {"river": "river", "lake": "lake", "reservoir": "lake", "lake_reservoir": "lake"}
_ALIASES = {"CODMN": "COD_Mn", "CODCR": "COD", "NH3N": "NH3_N", "NH4N": "NH3_N", "BOD": "BOD5",
            "CR6": "Cr6", "CRVI": "Cr6", "PETROLEUM": "Oil", "VOLATILEPHENOL": "VPhen",
            "SULFIDE": "S2", "TPLAKE": "TP"}


@dataclass(frozen=True)
class WaterClassResult:
    """Section class 1–6 (6 = 劣V), its label, limiting indicators and per-indicator classes."""

    class_num: int
    class_label: str
    limiting: tuple[str, ...]
    indicator_classes: Mapping[str, int]
    water_body: str

    def as_dict(self) -> dict:
        """JSON-ready dict (keys class, class_label, limiting, indicator_classes, water_body)."""
        return {"class": self.class_num, "class_label": self.class_label,
                "limiting": list(self.limiting), "indicator_classes": dict(self.indicator_classes),
                "water_body": self.water_body}


def canonical_indicator(name: str) -> str:
    """The GB 3838 code for an indicator name or alias ('CODMn' → 'COD_Mn', 'NH3-N' → 'NH3_N')."""
    codes = reference.water_limits()
    if name in codes:
        return "TP" if name == "TP_lake" else name
    key = re.sub(r"[^0-9A-Za-z]", "", str(name)).upper()
    by_key = {re.sub(r"[^0-9A-Za-z]", "", c).upper(): c for c in codes if c != "TP_lake"}
    found = _ALIASES.get(key) or by_key.get(key)
    if found is None:
        raise ValueError(f"unknown water indicator {name!r}; expected one of {sorted(codes)}")
    return found


def body_type(water_body: str) -> str:
    """'river' or 'lake' ('reservoir' counts as lake)."""
    found = _BODY_TYPES.get(str(water_body).lower())
    if found is None:
        raise ValueError(f"unknown water body {water_body!r}; use 'river' or 'lake'")
    return found


def _value(code: str, value: object) -> Fraction:
    if isinstance(value, bool):
        raise ValueError(f"{code}: not a number: {value!r}")
    try:
        exact = Fraction(Decimal(str(value)))
    except (InvalidOperation, ValueError, TypeError):
        raise ValueError(f"{code}: not a number: {value!r}") from None
    if exact < 0:
        raise ValueError(f"{code}: negative value: {value!r}")
    return exact


def _limit_row(code: str, water_body: str) -> dict[str, str]:
    rows = reference.water_limits()
    return rows["TP_lake"] if code == "TP" and water_body == "lake" else rows[code]


def indicator_class(code: str, value: object, water_body: str = "river") -> int:
    """Class 1–6 (6 = 劣V) of one indicator value; limits inclusive, DO lower limit, pH 6–9."""
    code, water_body = canonical_indicator(code), body_type(water_body)
    if code in EXCLUDED:
        raise ValueError(f"{code} is not one of the 21 assessed indicators")
    v = _value(code, value)
    row = _limit_row(code, water_body)
    if row["direction"] == "range":
        return 1 if 6 <= v <= 9 else 6
    for num, label in enumerate(CLASS_LABELS[:5], start=1):
        limit = Fraction(Decimal(row[f"class_{label}"]))
        if (v >= limit) if row["direction"] == "lower_limit" else (v <= limit):
            return num
    return 6


def section_class(values: Mapping[str, object], water_body: str = "river") -> WaterClassResult:
    """Section class: worst indicator class over the assessed indicators present in `values`."""
    water_body = body_type(water_body)
    classes: dict[str, int] = {}
    for name, value in values.items():
        code = canonical_indicator(name)
        if code not in EXCLUDED and value is not None:
            classes[code] = indicator_class(code, value, water_body)
    if not classes:
        raise ValueError("no assessed water-quality indicator given")
    worst = max(classes.values())
    limiting = tuple(c for c, k in classes.items() if k == worst) if worst > 1 else ()
    return WaterClassResult(worst, CLASS_LABELS[worst - 1], limiting, classes, water_body)


def cwqi_indicator(code: str, value: object, water_body: str = "river") -> Fraction:
    """CWQI_i = C/S with S the Class III limit; DO: S/C; pH: |pH − 7| over 1 (≤ 7) or 2 (> 7)."""
    code, water_body = canonical_indicator(code), body_type(water_body)
    if code in EXCLUDED:
        raise ValueError(f"{code} is not one of the 21 CWQI indicators")
    v = _value(code, value)
    row = _limit_row(code, water_body)
    if row["direction"] == "range":
        return (7 - v) / (7 - 6) if v <= 7 else (v - 7) / (9 - 7)
    limit = Fraction(Decimal(row["class_III"]))
    if row["direction"] == "lower_limit":
        if v == 0:
            raise ValueError(f"{code}: CWQI undefined for a value of 0")
        return limit / v
    return v / limit


def cwqi(values: Mapping[str, object], water_body: str = "river") -> Fraction:
    """Σ CWQI_i over the assessed indicators present (excluded indicators are skipped)."""
    total = Fraction(0)
    for name, value in values.items():
        code = canonical_indicator(name)
        if code not in EXCLUDED and value is not None:
            total += cwqi_indicator(code, value, water_body)
    return total


def _city_filter(city_codes: Sequence[str] | str | None) -> list[str] | None:
    if city_codes is None:
        return None
    return [city_codes] if isinstance(city_codes, str) else [str(c) for c in city_codes]


def water_section_stats(con: duckdb.DuckDBPyConnection, start: dt.date | str, end: dt.date | str,
                        city_codes: Sequence[str] | None = None) -> pd.DataFrame:
    """Per-section period class, limiting indicators and target attainment (one SQL statement)."""
    ensure_installed(con)
    return con.execute(
        "select * from water_section_period($start, $end, cities := cast($cities as varchar[])) order by city_code, section_id",
        {"start": reference.to_date(start), "end": period_end(end),
         "cities": _city_filter(city_codes)}).df()


@memoised
def water_city_stats(con: duckdb.DuckDBPyConnection, start: dt.date | str, end: dt.date | str,
                     city_codes: Sequence[str] | None = None) -> pd.DataFrame:
    """Per-city 优良 / 劣V / on-target shares (0–1), CWQI (one SQL statement), lowest
    CWQI first; ranks: envboard/domain/rank.py."""
    ensure_installed(con)
    return con.execute(
        "select * from water_city_period($start, $end, cities := cast($cities as varchar[])) order by cwqi nulls last, city_code",
        {"start": reference.to_date(start), "end": period_end(end),
         "cities": _city_filter(city_codes)}).df()


def water_level_city_stats(con: duckdb.DuckDBPyConnection, start: dt.date | str, end: dt.date | str,
                           city_codes: Sequence[str] | None = None) -> pd.DataFrame:
    """Per city, the sections and 优良 (I–III) sections of each control level (国控 national / 省控
    provincial): city_code, sections_national, good_sections_national, water_good_share_national (%),
    and the same for provincial (NaN share when the city has no section of that level)."""
    ensure_installed(con)
    frame = con.execute(
        "select p.city_code, w.control_level, count(*) as sections, "
        "count(*) filter (where p.class_num <= 3) as good_sections "
        "from water_section_period($start, $end) as p join water_sections as w using (section_id) "
        "where cast($cities as varchar[]) is null or list_contains(cast($cities as varchar[]), p.city_code) "
        "group by all order by p.city_code",
        {"start": reference.to_date(start), "end": period_end(end), "cities": _city_filter(city_codes)}).df()
    out = pd.DataFrame({"city_code": sorted(set(frame["city_code"]))})
    for level in ("national", "provincial"):
        part = frame[frame["control_level"] == level][["city_code", "sections", "good_sections"]].rename(
            columns={"sections": f"sections_{level}", "good_sections": f"good_sections_{level}"})
        out = out.merge(part, on="city_code", how="left")
        out[f"water_good_share_{level}"] = out[f"good_sections_{level}"] * 100 / out[f"sections_{level}"]
    return out
