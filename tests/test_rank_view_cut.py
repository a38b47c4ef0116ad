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
