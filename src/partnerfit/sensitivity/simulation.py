"""The Monte Carlo loop: blocks of samples through the batched pipeline, and what it counts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from partnerfit.engine.batched import Plan, run_batch, stated_weights
from partnerfit.engine.problem import Problem
from partnerfit.engine.scoring import FloatArray, IntArray
from partnerfit.sensitivity.sampling import (
    ScoreModel,
    WeightModel,
    sample_scores,
    sample_weights,
)

CONFIDENCE_SAMPLES = 2_000
"""Score samples per candidate for its confidence factor (at most `samples`)."""
BLOCK_BYTES = 64 * 2**20
"""Working memory per block of samples (the block size follows from the problem's size)."""
MAX_BLOCK = 2_000


def block_size(problem: Problem, plan_: Plan, jitter: bool) -> int:
    """Samples per block, so that a block's arrays stay within `BLOCK_BYTES`."""
    n = max(1, len(problem.candidate_ids))
    wide = jitter or any(
        sp.scores and (sp.renormalise or sp.worst_filled.any()) for sp in plan_.stages
    )
    per_sample = n * 8 * (6 * max(problem.n_criteria, len(problem.dimension_ids)) if wide else 10)
    return int(max(1, min(MAX_BLOCK, BLOCK_BYTES // per_sample)))


@dataclass(frozen=True)
class Tallies:
    """What the Monte Carlo run counted."""

    ranks: int
    rank_counts: IntArray
    """(candidates, ranks + 1): column 0 counts the samples where it is not ranked."""
    central_shares: FloatArray
    """(candidates, dimensions): mean shares over the samples where it ranks first."""
    central_within: FloatArray
    """(candidates, criteria): mean within-dimension weights over those samples."""
    passed_counts: IntArray
    """(stages, candidates): samples in which it is in the field after each stage."""


def simulate(
    the_plan: Plan,
    *,
    samples: int,
    seed: int,
    weights: WeightModel | None,
    scores: ScoreModel | None,
    block: int,
    progress: Callable[[int], None] | None = None,
) -> Tallies:
    """Run `samples` samples through the pipeline in blocks of `block`; block b draws from
    its own generator, seeded [seed, b] (weights first, then scores)."""
    problem = the_plan.problem
    shares, within = stated_weights(problem)
    n, k = len(problem.candidate_ids), problem.n_criteria
    r = int(the_plan.finalists.sum())
    rank_counts = np.zeros(n * (r + 1), dtype=np.int64)
    first_shares = np.zeros((n, len(shares)))
    first_within = np.zeros((n, k))
    first_counts = np.zeros(n, dtype=np.int64)
    passed_counts = np.zeros((len(the_plan.stages), n), dtype=np.int64)
    unranked_counts = np.zeros(n, dtype=np.int64)
    done = 0
    index = 0
    while done < samples:
        size = min(block, samples - done)
        rng = np.random.default_rng([seed, index])
        if weights is not None:
            w_shares, w_within = sample_weights(weights, rng, size)
        else:
            w_shares = np.broadcast_to(shares, (size, len(shares)))
            w_within = np.broadcast_to(within, (size, k))
        values = sample_scores(scores, rng, size) if scores is not None else None
        outcome = run_batch(the_plan, w_shares, w_within, values)
        ranks = outcome.final_ranks
        # count the ranked entries only (usually few); the rest are unranked (column 0)
        flat = ranks.ravel()
        where = np.flatnonzero(flat)
        candidate = where % n
        rank_counts += np.bincount(candidate * (r + 1) + flat[where], minlength=n * (r + 1))
        unranked_counts += size - np.bincount(candidate, minlength=n)
        # the first-ranked entries (about one per sample): sums of their weights
        firsts = where[flat[where] == 1]
        sample, winner = firsts // n, firsts % n
        first_counts += np.bincount(winner, minlength=n)
        for d in range(first_shares.shape[1]):
            first_shares[:, d] += np.bincount(winner, w_shares[sample, d], minlength=n)
        for c in range(k):
            first_within[:, c] += np.bincount(winner, w_within[sample, c], minlength=n)
        for s_index, passed in enumerate(outcome.passed):
            passed_counts[s_index] += passed.sum(axis=0)
        done += size
        index += 1
        if progress is not None:
            progress(done)
    divisor = np.maximum(first_counts, 1)[:, None]
    counts = rank_counts.reshape(n, r + 1)
    counts[:, 0] = unranked_counts
    return Tallies(
        r,
        counts,
        first_shares / divisor,
        first_within / divisor,
        passed_counts,
    )


def confidence_factors(
    the_plan: Plan,
    first_counts: IntArray,
    central_shares: FloatArray,
    central_within: FloatArray,
    jitter: ScoreModel | None,
    samples: int,
    seed: int,
    block: int,
) -> FloatArray:
    """Share of (score) samples where each candidate ranks first at its central weights."""
    n = first_counts.shape[0]
    factors = np.full(n, np.nan)
    winners = np.nonzero(first_counts > 0)[0]
    if winners.size == 0:
        return factors
    if jitter is None:
        # deterministic scores: one evaluation per candidate, 1 or 0
        for start in range(0, winners.size, block):
            rows = winners[start : start + block]
            outcome = run_batch(the_plan, central_shares[rows], central_within[rows])
            factors[rows] = (outcome.final_ranks[np.arange(rows.size), rows] == 1).astype(float)
        return factors
    size = min(samples, CONFIDENCE_SAMPLES)
    for i in winners:
        hits = 0
        done = 0
        index = 0
        while done < size:
            m = min(block, size - done)
            rng = np.random.default_rng([seed, 1, int(i), index])
            values = sample_scores(jitter, rng, m)
            shares = np.broadcast_to(central_shares[i], (m, central_shares.shape[1]))
            within = np.broadcast_to(central_within[i], (m, central_within.shape[1]))
            outcome = run_batch(the_plan, shares, within, values)
            hits += int((outcome.final_ranks[:, i] == 1).sum())
            done += m
            index += 1
        factors[i] = hits / size
    return factors
