"""`explain`: one candidate's path through the stages, what its total is made of, how it
stands against the field, and what separates it from another candidate.

Built from the plain result objects of `evaluate()` (no second run of the engine):

* the **path** lists every stage the candidate entered: each gate with the value tested
  and the rule, each scoring stage's score, the candidate's rank among the candidates
  scored there (competition ranking of the stage scores, as the engine ranks) and
  whether the shortlist kept it, and the reasons it stopped;
* the **breakdown** is taken at the last stage that scored the candidate: for each of that
  stage's criteria, the effective weight, the normalised score (0..100) and their product,
  the contribution. Under the weighted sum the contributions add up to the stage total.
  The other methods are not additive: the same products are then the weighted-sum view of
  the candidate's scores (their sum is what the weighted sum would have given), shown
  beside the method's own total and labelled as such;
* the **field** at that stage is every candidate scored there; per criterion its mean and
  median normalised score, and the candidate's *edge* = weight x (score - field mean),
  in points of the total: the edges add up to the candidate's breakdown total minus the
  field's mean breakdown total (when nothing is skipped);
* **versus** another candidate compares the two at the last stage that scored both: the
  per-criterion contribution differences, which add up to the difference of the two
  breakdown totals, ordered by size.

Numbers of a candidate that went beyond a stage are carried back to that stage: a
criterion's normalised score is the same in every stage unless it is a measure normalised
over the field (min-max), whose bounds per stage are in the stage summary; its weight is
the stage's effective weight (renormalised over the present criteria when some are
skipped, as the engine does).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from partnerfit.engine.pipeline import Reason
from partnerfit.evaluation import (
    CandidateResult,
    CriterionScore,
    Evaluation,
    GateCheck,
    StageSummary,
)
from partnerfit.models import Shortlist

FIELD_POINTS = 3
"""How many strongest and weakest points are listed."""

ADDITIVE_METHODS = ("weighted_sum",)


class UnknownCandidate(Exception):
    """An id names no candidate of the evaluation."""

    def __init__(self, candidate_id: str, known: list[str]) -> None:
        by_case = {k.casefold(): k for k in known}
        close = difflib.get_close_matches(candidate_id.casefold(), list(by_case), n=1)
        hint = f" (did you mean '{by_case[close[0]]}'?)" if close else ""
        super().__init__(f"no candidate with id '{candidate_id}'{hint}")


class NoCommonStage(Exception):
    """Two candidates were never scored in the same stage."""


@dataclass(frozen=True)
class StageStep:
    stage: str
    name: str | None
    method: str | None
    """None for a stage of gates alone."""
    gates: tuple[GateCheck, ...]
    score: float | None
    rank: int | None
    """Among the `field` candidates scored in this stage."""
    field: int
    shortlist: Shortlist | None
    outcome: str
    """passed | eliminated | incomplete: how the candidate left the stage."""
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Contribution:
    criterion: str
    dimension: str
    raw: bool | float | None
    normalised: float | None
    """0..100 at the breakdown stage; None when skipped."""
    weight: float
    """Effective weight at the breakdown stage (0 when skipped)."""
    contribution: float
    """weight x normalised (0 when skipped)."""
    handling: str


@dataclass(frozen=True)
class DimensionPart:
    dimension: str
    label: str
    weight: float
    """Sum of its criteria's effective weights."""
    score: float | None
    """Weighted mean of its criteria's normalised scores."""
    contribution: float


@dataclass(frozen=True)
class FieldPoint:
    criterion: str
    dimension: str
    normalised: float
    field_mean: float
    field_median: float
    weight: float
    edge: float
    """weight x (normalised - field_mean), in points of the total."""


@dataclass(frozen=True)
class GapPart:
    criterion: str
    dimension: str
    normalised: float | None
    other_normalised: float | None
    contribution: float
    other_contribution: float
    difference: float


@dataclass(frozen=True)
class Versus:
    other: CandidateResult
    stage: str
    method: str | None
    score: float
    other_score: float
    """The two stage scores (the method's own)."""
    breakdown_total: float
    other_breakdown_total: float
    difference: float
    """breakdown_total - other_breakdown_total: the sum of the parts."""
    parts: tuple[GapPart, ...]
    """Largest absolute difference first, ties by criterion id."""
    dimensions: tuple[tuple[str, float], ...]
    """(dimension, difference) in the set's order."""


@dataclass(frozen=True)
class Explanation:
    candidate: CandidateResult
    path: tuple[StageStep, ...]
    stage: str | None
    """The breakdown stage: the last that scored the candidate (None if none did)."""
    method: str | None
    additive: bool
    """The method's total is the sum of the contributions (weighted sum)."""
    score: float | None
    """The candidate's score in that stage (the method's own)."""
    breakdown_total: float | None
    """Sum of the contributions (equals `score` when additive, to rounding)."""
    dimensions: tuple[DimensionPart, ...]
    contributions: tuple[Contribution, ...]
    field_size: int
    field: tuple[FieldPoint, ...]
    """Every criterion of the breakdown with a normalised score, in the set's order."""
    strongest: tuple[FieldPoint, ...]
    weakest: tuple[FieldPoint, ...]
    versus: Versus | None


def find_candidate(evaluation: Evaluation, candidate_id: str) -> CandidateResult:
    try:
        return evaluation.candidate(candidate_id)
    except KeyError:
        raise UnknownCandidate(candidate_id, [c.id for c in evaluation.candidates]) from None


def stage_rank(evaluation: Evaluation, stage: str, score: float) -> int:
    """Competition rank (1, 2, 2, 4) of `score` among the stage scores of `stage`."""
    scores = np.array(
        [c.stage_scores[stage] for c in evaluation.candidates if stage in c.stage_scores]
    )
    return int((scores > score).sum()) + 1


def _path(evaluation: Evaluation, c: CandidateResult) -> tuple[StageStep, ...]:
    steps = []
    for s in evaluation.stages:
        score = c.stage_scores.get(s.id)
        last = s.id == c.stage_reached
        outcome = c.status if last and c.status != "ranked" else "passed"
        steps.append(
            StageStep(
                stage=s.id,
                name=s.name,
                method=s.method,
                gates=tuple(g for g in c.gates if g.stage == s.id),
                score=score,
                rank=None if score is None else stage_rank(evaluation, s.id, score),
                field=sum(1 for o in evaluation.candidates if s.id in o.stage_scores),
                shortlist=s.shortlist,
                outcome=outcome,
                reasons=tuple(r for r in c.reasons if r.stage == s.id),
            )
        )
        if last:
            break
    return tuple(steps)


def _stage(evaluation: Evaluation, stage_id: str) -> StageSummary:
    return next(s for s in evaluation.stages if s.id == stage_id)


def contributions_at(
    evaluation: Evaluation,
    candidate: CandidateResult,
    stage_id: str,
    benefit: Mapping[str, bool],
) -> tuple[Contribution, ...]:
    """The candidate's per-criterion numbers in a stage that scored it.

    Exact (the engine's own numbers) in the candidate's last stage for each criterion;
    carried back to an earlier stage by the stage's bounds and weights otherwise.
    `benefit` gives each criterion's direction (False for cost), needed only to
    re-normalise a field-normalised measure at an earlier stage's bounds."""
    stage = _stage(evaluation, stage_id)
    by_id = {s.id: s for s in candidate.criteria}
    scores = [by_id[cid] for cid in stage.criterion_weights]
    skipped = {s.id for s in scores if s.handling == "skipped"}
    weights = _weights(stage, scores, skipped)
    parts = []
    for s in scores:
        contribution: float | None
        if s.stage == stage_id and s.handling != "skipped":
            normalised, weight, contribution = s.normalised, s.weight or 0.0, s.contribution
        else:
            normalised, weight = _carry_back(evaluation, stage, s, benefit), weights[s.id]
            contribution = None
        if contribution is None:  # carried back, or a method whose totals are not additive
            contribution = 0.0 if normalised is None else weight * normalised
        parts.append(
            Contribution(s.id, s.dimension, s.raw, normalised, weight, contribution, s.handling)
        )
    return tuple(parts)


def _weights(
    stage: StageSummary, scores: list[CriterionScore], skipped: set[str]
) -> dict[str, float]:
    """Effective weights in `stage`, renormalised over the present criteria and dimensions
    (the engine's rule for `missing: skip`; the stated ones when nothing is skipped)."""
    if not skipped:
        return dict(stage.criterion_weights)
    dims = stage.dimension_weights
    # within-dimension weight of each criterion = its effective weight / its dimension's
    within = {s.id: stage.criterion_weights[s.id] / dims[s.dimension] for s in scores}
    present_within: dict[str, float] = {}
    for s in scores:
        if s.id not in skipped:
            present_within[s.dimension] = present_within.get(s.dimension, 0.0) + within[s.id]
    share = sum(dims[d] for d in present_within)
    return {
        s.id: 0.0
        if s.id in skipped
        else dims[s.dimension] / share * within[s.id] / present_within[s.dimension]
        for s in scores
    }


def _carry_back(
    evaluation: Evaluation,
    stage: StageSummary,
    score: CriterionScore,
    benefit: Mapping[str, bool],
) -> float | None:
    if score.handling == "skipped":
        return None
    if score.handling == "worst":
        return 0.0
    if score.normalised is None or score.stage is None:
        return score.normalised
    here = stage.bounds.get(score.id)
    there = _stage(evaluation, score.stage).bounds.get(score.id)
    if here is None or here == there or not isinstance(score.raw, (int, float)):
        return score.normalised  # a fixed normalisation: the same number in every stage
    low, high = here
    if high <= low:
        return 50.0  # no spread in that stage's field (CONSTANT_SCORE)
    value = (min(max(float(score.raw), low), high) - low) / (high - low) * 100.0
    return value if benefit.get(score.id, True) else 100.0 - value


def _dimension_parts(
    evaluation: Evaluation, parts: tuple[Contribution, ...]
) -> tuple[DimensionPart, ...]:
    out = []
    for d in evaluation.dimension_ids:
        mine = [p for p in parts if p.dimension == d]
        if not mine:
            continue
        weight = sum(p.weight for p in mine)
        contribution = sum(p.contribution for p in mine)
        out.append(
            DimensionPart(
                d,
                evaluation.dimension_labels.get(d, d),
                weight,
                contribution / weight if weight > 0 else None,
                contribution,
            )
        )
    return tuple(out)


def _field_points(
    evaluation: Evaluation,
    candidate: CandidateResult,
    stage_id: str,
    parts: tuple[Contribution, ...],
    benefit: Mapping[str, bool],
) -> tuple[int, tuple[FieldPoint, ...]]:
    members = [c for c in evaluation.candidates if stage_id in c.stage_scores]
    ids = [p.criterion for p in parts]
    matrix = np.array(
        [
            [np.nan if p.normalised is None else p.normalised for p in parts]
            if m.id == candidate.id
            else [
                np.nan if p.normalised is None else p.normalised
                for p in contributions_at(evaluation, m, stage_id, benefit)
            ]
            for m in members
        ],
        dtype=float,
    ).reshape(len(members), len(ids))
    counted = (~np.isnan(matrix)).sum(axis=0)
    safe = np.where(np.isnan(matrix), 0.0, matrix)
    means = safe.sum(axis=0) / np.maximum(counted, 1)
    medians = [
        float(np.median(matrix[~np.isnan(matrix[:, j]), j])) if counted[j] else np.nan
        for j in range(len(ids))
    ]
    points = []
    for j, p in enumerate(parts):
        if p.normalised is None or not counted[j]:
            continue
        mean = float(means[j])
        points.append(
            FieldPoint(
                p.criterion,
                p.dimension,
                p.normalised,
                mean,
                medians[j],
                p.weight,
                p.weight * (p.normalised - mean),
            )
        )
    return len(members), tuple(points)


def _versus(
    evaluation: Evaluation,
    candidate: CandidateResult,
    other: CandidateResult,
    benefit: Mapping[str, bool],
) -> Versus:
    common = [
        s.id
        for s in evaluation.stages
        if s.id in candidate.stage_scores and s.id in other.stage_scores
    ]
    if not common:
        raise NoCommonStage(
            f"'{candidate.id}' and '{other.id}' were never scored in the same stage "
            f"(they stopped at {candidate.stage_reached} and {other.stage_reached})"
        )
    stage_id = common[-1]
    mine = contributions_at(evaluation, candidate, stage_id, benefit)
    theirs = contributions_at(evaluation, other, stage_id, benefit)
    parts = [
        GapPart(
            a.criterion,
            a.dimension,
            a.normalised,
            b.normalised,
            a.contribution,
            b.contribution,
            a.contribution - b.contribution,
        )
        for a, b in zip(mine, theirs, strict=True)
    ]
    parts.sort(key=lambda p: (-abs(p.difference), p.criterion))
    dims = [
        (d, sum(p.difference for p in parts if p.dimension == d))
        for d in evaluation.dimension_ids
        if any(p.dimension == d for p in parts)
    ]
    total = sum(p.contribution for p in mine)
    other_total = sum(p.contribution for p in theirs)
    return Versus(
        other=other,
        stage=stage_id,
        method=_stage(evaluation, stage_id).method,
        score=candidate.stage_scores[stage_id],
        other_score=other.stage_scores[stage_id],
        breakdown_total=total,
        other_breakdown_total=other_total,
        difference=total - other_total,
        parts=tuple(parts),
        dimensions=tuple(dims),
    )


def explain(
    evaluation: Evaluation,
    candidate_id: str,
    *,
    versus: str | None = None,
    benefit: Mapping[str, bool] | None = None,
) -> Explanation:
    """Explain one candidate of an evaluation (and compare it with `versus`).

    Raises `UnknownCandidate` for an id not in the evaluation, `NoCommonStage` when
    the two candidates were never scored in the same stage."""
    directions = benefit or {}
    candidate = find_candidate(evaluation, candidate_id)
    other = find_candidate(evaluation, versus) if versus is not None else None
    path = _path(evaluation, candidate)
    scored = [s.id for s in evaluation.stages if s.id in candidate.stage_scores]
    stage_id = scored[-1] if scored else None
    parts: tuple[Contribution, ...] = ()
    points: tuple[FieldPoint, ...] = ()
    field_size = 0
    method = None
    if stage_id is not None:
        method = _stage(evaluation, stage_id).method
        parts = contributions_at(evaluation, candidate, stage_id, directions)
        field_size, points = _field_points(evaluation, candidate, stage_id, parts, directions)
    ahead = sorted((p for p in points if p.edge > 0), key=lambda p: (-p.edge, p.criterion))
    behind = sorted((p for p in points if p.edge < 0), key=lambda p: (p.edge, p.criterion))
    return Explanation(
        candidate=candidate,
        path=path,
        stage=stage_id,
        method=method,
        additive=method in ADDITIVE_METHODS,
        score=candidate.stage_scores.get(stage_id) if stage_id else None,
        breakdown_total=sum(p.contribution for p in parts) if stage_id else None,
        dimensions=_dimension_parts(evaluation, parts),
        contributions=parts,
        field_size=field_size,
        field=points,
        strongest=tuple(ahead[:FIELD_POINTS]),
        weakest=tuple(behind[:FIELD_POINTS]),
        versus=None if other is None else _versus(evaluation, candidate, other, directions),
    )
