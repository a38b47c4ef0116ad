"""综合考评: weights from the TOML, normalisation, and a breakdown that sums to the score."""
from __future__ import annotations

import tomllib

import pandas as pd
import pytest

from envboard.domain import rank, scoring
from envboard.core.errors import UsageError
from envboard.domain.metrics import round_half_even
from envboard.domain.rank_values import leaderboard, records


def test_weights_file_is_versioned_and_covers_three_areas():
    doc = tomllib.loads(scoring.WEIGHTS_TOML.read_text(encoding="utf-8"))
    weights = scoring.default_weights()
    assert weights.version == str(doc["version"]) and weights.version
    assert set(weights.groups.values()) == {"rectification", "petitions", "environment"}
    assert all(k in rank.REGISTRY for k in weights.weights)


def test_normalise_puts_best_at_100_worst_at_0():
    values = pd.Series([10.0, 20.0, 30.0])
    assert list(scoring.normalise(values, True)) == [0.0, 50.0, 100.0]
    assert list(scoring.normalise(values, False)) == [100.0, 50.0, 0.0]
    assert list(scoring.normalise(pd.Series([5.0, 5.0]), True)) == [100.0, 100.0]


def test_bad_weights_are_refused():
    base = scoring.default_weights()
    with pytest.raises(UsageError):
        scoring.with_weights(base, {k: 0 for k in base.weights})
    with pytest.raises(UsageError):
        scoring.with_weights(base, {"closure_rate": -1})


def test_breakdown_sums_to_the_score(demo_con):
    period = rank.parse_period("2022")
    parts = scoring.breakdown(demo_con, "360000", period)
    board = records(leaderboard(demo_con, "integrated_score", "360000", period))
    assert len(board) == 11
    for row in board:
        mine = parts[parts["region_code"] == row["region_code"]]
        assert len(mine) == len(scoring.default_weights().weights)
        assert row["value"] == round_half_even(mine["contribution"].sum(), 2)


def test_contribution_is_weight_share_of_normalised_value(demo_con):
    # min–max within the peers (still available): best city 100 points, worst 0
    period = rank.parse_period("2022-12")
    weights = scoring.Weights(**{**scoring.default_weights().__dict__, "normalisation": "minmax"})
    parts = scoring.breakdown(demo_con, "360000", period, weights).set_index(["region_code", "metric"])
    closure = records(leaderboard(demo_con, "closure_rate", "360000", period))
    best, worst = closure[0], closure[-1]
    share = weights.weights["closure_rate"] / sum(weights.weights.values())
    assert parts.loc[(best["region_code"], "closure_rate"), "contribution"] == round_half_even(100 * share, 2)
    assert parts.loc[(worst["region_code"], "closure_rate"), "contribution"] == 0.0


def test_fixed_anchors_give_a_value_the_same_points_every_year(demo_con):
    weights = scoring.default_weights()
    assert weights.normalisation == "anchors" and weights.anchors["composite_index"] == (6.0, 2.0)
    assert all(weights.anchor_sources[k] for k in weights.weights)          # each anchor says where it comes from
    share = weights.weights["closure_rate"] / sum(weights.weights.values())
    for year in ("2021-12", "2022-12"):
        parts = scoring.breakdown(demo_con, "360000", rank.parse_period(year)).set_index(["region_code", "metric"])
        ganzhou = parts.loc[("360700", "closure_rate")]
        # 赣州 2022-12: 销号率 91.9 % → 91.875 points of 100, whatever the other cities did
        assert ganzhou["normalised"] == pytest.approx(ganzhou["value"])
        assert ganzhou["contribution"] == round_half_even(ganzhou["value"] * share, 2)
    parts = scoring.breakdown(demo_con, "360000", rank.parse_period("2022-12")).set_index(["region_code", "metric"])
    assert parts.loc[("360700", "closure_rate"), "value"] == pytest.approx(294 * 100 / 320)
    assert list(scoring.anchored(pd.Series([1.5, 4.0, 7.0]), 6.0, 2.0)) == [100.0, 50.0, 0.0]


def test_changed_weights_change_the_ranking(demo_con):
    period = rank.parse_period("2022")
    base = scoring.default_weights()
    only_water = scoring.with_weights(base, {k: (1 if k == "water_good_share" else 0) for k in base.weights})
    table = scoring.score_table(demo_con, "360000", period, only_water)
    water = records(leaderboard(demo_con, "water_good_share", "360000", period))
    assert only_water.version.endswith("+edited")
    assert table.iloc[0]["region_code"] == water[0]["region_code"]
    assert table.iloc[0]["value"] == round_half_even(scoring.anchored(pd.Series([water[0]["value"]]), 50, 100)[0], 2)
    assert list(table["rank"]) == [r["rank"] for r in water]
