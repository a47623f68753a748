"""`analyse()`: stochastic multicriteria acceptability analysis (SMAA-2) of a staged pipeline.

Monte Carlo samples of the weights (and optionally of the scores) are run through the
whole pipeline, block by block; per candidate we count how often it takes each rank, its
mean weights when it ranks first, and how often it passes each stage. See
docs/sensitivity.md for the definitions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from partnerfit.engine.batched import Plan, plan, stated_weights
from partnerfit.engine.problem import Problem
from partnerfit.engine.scoring import IntArray
from partnerfit.inputs import CandidatePool
from partnerfit.models import Candidate
from partnerfit.sensitivity.results import (
    CandidateSensitivity,
    CentralWeights,
    CriticalWeight,
    SensitivityResult,
    Settings,
    Verdict,
)
from partnerfit.sensitivity.sampling import (
    DEFAULT_CONCENTRATION,
    DEFAULT_CONFIDENCE,
    SPREAD,
    ScoreModel,
    WeightModel,
    confidences,
    score_model,
)
from partnerfit.sensitivity.simulation import (
    CONFIDENCE_SAMPLES,
    Tallies,
    block_size,
    confidence_factors,
    simulate,
)

DEFAULT_SAMPLES = 10_000
MAX_SAMPLES = 1_000_000
DEFAULT_SEED = 2026
MAX_SEED = 2**32 - 1
MAX_CONCENTRATION = 1e6

VERDICTS: tuple[tuple[float, str], ...] = (
    (0.9, "stable"),
    (0.7, "fairly_stable"),
    (0.5, "contested"),
    (0.0, "unstable"),
)
"""Verdict on the top candidate by its first-rank acceptability: the first threshold met."""


def validate_options(
    samples: int,
    seed: int,
    concentration: float | None,
    uninformed: bool,
    weights: bool,
    scores: bool = False,
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
    if not weights and not scores:
        raise ValueError("nothing to vary: --no-weights needs --scores")


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
    validate_options(samples, seed, concentration, uninformed, weights, scores)
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
    conf_factor = confidence_factors(
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


def _band(counts: IntArray) -> tuple[int, int]:
    """5th and 95th percentiles of a rank histogram (inverted CDF: actual ranks)."""
    cdf = np.cumsum(counts) / counts.sum()
    low = int(np.searchsorted(cdf, 0.05 - 1e-12)) + 1
    high = int(np.searchsorted(cdf, 0.95 - 1e-12)) + 1
    return low, high


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


__all__ = [
    "CONFIDENCE_SAMPLES",
    "DEFAULT_SAMPLES",
    "DEFAULT_SEED",
    "MAX_CONCENTRATION",
    "MAX_SAMPLES",
    "MAX_SEED",
    "VERDICTS",
    "CandidateSensitivity",
    "CentralWeights",
    "CriticalWeight",
    "SensitivityResult",
    "Settings",
    "Tallies",
    "Verdict",
    "analyse",
    "block_size",
    "jitter_model",
    "simulate",
    "validate_options",
]
