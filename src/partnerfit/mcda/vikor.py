"""VIKOR compromise ranking, after Opricovic & Tzeng (2004), EJOR 156(2), 445-455.

With f*_j the best and f-_j the worst value of criterion j (max/min for a benefit
criterion, min/max for a cost criterion):

    d_ij = w_j (f*_j - x_ij) / (f*_j - f-_j)     (weighted normalised regret, in [0, w_j])
    S_i  = sum_j d_ij                             (group utility, lower is better)
    R_i  = max_j d_ij                             (individual regret, lower is better)
    Q_i  = v (S_i - S*) / (S- - S*) + (1 - v) (R_i - R*) / (R- - R*)

with S* = min S, S- = max S, R* = min R, R- = max R and v the weight of the "majority of
criteria" strategy (default 0.5). Candidates are ranked by Q ascending. With a' first and
a'' second by Q:

* C1 acceptable advantage: Q(a'') - Q(a') >= DQ, DQ = 1 / (n - 1);
* C2 acceptable stability: a' is also best ranked by S or by R.

Compromise set: {a'} if C1 and C2 hold; {a', a''} if only C2 fails; if C1 fails,
{a(1), ..., a(M)} with M the largest position such that Q(a(M)) - Q(a') < DQ.

Degenerate cases, handled without NaN: a constant criterion (f* = f-) contributes d = 0 and
a warning; if S* = S- (or R* = R-) that term of Q is 0 and a warning is issued; with a single
candidate Q = 0, both conditions hold and the compromise set is that candidate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from partnerfit.mcda._common import (
    RANK_TIE_TOLERANCE,
    BoolArray,
    FloatArray,
    IntArray,
    competition_ranks,
    constant_column_warnings,
    decision_inputs,
    rank,
    readonly,
)

# Q values are compared with DQ; this absorbs floating-point noise such as 0.25000000000000006.
Q_TOLERANCE = 1e-12


@dataclass(frozen=True, eq=False)
class VikorResult:
    """S, R, Q, the acceptance conditions and the compromise set.

    Attributes:
        scores: (n,) 100 * (1 - Q), in [0, 100]; higher is better (for display next to
            other methods; VIKOR itself ranks by Q ascending).
        q: (n,) Q_i in [0, 1], lower is better.
        s: (n,) group utility S_i, lower is better.
        r: (n,) individual regret R_i, lower is better.
        v: weight of the group-utility strategy.
        best: (m,) f*_j.
        worst: (m,) f-_j.
        regrets: (n, m) d_ij.
        ranking: candidate indices by Q ascending (ties keep input order).
        ranks: (n,) 1-based competition ranks by Q.
        ranks_by_s, ranks_by_r: (n,) competition ranks by S and by R (computed on use).
        dq: the acceptable-advantage threshold 1 / (n - 1) (1.0 when n = 1).
        acceptable_advantage: condition C1.
        acceptable_stability: condition C2.
        compromise_set: candidate indices proposed as the compromise, best Q first.
        constant_criteria: (m,) True where a criterion does not discriminate.
        warnings: human-readable notes.
    """

    scores: FloatArray
    q: FloatArray
    s: FloatArray
    r: FloatArray
    v: float
    best: FloatArray
    worst: FloatArray
    regrets: FloatArray
    ranking: IntArray
    ranks: IntArray
    dq: float
    acceptable_advantage: bool
    acceptable_stability: bool
    compromise_set: tuple[int, ...]
    constant_criteria: BoolArray
    warnings: tuple[str, ...]

    @property
    def ranks_by_s(self) -> IntArray:
        return competition_ranks(self.s, higher_is_better=False)

    @property
    def ranks_by_r(self) -> IntArray:
        return competition_ranks(self.r, higher_is_better=False)


def _scaled_term(values: FloatArray, name: str, warnings: list[str]) -> FloatArray:
    """(values - min) / (max - min), or zeros with a warning when the spread is 0."""
    low = float(values.min())
    spread = float(values.max()) - low
    if spread <= 0:
        if values.shape[0] > 1:
            warnings.append(
                f"vikor: {name} is equal for every candidate; its term of Q is set to 0"
            )
        return np.zeros_like(values)
    result: FloatArray = (values - low) / spread
    return result


def vikor(matrix: ArrayLike, weights: ArrayLike, benefit: ArrayLike, v: float = 0.5) -> VikorResult:
    """Rank candidates with VIKOR and report the compromise solution (see module docstring).

    Args:
        matrix: (n, m) raw performance values.
        weights: (m,) non-negative weights summing to 1.
        benefit: (m,) True for benefit criteria, False for cost criteria.
        v: weight of the strategy of maximum group utility, in [0, 1].

    Raises:
        ValueError: on malformed input or v outside [0, 1].
    """
    if not (0.0 <= v <= 1.0):
        raise ValueError(f"v must lie in [0, 1], got {v}")
    values, weight_vector, benefit_vector, low, high = decision_inputs(matrix, weights, benefit)
    n_candidates = values.shape[0]

    best = np.where(benefit_vector, high, low)
    worst = np.where(benefit_vector, low, high)
    # (f* - x) / (f* - f-) is correct for both directions: numerator and denominator
    # change sign together for a cost criterion.
    span = best - worst
    constant = span == 0
    regrets = weight_vector * (best - values) / np.where(constant, 1.0, span)
    warnings = constant_column_warnings(constant, "vikor")

    s = regrets.sum(axis=1)
    r = regrets.max(axis=1)
    q = v * _scaled_term(s, "S (group utility)", warnings) + (1.0 - v) * _scaled_term(
        r, "R (individual regret)", warnings
    )

    ranking, ranks = rank(q, higher_is_better=False)

    leader = int(ranking[0])
    if n_candidates == 1:
        dq = 1.0
        advantage = True
    else:
        dq = 1.0 / (n_candidates - 1)
        advantage = bool(q[ranking[1]] - q[leader] >= dq - Q_TOLERANCE)
    # C2: best by S or by R, i.e. competition rank 1 (nobody better by more than the tie
    # tolerance), without sorting S and R.
    stability = bool(
        s[leader] <= s.min() + RANK_TIE_TOLERANCE or r[leader] <= r.min() + RANK_TIE_TOLERANCE
    )

    if advantage and stability:
        compromise: tuple[int, ...] = (leader,)
    elif advantage:
        compromise = (leader, int(ranking[1]))
    else:
        close = q[ranking] - q[leader] < dq - Q_TOLERANCE
        # ranking is sorted by Q, so the close candidates form a prefix.
        compromise = tuple(int(index) for index in ranking[close])

    return VikorResult(
        scores=readonly(100.0 * (1.0 - q)),
        q=readonly(q),
        s=readonly(s),
        r=readonly(r),
        v=float(v),
        best=readonly(best),
        worst=readonly(worst),
        regrets=readonly(regrets),
        ranking=readonly(ranking),
        ranks=readonly(ranks),
        dq=dq,
        acceptable_advantage=advantage,
        acceptable_stability=stability,
        compromise_set=compromise,
        constant_criteria=readonly(constant),
        warnings=tuple(warnings),
    )
