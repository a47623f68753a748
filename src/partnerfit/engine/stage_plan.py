"""What the staged pipeline does regardless of the weights, evaluated once.

Gates and missing-score rules do not depend on weights: the ordinary pipeline, run with
the shortlists lifted and every stage scored by the weighted sum, gives each stage the
candidates eligible for it, the criteria it scores, its fixed normalisation bounds and
its missing-score handling. `engine.batched` runs the weight-dependent rest for many
samples at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from partnerfit.engine.pipeline import run_pipeline
from partnerfit.engine.problem import EXCLUDE, WORST, Problem
from partnerfit.engine.scoring import BoolArray, FloatArray, IntArray
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
    incomplete: dict[str, tuple[int, ...]]
    """Stage id -> candidates (rows) that pass the earlier stages' gates but lack scores
    this stage needs: incomplete in every sample in which they reach it."""

    @property
    def finalists(self) -> BoolArray:
        """Candidates that can be ranked in some sample: they pass every gate and have the
        scores every stage needs."""
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
    # eligibility does not depend on the method: score every stage with the weighted sum,
    # so that a method cannot fail on a candidate that no sample brings to its stage
    lifted = [
        s.model_copy(
            update={"shortlist": None, "method": "weighted_sum", "normalization": None, "v": None}
        )
        if s.scores
        else s
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
    incomplete: dict[str, list[int]] = {}
    for row, reasons in sorted(outcome.reasons.items()):
        for reason in reasons:
            if reason.code in ("missing_scores", "no_scores"):
                incomplete.setdefault(reason.stage, []).append(row)
    return Plan(
        problem,
        tuple(plans),
        {sp.stage.id: tuple(incomplete[sp.stage.id]) for sp in plans if sp.stage.id in incomplete},
    )


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
