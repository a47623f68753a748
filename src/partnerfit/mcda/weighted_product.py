"""Weighted product model (WPM), after Bridgman (1922) and Miller & Starr (1969).

The classic WPM compares two candidates by the ratio

    R(a/b) = prod_j (x_aj / x_bj) ** w_j          (benefit criteria)

and a > b when R(a/b) > 1. Because the ratio of two products is what matters, every
candidate can be scored against the same reference without changing any comparison.
partnerfit uses the column best as that reference so that scores are on a readable
0..100 scale:

    r_ij = x_ij / max_k x_kj      for a benefit criterion
    r_ij = min_k x_kj / x_ij      for a cost criterion (reciprocal ratio, per WPM)
    score_i = 100 * prod_j r_ij ** w_j

Every r_ij lies in (0, 1], so a score lies in (0, 100], and 100 means "best on every
criterion". score_a / score_b equals Bridgman's R(a/b) exactly. The product is evaluated
as exp(sum_j w_j * ln r_ij) to avoid underflow with many criteria.

WPM is defined for strictly positive values only: a zero or negative value raises
``ValueError`` (shift or rescale such a criterion before using WPM).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from partnerfit.mcda._common import (
    BoolArray,
    FloatArray,
    IntArray,
    constant_column_warnings,
    decision_inputs,
    rank,
    readonly,
)

SCORE_SCALE = 100.0


@dataclass(frozen=True, eq=False)
class WeightedProductResult:
    """Scores and the intermediate tables of a WPM run.

    Attributes:
        scores: (n,) 100 * prod_j ratios**w, in (0, 100]; higher is better.
        column_best: (m,) the reference value per criterion (max for benefit, min for cost).
        ratios: (n, m) r_ij in (0, 1], the performance relative to the column best.
        factors: (n, m) r_ij ** w_j, each criterion's multiplicative contribution
            (computed on use).
        log_contributions: (n, m) w_j * ln r_ij <= 0; sums to ln(score / 100).
        ranking: candidate indices, best first (ties keep input order).
        ranks: (n,) 1-based competition ranks (ties share the better rank).
        constant_criteria: (m,) True where a criterion does not discriminate.
        warnings: human-readable notes, e.g. constant criteria.
    """

    scores: FloatArray
    column_best: FloatArray
    ratios: FloatArray
    log_contributions: FloatArray
    ranking: IntArray
    ranks: IntArray
    constant_criteria: BoolArray
    warnings: tuple[str, ...]

    @property
    def factors(self) -> FloatArray:
        result: FloatArray = np.exp(self.log_contributions)
        return result


def weighted_product(
    matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike
) -> WeightedProductResult:
    """Score candidates with the weighted product model (see module docstring).

    Args:
        matrix: (n, m) raw performance values, all strictly positive.
        weights: (m,) non-negative weights summing to 1.
        benefit: (m,) True for benefit criteria, False for cost criteria.

    Raises:
        ValueError: on malformed input or any value <= 0.
    """
    values, weight_vector, benefit_vector, low, high = decision_inputs(matrix, weights, benefit)
    if np.any(low <= 0):
        row, col = np.argwhere(values <= 0)[0]
        raise ValueError(
            "weighted product needs strictly positive values; "
            f"matrix[{row}, {col}] = {values[row, col]:g} (row {row}, col {col})"
        )

    column_best = np.where(benefit_vector, high, low)
    # Cost criteria use the reciprocal ratio (best / x), as in Bridgman's product of
    # ratios, rather than negating values, which WPM cannot take.
    ratios = np.where(benefit_vector, values / column_best, column_best / values)
    log_contributions = weight_vector * np.log(ratios)
    scores = SCORE_SCALE * np.exp(log_contributions.sum(axis=1))
    constant = low == high
    warnings = constant_column_warnings(constant, "weighted product")
    ranking, ranks = rank(scores)
    return WeightedProductResult(
        scores=readonly(scores),
        column_best=readonly(column_best),
        ratios=readonly(ratios),
        log_contributions=readonly(log_contributions),
        ranking=readonly(ranking),
        ranks=readonly(ranks),
        constant_criteria=readonly(constant),
        warnings=tuple(warnings),
    )
