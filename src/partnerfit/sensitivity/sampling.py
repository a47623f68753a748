"""Random weights and scores for the Monte Carlo analysis (docs/sensitivity.md).

Weights are sampled at both levels of the hierarchy: the dimension shares, and each
dimension's criterion weights (which sum to 1 within the dimension). Around stated
weights w (normalised to sum 1), a level is drawn from Dirichlet(K * w): its mean is w
and the variance of each weight is w (1 - w) / (K + 1), so the concentration K says how
firmly the weights are held. `--uninformed` draws Dirichlet(1, ..., 1), uniform over the
simplex of that level.

Scores are jittered by a normal error whose standard deviation is
(1 - confidence) x SPREAD x range, clipped to the range (the rating scale, a measure's
bounds, or the values observed for an unbounded measure); flags are not jittered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from partnerfit.engine.problem import FLAG, Problem
from partnerfit.engine.scoring import FloatArray
from partnerfit.models import Candidate

DEFAULT_CONCENTRATION = 50.0
"""K of Dirichlet(K * w): a weight of 0.2 varies with a standard deviation of 0.056."""

SPREAD = 0.25
"""Standard deviation of a score's error, per unit of (1 - confidence) and of its range."""

DEFAULT_CONFIDENCE = 0.5
"""Confidence assumed where a score states none (the number for `medium`)."""

MIN_WEIGHT = 1e-12
"""Floor of a sampled weight: Dirichlet draws with small parameters can underflow to 0."""


@dataclass(frozen=True)
class WeightModel:
    dimension_shares: FloatArray
    """(dimensions,): stated shares, summing to 1 (the centre)."""
    within: FloatArray
    """(criteria,): stated weight of each criterion within its dimension."""
    dimension_of: np.ndarray
    concentration: float | None
    """None: uniform over each simplex (uninformed)."""


def _dirichlet(
    rng: np.random.Generator, centre: FloatArray, concentration: float | None, size: int
) -> FloatArray:
    if centre.shape[0] == 1:
        return np.ones((size, 1))
    alpha = np.ones_like(centre) if concentration is None else concentration * centre
    draws = np.maximum(rng.dirichlet(alpha, size=size), MIN_WEIGHT)
    result: FloatArray = draws / draws.sum(axis=1, keepdims=True)
    return result


def sample_weights(
    model: WeightModel, rng: np.random.Generator, size: int
) -> tuple[FloatArray, FloatArray]:
    """(size, dimensions) shares and (size, criteria) within-dimension weights."""
    shares = _dirichlet(rng, model.dimension_shares, model.concentration, size)
    within = np.empty((size, model.within.shape[0]))
    for d in range(model.dimension_shares.shape[0]):
        cols = np.nonzero(model.dimension_of == d)[0]
        centre = model.within[cols] / model.within[cols].sum()
        within[:, cols] = _dirichlet(rng, centre, model.concentration, size)
    return shares, within


@dataclass(frozen=True)
class ScoreModel:
    values: FloatArray
    """(candidates, criteria): the stated values."""
    sd: FloatArray
    """(candidates, criteria): standard deviation of each value's error (0: not jittered)."""
    low: FloatArray
    high: FloatArray
    """(criteria,): where jittered values are clipped."""


def confidences(
    candidates: Sequence[Candidate], criterion_ids: Sequence[str], default: float
) -> FloatArray:
    """(candidates, criteria): each score's confidence as a number in 0..1."""
    from partnerfit.relational import confidence_value

    out = np.full((len(candidates), len(criterion_ids)), default)
    for i, candidate in enumerate(candidates):
        for j, cid in enumerate(criterion_ids):
            score = candidate.scores.get(cid)
            if score is not None and score.confidence is not None:
                out[i, j] = confidence_value(score.confidence)
    return out


def score_model(
    problem: Problem, confidence: FloatArray, positive: np.ndarray | None = None
) -> ScoreModel:
    """The jitter of every criterion value. `positive` marks the criteria that a method
    needing values above 0 scores (weighted_product): where their range starts at 0 or
    below, jittered values are clipped at the smallest value stated instead."""
    k = problem.n_criteria
    values = problem.values[:, :k]
    low = problem.low[:k].copy()
    high = problem.high[:k].copy()
    unbounded = np.isnan(low)
    if unbounded.any():
        with np.errstate(all="ignore"):
            observed_low = np.nanmin(np.where(np.isnan(values), np.inf, values), axis=0)
            observed_high = np.nanmax(np.where(np.isnan(values), -np.inf, values), axis=0)
        low[unbounded] = observed_low[unbounded]
        high[unbounded] = observed_high[unbounded]
    span = np.where(np.isfinite(high - low), high - low, 0.0)
    if positive is not None and positive.any():
        with np.errstate(all="ignore"):
            smallest = np.nanmin(np.where(np.isnan(values), np.inf, values), axis=0)
        floor = positive & ~(low > 0) & np.isfinite(smallest)
        low = np.where(floor, smallest, low)
    sd = (1.0 - confidence) * SPREAD * span[None, :]
    sd = np.where(problem.kind[:k][None, :] == FLAG, 0.0, sd)
    sd = np.where(np.isnan(values), 0.0, sd)
    return ScoreModel(values, sd, low, high)


def sample_scores(model: ScoreModel, rng: np.random.Generator, size: int) -> FloatArray:
    """(size, candidates, criteria): jittered values, NaN where the value is missing."""
    noise = rng.standard_normal((size, *model.values.shape))
    jittered = model.values[None, :, :] + noise * model.sd[None, :, :]
    result: FloatArray = np.clip(jittered, model.low, model.high)
    return result
