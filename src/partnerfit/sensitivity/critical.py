"""Critical weights: how far one weight must move before another candidate ranks first.

For a dimension, its share t replaces the stated share w and the other dimensions keep
their proportions: w_e -> w_e (1 - t) / (1 - w). For a criterion, the same within its
dimension (the dimension shares stay put). In each direction (t < w down to 0, t > w up
to 1) the first t at which the set of first-ranked candidates differs from the stated
one is searched on the whole pipeline: a grid of `GRID` steps brackets it, `BISECTIONS`
halvings narrow the bracket (the pipeline is piecewise linear in t, but shortlists and
min-max fields may jump). When the final stage is a weighted sum and nothing else
changes inside the bracket (same fields in every stage), the crossing of the leader's
and the challenger's totals is linear in t and solved exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partnerfit.engine.batched import Plan, run_batch, stated_weights
from partnerfit.engine.pipeline import run_pipeline
from partnerfit.engine.scoring import BoolArray, FloatArray
from partnerfit.sensitivity.results import CriticalWeight

GRID = 128
"""Grid steps per direction (a change that starts and ends between two steps is missed)."""
BISECTIONS = 40
EXACT_TOLERANCE = 1e-9
EDGE = 1e-9
"""The search stops this close to 0 and 1: at exactly 1 the other items' weights vanish and a
stage without the target item would have no weights left."""


@dataclass(frozen=True)
class _Target:
    scope: str
    id: str
    index: int
    """Dimension index, or criterion column."""
    weight: float
    group: np.ndarray
    """Indices of the items of the same level (the dimensions, or the dimension's criteria)."""


def _targets(plan: Plan, criteria: bool) -> list[_Target]:
    problem = plan.problem
    shares, within = stated_weights(problem)
    all_dims = np.arange(len(problem.dimension_ids))
    out = [
        _Target("dimension", d, i, float(shares[i]), all_dims)
        for i, d in enumerate(problem.dimension_ids)
    ]
    if criteria:
        for c in range(problem.n_criteria):
            group = np.nonzero(problem.dimension_of == problem.dimension_of[c])[0]
            out.append(_Target("criterion", problem.item_ids[c], c, float(within[c]), group))
    return out


def _weights_at(plan: Plan, target: _Target, t: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(len(t), dims) shares and (len(t), criteria) within-weights with the target at t."""
    shares, within = stated_weights(plan.problem)
    base = shares if target.scope == "dimension" else within
    rows = np.broadcast_to(base, (t.shape[0], base.shape[0])).copy()
    scale = (1.0 - t) / (1.0 - target.weight)
    rows[:, target.group] *= scale[:, None]
    rows[:, target.index] = t
    if target.scope == "dimension":
        return rows, np.broadcast_to(within, (t.shape[0], within.shape[0]))
    return np.broadcast_to(shares, (t.shape[0], shares.shape[0])), rows


def _first_sets(plan: Plan, targets: list[_Target], which: list[int], t: FloatArray) -> BoolArray:
    """(len(t), candidates): who ranks first with targets[which[r]] at t[r]."""
    out = np.zeros((t.shape[0], len(plan.problem.candidate_ids)), dtype=bool)
    for ti in sorted(set(which)):
        rows = np.nonzero(np.asarray(which) == ti)[0]
        shares, within = _weights_at(plan, targets[ti], t[rows])
        out[rows] = run_batch(plan, shares, within).final_ranks == 1
    return out


def critical_weights(plan: Plan, *, criteria: bool = False) -> tuple[CriticalWeight, ...]:
    problem = plan.problem
    shares, within = stated_weights(problem)
    nominal = run_batch(plan, shares[None, :], within[None, :])
    leaders = nominal.final_ranks[0] == 1
    if not leaders.any():
        return ()
    targets = _targets(plan, criteria)
    movable = [i for i, tg in enumerate(targets) if tg.group.size > 1]
    # one bracket per (target, direction): 0 down to 0, 1 up to 1
    pairs = [(ti, d) for ti in movable for d in (0, 1)]
    lo = np.array([targets[ti].weight for ti, _ in pairs])
    end = np.array([EDGE if d == 0 else 1.0 - EDGE for _, d in pairs])
    hi = np.full(len(pairs), np.nan)
    steps = np.arange(1, GRID + 1) / GRID
    if pairs:
        grid = lo[:, None] + (end - lo)[:, None] * steps[None, :]
        which = [p for p in range(len(pairs)) for _ in range(GRID)]
        firsts = _first_sets(plan, targets, [pairs[p][0] for p in which], grid.ravel())
        changed = (firsts != leaders[None, :]).any(axis=1).reshape(len(pairs), GRID)
        for p in range(len(pairs)):
            hits = np.nonzero(changed[p])[0]
            if hits.size:
                g = int(hits[0])
                hi[p] = grid[p, g]
                lo[p] = grid[p, g - 1] if g > 0 else targets[pairs[p][0]].weight
    grid_lo, grid_hi = lo.copy(), hi.copy()
    open_ = np.nonzero(~np.isnan(hi))[0]
    for _ in range(BISECTIONS):
        if open_.size == 0:
            break
        mid = (lo[open_] + hi[open_]) / 2
        firsts = _first_sets(plan, targets, [pairs[p][0] for p in open_], mid)
        moved = (firsts != leaders[None, :]).any(axis=1)
        hi[open_] = np.where(moved, mid, hi[open_])
        lo[open_] = np.where(moved, lo[open_], mid)
    results = []
    leader = int(np.nonzero(leaders)[0][0])
    for ti, target in enumerate(targets):
        if ti not in movable:
            results.append(
                CriticalWeight(target.scope, target.id, target.weight, None, None, None, "fixed")
            )
            continue
        best: tuple[float, float, str, str] | None = None
        for p in (pairs.index((ti, 0)), pairs.index((ti, 1))):
            if np.isnan(hi[p]):
                continue
            first_hi = _first_sets(plan, targets, [ti], np.array([hi[p]]))[0]
            newcomers = np.nonzero(first_hi & ~leaders)[0]
            new = int(newcomers[0]) if newcomers.size else int(np.nonzero(first_hi)[0][0])
            critical, method = float(hi[p]), "bisection"
            exact = _exact_crossing(plan, target, leader, new, float(grid_lo[p]), float(grid_hi[p]))
            if exact is not None and int(leaders.sum()) == 1:
                critical, method = exact, "exact"
            distance = abs(critical - target.weight)
            # equally far both ways (to rounding): the decrease, tried first, is reported
            if best is None or distance < best[0] - 1e-12:
                best = (distance, critical, problem.candidate_ids[new], method)
        if best is None:
            results.append(
                CriticalWeight(target.scope, target.id, target.weight, None, None, None, "none")
            )
        else:
            _, critical, new_id, method = best
            results.append(
                CriticalWeight(
                    target.scope,
                    target.id,
                    target.weight,
                    critical,
                    critical - target.weight,
                    new_id,
                    method,
                )
            )
    return tuple(results)


def _exact_crossing(
    plan: Plan, target: _Target, leader: int, other: int, lo: float, hi: float
) -> float | None:
    """The weight in the grid step [lo, hi] where the unrounded totals of `leader` and
    `other` cross in a weighted-sum final stage whose fields are the same at lo and at the
    crossing; None when that does not apply. (Ranks use totals rounded to `PRECISION`
    decimals, so the bisection stops where the rounded totals tie, a hair before.)"""
    problem = plan.problem
    scoring = [sp for sp in plan.stages if sp.scores and sp.columns.size]
    if not scoring:
        return None
    final = scoring[-1]
    if final.stage.scoring_method != "weighted_sum" or final.renormalise:
        return None
    shares_t, within_t = _weights_at(plan, target, np.array([lo]))
    d = target.index if target.scope == "dimension" else int(problem.dimension_of[target.index])
    if not final.dim_mask[d]:
        return None
    at_lo = problem._replace(
        dimension_weights=np.ascontiguousarray(shares_t[0]),
        criterion_weights=np.ascontiguousarray(within_t[0]),
    )
    sc = (
        run_pipeline(at_lo, [sp.stage for sp in plan.stages])
        .stages[plan.stages.index(final)]
        .scoring
    )
    assert sc is not None
    shares, within = stated_weights(problem)
    mask = final.dim_mask
    dims = sc.dimension_scores
    gap = np.where(mask, dims[leader] - dims[other], 0.0)
    if target.scope == "dimension":
        # N(t) = t * a + (1 - t) * b, the totals' difference times their common denominator
        a = gap[d]
        b = (np.dot(np.where(mask, shares, 0.0), gap) - shares[d] * gap[d]) / (1 - shares[d])
        if a == b:
            return None
        t = b / (b - a)
    else:
        stage_shares = np.where(mask, shares, 0.0) / np.where(mask, shares, 0.0).sum()
        cols = list(final.columns)
        x = sc.normalised
        in_dim = [j for j, c in enumerate(cols) if problem.dimension_of[c] == d]
        j_c = cols.index(target.index)
        u = within[np.array([cols[j] for j in in_dim])]
        diff = x[leader, in_dim] - x[other, in_dim]
        others = np.array([cols[j] != target.index for j in in_dim])
        r = float(np.dot(u[others], diff[others])) / (1 - within[target.index])
        delta = float(x[leader, j_c] - x[other, j_c])
        k = float(np.dot(stage_shares, gap) - stage_shares[d] * gap[d])
        slope = stage_shares[d] * (delta - r)
        if slope == 0:
            return None
        t = -(stage_shares[d] * r + k) / slope
    # rounded totals tie a little before the unrounded ones cross, so the crossing may lie
    # just past the first grid point that changed: allow one more step
    beyond = hi + (hi - lo)
    low, high = min(lo, beyond), max(lo, beyond)
    if not low - EXACT_TOLERANCE <= t <= high + EXACT_TOLERANCE or not EDGE <= t <= 1 - EDGE:
        return None
    ends = np.array([lo, t])
    outcome = run_batch(plan, *_weights_at(plan, target, ends))
    for passed in outcome.passed:
        if not np.array_equal(passed[0], passed[1]):
            return None  # a shortlist moved before the crossing: not one linear piece
    return float(t)
