"""Normalisation, hierarchical weighted sum and ranking: the maths of a scoring stage.

Every function works on whole columns (candidates are rows) and on any subset
of rows, so a caller can stream a large table through it in chunks, given the
normalisation bounds of the whole field (`field_bounds` of the full table).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from partnerfit.precision import PRECISION

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]

CONSTANT_SCORE = 50.0
"""Score given to every candidate on a column whose bounds coincide (no spread)."""


def field_bounds(values: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Per-column (low, high) over the present (non-NaN) values; NaN where none is present."""
    present = ~np.isnan(values)
    has_any = present.any(axis=0)
    low = np.where(present, values, np.inf).min(axis=0, initial=np.inf)
    high = np.where(present, values, -np.inf).max(axis=0, initial=-np.inf)
    return np.where(has_any, low, np.nan), np.where(has_any, high, np.nan)


class Normalised(NamedTuple):
    scores: FloatArray
    """0..100, NaN where the value is missing."""
    clipped: BoolArray
    """True where a value lay outside its bounds and was clipped."""
    constant: BoolArray
    """Per column: low == high, so every present value scored `CONSTANT_SCORE`."""


def linear_map(
    low: FloatArray, high: FloatArray, benefit: BoolArray
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """(slope, offset, constant) of the map from [low, high] to 0..100, cost inverted:
    score = clip(v) * slope + offset, one pass for benefit and cost columns alike. Where
    high == low (`constant`) the slope is 0 and the offset `CONSTANT_SCORE`. Bounds of any
    shape (the batched sampler has one row of bounds per sample)."""
    span = high - low
    with np.errstate(invalid="ignore"):
        constant = ~(span > 0)
    safe_span = np.where(constant, 1.0, span)
    slope = np.where(benefit, 100.0, -100.0) / safe_span
    offset = np.where(benefit, -low, -high) * slope
    return np.where(constant, 0.0, slope), np.where(constant, CONSTANT_SCORE, offset), constant


def normalise(
    values: FloatArray,
    low: FloatArray,
    high: FloatArray,
    benefit: BoolArray,
    *,
    check_clipping: BoolArray | None = None,
) -> Normalised:
    """Map each column linearly from [low, high] to 0..100; cost columns are inverted.

    score = 100 * (clip(v, low, high) - low) / (high - low), and 100 - that for cost.
    A column with high == low has no spread: every present value scores 50. Missing
    values (NaN) stay NaN. `check_clipping` limits the clipping report to the columns
    that can lie outside their bounds (default: all).
    """
    slope, offset, constant = linear_map(low, high, benefit)
    check = np.ones(values.shape[1], dtype=bool) if check_clipping is None else check_clipping
    clipped = np.zeros(values.shape, dtype=bool)
    if check.any():
        sub = values[:, check]
        with np.errstate(invalid="ignore"):
            clipped[:, check] = (sub < low[check]) | (sub > high[check])
    clipped_values = np.clip(values, low, high) if clipped.any() else values
    scores = clipped_values * slope + offset
    return Normalised(scores, clipped, constant)


class WeightedSum(NamedTuple):
    dimension_scores: FloatArray
    """(candidates, dimensions): weighted mean of each dimension's present criteria; NaN if none."""
    totals: FloatArray
    """(candidates,): 0..100; NaN when no criterion is present."""
    effective_weights: FloatArray
    """(candidates, criteria): the weight each criterion carried in the total (rows sum to 1)."""


def normalise_weights(weights: FloatArray, groups: IntArray, n_groups: int) -> FloatArray:
    """Each weight divided by the sum of the weights in its group."""
    sums = np.bincount(groups, weights=weights, minlength=n_groups)
    return weights / sums[groups]


def weighted_sum(
    scores: FloatArray,
    present: BoolArray | None,
    criterion_weights: FloatArray,
    dimension_of: IntArray,
    dimension_weights: FloatArray,
) -> WeightedSum:
    """Hierarchical weighted sum over present criteria.

    Criterion weights are normalised within their dimension over the criteria a
    candidate has, dimension weights over the dimensions it has (both are the
    stated weights when nothing is skipped):
    dimension score = sum(w_c * s_c) / sum(w_c); total = sum(W_d * dim_d) / sum(W_d).
    `present=None` means every score is present: two matrix products then suffice.
    """
    n_dims = dimension_weights.shape[0]
    n, k = scores.shape
    membership = np.zeros((k, n_dims))
    membership[np.arange(k), dimension_of] = 1.0
    if present is None:
        within = normalise_weights(criterion_weights, dimension_of, n_dims)
        shares = dimension_weights / dimension_weights.sum()
        effective = within * shares[dimension_of]
        dimension_scores = scores @ (membership * within[:, None])
        has = membership.any(axis=0)
        dimension_scores = np.where(has, dimension_scores, np.nan)
        return WeightedSum(dimension_scores, scores @ effective, np.broadcast_to(effective, (n, k)))
    weighted_presence = present * criterion_weights
    filled = np.where(present, scores, 0.0)
    numerator = (filled * weighted_presence) @ membership
    denominator = weighted_presence @ membership
    has_dimension = denominator > 0
    safe_denominator = np.where(has_dimension, denominator, 1.0)
    dimension_scores = np.where(has_dimension, numerator / safe_denominator, np.nan)
    dimension_share = has_dimension * dimension_weights
    share_total = dimension_share.sum(axis=1, keepdims=True)
    has_total = share_total[:, 0] > 0
    dimension_share = dimension_share / np.where(share_total > 0, share_total, 1.0)
    per_dimension = dimension_share / safe_denominator  # (n, dims)
    effective = weighted_presence * per_dimension[:, dimension_of]
    totals = np.where(has_total, (effective * filled).sum(axis=1), np.nan)
    return WeightedSum(dimension_scores, totals, effective)


def round_totals(totals: FloatArray) -> FloatArray:
    """Round to `PRECISION` decimals (and turn -0.0 into 0.0) so that ties are exact."""
    return np.round(totals, PRECISION) + 0.0


def competition_ranks(totals: FloatArray) -> IntArray:
    """Standard competition ranks, highest first: equal totals share a rank (1, 2, 2, 4)."""
    n = totals.shape[0]
    order = np.argsort(-totals, kind="stable")
    ordered = totals[order]
    starts = np.empty(n, dtype=bool)
    starts[:1] = True
    starts[1:] = ordered[1:] != ordered[:-1]
    # each position takes the rank of the first position of its run of equal totals
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    ranks = np.empty(n, dtype=np.int64)
    ranks[order] = first + 1
    return ranks
