"""Reference tables shipped in envboard/standards/data, read lazily with the csv module."""
from __future__ import annotations

import csv
import datetime as dt
import tomllib
from fractions import Fraction
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
WEIGHTS_FILE = Path(__file__).resolve().parent / "composite_weights.toml"
RULES = ("2012", "2026")
SWITCH_ON = dt.date(2026, 3, 1)   # HJ 633-2026 / GB 3095-2026 in force


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA_DIR / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def breakpoints(rules: str) -> dict[str, tuple[tuple[int, Fraction], ...]]:
    """IAQI breakpoints per table column (e.g. 'pm25_24h'): ((iaqi, concentration), …) ascending."""
    if rules not in RULES:
        raise ValueError(f"unknown AQI rule set {rules!r}; use '2012' or '2026'")
    table: dict[str, list[tuple[int, Fraction]]] = {}
    for row in _rows(f"aqi_breakpoints_hj633_{rules}.csv"):
        iaqi = int(row.pop("iaqi"))
        for key, cell in row.items():
            if cell.strip():
                table.setdefault(key, []).append((iaqi, Fraction(cell)))
    return {key: tuple(points) for key, points in table.items()}


@cache
def aqi_levels() -> tuple[dict[str, str], ...]:
    """AQI level rows (aqi_min, aqi_max, level_num, level_cn, category_cn, category_en, hex …)."""
    return tuple(_rows("aqi_levels.csv"))


@cache
def air_limits() -> tuple[dict[str, str], ...]:
    """GB 3095-2012 / GB 3095-2026 concentration limits, one dict per CSV row."""
    return tuple(_rows("air_limits_gb3095.csv"))


@cache
def water_limits() -> dict[str, dict[str, str]]:
    """GB 3838-2002 Table 1 rows keyed by indicator code (TP_lake is its own row)."""
    return {row["code"]: row for row in _rows("water_limits_gb3838_2002.csv")}


@cache
def composite_weights_file() -> dict[str, float]:
    """Composite-index weights from composite_weights.toml (pollutant → weight)."""
    with open(WEIGHTS_FILE, "rb") as fh:
        data = tomllib.load(fh)
    return {str(k): float(v) for k, v in data.get("weights", {}).items()}


def to_date(on: dt.date | str | None) -> dt.date:
    """A date from a date, an ISO string ('2025-01-15', '2024-06' → first of month) or None (today)."""
    if on is None:
        return dt.date.today()
    if isinstance(on, dt.datetime):
        return on.date()
    if isinstance(on, dt.date):
        return on
    text = str(on).strip()
    try:
        if len(text) == 7:
            return dt.date.fromisoformat(text + "-01")
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"not a date: {on!r} (use YYYY-MM-DD, YYYY-MM or YYYY)") from None


def rules_for(on: dt.date | str | None, rules: str | None = None) -> str:
    """The HJ 633 rule set ('2012' or '2026') for data of date `on`, unless `rules` overrides."""
    if rules is not None:
        rules = str(rules).removeprefix("HJ 633-")
        if rules not in RULES:
            raise ValueError(f"unknown AQI rule set {rules!r}; use '2012' or '2026'")
        return rules
    return "2026" if to_date(on) >= SWITCH_ON else "2012"


def breakpoint_table(rules: str) -> list[dict[str, object]]:
    """The IAQI breakpoint table of a rule set as rows (iaqi, then one column per pollutant item; None where undefined)."""
    table = breakpoints(rules)
    levels = sorted({i for points in table.values() for i, _ in points})
    rows = []
    for level in levels:
        row: dict[str, object] = {"iaqi": level}
        for column, points in table.items():
            row[column] = next((float(c) for i, c in points if i == level), None)
        rows.append(row)
    return rows
