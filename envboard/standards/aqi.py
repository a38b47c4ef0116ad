"""Daily and real-time (hourly) AQI per HJ 633-2012 / HJ 633-2026, exact arithmetic.

Rules, special cases and every choice made where the reference is silent are listed in
envboard/standards/README.md. Concentrations: μg/m³, CO in mg/m³.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from envboard.standards import reference
from envboard.standards.exact import (
    E6, UNIT_INTEGER, UNIT_ONE_DECIMAL, interpolate_iaqi, round_half_even, scaled,
)

# (input key, breakpoint column, pollutant, display name); order = display order of ties.
_DAILY_2012 = (
    ("so2_24h", "so2_24h", "SO2", "SO2"), ("no2_24h", "no2_24h", "NO2", "NO2"),
    ("co_24h", "co_24h", "CO", "CO"), ("o3_1h", "o3_1h", "O3", "O3_1h"),
    ("o3_8h", "o3_8h", "O3", "O3_8h"), ("pm10_24h", "pm10_24h", "PM10", "PM10"),
    ("pm25_24h", "pm25_24h", "PM2.5", "PM2.5"),
)
_DAILY_2026 = tuple(spec for spec in _DAILY_2012 if spec[0] != "o3_1h")
# Real-time: PM 1h values on the 24h breakpoints, no O3 8h term (CNEMC 2017 practice, P01–P17;
# HJ 633-2026 §4.2 for the new rules).
_HOURLY = (
    ("so2_1h", "so2_1h", "SO2", "SO2"), ("no2_1h", "no2_1h", "NO2", "NO2"),
    ("co_1h", "co_1h", "CO", "CO"), ("o3_1h", "o3_1h", "O3", "O3"),
    ("pm10_1h", "pm10_24h", "PM10", "PM10"), ("pm25_1h", "pm25_24h", "PM2.5", "PM2.5"),
)
_HOURLY_EXTRA = ("so2_24h", "o3_8h")   # accepted in hourly input: so2_24h for the 2012 SO2 rule
POLLUTANTS = ("SO2", "NO2", "CO", "O3", "PM10", "PM2.5")
_LIMIT_800 = 800 * E6


@dataclass(frozen=True)
class AqiResult:
    """One AQI with its IAQIs, primary pollutant(s), level and flags (see README for the flags)."""

    aqi: int
    iaqi: Mapping[str, int]
    primary: tuple[str, ...]
    level: str
    level_num: int
    category: str
    category_en: str
    color: str
    rules: str
    report: str
    missing: tuple[str, ...] = ()
    beyond_table: bool = False

    @property
    def is_complete(self) -> bool:
        """True when every pollutant of the report type had a usable value."""
        return not self.missing

    @property
    def is_published(self) -> bool:
        """HJ 633-2026 §5.3: with a pollutant missing, the AQI is published only when > 100."""
        return self.is_complete or self.aqi > 100

    def __getitem__(self, key: str) -> object:
        """Dict-like access to the fields of as_dict() (result["aqi"])."""
        return self.as_dict()[key]

    def as_dict(self) -> dict:
        """Plain JSON-ready dict of the result."""
        return {
            "aqi": self.aqi, "iaqi": dict(self.iaqi), "primary": list(self.primary),
            "level": self.level, "level_num": self.level_num, "category": self.category,
            "category_en": self.category_en, "color": self.color, "rules": self.rules,
            "report": self.report, "missing": list(self.missing),
            "beyond_table": self.beyond_table, "is_published": self.is_published,
        }


def _inputs(conc: Mapping[str, object], allowed: set[str]) -> dict[str, int]:
    unknown = sorted(set(conc) - allowed)
    if unknown:
        raise ValueError(f"unknown pollutant key(s) {unknown}; expected some of {sorted(allowed)}")
    return {key: scaled(value, key) for key, value in conc.items() if value is not None}


def _round_2026(values: dict[str, int]) -> dict[str, int]:
    """HJ 633-2026 §4.2.2: integers in μg/m³, CO to 1 decimal (GB/T 8170) before indexing."""
    return {
        key: round_half_even(n, UNIT_ONE_DECIMAL if key.startswith("co_") else UNIT_INTEGER)
        for key, n in values.items()
    }


def _index(rules: str, specs: tuple, values: dict[str, int]) -> tuple[dict, dict, bool]:
    """IAQIs by input key, display name by input key, beyond-table flag; special rules applied."""
    table = reference.breakpoints(rules)
    iaqi: dict[str, int] = {}
    names: dict[str, str] = {}
    beyond = False
    for key, column, _pollutant, name in specs:
        n = values.get(key)
        if n is None:
            continue
        if key == "o3_8h" and n > _LIMIT_800:
            if rules == "2026":                 # HJ 633-2026: fixed IAQI 300
                iaqi[key], names[key] = 300, name
            continue                            # HJ 633-2012: O3 from the 1h value only
        if key == "so2_1h" and n > _LIMIT_800:
            if rules == "2026":                 # HJ 633-2026: fixed IAQI 200
                iaqi[key], names[key] = 200, name
            elif "so2_24h" in values:           # HJ 633-2012: SO2 from the 24h value
                iaqi["so2_24h"], flag = interpolate_iaqi(table["so2_24h"], values["so2_24h"])
                names["so2_24h"], beyond = name, beyond or flag
            continue
        iaqi[key], flag = interpolate_iaqi(table[column], n)
        names[key], beyond = name, beyond or flag
    return iaqi, names, beyond


def _level(aqi: int) -> dict[str, str]:
    for row in reference.aqi_levels():
        if aqi <= int(row["aqi_max"] or 10**9):
            return row
    raise AssertionError("aqi_levels.csv has no open top row")


def _result(rules: str, report: str, specs: tuple, values: dict[str, int]) -> AqiResult:
    iaqi, names, beyond = _index(rules, specs, values)
    if not iaqi:
        raise ValueError("no usable pollutant concentration given; cannot compute an AQI")
    aqi = max(iaqi.values())
    primary = tuple(names[k] for k in iaqi if iaqi[k] == aqi) if aqi > 50 else ()
    covered = {spec[2] for spec in specs if spec[0] in iaqi} | (
        {"SO2"} if "so2_24h" in iaqi else set())
    row = _level(aqi)
    return AqiResult(
        aqi=aqi, iaqi=MappingProxyType(iaqi), primary=primary, level=row["level_cn"],
        level_num=int(row["level_num"]), category=row["category_cn"],
        category_en=row["category_en"], color=row["hex"], rules=rules, report=report,
        missing=tuple(p for p in POLLUTANTS if p not in covered), beyond_table=beyond,
    )


def daily_aqi(conc: Mapping[str, object], on: dt.date | str | None = None,
              rules: str | None = None) -> AqiResult:
    """Daily AQI (日报) of 24h means / O3 maxima; rule set by date `on` unless `rules` is given."""
    rules = reference.rules_for(on, rules)
    specs = _DAILY_2012 if rules == "2012" else _DAILY_2026
    values = _inputs(conc, {spec[0] for spec in _DAILY_2012})
    if rules == "2026":
        values.pop("o3_1h", None)               # HJ 633-2026 daily: O3 1h no longer used
        values = _round_2026(values)
    return _result(rules, "daily", specs, values)


def hourly_aqi(conc: Mapping[str, object], on: dt.date | str | None = None,
               rules: str | None = None) -> AqiResult:
    """Real-time AQI (实时报) of 1h values; rule set by date `on` unless `rules` is given."""
    rules = reference.rules_for(on, rules)
    values = _inputs(conc, {spec[0] for spec in _HOURLY} | set(_HOURLY_EXTRA))
    values.pop("o3_8h", None)                   # not part of the published real-time AQI
    if rules == "2026":
        values.pop("so2_24h", None)
        values = _round_2026(values)
    return _result(rules, "hourly", _HOURLY, values)


def iaqi(column: str, value: object, rules: str = "2012") -> int:
    """IAQI (ceiled) of one concentration on breakpoint column `column` (e.g. 'pm25_24h')."""
    table = reference.breakpoints(reference.rules_for(None, rules))
    if column not in table:
        raise ValueError(f"unknown breakpoint column {column!r}; expected one of {sorted(table)}")
    n = scaled(value, column)
    if rules == "2026":
        n = round_half_even(n, UNIT_ONE_DECIMAL if column.startswith("co_") else UNIT_INTEGER)
    return interpolate_iaqi(table[column], n)[0]
