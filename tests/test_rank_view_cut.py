"""Top/bottom lists keep every region tied at the cut; change badges say what they compare."""
import pandas as pd

from envboard.ui import rank_view


def test_best_three_with_a_seven_way_tie_keeps_all_seven():
    ranks = pd.Series([1, 1, 1, 1, 1, 1, 1, 8, 9, 10, 11])
    assert int(rank_view.cut_with_ties(ranks, 3, best=True).sum()) == 7


def test_worst_three_includes_the_tie_at_the_cut():
    ranks = pd.Series([1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 11])      # 9th and 10th tied, 11th last
    assert list(ranks[rank_view.cut_with_ties(ranks, 3, best=False).values]) == [9, 9, 11]
    ranks = pd.Series([1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 8])
    assert int(rank_view.cut_with_ties(ranks, 3, best=False).sum()) == 4


def test_change_basis_follows_the_period_and_comparison():
    from envboard.domain import rank

    assert rank_view.basis(rank.parse_period("2022-12"), "yoy") == "yoy"
    assert rank_view.basis(rank.parse_period("2022-12"), "prev") == "mom"
    assert rank_view.basis(rank.parse_period("2022"), "yoy") == "year"
    assert rank_view.basis(rank.parse_period("ytd:2022-11"), "prev") == "prev"


def test_zero_change_is_neutral_without_arrow_and_says_against_what():
    from envboard.core import i18n
    from envboard.ui import show

    i18n.set_language("zh")
    zero = show.change("+0.0 个百分点", "yoy")
    assert (zero.text, zero.color, zero.arrow) == ("较上年同期 持平", "gray", "off")
    worse = show.change("+3", "mom", higher_is_better=False)
    assert (worse.text, worse.color, worse.arrow) == ("较上月 +3", "orange", "up")
    rel = show.change("-9.1 %", "yoy", higher_is_better=False, relative=True)
    assert (rel.text, rel.color, rel.arrow) == ("较上年同期 -9.1 %（相对变化）", "blue", "down")


def test_a_column_of_values_is_written_as_each_value_alone_is():
    """The table and bar labels format a whole column in one pass; each cell must read as the single
    value does: GB/T 8170 half-even at the metric's places, a dash for a missing value."""
    from envboard.domain import rank

    closure, index = rank.metric("closure_rate"), rank.metric("composite_index")
    values = [294 / 320 * 100, 91.85, 91.95, None, float("nan")]      # shares are 0–100 on a leaderboard
    assert rank_view.values_text(closure, values) == ["91.9 %", "91.8 %", "92.0 %", "—", "—"]
    assert rank_view.values_text(index, [3.865, 3.875, None]) == ["3.86", "3.88", "—"]
    assert [rank_view.value_text(closure, v) for v in values] == rank_view.values_text(closure, values)
