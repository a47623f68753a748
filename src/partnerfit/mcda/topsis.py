"""TOPSIS, after Hwang & Yoon (1981), "Multiple Attribute Decision Making", Springer.

Steps, for n candidates and m criteria:

1. Normalise each column.
   * ``"vector"`` (default, Hwang & Yoon): r_ij = x_ij / sqrt(sum_k x_kj ** 2)
   * ``"minmax"``: r_ij = (x_ij - min_j) / (max_j - min_j)
   Normalisation never flips a column; direction is handled in step 3.
2. Weight: v_ij = w_j * r_ij.
3. Ideal A+ and anti-ideal A-: for a benefit criterion A+_j = max_i v_ij and
   A-_j = min_i v_ij; for a cost criterion the other way round (Hwang & Yoon's J').
4. Euclidean distances d+_i = ||v_i - A+||, d-_i = ||v_i - A-||.
5. Closeness C_i = d-_i / (d+_i + d-_i) in [0, 1]; reported as 100 * C_i (0..100).

When d+_i + d-_i = 0 (every criterion is constant, e.g. a single candidate) the
closeness is undefined; it is reported as 50 (neutral) with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

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

Normalization = Literal["vector", "minmax"]
SCORE_SCALE = 100.0
NEUTRAL_CLOSENESS = 0.5


@dataclass(frozen=True, eq=False)
class TopsisResult:
    """Scores and every intermediate table of a TOPSIS run.

    Attributes:
        scores: (n,) closeness coefficient * 100, in [0, 100]; higher is better.
        closeness: (n,) closeness coefficient C_i in [0, 1].
        normalization: "vector" or "minmax".
        normalized: (n, m) r_ij = (x_ij - column_origin_j) * column_scale_j (computed on use).
        column_origin, column_scale: (m,) the normalisation as an affine map per column.
        weighted: (n, m) v_ij = w_j * r_ij.
        ideal: (m,) A+ (best weighted value per criterion).
        anti_ideal: (m,) A- (worst weighted value per criterion).
        distance_to_ideal: (n,) d+.
        distance_to_anti_ideal: (n,) d-.
        ranking: candidate indices, best first.
        ranks: (n,) 1-based competition ranks.
        constant_criteria: (m,) True where a criterion does not discriminate.
        warnings: human-readable notes.
    """

    scores: FloatArray
    closeness: FloatArray
    normalization: Normalization
    column_origin: FloatArray
    column_scale: FloatArray
    weighted: FloatArray
    ideal: FloatArray
    anti_ideal: FloatArray
    distance_to_ideal: FloatArray
    distance_to_anti_ideal: FloatArray
    ranking: IntArray
    ranks: IntArray
    constant_criteria: BoolArray
    warnings: tuple[str, ...]
    matrix: FloatArray = field(repr=False, default_factory=lambda: np.zeros((0, 0)))

    @property
    def normalized(self) -> FloatArray:
        result: FloatArray = (self.matrix - self.column_origin) * self.column_scale
        return result


def vector_normalize(values: FloatArray) -> FloatArray:
    """r_ij = x_ij / sqrt(sum_k x_kj^2); an all-zero column stays zero."""
    norms = np.sqrt(np.einsum("ij,ij->j", values, values))
    safe = np.where(norms > 0, norms, 1.0)
    result: FloatArray = values / safe
    return result


def _row_norms(differences: FloatArray) -> FloatArray:
    """Euclidean norm of each row; einsum avoids a squared temporary and a slow row sum."""
    result: FloatArray = np.sqrt(np.einsum("ij,ij->i", differences, differences))
    return result


def minmax_normalize(values: FloatArray) -> FloatArray:
    """r_ij = (x_ij - min_j) / (max_j - min_j); a constant column becomes zero."""
    low = values.min(axis=0)
    spread = values.max(axis=0) - low
    safe = np.where(spread > 0, spread, 1.0)
    result: FloatArray = (values - low) / safe
    return result


def topsis(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: ArrayLike,
    normalization: Normalization = "vector",
) -> TopsisResult:
    """Rank candidates by relative closeness to the ideal solution (see module docstring).

    Args:
        matrix: (n, m) raw performance values.
        weights: (m,) non-negative weights summing to 1.
        benefit: (m,) True for benefit criteria, False for cost criteria.
        normalization: "vector" (Hwang & Yoon default) or "minmax".

    Raises:
        ValueError: on malformed input or an unknown normalisation.
    """
    values, weight_vector, benefit_vector, low, high = decision_inputs(matrix, weights, benefit)
    # r = x * scale + offset per column; weighting folds into the same map, so the
    # weighted table is one pass over the matrix (r itself is derived on demand).
    if normalization == "vector":
        norms = np.sqrt(np.einsum("ij,ij->j", values, values))
        scale = 1.0 / np.where(norms > 0, norms, 1.0)
        origin = np.zeros_like(scale)
    elif normalization == "minmax":
        spread = high - low
        scale = 1.0 / np.where(spread > 0, spread, 1.0)
        origin = low
    else:
        raise ValueError(f"normalization must be 'vector' or 'minmax', got {normalization!r}")
    factor = weight_vector * scale

    def weigh(x: FloatArray) -> FloatArray:
        # (x - low) is exact at the column minimum, so min-max gives exactly 0 there
        result: FloatArray = x * factor if normalization == "vector" else (x - origin) * factor
        return result

    weighted = weigh(values)
    # The map is non-decreasing (factor >= 0) and rounding is monotone, so the weighted
    # column extremes are exactly the mapped raw extremes: no second pass over the table.
    column_max = weigh(high)
    column_min = weigh(low)
    ideal = np.where(benefit_vector, column_max, column_min)
    anti_ideal = np.where(benefit_vector, column_min, column_max)
    buffer = np.subtract(weighted, ideal)
    distance_to_ideal = _row_norms(buffer)
    distance_to_anti_ideal = _row_norms(np.subtract(weighted, anti_ideal, out=buffer))

    constant = low == high
    warnings = constant_column_warnings(constant, "topsis")
    total = distance_to_ideal + distance_to_anti_ideal
    undefined = total <= 0
    closeness = np.where(
        undefined, NEUTRAL_CLOSENESS, distance_to_anti_ideal / np.where(undefined, 1.0, total)
    )
    if np.any(undefined):
        warnings.append(
            "topsis: no criterion separates the candidates "
            f"({int(undefined.sum())} candidate(s) equal to both ideal and anti-ideal); "
            "their closeness is set to the neutral 0.5"
        )
    scores = SCORE_SCALE * closeness
    ranking, ranks = rank(scores)
    return TopsisResult(
        scores=readonly(scores),
        closeness=readonly(closeness),
        normalization=normalization,
        column_origin=readonly(origin),
        column_scale=readonly(scale),
        weighted=readonly(weighted),
        ideal=readonly(ideal),
        anti_ideal=readonly(anti_ideal),
        distance_to_ideal=readonly(distance_to_ideal),
        distance_to_anti_ideal=readonly(distance_to_anti_ideal),
        ranking=readonly(ranking),
        ranks=readonly(ranks),
        constant_criteria=readonly(constant),
        warnings=tuple(warnings),
        matrix=readonly(values.view()),
    )
