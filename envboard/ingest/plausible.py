"""Plausibility ranges: values no instrument or ledger can produce are rejected, rare ones flagged.

Rule (stated in docs/security.md): a concentration is rejected when it is not a finite number, is
below 0, or is above 10 × the top concentration of the HJ 633-2012 IAQI table for its pollutant (no
daily or hourly mean has come near that; the top of the table is already "beyond index"). Above the
top of the table itself the row is imported with a warning. A count of people or penalties must be a
whole number from 0 to MAX_COUNT. Water indicators must be finite and from 0 to MAX_WATER.
"""
from __future__ import annotations

import math

import pandas as pd

from envboard.ingest import normalize as nz
from envboard.ingest.normalize import Invalid

# top of the HJ 633-2012 IAQI concentration table (μg/m³; CO in mg/m³): 24-hour values, O3 8-hour
# and 1-hour; hourly station data use the 1-hour tops (SO2 1-hour table ends at 800, NO2 at 3840).
TABLE_TOP = {
    "pm25_ugm3": 500, "pm10_ugm3": 600, "so2_ugm3": 2620, "no2_ugm3": 940, "co_mgm3": 60,
    "o3_8h_ugm3": 800, "o3_1h_ugm3": 1200,
    "pm25": 500, "pm10": 600, "so2": 2620, "no2": 3840, "o3": 1200,
    "co": 150_000,     # hourly files give CO in mg/m³ or μg/m³ (told apart later): the μg top
}
FACTOR = 10
MAX_COUNT = 100_000
MAX_WATER = 1e9
COUNT_COLUMNS = ("people_count", "people_held_accountable", "penalties")


def _finite(value) -> float | None:
    number = nz.parse_number(value)
    if number is not None and not math.isfinite(number):
        raise Invalid("ingest.err.bad_number")
    return number


def concentration_parser(column: str, scale: float = 1.0):
    """parse_number for a pollutant column, refusing values outside 0 … FACTOR × the table's top;
    `scale` converts the file's unit to the column's (0.001 for CO given in μg/m³) before the check."""
    high = TABLE_TOP[column] * FACTOR / scale

    def parse(value) -> float | None:
        number = _finite(value)
        if number is not None and not 0 <= number <= high:
            raise Invalid("ingest.err.implausible", low=0, high=f"{high:g}")
        return number
    return parse


def water_value(value) -> float | None:
    """A water indicator value: finite, 0 … MAX_WATER."""
    number = _finite(value)
    if number is not None and not 0 <= number <= MAX_WATER:
        raise Invalid("ingest.err.implausible", low=0, high=f"{MAX_WATER:g}")
    return number


def _as_float(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan
    except OverflowError:
        return math.inf


def check(chunk, out: pd.DataFrame) -> None:
    """Flag counts outside 0 … MAX_COUNT (errors) and concentrations above the table (warnings)."""
    for column in COUNT_COLUMNS:
        if column in out.columns and chunk.has(column):
            values = out[column].map(_as_float)
            chunk.flag(values.notna() & ~values.between(0, MAX_COUNT), column, "ingest.err.implausible",
                       low=0, high=MAX_COUNT)
    for column, top in TABLE_TOP.items():
        if column in out.columns and chunk.has(column):
            values = out[column].map(_as_float)
            chunk.flag(values > top, column, "ingest.warn.above_table", severity="warning", top=top)
