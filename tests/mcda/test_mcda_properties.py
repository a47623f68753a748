"""Property-based invariants of the decision methods and weighting (hypothesis)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.typing import NDArray

from partnerfit.mcda._common import competition_ranks, rank
from partnerfit.mcda.promethee import (
    PreferenceFunction,
    level,
    linear,
    promethee_ii,
    u_shape,
    usual,
    v_shape,
)
from partnerfit.mcda.topsis import topsis
from partnerfit.mcda.vikor import vikor
from partnerfit.mcda.weighted_product import weighted_product
from partnerfit.mcda.weighting import ahp_weights, rank_order_weights

Problem = tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]
SETTINGS = settings(max_examples=60, deadline=None)
values = st.floats(min_value=1.0, max_value=1000.0, allow_nan=False, allow_infinity=False)


@st.composite
def problems(draw: st.DrawFn, min_rows: int = 1) -> Problem:
    n = draw(st.integers(min_value=min_rows, max_value=7))
    m = draw(st.integers(min_value=1, max_value=5))
    matrix = draw(arrays(np.float64, (n, m), elements=values))
    raw = draw(arrays(np.float64, (m,), elements=st.floats(min_value=0.05, max_value=1.0)))
    benefit = draw(arrays(np.bool_, (m,)))
    return matrix, raw / raw.sum(), benefit


def with_dominating_first_row(matrix: np.ndarray, benefit: np.ndarray) -> np.ndarray:
    """Row 0 strictly better than every other row on every criterion (values stay > 0)."""
    result = matrix.copy()
    result[0] = np.where(benefit, matrix.max(axis=0) + 1.0, matrix.min(axis=0) / 2.0)
    return result


@SETTINGS
@given(problems(), st.sampled_from(["vector", "minmax"]))
def test_topsis_scores_in_range(problem: Problem, normalization: str) -> None:
    matrix, weights, benefit = problem
    result = topsis(matrix, weights, benefit, normalization)  # type: ignore[arg-type]
    assert np.all((result.scores >= 0) & (result.scores <= 100))


@SETTINGS
@given(problems(min_rows=2))
def test_dominating_candidate_ranks_first_everywhere(problem: Problem) -> None:
    matrix, weights, benefit = problem
    dominated = with_dominating_first_row(matrix, benefit)
    m = matrix.shape[1]
    assert weighted_product(dominated, weights, benefit).ranking[0] == 0
    assert topsis(dominated, weights, benefit).ranking[0] == 0
    assert topsis(dominated, weights, benefit, "minmax").ranking[0] == 0
    assert promethee_ii(dominated, weights, benefit, [usual()] * m).ranking[0] == 0
    assert promethee_ii(dominated, weights, benefit, [linear(0.0, 50.0)] * m).ranking[0] == 0
    result = vikor(dominated, weights, benefit)
    assert result.ranking[0] == 0 and result.compromise_set[0] == 0


@SETTINGS
@given(problems(), st.floats(min_value=1e-3, max_value=1e3))
def test_topsis_vector_invariant_to_benefit_column_scaling(problem: Problem, factor: float) -> None:
    matrix, weights, benefit = problem
    scaled = matrix.copy()
    scaled[:, 0] *= factor
    before = topsis(matrix, weights, benefit).closeness
    after = topsis(scaled, weights, benefit).closeness
    np.testing.assert_allclose(after, before, atol=1e-9)


PREFERENCE_FUNCTIONS = st.sampled_from(
    [usual(), u_shape(3.0), v_shape(40.0), level(2.0, 30.0), linear(1.0, 100.0), linear(5.0, 5.0)]
)


@SETTINGS
@given(problems(), PREFERENCE_FUNCTIONS, st.integers(min_value=1, max_value=8))
def test_promethee_sorted_and_pairwise_paths_agree(
    problem: Problem, function: PreferenceFunction, block_size: int
) -> None:
    # The sorted path (one sort per criterion) against the definition: every pair
    # compared explicitly, in blocks of any size.
    matrix, weights, benefit = problem
    functions = [function] * matrix.shape[1]
    fast = promethee_ii(matrix, weights, benefit, functions)
    slow = promethee_ii(matrix, weights, benefit, functions, pairwise=True, block_size=block_size)
    np.testing.assert_allclose(fast.positive_flow, slow.positive_flow, atol=1e-9)
    np.testing.assert_allclose(fast.negative_flow, slow.negative_flow, atol=1e-9)
    assert abs(fast.net_flow.sum()) < 1e-9  # net flows always sum to 0
    assert np.all(np.abs(fast.net_flow) <= 1 + 1e-12)


@SETTINGS
@given(problems(), st.floats(min_value=0.0, max_value=1.0))
def test_vikor_q_in_unit_interval(problem: Problem, v: float) -> None:
    matrix, weights, benefit = problem
    result = vikor(matrix, weights, benefit, v=v)
    assert np.all((result.q >= -1e-12) & (result.q <= 1 + 1e-12))
    assert len(result.compromise_set) >= 1


@SETTINGS
@given(problems())
def test_wpm_scores_in_range(problem: Problem) -> None:
    matrix, weights, benefit = problem
    scores = weighted_product(matrix, weights, benefit).scores
    assert np.all((scores > 0) & (scores <= 100 + 1e-9))


@given(st.integers(min_value=1, max_value=30), st.sampled_from(["roc", "rank_sum", "reciprocal"]))
def test_rank_order_weights_sum_to_one_and_decrease(n: int, method: str) -> None:
    weights = rank_order_weights(n, method)  # type: ignore[arg-type]
    assert abs(weights.sum() - 1.0) < 1e-12
    assert np.all(np.diff(weights) < 0)


@SETTINGS
@given(
    arrays(np.float64, st.integers(min_value=1, max_value=9), elements=st.floats(0.1, 10.0)),
    st.sampled_from(["eigenvector", "geometric_mean"]),
)
def test_consistent_ahp_matrix_has_cr_zero_and_recovers_weights(
    raw: np.ndarray, method: str
) -> None:
    weights = raw / raw.sum()
    matrix = weights[:, None] / weights[None, :]
    result = ahp_weights(matrix, method)  # type: ignore[arg-type]
    np.testing.assert_allclose(result.weights, weights, rtol=1e-8)
    assert result.consistency_ratio is not None
    assert abs(result.consistency_ratio) < 1e-9
    assert result.most_inconsistent is None


@SETTINGS
@given(
    arrays(
        np.float64,
        st.integers(min_value=1, max_value=30),
        elements=st.sampled_from([0.0, 1.0, 1.0 + 4e-10, 1.0 + 8e-10, 1.0 + 1.2e-9, 2.0, 3.5]),
    ),
    st.booleans(),
)
def test_rank_equals_the_competition_rank_definition(
    scores: NDArray[np.float64], higher: bool
) -> None:
    # Near-ties chained across the 1e-9 tolerance exercise the fallback path.
    order, ranks = rank(scores, higher)
    assert np.array_equal(ranks, competition_ranks(scores, higher))
    keys = -scores if higher else scores
    assert np.array_equal(order, np.argsort(keys, kind="stable"))


@SETTINGS
@given(problems(), st.sampled_from(["vector", "minmax"]))
def test_topsis_ideal_is_exactly_the_weighted_column_extreme(
    problem: Problem, normalization: str
) -> None:
    # The ideal is mapped from the raw extremes rather than searched in the weighted table;
    # monotone rounding makes the two identical, bit for bit.
    matrix, weights, benefit = problem
    result = topsis(matrix, weights, benefit, normalization)  # type: ignore[arg-type]
    best = np.where(benefit, result.weighted.max(axis=0), result.weighted.min(axis=0))
    worst = np.where(benefit, result.weighted.min(axis=0), result.weighted.max(axis=0))
    assert np.array_equal(result.ideal, best)
    assert np.array_equal(result.anti_ideal, worst)
    np.testing.assert_allclose(result.normalized * weights, result.weighted, rtol=1e-12)
