"""The scoring maths against hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest

from partnerfit.engine.scoring import (
    CONSTANT_SCORE,
    competition_ranks,
    field_bounds,
    normalise,
    round_totals,
    weighted_sum,
)


def test_rating_normalised_over_its_scale() -> None:
    # 1..5 scale: 1 -> 0, 2 -> 25, 3.5 -> 62.5, 5 -> 100
    values = np.array([[1.0], [2.0], [3.5], [5.0]])
    result = normalise(values, np.array([1.0]), np.array([5.0]), np.array([True]))
    assert result.scores[:, 0].tolist() == [0.0, 25.0, 62.5, 100.0]


def test_cost_criterion_is_inverted() -> None:
    values = np.array([[1.0], [2.0], [5.0]])
    result = normalise(values, np.array([1.0]), np.array([5.0]), np.array([False]))
    assert result.scores[:, 0].tolist() == [100.0, 75.0, 0.0]


def test_values_outside_bounds_are_clipped_and_reported() -> None:
    # bounds [0, 5000]: 6200 clips to 100, -10 clips to 0, 820 -> 16.4
    values = np.array([[6200.0], [-10.0], [820.0]])
    result = normalise(values, np.array([0.0]), np.array([5000.0]), np.array([True]))
    assert result.scores[:, 0] == pytest.approx([100.0, 0.0, 16.4])
    assert result.clipped[:, 0].tolist() == [True, True, False]


def test_min_max_over_the_field() -> None:
    values = np.array([[10.0], [np.nan], [30.0], [20.0]])
    low, high = field_bounds(values)
    assert (low[0], high[0]) == (10.0, 30.0)
    result = normalise(values, low, high, np.array([True]))
    assert result.scores[[0, 2, 3], 0].tolist() == [0.0, 100.0, 50.0]
    assert np.isnan(result.scores[1, 0])


def test_constant_column_scores_the_documented_constant_without_nan() -> None:
    values = np.array([[7.0], [7.0]])
    low, high = field_bounds(values)
    with np.errstate(all="raise"):
        result = normalise(values, low, high, np.array([False]))
    assert result.scores[:, 0].tolist() == [CONSTANT_SCORE, CONSTANT_SCORE]
    assert result.constant.tolist() == [True]


def test_field_of_one_is_constant() -> None:
    low, high = field_bounds(np.array([[3.0, 1.0]]))
    result = normalise(np.array([[3.0, 1.0]]), low, high, np.array([True, True]))
    assert result.scores.tolist() == [[50.0, 50.0]]


def test_hierarchical_weights() -> None:
    # Dimension A (weight 3): criteria a1 (w 1), a2 (w 3). Dimension B (weight 1): b1.
    # Candidate scores a1=100, a2=0, b1=50.
    # A = (1*100 + 3*0)/4 = 25; B = 50; total = (3*25 + 1*50)/4 = 31.25.
    # Effective weights: a1 = 3/4*1/4 = 0.1875, a2 = 3/4*3/4 = 0.5625, b1 = 0.25.
    scores = np.array([[100.0, 0.0, 50.0]])
    result = weighted_sum(
        scores,
        np.ones((1, 3), dtype=bool),
        np.array([1.0, 3.0, 1.0]),
        np.array([0, 0, 1]),
        np.array([3.0, 1.0]),
    )
    assert result.dimension_scores.tolist() == [[25.0, 50.0]]
    assert result.totals.tolist() == [31.25]
    assert result.effective_weights.tolist() == [[0.1875, 0.5625, 0.25]]


def test_skipped_criteria_renormalise_within_and_across_dimensions() -> None:
    # Candidate 0 lacks a2: A = a1 = 100; total = (3*100 + 50)/4 = 87.5.
    # Candidate 1 lacks all of B: total = A = (1*0 + 3*100)/4 = 75.
    scores = np.array([[100.0, 0.0, 50.0], [0.0, 100.0, 0.0]])
    present = np.array([[True, False, True], [True, True, False]])
    result = weighted_sum(
        scores, present, np.array([1.0, 3.0, 1.0]), np.array([0, 0, 1]), np.array([3.0, 1.0])
    )
    assert result.totals.tolist() == [87.5, 75.0]
    assert np.isnan(result.dimension_scores[1, 1])
    assert result.effective_weights.sum(axis=1).tolist() == [1.0, 1.0]


def test_ties_share_a_rank() -> None:
    totals = np.array([80.0, 90.0, 80.0, 70.0])
    assert competition_ranks(totals).tolist() == [2, 1, 2, 4]


def test_rounding_makes_near_ties_exact() -> None:
    totals = round_totals(np.array([1 / 3 * 100, 33.3333333334, -0.0]))
    assert totals.tolist() == [33.333333, 33.333333, 0.0]
    assert competition_ranks(totals[:2]).tolist() == [1, 1]
