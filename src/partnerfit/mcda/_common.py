"""Shared input validation and ranking helpers for the decision methods.

Every method takes the same three inputs:

* ``matrix``: (n candidates x m criteria) raw performance values, finite floats;
* ``weights``: (m,) non-negative weights summing to 1;
* ``benefit``: (m,) booleans, True when more is better, False for a cost criterion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.intp]
ArrayT = TypeVar("ArrayT", bound=NDArray[Any])

# Weights are produced by people and by rounding in published tables; a sum of 1 +- 1e-6
# is accepted, anything further away is almost certainly a caller bug (unnormalised input).
WEIGHT_SUM_TOLERANCE = 1e-6

# Scores within this distance are treated as tied when ranks are assigned.
RANK_TIE_TOLERANCE = 1e-9


def as_decision_inputs(
    matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """Validate and convert the common (matrix, weights, benefit) triple.

    Raises ``ValueError`` with a message naming the offending part.
    """
    values, weight_vector, benefit_vector, _, _ = decision_inputs(matrix, weights, benefit)
    return values, weight_vector, benefit_vector


def decision_inputs(
    matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike
) -> tuple[FloatArray, FloatArray, BoolArray, FloatArray, FloatArray]:
    """`as_decision_inputs` plus the column minima and maxima, which every method needs.

    Finiteness is checked on the column extremes (a NaN or an infinity reaches the min or
    the max), so validation costs no pass over the matrix beyond the two reductions.
    """
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"matrix must be 2-D (candidates x criteria), got {values.ndim}-D")
    n_candidates, n_criteria = values.shape
    if n_candidates < 1 or n_criteria < 1:
        raise ValueError(
            f"matrix needs at least one candidate and one criterion, got shape {values.shape}"
        )
    low, high = values.min(axis=0), values.max(axis=0)
    if not (np.all(np.isfinite(low)) and np.all(np.isfinite(high))):
        row, col = np.argwhere(~np.isfinite(values))[0]
        raise ValueError(f"matrix has a non-finite value at (row {row}, col {col})")

    weight_vector = np.asarray(weights, dtype=np.float64)
    if weight_vector.shape != (n_criteria,):
        raise ValueError(
            f"weights must have shape ({n_criteria},) to match the matrix, "
            f"got {weight_vector.shape}"
        )
    if not np.all(np.isfinite(weight_vector)) or np.any(weight_vector < 0):
        bad = int(np.flatnonzero(~np.isfinite(weight_vector) | (weight_vector < 0))[0])
        raise ValueError(f"weight {bad} must be finite and non-negative, got {weight_vector[bad]}")
    total = float(weight_vector.sum())
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise ValueError(f"weights must sum to 1, got {total:.9g}")

    benefit_vector = np.asarray(benefit)
    if benefit_vector.shape != (n_criteria,):
        raise ValueError(
            f"benefit must have shape ({n_criteria},) to match the matrix, "
            f"got {benefit_vector.shape}"
        )
    if benefit_vector.dtype != np.bool_:
        raise ValueError("benefit must be booleans (True = more is better, False = cost)")
    return values, weight_vector, benefit_vector.astype(np.bool_), low, high


def constant_columns(values: FloatArray) -> BoolArray:
    """Mask of criteria whose values are identical for every candidate."""
    result: BoolArray = values.min(axis=0) == values.max(axis=0)
    return result


def constant_column_warnings(mask: BoolArray, method: str) -> list[str]:
    """One warning per constant criterion, naming its column index."""
    return [
        f"{method}: criterion {int(col)} has the same value for every candidate; "
        "it has no discriminating power and does not affect the ranking"
        for col in np.flatnonzero(mask)
    ]


def ranking_from_scores(scores: FloatArray, higher_is_better: bool = True) -> IntArray:
    """Candidate indices ordered best first; ties keep input order (stable sort)."""
    keys = -scores if higher_is_better else scores
    order: IntArray = np.argsort(keys, kind="stable")
    return order


def competition_ranks(
    scores: FloatArray, higher_is_better: bool = True, atol: float = RANK_TIE_TOLERANCE
) -> IntArray:
    """1-based "1224" ranks: a candidate's rank is 1 + the number of strictly better ones.

    Scores closer than ``atol`` count as tied, so floating-point noise does not split ties.
    """
    keys = -scores if higher_is_better else scores
    sorted_keys = np.sort(keys)
    # Number of candidates whose key is smaller than ours by more than atol.
    better = np.searchsorted(sorted_keys, keys - atol, side="left")
    ranks: IntArray = (better + 1).astype(np.intp)
    return ranks


def rank(scores: FloatArray, higher_is_better: bool = True) -> tuple[IntArray, IntArray]:
    """(ranking_from_scores, competition_ranks) from one stable sort.

    In sorted order a candidate's competition rank is 1 + the position where its group of
    ties starts (consecutive keys within the tolerance). That equals the definition,
    1 + #{b : key_b < key_a - tol}, whenever no group spans more than the tolerance; a
    chain of near-ties that does falls back to a binary search per candidate.
    """
    keys = -scores if higher_is_better else scores
    order: IntArray = np.argsort(keys, kind="stable")
    ordered = keys[order]
    n = ordered.shape[0]
    starts = np.zeros(n, dtype=np.intp)
    if n > 1:
        new_group = np.diff(ordered) > RANK_TIE_TOLERANCE
        starts[1:] = np.where(new_group, np.arange(1, n), 0)
        np.maximum.accumulate(starts, out=starts)
    if np.all(ordered - ordered[starts] <= RANK_TIE_TOLERANCE):
        ranks: IntArray = np.empty(n, dtype=np.intp)
        ranks[order] = starts + 1
    else:
        ranks = (np.searchsorted(ordered, keys - RANK_TIE_TOLERANCE, side="left") + 1).astype(
            np.intp
        )
    return order, ranks


def readonly(array: ArrayT) -> ArrayT:
    """Mark an array read-only so a frozen result cannot be mutated through it."""
    array.flags.writeable = False
    return array


def as_tuple(messages: Sequence[str]) -> tuple[str, ...]:
    """Freeze a list of warnings for a frozen result dataclass."""
    return tuple(messages)
