"""The one formatter: GB/T 8170 rounding, percentages, percentage points, changes and ranks with
并列, as pages, exports, the static site and the CLI's human output print them. Rates arrive as the
percentage to show (91.9); the data keeps them 0–1."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

from envboard.core.i18n import language
from envboard.core.settings import get_setting

MISSING = "—"


def round_half_even(value: float | Fraction | None, places: int = 1) -> float | None:
    """GB/T 8170 rounding (四舍六入五成双) of an exact or float value; None stays None."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        exact = value
    else:
        exact = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else Decimal(repr(float(value)))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN))


def pct(numerator: int | None, denominator: int | None) -> float | None:
    """numerator ÷ denominator as a percentage with one decimal (91.9), None for a zero denominator."""
    if not denominator or numerator is None:
        return None
    return round_half_even(Fraction(int(numerator) * 100, int(denominator)), 1)


def _missing(value) -> bool:
    """None, NaN or pandas' NA (whose comparison raises)."""
    if value is None:
        return True
    try:
        return bool(value != value)
    except TypeError:
        return True


def format_value(value: float | None, fmt: str, lang: str = "zh") -> str:
    """A value as shown on screen: 91.9 %, +39.3 个百分点, 20 μg/m³, 1,234; '—' when missing."""
    if _missing(value):
        return MISSING
    if fmt == "pct1":
        return f"{value:.1f} %"
    if fmt == "pp1":
        return f"{value:+.1f} 个百分点" if lang == "zh" else f"{value:+.1f} pp"
    if fmt == "ugm3":
        return f"{round_half_even(value, 0):.0f} μg/m³"
    if fmt == "ugm3_1":                  # PM2.5 where a province publishes one decimal
        return f"{round_half_even(value, 1):.1f} μg/m³"
    if fmt == "mgm3":
        return f"{round_half_even(value, 1):.1f} mg/m³"
    return f"{int(value):,}"


def format_cell(value, fmt: str) -> str:
    """A table cell as printed in the 通报: 91.9%, 2.45, 1,234; '—' when missing."""
    if _missing(value):
        return MISSING
    if fmt == "pct1":
        return f"{value:.1f}%"
    if fmt == "idx2":
        return f"{value:.2f}"
    return f"{int(value):,}"


def format_change(value, fmt: str) -> str:
    """A change vs last year: +39.3 (percentage points), −2, +0.12; '—' when missing."""
    if _missing(value):
        return MISSING
    if fmt == "pct1":
        return f"{value:+.1f}"
    if fmt == "idx2":
        return f"{value:+.2f}"
    return f"{int(value):+,}"


def rank_text(rank, is_tie: bool, tie_word: str, lang: str | None = None) -> str:
    """A rank as shown: 1, or 1（并列） for a tie in zh and 1 (tie) in en (tie_word from the string
    table; `lang` defaults to the current language); '—' when unranked."""
    if _missing(rank):
        return MISSING
    if not is_tie:
        return str(int(rank))
    return f"{int(rank)} ({tie_word})" if (lang or language()) == "en" else f"{int(rank)}（{tie_word}）"


def paren(text: str, lang: str | None = None) -> str:
    """A note in brackets after a figure or word: （8/8） in zh, " (8/8)" in en."""
    return f" ({text})" if (lang or language()) == "en" else f"（{text}）"


def tie_note(tie_word: str, lang: str | None = None) -> str:
    """The tie mark appended to a rank sentence: （并列） in zh, " (tie)" in en."""
    return paren(tie_word, lang)


def format_time(value, zone: str | None = None) -> str:
    """A stored UTC time (naive datetime, pandas Timestamp or ISO text) as 'YYYY-MM-DD HH:MM' in `zone`
    (default: the display_timezone setting)."""
    if value is None or value == "" or _missing(value):
        return ""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if hasattr(when, "to_pydatetime"):
        when = when.to_pydatetime()
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(ZoneInfo(zone or get_setting("display_timezone"))).strftime("%Y-%m-%d %H:%M")
