"""Exact concentration arithmetic: values as integers in millionths, half-even rounding, ceil IAQI."""
from __future__ import annotations

import math
import numbers
from fractions import Fraction

E6 = 1_000_000                      # concentrations are held as integers of 1e-6 unit
UNIT_INTEGER = E6                   # GB/T 8170 rounding to integers (μg/m³)
UNIT_ONE_DECIMAL = E6 // 10         # GB/T 8170 rounding to 1 decimal (CO, mg/m³)


def scaled(value: object, name: str) -> int:
    """`value` in millionths of its unit (round-half-even of value × 1e6, as DuckDB does)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name}: not a number: {value!r}")
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name}: not a finite number: {value!r}")
    if number < 0:
        raise ValueError(f"{name}: negative concentration: {value!r}")
    return round(number * 1_000_000.0)


def round_half_even(n: int, unit: int) -> int:
    """`n` rounded to a multiple of `unit` per GB/T 8170 (四舍六入五成双), n ≥ 0."""
    q, r = divmod(n, unit)
    if 2 * r > unit or (2 * r == unit and q % 2 == 1):
        q += 1
    return q * unit


def interpolate_iaqi(points: tuple[tuple[int, Fraction], ...], n: int) -> tuple[int, bool]:
    """(ceil of the linear IAQI, beyond-table flag) for `n` millionths on breakpoints `points`."""
    c = Fraction(n, E6)
    for (il, lo), (ih, hi) in zip(points, points[1:]):
        if c <= hi:
            return il + math.ceil((ih - il) * (c - lo) / (hi - lo)), False
    return points[-1][0], True
