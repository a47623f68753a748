"""The staged pipeline over many weight (and score) samples at once.

`run_pipeline` scores one set of weights; sensitivity analysis needs thousands. This
module runs the same stages for a block of samples, vectorised over samples AND
candidates, with the engine's definitions (docs/scoring.md):

- gates and missing-score rules do not depend on weights: they are evaluated once
  (`stage_plan.plan`) and give each stage the candidates eligible for it;
- within a block, each sample carries its own field (who survived the previous
  shortlists), so min-max bounds of unbounded measures, totals, ranks and shortlists are
  per sample;
- the weighted sum is one (samples x criteria) @ (criteria x candidates) product per
  block when no score is missing; per-candidate renormalisation (missing: skip) uses a
  (samples x candidates x dimensions) product; the other methods run their own
  functions once per field and the weights through products (`batched_methods`).

Totals are rounded to `PRECISION` decimals before ranking, exactly as in the pipeline,
so that a sample at the stated weights ranks as `evaluate` does.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from partnerfit.engine.pipeline import ACTIVE
from partnerfit.engine.problem import Problem
from partnerfit.engine.scoring import (
    BoolArray,
    FloatArray,
    IntArray,
    linear_map,
)
from partnerfit.engine.stage_plan import Plan, StagePlan, UnsupportedError, plan, stated_weights
from partnerfit.precision import PRECISION


@dataclass(frozen=True)
class BatchOutcome:
    final_ranks: IntArray
    """(samples, candidates): competition rank among the survivors; 0 when not ranked."""
    passed: tuple[BoolArray, ...]
    """Per stage, (samples, candidates): still in the field after the stage."""


def batch_competition_ranks(totals: FloatArray) -> IntArray:
    """`scoring.competition_ranks` along axis 1 of a (samples, candidates) array.

    A competition rank is 1 + the number of strictly greater totals, whatever the order
    among equal ones, so the sort need not be stable; runs of equal totals are resolved
    only in the rows that have one."""
    s, n = totals.shape
    order = np.argsort(-totals, axis=1)
    ordered = np.take_along_axis(totals, order, axis=1)
    positions = np.broadcast_to(np.arange(1, n + 1), (s, n))
    equal = ordered[:, 1:] == ordered[:, :-1]
    # -inf marks candidates out of the field: their ranks are never read
    tied = np.nonzero((equal & (ordered[:, 1:] > -np.inf)).any(axis=1))[0]
    if tied.size:
        positions = positions.copy()
        starts = np.ones((tied.size, n), dtype=bool)
        starts[:, 1:] = ~equal[tied]
        first = np.where(starts, positions[tied], 0)
        positions[tied] = np.maximum.accumulate(first, axis=1)
    ranks = np.empty((s, n), dtype=np.int64)
    np.put_along_axis(ranks, order, positions, axis=1)
    return ranks


def _round(totals: FloatArray) -> FloatArray:
    """`scoring.round_totals` (adding 0.0 turns -0.0 into 0.0), in place on a fresh array."""
    rounded = np.round(totals, PRECISION)
    rounded += 0.0
    return rounded


def _field_bounds(
    values: FloatArray, active: BoolArray, counted_present: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """Per-sample min and max over the active candidates' present values.

    values: (n, k) shared or (s, n, k); active: (s, n); counted_present: (n, k) present.
    """
    mask = active[:, :, None] & counted_present[None, :, :]
    low = np.where(mask, values, np.inf).min(axis=1)
    high = np.where(mask, values, -np.inf).max(axis=1)
    has = mask.any(axis=1)
    return np.where(has, low, np.nan), np.where(has, high, np.nan)


def _stage_weights(
    sp: StagePlan, problem: Problem, dimension_weights: FloatArray, within: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """(s, dims) stage dimension shares, (s, cols) within-dimension weights, (s, cols)
    effective weights."""
    shares = np.where(sp.dim_mask[None, :], dimension_weights, 0.0)
    shares = shares / shares.sum(axis=1, keepdims=True)
    w_within = within[:, sp.columns]
    effective = w_within * shares[:, problem.dimension_of[sp.columns]]
    return shares, w_within, effective


def run_batch(
    plan: Plan,
    dimension_weights: FloatArray,
    within: FloatArray,
    values: FloatArray | None = None,
) -> BatchOutcome:
    """Run every stage for a block of samples.

    dimension_weights: (s, dimensions), positive, each row summing to 1;
    within: (s, criteria), each criterion's weight within its dimension (each dimension's
    weights sum to 1 in every row);
    values: (s, candidates, criteria) per-sample criterion values (score uncertainty), or
    None for the problem's values in every sample.
    """
    problem = plan.problem
    s = dimension_weights.shape[0]
    n = len(problem.candidate_ids)
    alive = np.ones((s, n), dtype=bool)
    last_totals: FloatArray | None = None
    """Rounded total of the last stage that scored each candidate (-inf: none yet)."""
    passed: list[BoolArray] = []
    top_index: IntArray | None = None
    """Columns holding each row's `top` largest totals of the last shortlist, when the
    survivors are among them (they then need no search for the final ranks)."""
    for sp in plan.stages:
        active = alive & sp.eligible[None, :]
        if not sp.scores or sp.columns.size == 0:
            alive = active
            passed.append(alive)
            top_index = None
            continue
        totals = _stage_totals(sp, problem, active, dimension_weights, within, values)
        rounded = _round(totals)
        if not active.all():
            rounded[~active] = -np.inf
        kept = active.copy()
        shortlist = sp.stage.shortlist
        top_index = None
        if shortlist is not None:
            if shortlist.top is not None:
                threshold, top_index = _top_threshold(rounded, shortlist.top)
                kept &= rounded >= threshold[:, None]
            if shortlist.min_score is not None:
                kept &= rounded >= shortlist.min_score
        last_totals = rounded if last_totals is None else np.where(active, rounded, last_totals)
        alive = kept
        passed.append(alive)
    assert last_totals is not None  # a criteria set has a scoring stage (PF206)
    final_ranks = _survivor_ranks(np.where(alive, last_totals, -np.inf), top_index)
    return BatchOutcome(final_ranks, tuple(passed))


def _top_threshold(rounded: FloatArray, top: int) -> tuple[FloatArray, IntArray | None]:
    """Per row, the top-th largest total (a competition rank <= top means a total at least
    this, so ties at the cut are kept, as in the pipeline), found by a partition, not a
    sort; and the columns of the `top` largest totals (None when top is 0 or >= n)."""
    s, n = rounded.shape
    if top <= 0:
        return np.full(s, np.inf), None
    if top >= n:
        return np.full(s, -np.inf), None
    index = np.argpartition(-rounded, top - 1, axis=1)
    # the partition puts each row's top-th largest total at position top - 1
    threshold: FloatArray = np.take_along_axis(rounded, index[:, top - 1 : top], axis=1)[:, 0]
    return threshold, index[:, :top]


def _survivor_ranks(values: FloatArray, hint: IntArray | None = None) -> IntArray:
    """Competition ranks of the finite entries of each row (0 for -inf). When the survivors
    are few, only the largest entries of each row are sorted: those in `hint` (columns
    that hold every survivor, if given) or found by a partition."""
    s, n = values.shape
    counts = (values > -np.inf).sum(axis=1)
    k = int(counts.max()) if s else 0
    if k == 0:
        return np.zeros((s, n), dtype=np.int64)
    if hint is not None and k <= hint.shape[1] and 4 * hint.shape[1] < n:
        index = hint
    elif 4 * k >= n:
        ranks = batch_competition_ranks(values)
        return np.where(values > -np.inf, ranks, 0)
    else:
        index = np.argpartition(-values, k - 1, axis=1)[:, :k]
    top = np.take_along_axis(values, index, axis=1)
    top_ranks = np.where(top > -np.inf, batch_competition_ranks(top), 0)
    out = np.zeros((s, n), dtype=np.int64)
    np.put_along_axis(out, index, top_ranks, axis=1)
    return out


def _stage_totals(
    sp: StagePlan,
    problem: Problem,
    active: BoolArray,
    dimension_weights: FloatArray,
    within: FloatArray,
    values: FloatArray | None,
) -> FloatArray:
    shares, w_within, effective = _stage_weights(sp, problem, dimension_weights, within)
    shared = values is None
    x = problem.values[:, sp.columns] if values is None else values[:, :, sp.columns]
    present = ~np.isnan(problem.values[:, sp.columns])
    low = np.broadcast_to(sp.low, (active.shape[0], sp.columns.size)).copy()
    high = np.broadcast_to(sp.high, (active.shape[0], sp.columns.size)).copy()
    if sp.from_field.any():
        field_x = x[:, sp.from_field] if shared else x[:, :, sp.from_field]
        field_present = present[:, sp.from_field]
        if shared and (active == active[:1]).all():
            f_low, f_high = _field_bounds(field_x, active[:1], field_present)
            f_low = np.repeat(f_low, active.shape[0], axis=0)
            f_high = np.repeat(f_high, active.shape[0], axis=0)
        else:
            f_low, f_high = _field_bounds(field_x, active, field_present)
        low[:, sp.from_field], high[:, sp.from_field] = f_low, f_high
    method = sp.stage.scoring_method
    if method != "weighted_sum":
        return _method_totals(sp, problem, active, x, low, high, effective)
    slope, offset, _ = linear_map(low, high, sp.benefit[None, :])
    if not sp.renormalise and shared and not sp.worst_filled.any():
        # totals = sum_c w_c (x_c * slope_c + offset_c): one product per block
        # rows of ineligible candidates may hold NaN; they are masked by the caller
        fixed_low = np.where(sp.from_field, -np.inf, sp.low)
        fixed_high = np.where(sp.from_field, np.inf, sp.high)
        xc = np.nan_to_num(np.clip(x, fixed_low, fixed_high))
        fast: FloatArray = (effective * slope) @ xc.T
        constant: FloatArray = (effective * offset).sum(axis=1, keepdims=True)
        return fast + constant
    # general case: per-sample normalised scores, (s, n, cols)
    xb = x if not shared else np.broadcast_to(x, (active.shape[0], *x.shape))
    xb = np.clip(xb, low[:, None, :], high[:, None, :])
    scores = xb * slope[:, None, :] + offset[:, None, :]
    scores = np.where(sp.worst_filled[None, :, :], 0.0, scores)
    scores = np.where(sp.counted[None, :, :], scores, 0.0)
    if not sp.renormalise:
        plain: FloatArray = np.einsum("snc,sc->sn", scores, effective)
        return plain
    membership = np.zeros((sp.columns.size, problem.dimension_weights.shape[0]))
    membership[np.arange(sp.columns.size), problem.dimension_of[sp.columns]] = 1.0
    counted = sp.counted.astype(np.float64)
    numerator = np.einsum("snc,sc,cd->snd", scores * counted[None], w_within, membership)
    denominator = np.einsum("nc,sc,cd->snd", counted, w_within, membership)
    has = denominator > 0
    dimension_scores = numerator / np.where(has, denominator, 1.0)
    share = has * shares[:, None, :]
    total_share = share.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        renormalised: FloatArray = (share * dimension_scores).sum(axis=2) / total_share
    return renormalised


def _method_totals(
    sp: StagePlan,
    problem: Problem,
    active: BoolArray,
    x: FloatArray,
    low: FloatArray,
    high: FloatArray,
    effective: FloatArray,
) -> FloatArray:
    """Another decision method. Samples that share a field (the same candidates, so the
    same bounds) are scored together, vectorised over samples and candidates
    (`batched_methods`); with per-sample scores, one sample at a time."""
    from partnerfit.engine.batched_methods import method_scores, method_scores_per_sample
    from partnerfit.engine.methods import method_values
    from partnerfit.engine.problem import COMPUTED

    s, n = active.shape
    totals = np.full((s, n), np.nan)
    columns = sp.columns
    preferences = [problem.preferences[c] if problem.preferences else None for c in columns]
    ids = [problem.item_ids[c] for c in columns]
    computed = problem.kind[columns] == COMPUTED

    def raw_values(rows: IntArray, t: int) -> FloatArray:
        xs = x[rows] if x.ndim == 2 else x[t, rows]
        raw = np.clip(xs, low[t], high[t])
        worst = np.where(sp.benefit, low[t], high[t])
        result: FloatArray = np.where(sp.worst_filled[rows], worst, raw)
        return method_values(sp.stage.scoring_method, result, computed)

    if x.ndim == 2:
        fields, which = np.unique(active, axis=0, return_inverse=True)
        for g, field in enumerate(fields):
            rows = np.nonzero(field)[0]
            samples = np.nonzero(which.ravel() == g)[0]
            if rows.size == 0:
                continue
            scores = method_scores(
                sp.stage,
                raw_values(rows, int(samples[0])),
                effective[samples],
                sp.benefit,
                preferences,
                ids,
            )
            totals[np.ix_(samples, rows)] = scores
        return totals
    fields, which = np.unique(active, axis=0, return_inverse=True)
    for g, field in enumerate(fields):
        rows = np.nonzero(field)[0]
        samples = np.nonzero(which.ravel() == g)[0]
        if rows.size == 0:
            continue
        raw = np.clip(x[np.ix_(samples, rows)], low[samples, None, :], high[samples, None, :])
        worst = np.where(sp.benefit, low[samples], high[samples])[:, None, :]
        raw = method_values(
            sp.stage.scoring_method,
            np.where(sp.worst_filled[rows][None, :, :], worst, raw),
            computed,
        )
        totals[np.ix_(samples, rows)] = method_scores_per_sample(
            sp.stage, raw, effective[samples], sp.benefit, preferences, ids
        )
    return totals


__all__ = [
    "ACTIVE",
    "BatchOutcome",
    "Plan",
    "StagePlan",
    "UnsupportedError",
    "batch_competition_ranks",
    "plan",
    "run_batch",
    "stated_weights",
]
