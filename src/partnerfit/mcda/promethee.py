"""PROMETHEE I and II, after Brans & Vincke (1985) and Brans & Mareschal (2005).

For each criterion j and ordered pair of candidates (a, b) the difference is

    d_j(a, b) = x_aj - x_bj      for a benefit criterion
    d_j(a, b) = x_bj - x_aj      for a cost criterion (direction reversed, not negated data)

and a preference function turns it into a preference degree P_j(a, b) = F_j(d) in [0, 1]
(F_j(d) = 0 for d <= 0). The six generalised criteria of Brans & Vincke (1985):

    usual     (type I)    F = 1 if d > 0
    u_shape   (type II)   F = 1 if d > q                       (quasi-criterion)
    v_shape   (type III)  F = d / p if d <= p, else 1
    level     (type IV)   F = 0 if d <= q, 1/2 if q < d <= p, 1 if d > p
    linear    (type V)    F = 0 if d <= q, (d - q) / (p - q) if q < d <= p, 1 if d > p
    gaussian  (type VI)   F = 1 - exp(-d^2 / (2 s^2))

Aggregated preference pi(a, b) = sum_j w_j P_j(a, b), and with n candidates

    phi+(a) = 1/(n-1) sum_b pi(a, b)     (positive / leaving flow)
    phi-(a) = 1/(n-1) sum_b pi(b, a)     (negative / entering flow)
    phi(a)  = phi+(a) - phi-(a)          (net flow, PROMETHEE II, in [-1, 1])

The net flow decomposes over criteria, phi(a) = sum_j w_j phi_j(a), where phi_j is the
unicriterion net flow; it is reported for ``explain``.

The (n, n, m) tensor of pairwise preferences is never built. Five of the six functions
are piecewise linear in d, sums of steps [d > t] and ramps clip((d - q) / (p - q), 0, 1),
so each candidate's sums over all others come from one sort per criterion:

    sum_b [x_a - x_b > t]        = #{b : x_b < x_a - t}                 (binary search)
    sum_b max(x_a - x_b - t, 0)  = k (x_a - t) - (x_(1) + ... + x_(k))  (prefix sums)

with k that count, and the mirror images for the entering flow; a ramp is
(max(d - q, 0) - max(d - p, 0)) / (p - q). Time O(m n log n), memory O(n m). The gaussian
function (and an explicit request for the n x n preference matrix) takes the pairwise
path: one criterion at a time, rows in blocks of ``block_size`` (by default as many as
keep a block within PAIRWISE_BUDGET values), so memory is O(block_size * n), never
O(n^2 m). The two paths agree to rounding; the steps decide a difference lying on a
threshold exactly as the pairwise path does (fl(x_a - x_b) > t).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from partnerfit.mcda._common import (
    BoolArray,
    FloatArray,
    IntArray,
    as_decision_inputs,
    constant_column_warnings,
    constant_columns,
    rank,
    readonly,
)

PreferenceKind = Literal["usual", "u_shape", "v_shape", "level", "linear", "gaussian"]
PAIRWISE_BUDGET = 1 << 22
"""Values per block on the pairwise path (4M float64 = 32 MiB per temporary)."""
# Flows closer than this are treated as equal in the PROMETHEE I comparison.
FLOW_TOLERANCE = 1e-9

_REQUIRED: dict[str, tuple[str, ...]] = {
    "usual": (),
    "u_shape": ("q",),
    "v_shape": ("p",),
    "level": ("q", "p"),
    "linear": ("q", "p"),
    "gaussian": ("s",),
}


@dataclass(frozen=True)
class PreferenceFunction:
    """A generalised criterion: a kind and its thresholds.

    Attributes:
        kind: one of usual, u_shape, v_shape, level, linear, gaussian.
        q: indifference threshold (u_shape, level, linear), q >= 0.
        p: preference threshold (v_shape, level, linear), p > 0 and p >= q.
        s: gaussian inflection point, s > 0.

    Prefer the factory functions ``usual()``, ``u_shape(q)``, ... which name the
    thresholds each kind needs.
    """

    kind: PreferenceKind
    q: float | None = None
    p: float | None = None
    s: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in _REQUIRED:
            raise ValueError(
                f"unknown preference function {self.kind!r}; expected one of {', '.join(_REQUIRED)}"
            )
        for name in _REQUIRED[self.kind]:
            value = getattr(self, name)
            if value is None:
                raise ValueError(f"{self.kind} preference function requires threshold {name}")
            if not np.isfinite(value):
                raise ValueError(f"{self.kind}: threshold {name} must be finite, got {value}")
        for name in ("q", "p", "s"):
            if name not in _REQUIRED[self.kind] and getattr(self, name) is not None:
                raise ValueError(f"{self.kind} preference function takes no threshold {name}")
        if self.q is not None and self.q < 0:
            raise ValueError(f"{self.kind}: indifference threshold q must be >= 0, got {self.q}")
        if self.p is not None and self.p <= 0:
            raise ValueError(f"{self.kind}: preference threshold p must be > 0, got {self.p}")
        if self.q is not None and self.p is not None and self.q > self.p:
            raise ValueError(
                f"{self.kind}: indifference threshold q={self.q} must not exceed "
                f"preference threshold p={self.p}"
            )
        if self.s is not None and self.s <= 0:
            raise ValueError(f"gaussian: threshold s must be > 0, got {self.s}")

    def __call__(self, difference: FloatArray) -> FloatArray:
        """Preference degree F(d) in [0, 1] for an array of oriented differences d."""
        d = np.asarray(difference, dtype=np.float64)
        positive = d > 0
        if self.kind == "usual":
            result = positive.astype(np.float64)
        elif self.kind == "u_shape":
            result = (d > _threshold(self.q)).astype(np.float64)
        elif self.kind == "v_shape":
            result = np.where(positive, np.minimum(d / _threshold(self.p), 1.0), 0.0)
        elif self.kind == "level":
            q, p = _threshold(self.q), _threshold(self.p)
            result = np.where(d > p, 1.0, np.where(d > q, 0.5, 0.0))
        elif self.kind == "linear":
            q, p = _threshold(self.q), _threshold(self.p)
            # p == q degenerates to a step at q (a u_shape); never divide 0/0.
            result = np.clip((d - q) / (p - q), 0.0, 1.0) if p > q else (d > q).astype(np.float64)
        else:  # gaussian
            s = _threshold(self.s)
            result = np.where(positive, -np.expm1(-np.square(d) / (2.0 * s * s)), 0.0)
        return result


def _threshold(value: float | None) -> float:
    # Presence is validated in __post_init__; this only narrows the type.
    assert value is not None
    return float(value)


def usual() -> PreferenceFunction:
    """Type I: any positive difference is a strict preference."""
    return PreferenceFunction("usual")


def u_shape(q: float) -> PreferenceFunction:
    """Type II (quasi-criterion): strict preference once d exceeds q."""
    return PreferenceFunction("u_shape", q=q)


def v_shape(p: float) -> PreferenceFunction:
    """Type III: preference grows linearly up to p."""
    return PreferenceFunction("v_shape", p=p)


def level(q: float, p: float) -> PreferenceFunction:
    """Type IV: 0 up to q, 1/2 up to p, then 1."""
    return PreferenceFunction("level", q=q, p=p)


def linear(q: float, p: float) -> PreferenceFunction:
    """Type V (V-shape with indifference): 0 up to q, linear up to p, then 1."""
    return PreferenceFunction("linear", q=q, p=p)


def gaussian(s: float) -> PreferenceFunction:
    """Type VI: 1 - exp(-d^2 / (2 s^2))."""
    return PreferenceFunction("gaussian", s=s)


@dataclass(frozen=True, eq=False)
class PrometheeResult:
    """Flows and explain tables of a PROMETHEE II run.

    Attributes:
        scores: (n,) 50 * (phi + 1), the net flow mapped to 0..100; higher is better.
        net_flow: (n,) phi in [-1, 1].
        positive_flow: (n,) phi+ in [0, 1].
        negative_flow: (n,) phi- in [0, 1].
        unicriterion_net_flows: (n, m) phi_j; net_flow == unicriterion_net_flows @ weights.
        weights: (m,) the weights used.
        functions: the preference function per criterion.
        preference_matrix: (n, n) pi(a, b) if requested with keep_preference_matrix,
            else None (it is O(n^2) memory).
        ranking: candidate indices, best net flow first.
        ranks: (n,) 1-based competition ranks by net flow.
        constant_criteria: (m,) True where a criterion does not discriminate.
        warnings: human-readable notes.
    """

    scores: FloatArray
    net_flow: FloatArray
    positive_flow: FloatArray
    negative_flow: FloatArray
    unicriterion_net_flows: FloatArray
    weights: FloatArray
    functions: tuple[PreferenceFunction, ...]
    preference_matrix: FloatArray | None
    ranking: IntArray
    ranks: IntArray
    constant_criteria: BoolArray
    warnings: tuple[str, ...]


def promethee_ii(
    matrix: ArrayLike,
    weights: ArrayLike,
    benefit: ArrayLike,
    functions: Sequence[PreferenceFunction],
    block_size: int | None = None,
    keep_preference_matrix: bool = False,
    pairwise: bool = False,
) -> PrometheeResult:
    """Compute PROMETHEE positive, negative and net flows (see module docstring).

    Args:
        matrix: (n, m) raw performance values.
        weights: (m,) non-negative weights summing to 1.
        benefit: (m,) True for benefit criteria, False for cost criteria.
        functions: one PreferenceFunction per criterion.
        block_size: rows per block on the pairwise path (default: PAIRWISE_BUDGET // n).
        keep_preference_matrix: also return the (n, n) aggregated preference matrix
            (pairwise path for every criterion).
        pairwise: compare every pair explicitly for every criterion (the reference path).

    Raises:
        ValueError: on malformed input, a wrong number of functions or block_size < 1.
    """
    values, weight_vector, benefit_vector = as_decision_inputs(matrix, weights, benefit)
    n_candidates, n_criteria = values.shape
    function_tuple = tuple(functions)
    if len(function_tuple) != n_criteria:
        raise ValueError(
            f"need one preference function per criterion: {n_criteria} criteria, "
            f"{len(function_tuple)} functions"
        )
    for index, function in enumerate(function_tuple):
        if not isinstance(function, PreferenceFunction):
            raise ValueError(f"functions[{index}] is not a PreferenceFunction: {function!r}")
    if block_size is not None and block_size < 1:
        raise ValueError(f"block_size must be >= 1, got {block_size}")
    rows = block_size or max(1, PAIRWISE_BUDGET // n_candidates)

    # Orient every criterion so that a larger value is better; P uses d(a,b) = x_a - x_b
    # on oriented values, which is b - a on the raw values of a cost criterion.
    oriented = np.where(benefit_vector, values, -values)
    leaving = np.zeros((n_candidates, n_criteria))  # sum_b P_j(a, b)
    entering = np.zeros((n_candidates, n_criteria))  # sum_b P_j(b, a)
    preference_matrix = np.zeros((n_candidates, n_candidates)) if keep_preference_matrix else None
    explicit = pairwise or keep_preference_matrix
    for criterion, function in enumerate(function_tuple):
        column = oriented[:, criterion]
        if explicit or function.kind == "gaussian":
            out = (
                None if preference_matrix is None else (preference_matrix, weight_vector[criterion])
            )
            leaving[:, criterion], entering[:, criterion] = _pairwise_sums(
                column, function, rows, out
            )
        else:
            leaving[:, criterion], entering[:, criterion] = _sorted_sums(column, function)

    constant = constant_columns(values)
    warnings = constant_column_warnings(constant, "promethee")
    if n_candidates > 1:
        unicriterion = (leaving - entering) / (n_candidates - 1)
        positive_flow = leaving @ weight_vector / (n_candidates - 1)
        negative_flow = entering @ weight_vector / (n_candidates - 1)
    else:
        # No pair to compare: all flows are defined as 0.
        unicriterion = np.zeros_like(leaving)
        positive_flow = np.zeros(n_candidates)
        negative_flow = np.zeros(n_candidates)
        warnings.append("promethee: a single candidate has no pairwise comparison; flows are 0")
    net_flow = positive_flow - negative_flow
    scores = 50.0 * (net_flow + 1.0)
    ranking, ranks = rank(net_flow)
    return PrometheeResult(
        scores=readonly(scores),
        net_flow=readonly(net_flow),
        positive_flow=readonly(positive_flow),
        negative_flow=readonly(negative_flow),
        unicriterion_net_flows=readonly(unicriterion),
        weights=readonly(weight_vector),
        functions=function_tuple,
        preference_matrix=None if preference_matrix is None else readonly(preference_matrix),
        ranking=readonly(ranking),
        ranks=readonly(ranks),
        constant_criteria=readonly(constant),
        warnings=tuple(warnings),
    )


def _pairwise_sums(
    column: FloatArray,
    function: PreferenceFunction,
    rows: int,
    matrix_out: tuple[FloatArray, float] | None,
) -> tuple[FloatArray, FloatArray]:
    """sum_b P(a, b) and sum_b P(b, a) by explicit differences, `rows` rows at a time."""
    n = column.shape[0]
    leaving = np.zeros(n)
    entering = np.zeros(n)
    for start in range(0, n, rows):
        stop = min(start + rows, n)
        preferences = function(column[start:stop, None] - column[None, :])  # (rows, n)
        leaving[start:stop] = preferences.sum(axis=1)
        entering += preferences.sum(axis=0)
        if matrix_out is not None:
            matrix_out[0][start:stop] += matrix_out[1] * preferences
    return leaving, entering


def _pieces(
    function: PreferenceFunction,
) -> tuple[list[tuple[float, float]], list[tuple[float, float, float]]]:
    """F as (weight, t) steps [d > t] plus (weight, q, p) ramps clip((d - q) / (p - q), 0, 1)."""
    q = 0.0 if function.q is None else float(function.q)
    p = 0.0 if function.p is None else float(function.p)
    if function.kind == "usual":
        return [(1.0, 0.0)], []
    if function.kind == "u_shape":
        return [(1.0, q)], []
    if function.kind == "v_shape":
        return [], [(1.0, 0.0, p)]
    if function.kind == "level":
        return [(0.5, q), (0.5, p)], []
    if function.kind == "linear":
        return ([], [(1.0, q, p)]) if p > q else ([(1.0, q)], [])
    raise ValueError(f"{function.kind} is not piecewise linear")


_MAX_BOUNDARY_FIXES = 64


def _count_beaten(x: FloatArray, ordered: FloatArray, t: float) -> IntArray:
    """#{b : x_a - x_b > t} per a, with the difference rounded exactly as the pairwise path
    rounds it: fl(x_a - v) falls as v grows, so the b that count are a prefix of `ordered`;
    a binary search on x_a - t finds it to within rounding, and the boundary is then moved
    across whole runs of equal values until it is exact."""
    k = np.searchsorted(ordered, x - t, side="left")
    n = ordered.shape[0]
    for _ in range(_MAX_BOUNDARY_FIXES):
        last_in = ordered[np.maximum(k - 1, 0)]
        first_out = ordered[np.minimum(k, n - 1)]
        shrink = (k > 0) & ~(x - last_in > t)
        grow = (k < n) & (x - first_out > t)
        if not (shrink.any() or grow.any()):
            break
        k = np.where(shrink, np.searchsorted(ordered, last_in, side="left"), k)
        k = np.where(grow, np.searchsorted(ordered, first_out, side="right"), k)
    return k


def _count_not_beating(x: FloatArray, ordered: FloatArray, t: float) -> IntArray:
    """#{b : not (x_b - x_a > t)} per a: the b that beat a by more than t are a suffix."""
    k = np.searchsorted(ordered, x + t, side="right")
    n = ordered.shape[0]
    for _ in range(_MAX_BOUNDARY_FIXES):
        last_in = ordered[np.maximum(k - 1, 0)]
        first_out = ordered[np.minimum(k, n - 1)]
        shrink = (k > 0) & (last_in - x > t)
        grow = (k < n) & ~(first_out - x > t)
        if not (shrink.any() or grow.any()):
            break
        k = np.where(shrink, np.searchsorted(ordered, last_in, side="left"), k)
        k = np.where(grow, np.searchsorted(ordered, first_out, side="right"), k)
    return k


def _sorted_sums(column: FloatArray, function: PreferenceFunction) -> tuple[FloatArray, FloatArray]:
    """sum_b P(a, b) and sum_b P(b, a) from one sort (see the module docstring)."""
    n = column.shape[0]
    steps, ramps = _pieces(function)
    leaving = np.zeros(n)
    entering = np.zeros(n)
    ordered = np.sort(column)
    for weight, t in steps:
        leaving += weight * _count_beaten(column, ordered, t)
        entering += weight * (n - _count_not_beating(column, ordered, t))
    if not ramps:
        return leaving, entering
    # Ramps use prefix sums; centring keeps them small, so their rounding stays far below
    # any preference degree.
    x = column - column.mean()
    ordered = np.sort(x)
    prefix = np.concatenate(([0.0], np.cumsum(ordered)))
    total = prefix[-1]

    def excess(t: float) -> tuple[FloatArray, FloatArray]:
        # sum_b max(x_a - x_b - t, 0) over the k_a values x_b < x_a - t, and the mirror
        low = np.searchsorted(ordered, x - t, side="left")
        high = np.searchsorted(ordered, x + t, side="right")
        out_sum = low * (x - t) - prefix[low]
        in_sum = (total - prefix[high]) - (n - high) * (x + t)
        return np.maximum(out_sum, 0.0), np.maximum(in_sum, 0.0)

    for weight, q, p in ramps:
        out_q, in_q = excess(q)
        out_p, in_p = excess(p)
        leaving += weight * (out_q - out_p) / (p - q)
        entering += weight * (in_q - in_p) / (p - q)
    return leaving, entering


PREFERENCE = "P"
INDIFFERENCE = "I"
INCOMPARABILITY = "R"


def promethee_i_partial_order(
    result: PrometheeResult, tolerance: float = FLOW_TOLERANCE
) -> list[tuple[int, int, str]]:
    """PROMETHEE I relations between every pair of candidates.

    Returns (a, b, relation) for each unordered pair, where relation is

    * ``"P"``: a outranks b (phi+(a) >= phi+(b) and phi-(a) <= phi-(b), not both equal);
      the preferred candidate is always listed first;
    * ``"I"``: indifference (phi+ and phi- both equal, within ``tolerance``), a < b;
    * ``"R"``: incomparability (the two flows disagree), a < b.

    The output has n(n-1)/2 entries, so it is meant for explaining modest candidate sets.
    """
    plus = result.positive_flow
    minus = result.negative_flow
    first, second = np.triu_indices(plus.shape[0], k=1)
    plus_diff = plus[first] - plus[second]
    minus_diff = minus[first] - minus[second]
    plus_equal = np.abs(plus_diff) <= tolerance
    minus_equal = np.abs(minus_diff) <= tolerance
    # "first at least as good" on each flow: more leaving, less entering.
    first_weakly_better = (plus_equal | (plus_diff > 0)) & (minus_equal | (minus_diff < 0))
    second_weakly_better = (plus_equal | (plus_diff < 0)) & (minus_equal | (minus_diff > 0))
    indifferent = plus_equal & minus_equal

    relations: list[tuple[int, int, str]] = []
    for a, b, same, a_better, b_better in zip(
        first.tolist(),
        second.tolist(),
        indifferent.tolist(),
        first_weakly_better.tolist(),
        second_weakly_better.tolist(),
        strict=True,
    ):
        if same:
            relations.append((a, b, INDIFFERENCE))
        elif a_better:
            relations.append((a, b, PREFERENCE))
        elif b_better:
            relations.append((b, a, PREFERENCE))
        else:
            relations.append((a, b, INCOMPARABILITY))
    return relations
