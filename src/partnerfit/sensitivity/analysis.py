"""`analyse()`: stochastic multicriteria acceptability analysis (SMAA-2) of a staged pipeline.

Monte Carlo samples of the weights (and optionally of the scores) are run through the
whole pipeline, block by block; per candidate we count how often it takes each rank, its
mean weights when it ranks first, and how often it passes each stage. See
docs/sensitivity.md for the definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from partnerfit.engine.batched import Plan, plan, run_batch, stated_weights
from partnerfit.engine.problem import Problem
from partnerfit.engine.scoring import FloatArray, IntArray
from partnerfit.inputs import CandidatePool
from partnerfit.models import Candidate
from partnerfit.sensitivity.sampling import (
    DEFAULT_CONCENTRATION,
    DEFAULT_CONFIDENCE,
    SPREAD,
    ScoreModel,
    WeightModel,
    confidences,
    sample_scores,
    sample_weights,
    score_model,
)

DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 1_000_000
DEFAULT_SEED = 2026
MAX_SEED = 2**32 - 1
MAX_CONCENTRATION = 1e6
CONFIDENCE_SAMPLES = 2_000
"""Score samples per candidate for its confidence factor (at most `samples`)."""
BLOCK_BYTES = 64 * 2**20
"""Working memory per block of samples (the block size follows from the problem's size)."""
MAX_BLOCK = 2_000

VERDICTS: tuple[tuple[float, str], ...] = (
    (0.9, "stable"),
    (0.7, "fairly_stable"),
    (0.5, "contested"),
    (0.0, "unstable"),
)
"""Verdict on the top candidate by its first-rank acceptability: the first threshold met."""


@dataclass(frozen=True)
class Settings:
    samples: int
    seed: int
    weights: bool
    """Weights were sampled."""
    scores: bool
    """Scores were jittered."""
    concentration: float | None
    """Dirichlet concentration K; None with `uninformed` or when weights are not sampled."""
    uninformed: bool
    spread: float
    default_confidence: float
    block_size: int
    """Samples per block; each block draws from its own generator, seeded [seed, block]."""


@dataclass(frozen=True)
class CentralWeights:
    dimensions: dict[str, float]
    """Mean dimension shares over the samples where the candidate ranks first."""
    criteria: dict[str, float]
    """Mean weight of each criterion within its dimension over those samples."""


@dataclass(frozen=True)
class CandidateSensitivity:
    id: str
    name: str
    nominal_rank: int | None
    """Rank at the stated weights and scores (None: not ranked)."""
    rank_acceptability: tuple[float, ...]
    """Share of samples in which the candidate takes rank 1, 2, ... (`ranks` entries)."""
    unranked: float
    """Share of samples in which it is not ranked (left at a shortlist or a gate);
    with `rank_acceptability` it sums to 1."""
    mean_rank: float | None
    """Mean rank over the samples in which it is ranked."""
    rank_band: tuple[int, int] | None
    """5th and 95th percentiles of its rank over the samples in which it is ranked."""
    stages: dict[str, float]
    """Share of samples in which it is still in the field after each stage."""
    central_weights: CentralWeights | None
    """None when it never ranks first."""
    confidence: float | None
    """Share of samples in which it ranks first when scored at its central weights."""

    @property
    def first_rank(self) -> float:
        return self.rank_acceptability[0] if self.rank_acceptability else 0.0


@dataclass(frozen=True)
class Verdict:
    candidate: str
    """The top candidate at the stated weights."""
    label: str
    """stable, fairly_stable, contested or unstable (see `VERDICTS`)."""
    first_rank: float
    challenger: str | None
    """The other candidate that ranks first most often (None: no other ever does)."""
    challenger_first_rank: float


@dataclass(frozen=True)
class CriticalWeight:
    scope: str
    """dimension or criterion."""
    id: str
    weight: float
    """The stated weight: a dimension's share, or a criterion's weight within its dimension."""
    critical_weight: float | None
    """The nearest weight at which another candidate ties for first; beyond it that
    candidate leads. None when no weight in 0..1 changes the leader."""
    change: float | None
    """critical_weight - weight."""
    new_leader: str | None
    method: str
    """exact (linear crossing), bisection (on the pipeline), none (no change found) or
    fixed (the only item of its level: its weight cannot change)."""


@dataclass(frozen=True)
class SensitivityResult:
    criteria_id: str
    criteria_name: str | None
    criteria_version: str | None
    criteria_path: str | None
    candidates_path: str
    settings: Settings
    stage_ids: tuple[str, ...]
    dimension_ids: tuple[str, ...]
    criterion_ids: tuple[str, ...]
    stated_dimension_weights: dict[str, float]
    stated_criterion_weights: dict[str, float]
    """Within-dimension weights."""
    ranks: int
    """Number of rank columns: the candidates that can be ranked in some sample (they pass
    every gate and have the scores of every stage)."""
    candidate_ids: tuple[str, ...]
    """In the order of the nominal ranking (as `evaluate` lists them)."""
    rank_acceptability: FloatArray
    """(candidates, ranks): row i is `candidates[i].rank_acceptability`."""
    candidates: tuple[CandidateSensitivity, ...]
    verdict: Verdict | None
    critical_weights: tuple[CriticalWeight, ...]
    warnings: tuple[str, ...]

    @property
    def samples(self) -> int:
        return self.settings.samples

    @property
    def seed(self) -> int:
        return self.settings.seed


def validate_options(
    samples: int, seed: int, concentration: float | None, uninformed: bool, weights: bool
) -> None:
    """Raise ValueError naming the limit that an option breaks."""
    if not 1 <= samples <= MAX_SAMPLES:
        raise ValueError(f"--samples must be between 1 and {MAX_SAMPLES}, got {samples}")
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"--seed must be between 0 and {MAX_SEED}, got {seed}")
    if concentration is not None:
        if not np.isfinite(concentration) or not 0 < concentration <= MAX_CONCENTRATION:
            raise ValueError(
                f"--concentration must be above 0 and at most {MAX_CONCENTRATION:g}, "
                f"got {concentration:g}"
            )
        if uninformed:
            raise ValueError("--concentration and --uninformed exclude each other")
    if (concentration is not None or uninformed) and not weights:
        raise ValueError("--concentration and --uninformed apply to weight sampling (--weights)")


def jitter_model(the_plan: Plan, candidates: Sequence[Candidate]) -> ScoreModel:
    """The score uncertainty of a plan's candidates (docs/sensitivity.md)."""
    problem = the_plan.problem
    k = problem.n_criteria
    conf = confidences(candidates, problem.item_ids[:k], DEFAULT_CONFIDENCE)
    positive = np.zeros(k, dtype=bool)
    for sp in the_plan.stages:
        if sp.scores and sp.stage.scoring_method == "weighted_product":
            positive[sp.columns] = True
    return score_model(problem, conf, positive)


def block_size(problem: Problem, plan_: Plan, jitter: bool) -> int:
    """Samples per block, so that a block's arrays stay within `BLOCK_BYTES`."""
    n = max(1, len(problem.candidate_ids))
    wide = jitter or any(
        sp.scores and (sp.renormalise or sp.worst_filled.any()) for sp in plan_.stages
    )
    per_sample = n * 8 * (6 * max(problem.n_criteria, len(problem.dimension_ids)) if wide else 10)
    return int(max(1, min(MAX_BLOCK, BLOCK_BYTES // per_sample)))


def analyse(
    pool: CandidatePool,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = DEFAULT_SEED,
    concentration: float | None = None,
    uninformed: bool = False,
    weights: bool = True,
    scores: bool = False,
    critical: bool = True,
    critical_criteria: bool = False,
    progress: Callable[[int], None] | None = None,
) -> SensitivityResult:
    """Monte Carlo sensitivity of the ranking to the weights and/or the scores.

    Raises ValueError for options out of range (the message names the limit),
    `partnerfit.engine.batched.UnsupportedError` for data-derived weights and
    `partnerfit.engine.methods.ScoringError` when a method cannot score a sample.
    `progress` is called with the number of samples done after each block.
    """
    validate_options(samples, seed, concentration, uninformed, weights)
    if not weights and not scores:
        raise ValueError("nothing to vary: give --weights, --scores or both")
    from partnerfit.evaluation import evaluate

    problem = Problem.build(pool.criteria, pool.candidates)
    stages = pool.criteria.stages
    the_plan = plan(problem, stages)
    nominal = evaluate(pool)
    k = problem.n_criteria
    criterion_ids = problem.item_ids[:k]
    shares, within = stated_weights(problem)
    model = WeightModel(
        shares,
        within,
        problem.dimension_of,
        None if uninformed else (concentration or DEFAULT_CONCENTRATION),
    )
    jitter: ScoreModel | None = None
    if scores:
        jitter = jitter_model(the_plan, pool.candidates)
    block = block_size(problem, the_plan, scores)
    tallies = simulate(
        the_plan,
        samples=samples,
        seed=seed,
        weights=model if weights else None,
        scores=jitter,
        block=block,
        progress=progress,
    )
    n = len(problem.candidate_ids)
    r = tallies.ranks
    counts = tallies.rank_counts
    first_counts = counts[:, 1] if r else np.zeros(n, dtype=np.int64)
    central_shares = tallies.central_shares
    central_within = tallies.central_within
    passed_counts = tallies.passed_counts
    conf_factor = _confidence_factors(
        the_plan, first_counts, central_shares, central_within, jitter, samples, seed, block
    )
    order = [problem.candidate_ids.index(c.id) for c in nominal.candidates]
    by_id = {c.id: c for c in nominal.candidates}
    results = []
    for i in order:
        cid = problem.candidate_ids[i]
        row = counts[i] / samples
        ranked = counts[i, 1:].sum()
        central = None
        if first_counts[i] > 0:
            central = CentralWeights(
                dict(zip(problem.dimension_ids, map(float, central_shares[i]), strict=True)),
                dict(zip(criterion_ids, map(float, central_within[i]), strict=True)),
            )
        results.append(
            CandidateSensitivity(
                id=cid,
                name=by_id[cid].name,
                nominal_rank=by_id[cid].rank,
                rank_acceptability=tuple(float(x) for x in row[1:]),
                unranked=float(row[0]),
                mean_rank=float((counts[i, 1:] * np.arange(1, r + 1)).sum() / ranked)
                if ranked
                else None,
                rank_band=_band(counts[i, 1:]) if ranked else None,
                stages={
                    sp.stage.id: float(passed_counts[s, i] / samples)
                    for s, sp in enumerate(the_plan.stages)
                },
                central_weights=central,
                confidence=None if np.isnan(conf_factor[i]) else float(conf_factor[i]),
            )
        )
    acceptability = np.array([c.rank_acceptability for c in results]).reshape(n, r)
    verdict = _verdict(results)
    critical_weights: tuple[CriticalWeight, ...] = ()
    if critical:
        from partnerfit.sensitivity.critical import critical_weights as find_critical

        critical_weights = find_critical(the_plan, criteria=critical_criteria)
    return SensitivityResult(
        criteria_id=nominal.criteria_id,
        criteria_name=nominal.criteria_name,
        criteria_version=nominal.criteria_version,
        criteria_path=nominal.criteria_path,
        candidates_path=nominal.candidates_path,
        settings=Settings(
            samples=samples,
            seed=seed,
            weights=weights,
            scores=scores,
            concentration=model.concentration if weights else None,
            uninformed=uninformed,
            spread=SPREAD,
            default_confidence=DEFAULT_CONFIDENCE,
            block_size=block,
        ),
        stage_ids=tuple(sp.stage.id for sp in the_plan.stages),
        dimension_ids=problem.dimension_ids,
        criterion_ids=criterion_ids,
        stated_dimension_weights=dict(zip(problem.dimension_ids, map(float, shares), strict=True)),
        stated_criterion_weights=dict(zip(criterion_ids, map(float, within), strict=True)),
        ranks=r,
        candidate_ids=tuple(c.id for c in results),
        rank_acceptability=acceptability,
        candidates=tuple(results),
        verdict=verdict,
        critical_weights=critical_weights,
        warnings=_warnings(the_plan, passed_counts, samples),
    )


def _warnings(the_plan: Plan, passed_counts: IntArray, samples: int) -> tuple[str, ...]:
    """Candidates that reached a stage in some samples without the scores it needs."""
    ids = the_plan.problem.candidate_ids
    out = []
    for s_index, sp in enumerate(the_plan.stages):
        if s_index == 0:
            continue
        for i in the_plan.incomplete.get(sp.stage.id, ()):
            reached = int(passed_counts[s_index - 1, i])
            if reached:
                out.append(
                    f"{ids[i]} reached stage '{sp.stage.id}' in {reached / samples:.1%} of the "
                    "samples without the scores it needs there, so was left unranked in them"
                )
    return tuple(out)


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
        first = ranks == 1
        first_counts += first.sum(axis=0)
        first_f = first.astype(np.float64)
        first_shares += first_f.T @ w_shares
        first_within += first_f.T @ w_within
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


def _band(counts: IntArray) -> tuple[int, int]:
    """5th and 95th percentiles of a rank histogram (inverted CDF: actual ranks)."""
    cdf = np.cumsum(counts) / counts.sum()
    low = int(np.searchsorted(cdf, 0.05 - 1e-12)) + 1
    high = int(np.searchsorted(cdf, 0.95 - 1e-12)) + 1
    return low, high


def _confidence_factors(
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


def _verdict(results: list[CandidateSensitivity]) -> Verdict | None:
    top = next((c for c in results if c.nominal_rank == 1), None)
    if top is None:
        return None
    label = next(name for threshold, name in VERDICTS if top.first_rank >= threshold)
    others = [c for c in results if c.id != top.id and c.first_rank > 0]
    challenger = max(others, key=lambda c: c.first_rank, default=None)
    return Verdict(
        candidate=top.id,
        label=label,
        first_rank=top.first_rank,
        challenger=challenger.id if challenger else None,
        challenger_first_rank=challenger.first_rank if challenger else 0.0,
    )
