"""Weight elicitation: AHP, rank-order, points and data-driven (entropy, CRITIC) weights.

AHP (Saaty 1977, 1980)
----------------------
A pairwise comparison matrix A has a_ij = how many times more important item i is than
item j (Saaty's 1..9 scale), a_ii = 1 and a_ji = 1 / a_ij.

* ``method="eigenvector"`` (Saaty): w is the principal (Perron) right eigenvector of A,
  normalised to sum 1, and lambda_max its eigenvalue. It is computed with
  ``numpy.linalg.eig`` (n is small, typically <= 15) taking the eigenvalue with the
  largest real part; for a positive matrix it is real and simple (Perron-Frobenius).
* ``method="geometric_mean"`` (Crawford & Williams 1985, the row geometric mean / LLSM):
  w_i proportional to (prod_j a_ij) ** (1/n); lambda_max is estimated as
  mean_i (A w)_i / w_i.

Consistency: CI = (lambda_max - n) / (n - 1), CR = CI / RI_n with Saaty's random index.
CR < 0.1 is Saaty's customary acceptance rule. CR is reported as 0 for n <= 2 (such
matrices are always consistent) and as None for n > 15 (no tabulated RI).

Most inconsistent judgement: for each i < j the ratio e_ij = a_ij * w_j / w_i equals 1 when
the judgement agrees with the derived weights (Saaty's error matrix). partnerfit reports the
pair maximising |ln e_ij| (log error; symmetric, since ln e_ji = -ln e_ij) together with the
value w_i / w_j that would make it consistent, so an analyst knows which comparison to revisit.

Incomplete judgements
---------------------
``ahp_matrix_from_judgements`` completes missing comparisons with the lambda_max-optimal
completion of Bozoki, Fulop & Ronyai (2010), "On optimal completions of incomplete pairwise
comparison matrices", Math. Comput. Modelling 52, 318-333: the missing entries x are chosen
to minimise lambda_max(A(x)), i.e. the completion that is as consistent as possible. The
completion is unique iff the graph of known comparisons is connected (their Theorem), so a
disconnected set of judgements is rejected. Following the paper, the problem is solved in
the variables t = ln x (where lambda_max is convex) by cyclic coordinate descent, starting
from the logarithmic-least-squares completion; each one-dimensional step finds the root of
the derivative d lambda_max / d t = (u_i a_ij w_j - u_j a_ji w_i) / (u . w) (u, w the left
and right Perron vectors) by safeguarded false position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from partnerfit.mcda._common import BoolArray, FloatArray, readonly

AhpMethod = Literal["eigenvector", "geometric_mean"]
RankOrderMethod = Literal["roc", "rank_sum", "reciprocal"]

# Saaty's random consistency index RI_n for n = 1..15: the table commonly attributed to
# Saaty (1980), "The Analytic Hierarchy Process", McGraw-Hill, as reproduced in AHP
# software and textbooks. The dip at n = 12 is part of that table, not a typo here.
SAATY_RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
    11: 1.51,
    12: 1.48,
    13: 1.56,
    14: 1.57,
    15: 1.59,
}
RANDOM_INDEX_MAX_N = max(SAATY_RANDOM_INDEX)
"""The largest block whose consistency ratio can be computed (15)."""

# Relative tolerance for a_ij * a_ji == 1 and a_ii == 1: rounded fractions like 0.333 pass.
RECIPROCAL_TOLERANCE = 1e-2
SAATY_SCALE_MIN = 1.0 / 9.0
SAATY_SCALE_MAX = 9.0
# Below this log error every judgement agrees with the weights: nothing to revisit.
CONSISTENT_LOG_ERROR = 1e-9


@dataclass(frozen=True, eq=False)
class AhpResult:
    """Priority weights and consistency diagnostics of a pairwise comparison matrix.

    Attributes:
        weights: (n,) priorities, summing to 1.
        method: "eigenvector" or "geometric_mean".
        lambda_max: principal eigenvalue (or its estimate for geometric_mean).
        consistency_index: CI = (lambda_max - n) / (n - 1), 0 for n = 1.
        random_index: RI_n from the table, None when n > 15.
        consistency_ratio: CR = CI / RI_n; 0 for n <= 2; None when n > 15.
        random_index_table: name of the RI table used ("saaty").
        error_matrix: (n, n) e_ij = a_ij * w_j / w_i (all ones when perfectly consistent).
        most_inconsistent: (i, j), i < j, maximising |ln e_ij|, or None if all agree.
        most_inconsistent_log_error: |ln e_ij| of that pair (0.0 if None).
        suggested_value: w_i / w_j for that pair, the judgement that would agree.
        warnings: human-readable notes.
    """

    weights: FloatArray
    method: AhpMethod
    lambda_max: float
    consistency_index: float
    random_index: float | None
    consistency_ratio: float | None
    random_index_table: str
    error_matrix: FloatArray
    most_inconsistent: tuple[int, int] | None
    most_inconsistent_log_error: float
    suggested_value: float | None
    warnings: tuple[str, ...]


def validate_pairwise_matrix(matrix: ArrayLike) -> FloatArray:
    """Check that ``matrix`` is a positive reciprocal matrix; return it as float64.

    Raises ValueError naming the offending cell (row, col).
    """
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2 or values.shape[0] != values.shape[1] or values.shape[0] < 1:
        raise ValueError(
            f"pairwise comparison matrix must be square and non-empty, got {values.shape}"
        )
    bad = ~np.isfinite(values) | (values <= 0)
    if np.any(bad):
        row, col = np.argwhere(bad)[0]
        raise ValueError(
            f"pairwise comparison matrix must be positive and finite; "
            f"cell (row {row}, col {col}) is {values[row, col]}"
        )
    diagonal_off = np.abs(np.diag(values) - 1.0) > RECIPROCAL_TOLERANCE
    if np.any(diagonal_off):
        index = int(np.flatnonzero(diagonal_off)[0])
        raise ValueError(
            f"pairwise comparison matrix must have 1 on the diagonal; "
            f"cell (row {index}, col {index}) is {values[index, index]}"
        )
    # a_ij * a_ji must be 1; compare in relative terms so 3 and 0.333 agree.
    product = values * values.T
    not_reciprocal = np.triu(np.abs(product - 1.0) > RECIPROCAL_TOLERANCE, k=1)
    if np.any(not_reciprocal):
        row, col = np.argwhere(not_reciprocal)[0]
        raise ValueError(
            "pairwise comparison matrix is not reciprocal at "
            f"cell (row {col}, col {row}): it is {values[col, row]:g} but "
            f"1 / cell (row {row}, col {col}) = {1.0 / values[row, col]:g}"
        )
    return values


def _perron(matrix: FloatArray) -> tuple[float, FloatArray]:
    """Principal eigenvalue and positive right eigenvector (normalised to sum 1)."""
    eigenvalues, eigenvectors = np.linalg.eig(matrix)
    index = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, index].real)
    return float(eigenvalues[index].real), vector / vector.sum()


def ahp_weights(matrix: ArrayLike, method: AhpMethod = "eigenvector") -> AhpResult:
    """Derive priority weights and consistency from a pairwise comparison matrix.

    See the module docstring for the formulas, the RI table and the inconsistency measure.

    Raises:
        ValueError: if the matrix is not a positive reciprocal matrix or method is unknown.
    """
    values = validate_pairwise_matrix(matrix)
    size = values.shape[0]
    if method == "eigenvector":
        lambda_max, weights = _perron(values)
    elif method == "geometric_mean":
        log_means = np.log(values).mean(axis=1)
        # Subtract the max before exp so large judgements cannot overflow.
        raw = np.exp(log_means - log_means.max())
        weights = raw / raw.sum()
        lambda_max = float(np.mean((values @ weights) / weights))
    else:
        raise ValueError(f"method must be 'eigenvector' or 'geometric_mean', got {method!r}")

    warnings: list[str] = []
    # lambda_max >= n in exact arithmetic; clip rounding noise so CI is never negative.
    consistency_index = max(lambda_max - size, 0.0) / (size - 1) if size > 1 else 0.0
    random_index = SAATY_RANDOM_INDEX.get(size)
    if random_index is None:
        consistency_ratio: float | None = None
        warnings.append(
            f"ahp: Saaty's random index is tabulated for n <= {RANDOM_INDEX_MAX_N} only "
            f"(n = {size}); "
            "consistency ratio not computed"
        )
    elif random_index == 0.0:
        consistency_ratio = 0.0
    else:
        consistency_ratio = consistency_index / random_index
        if consistency_ratio >= 0.1:
            warnings.append(
                f"ahp: consistency ratio {consistency_ratio:.3f} is at or above Saaty's 0.1 "
                "threshold; revisit the most inconsistent judgement"
            )

    error_matrix = values * weights[None, :] / weights[:, None]
    log_error = np.triu(np.abs(np.log(error_matrix)), k=1)
    row, col = np.unravel_index(int(np.argmax(log_error)), log_error.shape)
    worst = float(log_error[row, col])
    if worst > CONSISTENT_LOG_ERROR:
        most_inconsistent: tuple[int, int] | None = (int(row), int(col))
        suggested: float | None = float(weights[row] / weights[col])
    else:
        most_inconsistent, suggested, worst = None, None, 0.0

    return AhpResult(
        weights=readonly(weights),
        method=method,
        lambda_max=lambda_max,
        consistency_index=consistency_index,
        random_index=random_index,
        consistency_ratio=consistency_ratio,
        random_index_table="saaty",
        error_matrix=readonly(error_matrix),
        most_inconsistent=most_inconsistent,
        most_inconsistent_log_error=worst,
        suggested_value=suggested,
        warnings=tuple(warnings),
    )


# --------------------------------------------------------------------------- judgements


@dataclass(frozen=True, eq=False)
class JudgementMatrix:
    """A pairwise comparison matrix built from judgements.

    Attributes:
        matrix: (n, n) complete positive reciprocal matrix, rows/cols in ``order``.
        order: item names.
        completed: (a, b) name pairs whose value was not given and was completed
            (a before b in ``order``); empty when every pair was judged.
        completed_cells: the same as (row, col) index pairs, row < col.
        completion_method: "bozoki-fulop-ronyai-2010-lambda-max" or "none".
    """

    matrix: FloatArray
    order: tuple[str, ...]
    completed: tuple[tuple[str, str], ...]
    completed_cells: tuple[tuple[int, int], ...]
    completion_method: str


COMPLETION_METHOD = "bozoki-fulop-ronyai-2010-lambda-max"


def ahp_matrix_from_judgements(
    order: Sequence[str], judgements: Sequence[tuple[str, str, float]]
) -> JudgementMatrix:
    """Build a pairwise comparison matrix from (a, b, value) judgements.

    ``(a, b, 3)`` means a is 3 times as important as b. Each unordered pair may be judged
    once in either direction; a repeat must agree (b, a, 1/3 agrees with a, b, 3) within a
    relative 1e-2. Values must lie on Saaty's scale [1/9, 9] (relative tolerance 1e-2, so
    0.111 is accepted). Missing pairs are completed with the lambda_max-optimal completion
    of Bozoki, Fulop & Ronyai (2010) if the judged pairs connect every item.

    Raises:
        ValueError: on unknown or duplicate item names, a self-comparison, a value off the
            scale, contradictory duplicates (naming both judgements), or judgements that
            leave items disconnected (naming the groups).
    """
    names = tuple(order)
    if len(set(names)) != len(names):
        duplicates = sorted({name for name in names if names.count(name) > 1})
        raise ValueError(f"item names must be unique; repeated: {', '.join(duplicates)}")
    if not names:
        raise ValueError("need at least one item")
    position = {name: index for index, name in enumerate(names)}
    size = len(names)

    log_values = np.zeros((size, size))
    known = np.eye(size, dtype=np.bool_)
    source: dict[tuple[int, int], tuple[str, str, float]] = {}
    for judgement in judgements:
        first, second, value = judgement
        for name in (first, second):
            if name not in position:
                raise ValueError(f"judgement {judgement!r} names unknown item {name!r}")
        if first == second:
            raise ValueError(f"judgement {judgement!r} compares {first!r} with itself")
        number = float(value)
        if not np.isfinite(number) or not (
            SAATY_SCALE_MIN * (1 - RECIPROCAL_TOLERANCE)
            <= number
            <= SAATY_SCALE_MAX * (1 + RECIPROCAL_TOLERANCE)
        ):
            raise ValueError(f"judgement {judgement!r}: value must lie on Saaty's scale [1/9, 9]")
        i, j = position[first], position[second]
        if known[i, j]:
            previous = source[(i, j)] if (i, j) in source else source[(j, i)]
            if abs(np.exp(log_values[i, j] - np.log(number)) - 1.0) > RECIPROCAL_TOLERANCE:
                raise ValueError(
                    f"contradictory judgements {previous!r} and {judgement!r} "
                    f"for the pair ({first}, {second})"
                )
            continue
        source[(i, j)] = judgement
        log_values[i, j], log_values[j, i] = np.log(number), -np.log(number)
        known[i, j] = known[j, i] = True

    components = _connected_components(known)
    if len(components) > 1:
        groups = "; ".join("{" + ", ".join(names[i] for i in group) + "}" for group in components)
        raise ValueError(
            "judgements do not connect all items, so missing comparisons cannot be completed "
            f"uniquely; add a judgement linking these groups: {groups}"
        )

    missing = [(int(i), int(j)) for i, j in np.argwhere(np.triu(~known, k=1))]
    if missing:
        log_values = _complete_lambda_max(log_values, known, missing)
    matrix = np.exp(log_values)
    return JudgementMatrix(
        matrix=readonly(matrix),
        order=names,
        completed=tuple((names[i], names[j]) for i, j in missing),
        completed_cells=tuple(missing),
        completion_method=COMPLETION_METHOD if missing else "none",
    )


def _connected_components(known: BoolArray) -> list[list[int]]:
    """Connected components of the graph whose edges are the judged pairs."""
    size = known.shape[0]
    unseen = set(range(size))
    components: list[list[int]] = []
    while unseen:
        start = min(unseen)
        stack, group = [start], {start}
        while stack:
            node = stack.pop()
            for neighbour in np.flatnonzero(known[node]).tolist():
                if neighbour not in group:
                    group.add(neighbour)
                    stack.append(neighbour)
        unseen -= group
        components.append(sorted(group))
    return components


def _least_squares_logs(log_values: FloatArray, known: BoolArray) -> FloatArray:
    """Log-weights y minimising sum over judged pairs of (ln a_ij - y_i + y_j)^2.

    The normal equations are L y = b with L the Laplacian of the judgement graph and
    b_i = sum_j ln a_ij over judged j (Bozoki, Fulop & Ronyai 2010, LLSM section).
    """
    adjacency = (known & ~np.eye(known.shape[0], dtype=np.bool_)).astype(np.float64)
    laplacian = np.diag(adjacency.sum(axis=1)) - adjacency
    rhs = (log_values * adjacency).sum(axis=1)
    solution, *_ = np.linalg.lstsq(laplacian, rhs, rcond=None)
    result: FloatArray = solution
    return result


_MAX_SWEEPS = 500
_SWEEP_TOLERANCE = 1e-12
_ROOT_TOLERANCE = 1e-13
_MAX_ROOT_STEPS = 200


def _lambda_max_slope(log_values: FloatArray, row: int, col: int) -> float:
    """d lambda_max / d t where a_row,col = e^t and a_col,row = e^-t."""
    matrix = np.exp(log_values)
    _, right = _perron(matrix)
    _, left = _perron(matrix.T)
    numerator = (
        left[row] * matrix[row, col] * right[col] - left[col] * matrix[col, row] * right[row]
    )
    return float(numerator / (left @ right))


def _set_entry(log_values: FloatArray, row: int, col: int, t: float) -> None:
    log_values[row, col] = t
    log_values[col, row] = -t


def _minimise_coordinate(log_values: FloatArray, row: int, col: int) -> float:
    """Move entry (row, col) to the root of the (increasing) slope; return the step."""
    start = float(log_values[row, col])

    def slope(t: float) -> float:
        _set_entry(log_values, row, col, t)
        return _lambda_max_slope(log_values, row, col)

    low, high, step = start - 0.5, start + 0.5, 0.5
    slope_low, slope_high = slope(low), slope(high)
    while slope_low > 0:  # convexity: the slope increases with t
        step *= 2
        high, slope_high = low, slope_low
        low = start - step
        slope_low = slope(low)
    while slope_high < 0:
        step *= 2
        low, slope_low = high, slope_high
        high = start + step
        slope_high = slope(high)

    # Illinois false position: superlinear, and the bracket always holds the root.
    root = low
    side = 0
    for _ in range(_MAX_ROOT_STEPS):
        if high - low <= _ROOT_TOLERANCE or slope_high == slope_low:
            break
        root = (low * slope_high - high * slope_low) / (slope_high - slope_low)
        value = slope(root)
        if value == 0:
            low = high = root
            break
        if value < 0:
            low, slope_low = root, value
            if side == -1:
                slope_high /= 2
            side = -1
        else:
            high, slope_high = root, value
            if side == 1:
                slope_low /= 2
            side = 1
    final = 0.5 * (low + high)
    _set_entry(log_values, row, col, final)
    return abs(final - start)


def _complete_lambda_max(
    log_values: FloatArray, known: BoolArray, missing: list[tuple[int, int]]
) -> FloatArray:
    """lambda_max-optimal completion (Bozoki, Fulop & Ronyai 2010) by cyclic coordinates."""
    completed = log_values.copy()
    start = _least_squares_logs(log_values, known)
    for row, col in missing:
        _set_entry(completed, row, col, float(start[row] - start[col]))
    for _ in range(_MAX_SWEEPS):
        largest_step = max(_minimise_coordinate(completed, row, col) for row, col in missing)
        if largest_step < _SWEEP_TOLERANCE:
            break
    return completed


# --------------------------------------------------------------------------- simple weights


def rank_order_weights(n: int, method: RankOrderMethod = "roc") -> FloatArray:
    """Weights for n criteria ranked 1 (most important) .. n.

    * ``"roc"`` rank-order centroid (Barron & Barrett 1996): w_i = (1/n) sum_{k=i}^{n} 1/k
    * ``"rank_sum"`` (Stillwell, Seaver & Edwards 1981): w_i = 2 (n + 1 - i) / (n (n + 1))
    * ``"reciprocal"`` rank reciprocal: w_i = (1/i) / sum_{k=1}^{n} 1/k

    Returns weights in rank order (index 0 is rank 1); they sum to 1 and decrease.
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    ranks = np.arange(1, n + 1, dtype=np.float64)
    if method == "roc":
        # Reverse cumulative sum of 1/k gives sum_{k=i}^{n} 1/k for every i at once.
        weights = np.cumsum((1.0 / ranks)[::-1])[::-1] / n
    elif method == "rank_sum":
        weights = 2.0 * (n + 1 - ranks) / (n * (n + 1))
    elif method == "reciprocal":
        weights = (1.0 / ranks) / np.sum(1.0 / ranks)
    else:
        raise ValueError(f"method must be 'roc', 'rank_sum' or 'reciprocal', got {method!r}")
    result: FloatArray = weights
    return result


def points_weights(points: ArrayLike) -> FloatArray:
    """Normalise direct points (e.g. 100-point allocation) to weights summing to 1.

    Raises ValueError naming the first point that is zero, negative or not finite.
    """
    values = np.asarray(points, dtype=np.float64)
    if values.ndim != 1 or values.shape[0] < 1:
        raise ValueError(f"points must be a non-empty 1-D sequence, got shape {values.shape}")
    bad = ~np.isfinite(values) | (values <= 0)
    if np.any(bad):
        index = int(np.flatnonzero(bad)[0])
        raise ValueError(f"points[{index}] must be positive and finite, got {values[index]}")
    result: FloatArray = values / values.sum()
    return result


# --------------------------------------------------------------------------- data-driven


@dataclass(frozen=True, eq=False)
class DataWeightsResult:
    """Data-driven weights and the per-criterion quantities that produced them.

    Attributes:
        weights: (m,) weights summing to 1 (0 for a constant criterion).
        method: "entropy" or "critic".
        information: (m,) the quantity the weights are proportional to: the degree of
            divergence 1 - E_j (entropy) or the information content C_j (CRITIC).
        detail: (m,) entropy E_j (entropy) or standard deviation sigma_j of the
            normalised column (CRITIC).
        correlation: (m, m) Pearson correlations of the normalised columns (CRITIC only;
            rows/cols of constant criteria are 0).
        constant_criteria: (m,) True where every candidate has the same value.
        warnings: human-readable notes.
    """

    weights: FloatArray
    method: str
    information: FloatArray
    detail: FloatArray
    correlation: FloatArray | None
    constant_criteria: BoolArray
    warnings: tuple[str, ...]


def _data_matrix(matrix: ArrayLike) -> FloatArray:
    values = np.asarray(matrix, dtype=np.float64)
    if values.ndim != 2 or values.shape[1] < 1:
        raise ValueError(f"matrix must be 2-D (candidates x criteria), got shape {values.shape}")
    if values.shape[0] < 2:
        raise ValueError("data-driven weights need at least two candidates")
    if not np.all(np.isfinite(values)):
        row, col = np.argwhere(~np.isfinite(values))[0]
        raise ValueError(f"matrix has a non-finite value at (row {row}, col {col})")
    return values


def _constant_warnings(mask: BoolArray, method: str) -> list[str]:
    return [
        f"{method}: criterion {int(col)} has the same value for every candidate; weight set to 0"
        for col in np.flatnonzero(mask)
    ]


def _normalise_information(information: FloatArray, method: str) -> FloatArray:
    total = float(information.sum())
    if total <= 0:
        raise ValueError(
            f"{method}: no criterion varies across candidates, so no data-driven weights exist"
        )
    result: FloatArray = information / total
    return result


def entropy_weights(matrix: ArrayLike) -> DataWeightsResult:
    """Shannon entropy weights (Zeleny 1982; Hwang & Yoon 1981).

        p_ij = x_ij / sum_i x_ij
        E_j  = -(1 / ln n) sum_i p_ij ln p_ij         (0 ln 0 = 0)
        w_j  = (1 - E_j) / sum_k (1 - E_k)

    Values must be non-negative. A constant column (including an all-zero one) has
    E_j = 1 and gets weight 0 with a warning; if every column is constant, ValueError.
    Direction (benefit/cost) does not matter: entropy measures dispersion only.
    """
    values = _data_matrix(matrix)
    if np.any(values < 0):
        row, col = np.argwhere(values < 0)[0]
        raise ValueError(
            f"entropy weights need non-negative values; (row {row}, col {col}) is "
            f"{values[row, col]}"
        )
    n_candidates = values.shape[0]
    constant = np.all(values == values[0], axis=0)
    totals = values.sum(axis=0)
    shares = values / np.where(totals > 0, totals, 1.0)
    safe_shares = np.where(shares > 0, shares, 1.0)  # ln 1 = 0 implements 0 ln 0 = 0
    entropy = -(shares * np.log(safe_shares)).sum(axis=0) / np.log(n_candidates)
    entropy = np.where(constant, 1.0, np.minimum(entropy, 1.0))
    divergence = 1.0 - entropy
    weights = _normalise_information(divergence, "entropy")
    return DataWeightsResult(
        weights=readonly(weights),
        method="entropy",
        information=readonly(divergence),
        detail=readonly(entropy),
        correlation=None,
        constant_criteria=readonly(constant),
        warnings=tuple(_constant_warnings(constant, "entropy")),
    )


def critic_weights(matrix: ArrayLike, benefit: ArrayLike) -> DataWeightsResult:
    """CRITIC weights (Diakoulaki, Mavrotas & Papayannakis 1995).

        r_ij = (x_ij - worst_j) / (best_j - worst_j)      (best = max for benefit, min for cost)
        sigma_j = standard deviation of column r_j
        rho_jk = Pearson correlation of r_j and r_k
        C_j = sigma_j * sum_k (1 - rho_jk)
        w_j = C_j / sum_k C_k

    The scale of sigma (population or sample) cancels in w. A constant column has no
    sigma and no correlation: it gets C_j = 0 (weight 0, warning) and is left out of the
    other criteria's sums. If every column is constant, ValueError.
    """
    values = _data_matrix(matrix)
    benefit_vector = np.asarray(benefit)
    if benefit_vector.shape != (values.shape[1],) or benefit_vector.dtype != np.bool_:
        raise ValueError(f"benefit must be {values.shape[1]} booleans")
    low, high = values.min(axis=0), values.max(axis=0)
    spread = high - low
    constant = spread == 0
    safe_spread = np.where(constant, 1.0, spread)
    normalized = np.where(benefit_vector, values - low, high - values) / safe_spread

    sigma = normalized.std(axis=0)
    centred = normalized - normalized.mean(axis=0)
    safe_sigma = np.where(sigma > 0, sigma, 1.0)
    standardized = np.where(sigma > 0, centred / safe_sigma, 0.0)
    correlation = standardized.T @ standardized / values.shape[0]
    varying = ~constant
    # Conflict is summed over the varying criteria only (a constant one has no correlation).
    conflict = ((1.0 - correlation) * varying[None, :]).sum(axis=1)
    information = np.where(varying, sigma * conflict, 0.0)
    weights = _normalise_information(information, "critic")
    return DataWeightsResult(
        weights=readonly(weights),
        method="critic",
        information=readonly(information),
        detail=readonly(sigma),
        correlation=readonly(correlation),
        constant_criteria=readonly(constant),
        warnings=tuple(_constant_warnings(constant, "critic")),
    )
