"""Culture similarity: how close each candidate's culture profile is to ours."""

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from partnerfit.relational._arrays import (
    BoolArray,
    FloatArray,
    as_float_matrix,
    as_float_vector,
    require_finite,
    require_no_infinity,
    require_non_negative,
)


@dataclass(frozen=True, eq=False)
class SimilarityResult:
    """Similarity scores with the per-dimension gaps behind them.

    ``gaps[i, k]``: candidate ``i``'s normalised gap on dimension ``k`` in
    [0, 1] (0 = within tolerance, 1 = the largest possible gap); NaN where the
    candidate's value is missing.  ``missing[i, k]`` marks those values.
    ``all_missing[i]``: no weighted dimension was present, so ``scores[i]`` is NaN.
    """

    scores: FloatArray
    gaps: FloatArray
    missing: BoolArray
    all_missing: BoolArray


def similarity(
    candidate_culture: ArrayLike,
    our_culture: ArrayLike,
    scale_span: ArrayLike,
    tolerance: ArrayLike | None = None,
    dim_weights: ArrayLike | None = None,
) -> SimilarityResult:
    """Weighted closeness of culture profiles, 100 when identical.

    Per dimension k (c = candidate, o = ours)::

        gap_k = min(1, max(0, |c_k - o_k| - tol_k) / (span_k - tol_k))
        similarity = 100 * (1 - sum_k w_k gap_k / sum_k w_k)

    ``scale_span``: max - min of each dimension's scale (> 0).  Gaps are
    measured against the whole span, not the distance from us to the far end,
    so a 2-point difference on a 1..5 scale counts the same wherever we sit.
    ``tolerance`` (default 0): differences up to tol_k count as no gap; must
    lie in [0, span_k]; when tol_k == span_k no gap is possible and gap_k = 0.
    ``dim_weights`` (default 1): >= 0, not all 0.

    Missing values: a NaN in ``candidate_culture`` drops that dimension for
    that candidate, and the weighted mean is renormalised over the present
    dimensions.  A candidate with no present dimension of positive weight
    gets NaN and ``all_missing`` True.  Our profile must be complete.
    Values outside the scale are not detectable from a span alone; their gap
    is capped at 1.
    """
    candidates = as_float_matrix(candidate_culture, "candidate_culture")
    dimensions = candidates.shape[1]
    ours = as_float_vector(our_culture, "our_culture", dimensions)
    span = as_float_vector(scale_span, "scale_span", dimensions)
    tol = _optional_vector(tolerance, "tolerance", dimensions, default=0.0)
    weights = _optional_vector(dim_weights, "dim_weights", dimensions, default=1.0)
    _validate(candidates, ours, span, tol, weights)

    # In-place steps on one (n, d) buffer: at 100k candidates the cost is
    # allocating temporaries, not arithmetic.  NaN (missing) flows through.
    gaps = candidates - ours
    np.abs(gaps, out=gaps)
    gaps -= tol
    np.maximum(gaps, 0.0, out=gaps)
    # tol == span leaves no possible gap: dividing by +inf makes every gap 0.
    max_gap = np.where(span - tol > 0, span - tol, np.inf)
    np.divide(gaps, max_gap, out=gaps)
    np.minimum(gaps, 1.0, out=gaps)
    missing = np.isnan(gaps)  # our side is finite, so NaN here means theirs is missing

    weight_present = _row_dot(~missing, weights)
    weighted_gap = _row_dot(np.where(missing, 0.0, gaps), weights)
    all_missing = ~(weight_present > 0)
    mean_gap = np.divide(
        weighted_gap,
        weight_present,
        out=np.zeros(weighted_gap.shape, dtype=np.float64),
        where=~all_missing,
    )
    scores = np.clip(100.0 * (1.0 - mean_gap), 0.0, 100.0)
    scores[all_missing] = np.nan
    return SimilarityResult(scores, gaps, missing, all_missing)


def _row_dot(matrix: NDArray[np.bool_] | FloatArray, weights: FloatArray) -> FloatArray:
    """``matrix @ weights`` per row; einsum beats matmul for a short inner axis."""
    result: FloatArray = np.einsum("ij,j->i", matrix, weights)
    return result


def _optional_vector(
    values: ArrayLike | None, name: str, length: int, default: float
) -> FloatArray:
    if values is None:
        return np.full(length, default, dtype=np.float64)
    return as_float_vector(values, name, length)


def _validate(
    candidates: FloatArray,
    ours: FloatArray,
    span: FloatArray,
    tol: FloatArray,
    weights: FloatArray,
) -> None:
    require_no_infinity(candidates, "candidate_culture")
    for array, name in ((ours, "our_culture"), (span, "scale_span"), (tol, "tolerance")):
        require_finite(array, name)
    require_finite(weights, "dim_weights")
    if bool((span <= 0).any()):
        raise ValueError("scale_span must be > 0 for every dimension")
    require_non_negative(tol, "tolerance")
    if bool((tol > span).any()):
        raise ValueError("tolerance must not exceed scale_span")
    require_non_negative(weights, "dim_weights")
    if weights.size and not bool((weights > 0).any()):
        raise ValueError("dim_weights must not all be 0")
