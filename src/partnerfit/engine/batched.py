"""The staged pipeline over many weight (and score) samples at once.

`run_pipeline` scores one set of weights; sensitivity analysis needs thousands. This
module runs the same stages for a block of samples, vectorised over samples AND
candidates, with the engine's definitions (docs/scoring.md):

- gates and missing-score rules do not depend on weights: they are evaluated once, by
  the ordinary pipeline with the shortlists lifted (`plan`), and give each stage the
  candidates eligible for it;
- within a block, each sample carries its own field (who survived the previous
  shortlists), so min-max bounds of unbounded measures, totals, ranks and shortlists are
  per sample;
- the weighted sum is one (samples x criteria) @ (criteria x candidates) product per
  block when no score is missing; per-candidate renormalisation (missing: skip) uses a
  (samples x candidates x dimensions) product; other methods run one sample at a time
  through the same `run_method` the pipeline uses (vectorised over candidates only).

Totals are rounded to `PRECISION` decimals before ranking, exactly as in the pipeline,
so that a sample at the stated weights ranks as `evaluate` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from partnerfit.engine.methods import run_method
from partnerfit.engine.pipeline import ACTIVE, run_pipeline
from partnerfit.engine.problem import EXCLUDE, WORST, Problem
from partnerfit.engine.scoring import (
    CONSTANT_SCORE,
    PRECISION,
    BoolArray,
    FloatArray,
    IntArray,
)
from partnerfit.models import Stage


class UnsupportedError(Exception):
    """The problem uses a feature that sensitivity analysis cannot vary."""


@dataclass(frozen=True)
class StagePlan:
    stage: Stage
    eligible: BoolArray
    """(candidates,): passes the gates and completeness rules of this stage and all earlier
    ones (facts: the same in every sample)."""
    scores: bool
    columns: IntArray
    """Criteria columns scored in this stage (empty when the stage does not score)."""
    dim_mask: BoolArray
    """(dimensions,): the stage's dimensions."""
    counted: BoolArray
    """(candidates, columns): present or worst-filled (what enters the weighted sum)."""
    worst_filled: BoolArray
    renormalise: bool
    """Some eligible candidate lacks a criterion (missing: skip): weights are renormalised
    per candidate."""
    low: FloatArray
    high: FloatArray
    """Fixed normalisation bounds per column; NaN where they come from the field."""
    from_field: BoolArray
    benefit: BoolArray


@dataclass(frozen=True)
class Plan:
    problem: Problem
    stages: tuple[StagePlan, ...]

    @property
    def finalists(self) -> BoolArray:
        """Candidates that can be ranked in some sample: they pass every gate."""
        return self.stages[-1].eligible if self.stages else np.ones(0, dtype=bool)


def plan(problem: Problem, stages: Sequence[Stage]) -> Plan:
    """Evaluate the weight-independent facts of each stage once."""
    if problem.data_weighting or problem.set_data_weighting is not None:
        scope = (
            "the dimensions"
            if problem.set_data_weighting is not None
            else ", ".join(problem.dimension_ids[d] for d in sorted(problem.data_weighting))
        )
        raise UnsupportedError(
            f"weights derived from the data (entropy, CRITIC) in {scope} are re-derived from "
            "each stage's field, so they cannot be sampled; state the weights or derive them "
            "by AHP, rank order or points to run a sensitivity analysis"
        )
    lifted = [
        s.model_copy(update={"shortlist": None, "method": s.scoring_method}) if s.scores else s
        for s in stages
    ]
    outcome = run_pipeline(problem, lifted)
    dims = np.array(problem.dimension_ids)
    plans = []
    for so in outcome.stages:
        stage = next(s for s in stages if s.id == so.stage.id)
        eligible = so.passed.copy()
        if stage.scores:
            stage_dims = stage.dimensions or list(problem.dimension_ids)
            dim_mask = np.isin(dims, stage_dims)
            columns = np.nonzero(dim_mask[problem.dimension_of])[0]
        else:
            dim_mask = np.zeros(len(dims), dtype=bool)
            columns = np.zeros(0, dtype=np.int64)
        values = problem.values[:, columns]
        missing = np.isnan(values)
        policy = problem.missing[columns]
        worst_filled = missing & (policy == WORST)[None, :]
        counted = ~missing | worst_filled
        renormalise = bool((~counted[eligible]).any())
        assert not (missing[eligible] & (policy == EXCLUDE)[None, :]).any()
        low = problem.low[columns].copy()
        high = problem.high[columns].copy()
        plans.append(
            StagePlan(
                stage=stage,
                eligible=eligible,
                scores=stage.scores,
                columns=columns,
                dim_mask=dim_mask,
                counted=counted,
                worst_filled=worst_filled,
                renormalise=renormalise,
                low=low,
                high=high,
                from_field=np.isnan(low),
                benefit=problem.benefit[columns],
            )
        )
    return Plan(problem, tuple(plans))


@dataclass(frozen=True)
class BatchOutcome:
    final_ranks: IntArray
    """(samples, candidates): competition rank among the survivors; 0 when not ranked."""
    final_totals: FloatArray
    """(samples, candidates): rounded total of the last stage that scored the candidate,
    NaN when not ranked."""
    passed: tuple[BoolArray, ...]
    """Per stage, (samples, candidates): still in the field after the stage."""


def batch_competition_ranks(totals: FloatArray) -> IntArray:
    """`scoring.competition_ranks` along axis 1 of a (samples, candidates) array."""
    s, n = totals.shape
    order = np.argsort(-totals, axis=1, kind="stable")
    ordered = np.take_along_axis(totals, order, axis=1)
    starts = np.empty((s, n), dtype=bool)
    starts[:, :1] = True
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    positions = np.broadcast_to(np.arange(n), (s, n))
    first = np.maximum.accumulate(np.where(starts, positions, 0), axis=1)
    ranks = np.empty((s, n), dtype=np.int64)
    np.put_along_axis(ranks, order, first + 1, axis=1)
    return ranks


def _round(totals: FloatArray) -> FloatArray:
    return np.round(totals, PRECISION) + 0.0


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


def _slope_offset(
    low: FloatArray, high: FloatArray, benefit: BoolArray
) -> tuple[FloatArray, FloatArray]:
    """`scoring.normalise` as score = value * slope + offset, for any shape of bounds."""
    span = high - low
    with np.errstate(invalid="ignore"):
        constant = ~(span > 0)
    safe_span = np.where(constant, 1.0, span)
    slope = np.where(benefit, 100.0, -100.0) / safe_span
    offset = np.where(benefit, -low, -high) * slope
    slope = np.where(constant, 0.0, slope)
    offset = np.where(constant, CONSTANT_SCORE, offset)
    return slope, offset


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
    last_totals = np.full((s, n), np.nan)
    passed: list[BoolArray] = []
    last_kept: BoolArray | None = None
    last_ranks: IntArray | None = None
    for sp in plan.stages:
        active = alive & sp.eligible[None, :]
        if not sp.scores or sp.columns.size == 0:
            alive = active
            passed.append(alive)
            last_kept = None
            continue
        totals = _stage_totals(sp, problem, active, dimension_weights, within, values)
        rounded = np.where(active, _round(totals), -np.inf)
        ranks = batch_competition_ranks(rounded)
        kept = active.copy()
        shortlist = sp.stage.shortlist
        if shortlist is not None:
            if shortlist.top is not None:
                kept &= ranks <= shortlist.top
            if shortlist.min_score is not None:
                kept &= rounded >= shortlist.min_score
        last_totals = np.where(active, rounded, last_totals)
        alive = kept
        passed.append(alive)
        last_kept, last_ranks = kept, ranks
    survivors = alive
    final_totals = np.where(survivors, last_totals, np.nan)
    if last_kept is not None and last_ranks is not None:
        # the survivors are the last shortlist (a top set): their stage ranks are final
        final_ranks = np.where(survivors, last_ranks, 0)
    else:
        ranks = batch_competition_ranks(np.where(survivors, last_totals, -np.inf))
        final_ranks = np.where(survivors, ranks, 0)
    return BatchOutcome(final_ranks, final_totals, tuple(passed))


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
    slope, offset = _slope_offset(low, high, sp.benefit[None, :])
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
    """Another decision method, one sample at a time (vectorised over candidates)."""
    s, n = active.shape
    totals = np.full((s, n), np.nan)
    columns = sp.columns
    preferences = [problem.preferences[c] if problem.preferences else None for c in columns]
    ids = [problem.item_ids[c] for c in columns]
    for t in range(s):
        rows = np.nonzero(active[t])[0]
        if rows.size == 0:
            continue
        xs = x[rows] if x.ndim == 2 else x[t, rows]
        raw = np.clip(xs, low[t], high[t])
        worst = np.where(sp.benefit, low[t], high[t])
        raw = np.where(sp.worst_filled[rows], worst, raw)
        outcome = run_method(sp.stage, raw, effective[t], sp.benefit, preferences, ids)
        totals[t, rows] = outcome.scores
    return totals


def stated_weights(problem: Problem) -> tuple[FloatArray, FloatArray]:
    """The problem's weights as (dimensions,) shares and (criteria,) within-dimension weights."""
    dims = problem.dimension_weights / problem.dimension_weights.sum()
    sums = np.bincount(
        problem.dimension_of,
        weights=problem.criterion_weights,
        minlength=len(problem.dimension_ids),
    )
    within = problem.criterion_weights / sums[problem.dimension_of]
    return dims, within


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
