"""Coverage, overlap and alignment against hand-computed values (see docs/relational-fit.md)."""

import numpy as np
import pytest

from partnerfit.relational import alignment, coverage, overlap

# Vocabulary columns: regulatory affairs, clinical trials, manufacturing, distribution, marketing
CANDIDATE_CAPABILITIES = np.array(
    [
        [1, 0, 1, 0, 0],  # A: regulatory affairs, manufacturing
        [0, 1, 0, 0, 0],  # B: clinical trials
        [1, 1, 1, 0, 1],  # C: regulatory affairs, clinical trials, manufacturing, marketing
        [0, 0, 0, 0, 0],  # D: nothing listed
    ],
    dtype=bool,
)
NEED_IMPORTANCE = np.array([5.0, 2.0, 1.0, 0.0, 0.0])  # total 8
OUR_STRENGTHS = np.array([False, False, True, False, True])  # manufacturing, marketing


def test_coverage_weights_needs_by_importance() -> None:
    result = coverage(CANDIDATE_CAPABILITIES, NEED_IMPORTANCE)
    # A: (5 + 1) / 8, B: 2 / 8, C: 8 / 8, D: 0 / 8
    np.testing.assert_array_equal(result.scores, [75.0, 25.0, 100.0, 0.0])
    np.testing.assert_array_equal(result.need_indices, [0, 1, 2])
    np.testing.assert_array_equal(result.covered_needs(0), [0, 2])
    np.testing.assert_array_equal(result.missed_needs(0), [1])
    np.testing.assert_array_equal(result.covered_needs(3), [])
    assert result.scores.dtype == np.float64


def test_coverage_ignores_capabilities_we_do_not_need() -> None:
    only_unneeded = np.array([[0, 0, 0, 1, 1]], dtype=bool)
    assert coverage(only_unneeded, NEED_IMPORTANCE).scores[0] == 0.0


def test_coverage_accepts_zero_one_integers() -> None:
    result = coverage(CANDIDATE_CAPABILITIES.astype(int), NEED_IMPORTANCE)
    assert result.scores[2] == 100.0


@pytest.mark.parametrize(
    ("importance", "message"),
    [
        (np.zeros(5), "at least one need"),
        (np.array([1.0, -1.0, 0, 0, 0]), "negative"),
        (np.array([np.nan, 1.0, 0, 0, 0]), "finite"),
        (np.array([1.0, 1.0]), "length 5"),
    ],
)
def test_coverage_rejects_bad_importance(importance: np.ndarray, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        coverage(CANDIDATE_CAPABILITIES, importance)


def test_coverage_rejects_non_bool_capabilities() -> None:
    with pytest.raises(ValueError, match="bool"):
        coverage(CANDIDATE_CAPABILITIES * 0.5, NEED_IMPORTANCE)
    with pytest.raises(ValueError, match="only 0 and 1"):
        coverage(CANDIDATE_CAPABILITIES * 2, NEED_IMPORTANCE)


def test_overlap_share_of_candidate_capabilities_duplicating_ours() -> None:
    result = overlap(CANDIDATE_CAPABILITIES, OUR_STRENGTHS)
    # A: 1 of 2, B: 0 of 1, C: 2 of 4, D: no capabilities -> 0 by convention
    np.testing.assert_array_equal(result.scores, [50.0, 0.0, 50.0, 0.0])
    np.testing.assert_array_equal(result.capability_counts, [2, 1, 4, 0])
    np.testing.assert_array_equal(result.overlapping_strengths(2), [2, 4])


def test_overlap_without_our_strengths_is_zero() -> None:
    result = overlap(CANDIDATE_CAPABILITIES, np.zeros(5, dtype=bool))
    np.testing.assert_array_equal(result.scores, [0.0, 0.0, 0.0, 0.0])


def test_overlap_all_duplicates_is_100() -> None:
    assert overlap(np.array([[0, 0, 1, 0, 1]], dtype=bool), OUR_STRENGTHS).scores[0] == 100.0


# Objective columns: market access, cost reduction, innovation, sustainability
def test_alignment_is_jaccard() -> None:
    ours = np.array([True, False, True, False])  # market access, innovation
    candidates = np.array(
        [
            [1, 0, 1, 0],  # X: same set -> 2 / 2
            [1, 1, 0, 1],  # Y: 1 shared of a union of 4
            [0, 0, 0, 0],  # Z: none -> 0 / 2
        ],
        dtype=bool,
    )
    result = alignment(candidates, ours)
    np.testing.assert_array_equal(result.scores, [100.0, 25.0, 0.0])
    np.testing.assert_array_equal(result.union_sizes, [2, 4, 2])
    np.testing.assert_array_equal(result.shared_objectives(1), [0])


def test_alignment_both_empty_is_zero() -> None:
    result = alignment(np.zeros((2, 4), dtype=bool), np.zeros(4, dtype=bool))
    np.testing.assert_array_equal(result.scores, [0.0, 0.0])
    np.testing.assert_array_equal(result.union_sizes, [0, 0])


def test_set_formulas_handle_zero_candidates() -> None:
    empty = np.zeros((0, 5), dtype=bool)
    assert coverage(empty, NEED_IMPORTANCE).scores.shape == (0,)
    assert overlap(empty, OUR_STRENGTHS).scores.shape == (0,)
    assert alignment(empty, OUR_STRENGTHS).scores.shape == (0,)


def test_shape_mismatch_is_reported() -> None:
    with pytest.raises(ValueError, match="our_strengths must have length 5"):
        overlap(CANDIDATE_CAPABILITIES, np.ones(4, dtype=bool))
    with pytest.raises(ValueError, match="2-D"):
        alignment(np.ones(4, dtype=bool), np.ones(4, dtype=bool))
