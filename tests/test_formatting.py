"""The one formatter: GB/T 8170 rounding, %, percentage points, changes, ranks with 并列."""
from fractions import Fraction

import pandas as pd
import pytest

from envboard.core.formatting import format_cell, format_change, format_value, pct, rank_text, round_half_even


@pytest.mark.parametrize("value, places, shown", [(91.25, 1, 91.2), (91.35, 1, 91.4), (0.125, 2, 0.12), (20.5, 0, 20.0),
                                                  (Fraction(294 * 100, 320), 1, 91.9)])
def test_round_half_even_is_gb_t_8170(value, places, shown):
    assert round_half_even(value, places) == shown


def test_ganzhou_closure_rate_shows_as_91_9_percent():
    assert pct(294, 320) == 91.9 and format_value(pct(294, 320), "pct1") == "91.9 %"
    assert format_cell(pct(294, 320), "pct1") == "91.9%" and pct(1, 0) is None


@pytest.mark.parametrize("value, fmt, lang, shown", [(39.3, "pp1", "zh", "+39.3 个百分点"), (-1.0, "pp1", "en", "-1.0 pp"),
                                                     (20.4, "ugm3", "zh", "20 μg/m³"), (2114, "int", "zh", "2,114"),
                                                     (None, "pct1", "zh", "—"), (float("nan"), "int", "zh", "—")])
def test_format_value(value, fmt, lang, shown):
    assert format_value(value, fmt, lang) == shown


def test_changes_carry_their_sign():
    assert (format_change(39.3, "pct1"), format_change(-2, "int"), format_change(0.12, "idx2")) == ("+39.3", "-2", "+0.12")


@pytest.mark.parametrize("rank, tie, shown", [(1, True, "1（并列）"), (3, False, "3"), (None, False, "—"), (pd.NA, True, "—"),
                                              (float("nan"), False, "—")])
def test_rank_text_marks_ties(rank, tie, shown):
    assert rank_text(rank, tie, "并列", "zh") == shown


def test_brackets_follow_the_language():
    from envboard.core.formatting import paren

    assert (paren("8/8", "zh"), paren("8/8", "en")) == ("（8/8）", " (8/8)")


def test_english_ties_use_ascii_brackets_after_a_space():
    assert rank_text(1, True, "tie", "en") == "1 (tie)"
    assert rank_text(7, False, "tie", "en") == "7"
    assert rank_text(2, True, "并列", "zh") == "2（并列）"


def test_stored_utc_times_are_shown_to_the_minute_in_the_display_zone():
    from envboard.core.formatting import format_time

    assert format_time("2026-12-01T04:44:29") == "2026-12-01 12:44"          # UTC+8, seconds dropped
    assert format_time(pd.Timestamp("2026-12-31 16:30:00")) == "2027-01-01 00:30"
    assert format_time("2026-12-01T04:44:29", zone="UTC") == "2026-12-01 04:44"
    assert format_time(None) == format_time(pd.NaT) == ""
